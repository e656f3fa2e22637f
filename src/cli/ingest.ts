// `lodestone ingest SOURCE...`: reads files, directories, JSONL, feeds and URLs (src/ingest), analyses each
// article and stores it (src/store), or with --queue puts the articles on the shared queue for `lodestone worker`.
// A bad item is counted with its reason and the run goes on; an article is counted as stored only after its
// transaction committed, so a killed run loses nothing it reported and a rerun finishes the rest.
import { createReadStream, promises as fsp } from 'node:fs';
import path from 'node:path';
import { createGunzip } from 'node:zlib';
import type { Command } from 'commander';
// the readers and the HTTP client are loaded when `ingest` runs, so other commands start without them
import type { SourceError } from '../ingest/index.js';
import { describeDatabase, type StoreCounts } from '../store/index.js';
import { InputError } from '../input.js';
import { Progress, formatCount, formatRate } from './progress.js';
import { dbOption, isoDate, positiveInt } from './query.js';
// the application layer (analysis models, HTML reading) is loaded when `ingest` runs, so other commands start without it
import type { Tally, ItemOptions } from '../corpus/index.js';
import { firstLine } from '../corpus/database.js';

export const INGEST_RULES = {
  /** Items put on the queue per enqueue call (one transaction each). */
  queueBatch: 100,
  /** Errors printed as they happen; the rest are only counted (all of them are in the JSON summary's counts). */
  errorsShown: 20,
  /** Store failures in a row after which the database is taken to be gone and the run stops. */
  storeFailuresInARow: 5,
  /** Estimating the number of items for the progress bar (counting JSONL lines) gives up after this long. */
  estimateMs: 3000,
  /** Reasons that are not failures: hidden files, and feeds unchanged since the last fetch. */
  notFailures: new Set<string>(['skipped', 'not_modified']),
} as const;

/** The progress line of a run: "12 stored, 3 duplicates, 1 failed". */
export function tallyStatus(t: Tally, queue: boolean): string {
  const parts = queue
    ? [`${formatCount(t.queued)} queued`, `${formatCount(t.alreadyQueued + t.sameId)} already queued or stored`]
    : [`${formatCount(t.stored)} stored`, `${formatCount(t.duplicates)} duplicates`];
  parts.push(`${formatCount(t.failed)} failed`);
  return parts.join(', ');
}

function byReason(counts: Record<string, number>): string {
  return Object.entries(counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([r, n]) => `${r} ${formatCount(n)}`).join(', ');
}

function plural(n: number, one: string, many = one + 's'): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/** "3 failed (bad_json 1, fetch 2)". */
export function failedPhrase(t: Tally): string {
  return `${formatCount(t.failed)} failed${t.failed ? ` (${byReason(t.failedByReason)})` : ''}`;
}

export function databasePhrase(target: string, c: StoreCounts | null): string {
  if (!c) return `Database: ${describeDatabase(target)}.`;
  return `The database (${describeDatabase(target)}) now holds ${plural(c.articles, 'article')}${c.copies ? ` and ${plural(c.copies, 'recorded copy', 'recorded copies')}` : ''} in ${plural(c.stories, 'story', 'stories')}${c.queued || c.running ? `; ${formatCount(c.queued)} jobs wait in the queue, ${formatCount(c.running)} running` : ''}.`;
}

interface IngestOptions {
  db?: string;
  allowPrivate?: boolean;
  publishedDefault?: string;
  queue?: boolean;
  json?: boolean;
  progressEvery?: number;
}

/** Roughly how many items the sources hold (files, JSONL lines), for the progress bar; null when it cannot
 * tell in time (URLs, a huge archive). */
async function estimateItems(specs: readonly string[], deadline: number): Promise<number | null> {
  let total = 0;
  const countLines = async (file: string): Promise<number> => {
    let n = 0;
    let last = 0x0a;
    const raw = createReadStream(file);
    const stream = /\.gz$/i.test(file) ? raw.pipe(createGunzip()) : raw;
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        for (let i = chunk.indexOf(0x0a); i !== -1; i = chunk.indexOf(0x0a, i + 1)) n++;
        last = chunk[chunk.length - 1] ?? last;
        if (Date.now() > deadline) throw new Error('too slow');
      }
    } finally {
      raw.destroy();
    }
    return n + (last === 0x0a ? 0 : 1);
  };
  const walk = async (p: string): Promise<void> => {
    if (Date.now() > deadline) throw new Error('too slow');
    const st = await fsp.stat(p);
    if (st.isDirectory()) {
      for (const name of (await fsp.readdir(p)).sort()) if (!name.startsWith('.')) await walk(path.join(p, name));
    } else if (/\.(jsonl|ndjson)(\.gz)?$/i.test(p)) total += await countLines(p);
    else total += 1;
  };
  try {
    for (const spec of specs) {
      if (/^https?:\/\//i.test(spec)) return null;
      await walk(spec);
    }
    return total;
  } catch {
    return null;
  }
}

