// `lodestone worker`: takes articles queued by `lodestone ingest --queue` from the shared queue, analyses and
// stores them, and marks each job done (or failed with its error). Several workers, on one machine or several
// sharing one PostgreSQL database, each take different jobs (the store leases them with FOR UPDATE SKIP
// LOCKED). A worker renews its job's lease every third of it while it works (a heartbeat: the analysis runs in
// a worker thread, so this thread is free to); a worker that dies stops renewing, and its job is handed out
// again when the lease runs out (60 s unless --lease says otherwise). A worker that finds its lease taken over
// drops the job without reporting it.
import os from 'node:os';
import type { Command } from 'commander';
import type { SourceItem } from '../ingest/index.js';
import { InputError } from '../input.js';
import { Progress, formatCount, formatRate } from './progress.js';
import { dbOption, fromEnv, nonNegativeNumber, positiveInt, positiveNumber } from './query.js';
import { failedPhrase, databasePhrase, tallyStatus } from './ingest.js';
// the application layer is loaded when `worker` runs
import { AnalysisPool, AnalysisInterrupted } from '../corpus/analysis-pool.js';
import { STORE_DEFAULTS, type Store } from '../store/index.js';

export const WORKER_RULES = {
  /** Seconds between two looks at an empty queue. */
  pollSeconds: 2,
  /** Database errors in a row (claim or complete failing) after which the worker gives up. */
  errorsInARow: 5,
  /** Heartbeats per lease: the lease is renewed every third of it, so two missed beats (a slow database) do
   * not lose it. */
  beatsPerLease: 3,
  /** Longest one article's analysis may take before its job fails (the heartbeat would otherwise keep a stuck
   * job leased forever). */
  jobTimeoutSeconds: 600,
} as const;

interface WorkerOptions {
  db?: string;
  once?: boolean;
  idleExit?: number;
  poll?: number;
  name?: string;
  json?: boolean;
  progressEvery?: number;
  lease?: number;
  jobTimeout?: number;
}

/** Renews a job's lease every `everyMs` until stopped; `signal` aborts once the lease is found lost. A renewal
 * that fails on a database error is retried at the next beat (the lease outlasts two missed beats). */
function heartbeat(store: Store, jobId: number, worker: string, everyMs: number): { signal: AbortSignal; lost(): boolean; stop(): void } {
  const lost = new AbortController();
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const beat = async () => {
    try {
      if (!(await store.renewLease(jobId, worker))) lost.abort(new Error('lease lost'));
    } catch { /* the next beat tries again */ }
    if (!stopped && !lost.signal.aborted) timer = setTimeout(beat, everyMs);
  };
  timer = setTimeout(beat, everyMs);
  return {
    signal: lost.signal,
    lost: () => lost.signal.aborted,
    stop: () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
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
  const leaseSeconds = fromEnv(o.lease, 'LODESTONE_LEASE_SECONDS', positiveNumber('--lease')) ?? STORE_DEFAULTS.leaseMs / 1000;
  const leaseMs = Math.round(leaseSeconds * 1000);
  const jobTimeoutSeconds = fromEnv(o.jobTimeout, 'LODESTONE_JOB_TIMEOUT', positiveNumber('--job-timeout')) ?? WORKER_RULES.jobTimeoutSeconds;
  // a worker on a SQLite path nobody queued into would wait forever on a new, empty database
  const { openDatabase, processItem, Tally, countsAndClose } = await import('../corpus/index.js');
  const { store, target } = await openDatabase(o.db, { mustExist: true, store: { leaseMs } });
  // one analysis thread, started with the first job: this thread stays free to renew the lease
  let pool: AnalysisPool | null = null;
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
  let leasesLost = 0;
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
      const beat = heartbeat(store, job.id, name, leaseMs / WORKER_RULES.beatsPerLease);
      if (typeof item === 'string') {
        error = `job ${job.id}: ${item}`;
        tally.fail(`job ${job.id}`, 'bad_job', error);
      } else {
        tally.read++;
        const label = item.url ?? item.source;
        pool ??= new AnalysisPool({ threads: 1, timeoutMs: jobTimeoutSeconds * 1000 });
        const analysis = pool;
        try {
          const outcome = await processItem(store, item, { analyzer: (text, a) => analysis.analyze(text, { ...a, signal: beat.signal }) });
          tally.outcome(outcome, label);
          if (outcome.status === 'failed') error = outcome.error;
        } catch (err) {
          if (err instanceof AnalysisInterrupted && err.reason === 'timeout') {
            error = `${label}: the analysis took longer than ${jobTimeoutSeconds} s and was stopped (--job-timeout)`;
            tally.fail(label, 'timeout', error);
          } else if (!(err instanceof AnalysisInterrupted && beat.lost())) {
            error = `${label}: not stored (${firstLine(err)})`;
            tally.fail(label, 'store', error);
          }
        }
      }
      beat.stop();
      if (error && !beat.lost()) progress.log(`worker: ${error}`);
      try {
        // only while the job is still ours: one whose lease ran out and was taken over is the other worker's to report
        if (beat.lost() || !(await store.complete(job.id, error, name))) {
          leasesLost++;
          progress.log(`worker: job ${job.id}: its lease ran out and another worker took it over; left to that worker`);
        }
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
    await pool?.close();
  }
  const counts = await countsAndClose(store);

  const seconds = (Date.now() - started) / 1000;
  const queue = counts ? ` Queue: ${formatCount(counts.queued)} waiting, ${formatCount(counts.running)} running, ${formatCount(counts.done)} done, ${formatCount(counts.failed)} failed.` : '';
  const stop = aborted ? ` Stopped: ${aborted}.` : stopping ? ' Stopped on request.' : '';
  const lost = leasesLost ? ` ${formatCount(leasesLost)} job${leasesLost === 1 ? '' : 's'} taken over by another worker after the lease ran out.` : '';
  process.stderr.write(
    `worker ${name}: ${formatCount(jobs)} jobs in ${seconds.toFixed(1)} s (${formatRate(jobs / Math.max(0.001, seconds))} per second): ` +
    `${formatCount(tally.stored)} stored, ${formatCount(tally.duplicates)} duplicates (${formatCount(tally.sameId)} same id, ${formatCount(tally.sameText)} same text), ${failedPhrase(tally)}.${lost}${stop}${queue} ${databasePhrase(target, counts)}\n`,
  );
  if (o.json || !process.stdout.isTTY) {
    process.stdout.write(JSON.stringify({
      command: 'worker',
      worker: name,
      jobs,
      ...tally.summaryJson(),
      leasesLost,
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
    .option('--lease <seconds>', `how long a job stays this worker's without a heartbeat; renewed every third of it while the worker works, so a dead worker's job is taken again after this long (default: $LODESTONE_LEASE_SECONDS, else ${STORE_DEFAULTS.leaseMs / 1000})`, positiveNumber('--lease'))
    .option('--job-timeout <seconds>', `longest one article's analysis may take; then its job fails (default: $LODESTONE_JOB_TIMEOUT, else ${WORKER_RULES.jobTimeoutSeconds})`, positiveNumber('--job-timeout'))
    .option('--json', 'also print the summary as JSON on standard output (the default when it is not a terminal)')
    .option('--progress-every <n>', 'when standard error is not a terminal, a progress line every N jobs (default 100)', positiveInt('--progress-every'))
    .action(async (o: WorkerOptions) => {
      await runWorker(o);
    });
}
