// `lodestone worker`: takes articles queued by `lodestone ingest --queue` from the shared queue, analyses and
// stores them, and marks each job done (or failed with its error). Several workers, on one machine or several
// sharing one PostgreSQL database, each take different jobs (the store leases them with FOR UPDATE SKIP
// LOCKED); a worker that dies leaves its job to be handed out again when the lease runs out.
import os from 'node:os';
import type { Command } from 'commander';
import type { SourceItem } from '../ingest/index.js';
import { InputError } from '../input.js';
import { Progress, formatCount, formatRate } from './progress.js';
import { dbOption, nonNegativeNumber, positiveInt } from './query.js';
import { failedPhrase, databasePhrase, tallyStatus } from './ingest.js';
import { openDatabase, processItem, Tally, countsAndClose } from '../corpus/index.js';

export const WORKER_RULES = {
  /** Seconds between two looks at an empty queue. */
  pollSeconds: 2,
  /** Database errors in a row (claim or complete failing) after which the worker gives up. */
  errorsInARow: 5,
} as const;

interface WorkerOptions {
  db?: string;
  once?: boolean;
  idleExit?: number;
  poll?: number;
  name?: string;
  json?: boolean;
  progressEvery?: number;
}

function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0]!.trim();
}

/** A queued payload back to an item; a payload that is not one is an error for its job, not for the worker. */
export function payloadItem(payload: string): SourceItem | string {
  let x: unknown;
  try {
    x = JSON.parse(payload);
  } catch {
    return 'the job payload is not JSON (was it queued by `lodestone ingest --queue`?)';
  }
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return 'the job payload is not a JSON object';
  const o = x as Record<string, unknown>;
  if (typeof o['source'] !== 'string') return 'the job payload has no "source"';
  if (typeof o['text'] !== 'string' && typeof o['html'] !== 'string') return 'the job payload has no "text" or "html"';
  const str = (k: string): string | null => (typeof o[k] === 'string' ? (o[k] as string) : null);
  return {
    ...(typeof o['id'] === 'string' ? { id: o['id'] } : {}),
    url: str('url'),
    title: str('title'),
    byline: str('byline'),
    published: str('published'),
    source: o['source'] as string,
    outlet: str('outlet'),
    ...(typeof o['text'] === 'string' ? { text: o['text'] } : {}),
    ...(typeof o['html'] === 'string' ? { html: o['html'] } : {}),
  };
}

function sleep(ms: number, wake: { fn: (() => void) | null }): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(() => { wake.fn = null; resolve(); }, ms);
    wake.fn = () => { clearTimeout(t); wake.fn = null; resolve(); };
  });
}

