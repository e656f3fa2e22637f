// Worker leases end to end, with real `lodestone worker` processes on one queue: a worker renews its job's lease
// while it analyses (a heartbeat), so a job longer than the lease stays with it; a worker killed mid-job stops
// renewing and its job is taken by another within the lease; a worker that was paused past its lease finds the
// job taken over, drops it and does not report it. On SQLite, and on PostgreSQL when LODESTONE_TEST_PG is set.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { openStore, type Store } from '../src/store/index.js';
import type { SqliteStore } from '../src/store/sqlite/index.js';
import type { PostgresStore } from '../src/store/postgres/index.js';
import { PACKAGE_ROOT } from '../src/knowledge/paths.js';
import { newsText } from './server-helpers.js';
import { dropSchema } from './store-contract.js';

const BIN = path.join(PACKAGE_ROOT, 'bin', 'lodestone.js');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface JobRow { worker: string | null; attempts: number; state: string }

/** The queue's only job as its row holds it (what no Store method shows: who holds it). */
async function jobRow(store: Store): Promise<JobRow> {
  const sql = 'SELECT worker, attempts, state FROM jobs';
  const rows = store.kind === 'sqlite' ? (store as SqliteStore).db.prepare(sql).all() : (await (store as PostgresStore).pool.query(sql)).rows;
  assert.equal(rows.length, 1);
  const r = rows[0] as { worker: string | null; attempts: number | string; state: string };
  return { worker: r.worker, attempts: Number(r.attempts), state: r.state };
}

async function until<T>(probe: () => Promise<T | null | undefined | false>, ms: number, what: string): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) assert.fail(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(25);
  }
}

interface Worker { child: ChildProcess; done: Promise<{ code: number | null; signal: string | null; summary: any; stderr: string }> }

function worker(db: string, name: string, args: string[]): Worker {
  const child = spawn(process.execPath, [BIN, 'worker', '--db', db, '--name', name, '--poll', '0.1', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => { out += d.toString(); });
  child.stderr!.on('data', (d: Buffer) => { stderr += d.toString(); });
  const done = new Promise<{ code: number | null; signal: string | null; summary: any; stderr: string }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const line = out.trim().split('\n').filter(Boolean).pop();
      resolve({ code, signal, summary: line ? JSON.parse(line) : null, stderr });
    });
  });
  return { child, done };
}

/** Stops a polling worker the way Ctrl-C does (it finishes its job first) and gives its summary. */
async function stop(w: Worker): Promise<Awaited<Worker['done']>> {
  w.child.kill('SIGTERM');
  return w.done;
}

/** Waits until the job is done (whoever did it). */
async function jobDone(store: Store): Promise<void> {
  await until(async () => (await jobRow(store)).state === 'done', 60_000, 'the job to be done');
}

function payload(id: string, text: string): string {
  return JSON.stringify({ id, source: 'test', published: '2025-03-04', text });
}

interface Backend { name: string; db(): Promise<{ url: string; destroy(): Promise<void> }> }

const BACKENDS: Backend[] = [{
  name: 'sqlite',
  db: async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lodestone-lease-'));
    return { url: path.join(dir, 'queue.db'), destroy: async () => rmSync(dir, { recursive: true, force: true }) };
  },
}];
const PG = process.env['LODESTONE_TEST_PG'];
if (PG) {
  BACKENDS.push({
    name: 'postgres',
    db: async () => {
      const schema = `lodestone_lease_${randomBytes(6).toString('hex')}`;
      const u = new URL(PG);
      u.searchParams.set('schema', schema);
      return {
        url: u.toString(),
        destroy: () => dropSchema(PG, schema),
      };
    },
  });
} else {
  test('postgres worker leases: skipped (set LODESTONE_TEST_PG=postgres://...; scripts/start-postgres.sh starts a server and prints its URL)', { skip: true }, () => {});
}

/** A fresh queue with one job; the store stays open for looking at the job's row. */
async function queueOf(backend: Backend, text: string): Promise<{ url: string; store: Store; destroy(): Promise<void> }> {
  const db = await backend.db();
  const store = await openStore(db.url);
  await store.enqueue([payload('lease-job', text)]);
  return { url: db.url, store, destroy: async () => { await store.close(); await db.destroy(); } };
}

