// `node dist/bench/ingest-store.js`: the Reuters-21578 training portion analysed and stored.
//  1. SQLite: documents/second (analysis in worker threads, one writer), peak RSS, database size;
//  2. latency (median, 95th percentile) of a fixed set of 20 full-text and event queries;
//  3. with LODESTONE_TEST_PG=postgres://...: the same ingest through the PostgreSQL job queue with two worker
//     processes, and the same queries there.
// LODESTONE_BENCH_DOCS limits the number of documents (default: all 15,390); LODESTONE_BENCH_THREADS sets the
// analysis threads for SQLite (default: one per core); LODESTONE_BENCH_ONLY=sqlite|postgres runs one back end;
// LODESTONE_BENCH_KEEP=1 keeps the database (SQLite file, PostgreSQL schema) and prints where it is.
import { reutersDate } from '../eval/scorers/common.js';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, existsSync } from 'node:fs';
import { tmpdir, cpus, totalmem, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { readDatasetJsonl, datasetsDir } from './datasets.js';
import { analyze } from '../src/index.js';
import { openStore, type ArticleInput, type Store, type EventFilter } from '../src/store/index.js';
import type { SqliteStore } from '../src/store/sqlite/index.js';

interface ReutersDoc { id: number; date: string; title: string; body: string }

const BENCH = {
  /** Documents per message between the writer and an analysis thread. */
  chunk: 40,
  /** Timed runs of each query (after one warm-up run). */
  runs: 10,
  /** Rows a query asks for (a page of results). */
  limit: 50,
  pgWorkers: 2,
} as const;

const SEARCHES = [
  'oil prices', 'crude oil OPEC', '"interest rates"', 'copper', 'gold mine', 'coffee export quotas', 'dollar yen',
  'wheat China', 'sugar -beet', 'merger OR acquisition',
] as const;

const EVENT_FILTERS: readonly EventFilter[] = [
  { actor: 'USA' }, { target: 'JPN' }, { country: 'IRN' }, { commodity: '27' }, { commodity: 'coffee' }, { plover: 'COERCE' },
  { from: '1987-03-01', to: '1987-03-31' }, { plover: 'AGREE', actor: 'USA' }, { country: 'BRA', commodity: '09' }, { actor: 'opec' },
];


/** One Reuters document as an analysed article (a document without a body is its headline). */
function articleOf(d: ReutersDoc): ArticleInput {
  const published = reutersDate(d.date);
  const text = d.body.trim() ? d.body : d.title || '(empty)';
  return {
    id: `reuters-${d.id}`, url: null, title: d.title || null, byline: null, published, source: 'reuters21578-train',
    outlet: 'Reuters', raw: null, analysis: analyze(text, { published }),
  };
}

function loadDocs(): ReutersDoc[] | null {
  const docs = readDatasetJsonl<ReutersDoc>('reuters21578/reuters21578-train.jsonl.gz');
  if (!docs) return null;
  const n = Number(process.env['LODESTONE_BENCH_DOCS'] ?? docs.length);
  return docs.slice(0, n);
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

async function measureQueries(store: Store): Promise<string> {
  const times: number[] = [];
  const medians: [number, string][] = [];
  const jobs: [string, () => Promise<unknown>][] = [
    ...SEARCHES.map((q): [string, () => Promise<unknown>] => [`search ${q}`, () => store.search(q, { limit: BENCH.limit })]),
    ...EVENT_FILTERS.map((f): [string, () => Promise<unknown>] => [`events ${JSON.stringify(f)}`, () => store.events({ ...f, limit: BENCH.limit })]),
  ];
  const hits: string[] = [];
  for (const [name, run] of jobs) {
    const first = await run();
    hits.push(`${(first as unknown[]).length}`);
    const own: number[] = [];
    for (let i = 0; i < BENCH.runs; i++) {
      const t0 = process.hrtime.bigint();
      await run();
      own.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    times.push(...own);
    medians.push([quantile(own.sort((a, b) => a - b), 0.5), name]);
  }
  times.sort((a, b) => a - b);
  medians.sort((a, b) => b[0] - a[0]);
  return `queries: ${jobs.length} (10 full-text, 10 event filters) x ${BENCH.runs} runs, ${BENCH.limit} rows a page: `
    + `median ${quantile(times, 0.5).toFixed(2)} ms, p95 ${quantile(times, 0.95).toFixed(2)} ms, max ${times.at(-1)!.toFixed(1)} ms\n`
    + `  slowest (median): ${medians.slice(0, 3).map(([ms, name]) => `${name} ${ms.toFixed(1)} ms`).join('; ')}\n`
    + `  rows returned: ${hits.join(' ')}`;
}

function fileSize(file: string): number {
  return [file, `${file}-wal`, `${file}-shm`].reduce((a, f) => a + (existsSync(f) ? statSync(f).size : 0), 0);
}

async function benchSqlite(docs: ReutersDoc[]): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'lodestone-bench-store-'));
  const file = path.join(dir, 'reuters.db');
  const store = await openStore(file);
  const threads = Number(process.env['LODESTONE_BENCH_THREADS'] ?? cpus().length);
  const self = fileURLToPath(import.meta.url);
  const t0 = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  let writerNs = 0n;
  let stored = 0;
  let duplicates = 0;
  let next = 0;
  await Promise.all(Array.from({ length: threads }, () => new Promise<void>((resolve, reject) => {
    const worker = new Worker(self, { workerData: { role: 'analyse' } });
    let writing = Promise.resolve();
    let outstanding = 0;
    const send = () => {
      if (next >= docs.length) return;
      const chunk = docs.slice(next, next + BENCH.chunk);
      next += chunk.length;
      outstanding++;
      worker.postMessage(chunk);
    };
    worker.on('message', (articles: ArticleInput[]) => {
      outstanding--;
      send(); // the thread analyses the next chunk while this one is written
      writing = writing.then(async () => {
        for (const a of articles) {
          const w0 = process.hrtime.bigint();
          const r = await store.putArticle(a);
          writerNs += process.hrtime.bigint() - w0;
          if (r.status === 'stored') stored++; else duplicates++;
        }
        if (outstanding === 0 && next >= docs.length) await worker.terminate().then(() => resolve(), reject);
      }).catch(reject);
    });
    worker.on('error', reject);
    send();
  })));
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  (store as SqliteStore).db.pragma('wal_checkpoint(TRUNCATE)'); // the size below is then the database file alone
  const counts = await store.counts();
  console.log(`sqlite ingest: ${docs.length} documents in ${secs.toFixed(1)} s = ${(docs.length / secs).toFixed(0)} docs/s `
    + `(${threads} analysis threads + 1 writer); stored ${stored}, same-text duplicates ${duplicates}; `
    + `peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB; database ${(fileSize(file) / 2 ** 20).toFixed(0)} MB`);
  console.log(`  CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s in all threads (analysis + storage); the writer (plan, MinHash, `
    + `SQL) was busy ${(Number(writerNs) / 1e9).toFixed(1)} s = ${(Number(writerNs) / 1e6 / docs.length).toFixed(2)} ms a document; `
    + `load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} (other processes share the cores)`);
  console.log(`  ${counts.stories} stories (${counts.articles - counts.stories} articles joined another's story), ${counts.events} event rows, `
    + `${counts.quotes} quote rows, ${counts.entities} entities`);
  console.log(`sqlite ${await measureQueries(store)}`);
  await store.close();
  if (process.env['LODESTONE_BENCH_KEEP']) console.log(`  kept ${file}`);
  else rmSync(dir, { recursive: true, force: true });
}