async function runWorker(o: WorkerOptions): Promise<void> {
  const started = Date.now();
  // a worker on a SQLite path nobody queued into would wait forever on a new, empty database
  const { store, target } = await openDatabase(o.db, { mustExist: true });
  const name = o.name ?? `${os.hostname()}:${process.pid}`;
  const tally = new Tally();
  const progress = new Progress({ label: 'worker', ...(o.progressEvery ? { every: o.progressEvery } : {}) });
  const pollMs = Math.max(50, (o.poll ?? WORKER_RULES.pollSeconds) * 1000);
  const wake: { fn: (() => void) | null } = { fn: null };
  let stopping = false;
  const onSignal = () => {
    if (stopping) process.exit(130);
    stopping = true;
    progress.log('worker: stopping after the current job (press Ctrl-C again to quit at once)');
    wake.fn?.();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  let jobs = 0;
  let aborted: string | null = null;
  let errorsInARow = 0;
  let idleSince = Date.now();
  try {
    try {
      const c = await store.counts();
      progress.setTotal(c.queued + c.running);
    } catch { /* the bar is a nicety */ }
    while (!stopping) {
      let job;
      try {
        job = await store.claim(name);
      } catch (err) {
        if (++errorsInARow >= WORKER_RULES.errorsInARow) { aborted = `the queue cannot be read (${firstLine(err)})`; break; }
        await sleep(pollMs, wake);
        continue;
      }
      if (!job) {
        if (o.once) break;
        if (o.idleExit !== undefined && Date.now() - idleSince >= o.idleExit * 1000) break;
        await sleep(o.idleExit !== undefined ? Math.min(pollMs, Math.max(50, o.idleExit * 1000 - (Date.now() - idleSince))) : pollMs, wake);
        continue;
      }
      jobs++;
      let error: string | undefined;
      const item = payloadItem(job.payload);
      if (typeof item === 'string') {
        error = `job ${job.id}: ${item}`;
        tally.fail(`job ${job.id}`, 'bad_job', error);
      } else {
        tally.read++;
        try {
          const outcome = await processItem(store, item, {});
          tally.outcome(outcome, item.url ?? item.source);
          if (outcome.status === 'failed') error = outcome.error;
        } catch (err) {
          error = `${item.url ?? item.source}: not stored (${firstLine(err)})`;
          tally.fail(item.url ?? item.source, 'store', error);
        }
      }
      if (error) progress.log(`worker: ${error}`);
      try {
        await store.complete(job.id, error);
        errorsInARow = 0;
      } catch (err) {
        // the lease runs out and another worker takes the job again; the article itself is stored once
        if (++errorsInARow >= WORKER_RULES.errorsInARow) { aborted = `jobs cannot be completed (${firstLine(err)})`; break; }
      }
      idleSince = Date.now();
      progress.update(jobs, tallyStatus(tally, false));
    }
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    progress.finish();
  }
  const counts = await countsAndClose(store);

  const seconds = (Date.now() - started) / 1000;
  const queue = counts ? ` Queue: ${formatCount(counts.queued)} waiting, ${formatCount(counts.running)} running, ${formatCount(counts.done)} done, ${formatCount(counts.failed)} failed.` : '';
  const stop = aborted ? ` Stopped: ${aborted}.` : stopping ? ' Stopped on request.' : '';
  process.stderr.write(
    `worker ${name}: ${formatCount(jobs)} jobs in ${seconds.toFixed(1)} s (${formatRate(jobs / Math.max(0.001, seconds))} per second): ` +
    `${formatCount(tally.stored)} stored, ${formatCount(tally.duplicates)} duplicates (${formatCount(tally.sameId)} same id, ${formatCount(tally.sameText)} same text), ${failedPhrase(tally)}.${stop}${queue} ${databasePhrase(target, counts)}\n`,
  );
  if (o.json || !process.stdout.isTTY) {
    process.stdout.write(JSON.stringify({
      command: 'worker',
      worker: name,
      jobs,
      ...tally.summaryJson(),
      seconds: Number(seconds.toFixed(3)),
      stopped: aborted ? 'database' : stopping ? 'signal' : null,
      totals: counts,
    }) + '\n');
  }
  if (aborted) throw new InputError(`worker: ${aborted}`);
  if (stopping) process.exitCode = 130;
}

export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description('analyse and store articles queued by `lodestone ingest --queue` (several workers may share one PostgreSQL queue)')
    .addOption(dbOption())
    .option('--once', 'work until the queue is empty, then exit')
    .option('--idle-exit <seconds>', 'exit after the queue has been empty this long (default: keep polling)', nonNegativeNumber('--idle-exit'))
    .option('--poll <seconds>', `seconds between looks at an empty queue (default ${WORKER_RULES.pollSeconds})`, nonNegativeNumber('--poll'))
    .option('--name <name>', 'the name jobs are leased under (default: host:pid)')
    .option('--json', 'also print the summary as JSON on standard output (the default when it is not a terminal)')
    .option('--progress-every <n>', 'when standard error is not a terminal, a progress line every N jobs (default 100)', positiveInt('--progress-every'))
    .action(async (o: WorkerOptions) => {
      await runWorker(o);
    });
}