for (const backend of BACKENDS) {
  test(`${backend.name}: a worker renews its lease while it works, so a job longer than the lease stays with it`, async (t) => {
    const q = await queueOf(backend, newsText(60_000));
    try {
      const a = worker(q.url, 'a', ['--lease', '0.4', '--once']);
      await until(async () => (await jobRow(q.store)).worker === 'a', 15_000, 'worker a to claim the job');
      const claimedAt = Date.now();
      // b polls all the while a works
      const b = worker(q.url, 'b', ['--lease', '0.4']);
      const ra = await a.done;
      const held = Date.now() - claimedAt;
      const rb = await stop(b);
      t.diagnostic(`worker a held the job ${held} ms with a 400 ms lease`);
      assert.equal(ra.code, 0, ra.stderr);
      assert.ok(held > 3 * 400, `the job outlasted several leases (${held} ms): otherwise this test shows nothing`);
      assert.deepEqual([ra.summary.jobs, ra.summary.stored, ra.summary.leasesLost], [1, 1, 0], ra.stderr);
      assert.equal(rb.summary.jobs, 0, `worker b never got the job: ${rb.stderr}`);
      assert.deepEqual(await jobRow(q.store), { worker: 'a', attempts: 1, state: 'done' });
    } finally {
      await q.destroy();
    }
  });

  test(`${backend.name}: a worker killed mid-job stops renewing, and another takes the job within the lease`, async (t) => {
    const q = await queueOf(backend, newsText(60_000));
    try {
      const a = worker(q.url, 'a', ['--lease', '2', '--once']);
      await until(async () => (await jobRow(q.store)).worker === 'a', 15_000, 'worker a to claim the job');
      // b runs beside it, finding nothing to take while a holds the job
      const b = worker(q.url, 'b', ['--lease', '2']);
      await sleep(1200);
      assert.equal((await jobRow(q.store)).worker, 'a', 'a is still at work');
      a.child.kill('SIGKILL');
      const killedAt = Date.now();
      assert.equal((await a.done).signal, 'SIGKILL');
      await until(async () => (await jobRow(q.store)).worker === 'b', 10_000, 'worker b to take the job');
      const reclaimed = Date.now() - killedAt;
      t.diagnostic(`the dead worker's job was taken again ${reclaimed} ms after the kill (lease 2 s, renewed every 0.67 s)`);
      // the last renewal came shortly before the kill (every third of the lease, unless the machine was slow)
      assert.ok(reclaimed >= 500, `not at once: the lease held after the kill (${reclaimed} ms)`);
      assert.ok(reclaimed <= 2000 + 500, `reclaimed ${reclaimed} ms after the kill; the lease is 2 s`);
      await jobDone(q.store);
      const rb = await stop(b);
      assert.deepEqual([rb.summary.jobs, rb.summary.stored], [1, 1], rb.stderr);
      assert.deepEqual(await jobRow(q.store), { worker: 'b', attempts: 2, state: 'done' });
      assert.equal((await q.store.counts()).articles, 1);
    } finally {
      await q.destroy();
    }
  });

  test(`${backend.name}: a worker paused past its lease finds the job taken over, drops it and does not report it`, async () => {
    const q = await queueOf(backend, newsText(30_000));
    try {
      const a = worker(q.url, 'a', ['--lease', '1', '--once']);
      await until(async () => (await jobRow(q.store)).worker === 'a', 15_000, 'worker a to claim the job');
      a.child.kill('SIGSTOP'); // a long pause (a suspended machine, a debugger): no heartbeat
      let b: Worker | null = null;
      try {
        b = worker(q.url, 'b', ['--lease', '1']);
        await until(async () => (await jobRow(q.store)).worker === 'b', 10_000, 'worker b to take the job');
      } finally {
        a.child.kill('SIGCONT');
      }
      const ra = await a.done;
      await jobDone(q.store);
      const rb = await stop(b!);
      assert.equal(ra.code, 0, ra.stderr);
      assert.deepEqual([ra.summary.jobs, ra.summary.leasesLost, ra.summary.failed], [1, 1, 0], ra.stderr);
      assert.match(ra.stderr, /job \d+: its lease ran out and another worker took it over; left to that worker/);
      assert.deepEqual([rb.summary.jobs, rb.summary.stored + rb.summary.duplicates], [1, 1], rb.stderr);
      assert.deepEqual(await jobRow(q.store), { worker: 'b', attempts: 2, state: 'done' });
      assert.equal((await q.store.counts()).articles, 1, 'stored once');
    } finally {
      await q.destroy();
    }
  });
}