async function benchPostgres(docs: ReutersDoc[], url: string): Promise<void> {
  const schema = `lodestone_bench_${randomBytes(4).toString('hex')}`;
  const store = await openStore(url, { schema });
  try {
    for (let i = 0; i < docs.length; i += 1000) await store.enqueue(docs.slice(i, i + 1000).map((d) => JSON.stringify(d)));
    const self = fileURLToPath(import.meta.url);
    const t0 = process.hrtime.bigint();
    const rss = await Promise.all(Array.from({ length: BENCH.pgWorkers }, (_, i) => new Promise<number>((resolve, reject) => {
      const child = fork(self, ['pg-worker'], { env: { ...process.env, BENCH_PG_URL: url, BENCH_PG_SCHEMA: schema, BENCH_WORKER: `w${i}` } });
      let peak = 0;
      child.on('message', (m: { rssMb: number }) => { peak = m.rssMb; });
      child.on('error', reject);
      child.on('exit', (code) => (code === 0 ? resolve(peak) : reject(new Error(`pg worker ${i} exited with ${code}`))));
    })));
    const secs = Number(process.hrtime.bigint() - t0) / 1e9;
    const counts = await store.counts();
    console.log(`postgres ingest: ${docs.length} documents in ${secs.toFixed(1)} s = ${(docs.length / secs).toFixed(0)} docs/s `
      + `(${BENCH.pgWorkers} worker processes sharing the job queue); stored ${counts.articles}, copies ${counts.copies}, `
      + `jobs done ${counts.done}, failed ${counts.failed}; worker peak RSS ${rss.map((r) => r.toFixed(0)).join(' / ')} MB`);
    console.log(`postgres ${await measureQueries(store)}`);
  } finally {
    await store.close();
    if (process.env['LODESTONE_BENCH_KEEP']) {
      console.log(`  kept schema ${schema} (open with { schema: '${schema}' } or ?schema=${schema})`);
    } else {
      const pg = (await import('pg')).default;
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    }
  }
}

/** A PostgreSQL worker process: claims jobs until the queue is empty. */
async function pgWorker(): Promise<void> {
  const store = await openStore(process.env['BENCH_PG_URL'], { schema: process.env['BENCH_PG_SCHEMA']! });
  const name = process.env['BENCH_WORKER'] ?? 'worker';
  for (let job = await store.claim(name); job; job = await store.claim(name)) {
    try {
      await store.putArticle(articleOf(JSON.parse(job.payload) as ReutersDoc));
      await store.complete(job.id);
    } catch (e) {
      await store.complete(job.id, (e as Error).message);
    }
  }
  await store.close();
  process.send?.({ rssMb: process.resourceUsage().maxRSS / 1024 });
}

async function main(): Promise<void> {
  const docs = loadDocs();
  if (!docs) {
    console.log(`bench: Reuters-21578 not found under ${datasetsDir()} (set LODESTONE_DATASETS); nothing measured`);
    return;
  }
  console.log(`machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, `
    + `load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} before the run`);
  const only = process.env['LODESTONE_BENCH_ONLY'];
  if (only !== 'postgres') await benchSqlite(docs);
  const url = process.env['LODESTONE_TEST_PG'];
  if (only === 'sqlite') return;
  if (url) await benchPostgres(docs, url);
  else console.log('postgres: skipped (set LODESTONE_TEST_PG=postgres://...; scripts/start-postgres.sh starts a local server)');
}

if (!isMainThread && (workerData as { role?: string } | null)?.role === 'analyse') {
  parentPort!.on('message', (chunk: ReutersDoc[]) => parentPort!.postMessage(chunk.map(articleOf)));
} else if (process.argv[2] === 'pg-worker') {
  await pgWorker();
} else {
  await main();
}