async function runIngest(sources: string[], o: IngestOptions): Promise<void> {
  const started = Date.now();
  const { readSources, isSourceError, Fetcher, HostPoliteness } = await import('../ingest/index.js');
  const { openDatabase, processItem, settleItem, countsAndClose, Tally } = await import('../corpus/index.js');
  const { store, target } = await openDatabase(o.db, { mustExist: false });
  const tally = new Tally();
  const queue = o.queue === true;
  const progress = new Progress({ label: 'ingest', ...(o.progressEvery ? { every: o.progressEvery } : {}) });
  const fetcher = new Fetcher({ allowPrivate: o.allowPrivate === true, politeness: new HostPoliteness() });
  const itemOptions: ItemOptions = { publishedDefault: o.publishedDefault ?? null };
  let shown = 0;
  const report = (line: string) => {
    shown++;
    if (shown <= INGEST_RULES.errorsShown) progress.log(`ingest: ${line}`);
    else if (shown === INGEST_RULES.errorsShown + 1) progress.log('ingest: further errors are counted in the summary');
  };

  let stopping = false;
  const onSignal = () => {
    if (stopping) process.exit(130);
    stopping = true;
    progress.log('ingest: stopping after the current article (press Ctrl-C again to quit at once)');
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  if (process.stderr.isTTY) progress.setTotal(await estimateItems(sources, Date.now() + INGEST_RULES.estimateMs));

  let batch: string[] = [];
  const flush = async () => {
    if (!batch.length) return;
    const added = await store.enqueue(batch);
    tally.queued += added;
    tally.alreadyQueued += batch.length - added;
    batch = [];
  };

  let storeFailures = 0;
  let aborted: string | null = null;
  try {
    for await (const x of readSources(sources, { fetcher })) {
      if (isSourceError(x)) {
        const e = x as SourceError;
        if (INGEST_RULES.notFailures.has(e.reason)) tally.skip(e.reason);
        else {
          tally.fail(e.source, e.reason, e.error);
          report(e.error);
        }
      } else {
        tally.read++;
        if (queue) {
          const item = settleItem(x, itemOptions);
          // an article already stored needs no job
          if (await store.hasArticle(item.id!)) tally.sameId++;
          else batch.push(JSON.stringify(item));
          if (batch.length >= INGEST_RULES.queueBatch) await flush();
        } else {
          try {
            const outcome = await processItem(store, x, itemOptions);
            storeFailures = 0;
            tally.outcome(outcome, x.url ?? x.source);
            if (outcome.status === 'failed') report(outcome.error);
          } catch (err) {
            // the store refused this article: counted, and the run goes on unless the database is gone
            storeFailures++;
            const msg = `${x.url ?? (x.id !== undefined ? `${x.source} (id ${x.id})` : x.source)}: not stored (${firstLine(err)})`;
            tally.fail(x.url ?? x.source, 'store', msg);
            report(msg);
            if (storeFailures >= INGEST_RULES.storeFailuresInARow) {
              aborted = `${storeFailures} articles in a row could not be stored; the database ${describeDatabase(target)} seems unavailable (${firstLine(err)})`;
              break;
            }
          }
        }
      }
      progress.update(tally.read + tally.failed, tallyStatus(tally, queue));
      if (stopping) break;
    }
    await flush();
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    progress.finish();
    await fetcher.close();
  }
  const counts = await countsAndClose(store);

  const seconds = (Date.now() - started) / 1000;
  const what = queue
    ? `${formatCount(tally.queued)} queued for workers, ${formatCount(tally.alreadyQueued)} already queued or done, ${formatCount(tally.sameId)} already stored`
    : `${formatCount(tally.stored)} stored${tally.partial ? ` (${formatCount(tally.partial)} with only the feed's text: their pages were out of reach)` : ''}, ${formatCount(tally.duplicates)} duplicates (${formatCount(tally.sameId)} same id, ${formatCount(tally.sameText)} same text)`;
  const skipped = tally.skipped ? `; ${formatCount(tally.skipped)} skipped (${byReason(tally.skippedByReason)})` : '';
  const stop = aborted ? ` Stopped early: ${aborted}.` : stopping ? ' Stopped early on request; rerun the same command to finish.' : '';
  process.stderr.write(
    `ingest: read ${plural(tally.read, 'article')} from ${plural(sources.length, 'source')} in ${seconds.toFixed(1)} s ` +
    `(${formatRate(tally.read / Math.max(0.001, seconds))} per second): ${what}, ${failedPhrase(tally)}${skipped}.${stop} ${databasePhrase(target, counts)}\n`,
  );
  if (o.json || !process.stdout.isTTY) {
    process.stdout.write(JSON.stringify({
      command: 'ingest',
      database: describeDatabase(target),
      sources: sources.length,
      mode: queue ? 'queue' : 'analyse',
      read: tally.read,
      queued: tally.queued,
      alreadyQueued: tally.alreadyQueued,
      ...tally.summaryJson(),
      skipped: tally.skipped,
      skippedByReason: tally.skippedByReason,
      seconds: Number(seconds.toFixed(3)),
      stopped: aborted ? 'database' : stopping ? 'signal' : null,
      totals: counts,
    }) + '\n');
  }
  if (aborted) throw new InputError(aborted);
  if (stopping) process.exitCode = 130;
  // nothing at all could be read: say so with the exit code too (as `analyze` does for unreadable input)
  else if (tally.read === 0 && tally.failed > 0) process.exitCode = 1;
}

export function registerIngest(program: Command): void {
  program
    .command('ingest')
    .description('read articles from files, directories, JSONL, RSS/Atom/JSON feeds and URLs; analyse and store them')
    .argument('<source...>', 'a file, a directory (recursive), a JSONL file, a feed (file or URL) or an article URL')
    .addOption(dbOption())
    .option('--allow-private', 'allow fetching from private, loopback and link-local addresses')
    .option('--published-default <date>', 'publication date (YYYY-MM-DD) for articles whose source gives none', isoDate('--published-default'))
    .option('--queue', 'put the articles on the shared queue for `lodestone worker` instead of analysing them here')
    .option('--json', 'also print the summary as JSON on standard output (the default when it is not a terminal)')
    .option('--progress-every <n>', 'when standard error is not a terminal, a progress line every N items (default 100)', positiveInt('--progress-every'))
    .action(async (sources: string[], o: IngestOptions) => {
      await runIngest(sources, o);
    });
}
