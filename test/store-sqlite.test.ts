// The storage contract on SQLite, plus what only a file database shows: the LODESTONE_DB default, WAL mode,
// a process killed mid-ingest losing nothing it reported stored, and two processes sharing one queue.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { openStore } from '../src/store/index.js';
import type { SqliteStore } from '../src/store/sqlite/index.js';
import { PACKAGE_ROOT } from '../src/knowledge/paths.js';
import { storeContract, TEXTS } from './store-contract.js';

function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'lodestone-store-'));
}

storeContract('sqlite', async () => {
  const dir = tempDir();
  const file = path.join(dir, 'test.db');
  return {
    open: (options) => openStore(file, options),
    destroy: async () => rmSync(dir, { recursive: true, force: true }),
  };
});

const STORE_MODULE = pathToFileURL(path.join(PACKAGE_ROOT, 'dist', 'src', 'store', 'index.js')).href;
const LIBRARY_MODULE = pathToFileURL(path.join(PACKAGE_ROOT, 'dist', 'src', 'index.js')).href;

/** Runs an ES module snippet in a child Node process; `onLine` sees each stdout line and may kill it. */
function runChild(code: string, env: Record<string, string>, onLine?: (line: string, kill: () => void) => void):
  Promise<{ lines: string[]; signal: NodeJS.Signals | null; code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', code], { env: { ...process.env, ...env } });
    const lines: string[] = [];
    let buf = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      let i;
      while ((i = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        lines.push(line);
        onLine?.(line, () => child.kill('SIGKILL'));
      }
    });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ lines, signal, code, stderr }));
  });
}

/** A child that analyses and stores N variants of an article, printing "stored ID" after each commit. */
const INGEST_CHILD = `
import { analyze } from ${JSON.stringify(LIBRARY_MODULE)};
import { openStore } from ${JSON.stringify(STORE_MODULE)};
const store = await openStore(process.env.DB);
const base = JSON.parse(process.env.BASE_TEXT);
for (let i = 0; i < Number(process.env.N); i++) {
  const id = 'art-' + i;
  if (await store.hasArticle(id)) continue;
  const text = base + '\\n\\nCorrection ' + i + ': an earlier version misstated figure number ' + (i * 7919) + '.';
  const r = await store.putArticle({ id, url: null, title: null, byline: null, published: '2025-03-04', source: 'crash-test',
    outlet: 'o' + (i % 3), raw: null, analysis: analyze(text, { published: '2025-03-04' }) });
  console.log(r.status + ' ' + id);
}
await store.close();
console.log('finished');
`;

test('sqlite: the database file comes from LODESTONE_DB when no path is given, in WAL mode', async () => {
  const dir = tempDir();
  const saved = process.env['LODESTONE_DB'];
  try {
    process.env['LODESTONE_DB'] = path.join(dir, 'nested', 'corpus.db');
    const store = await openStore();
    assert.equal(store.kind, 'sqlite');
    assert.ok(existsSync(path.join(dir, 'nested', 'corpus.db')));
    assert.equal((store as SqliteStore).db.pragma('journal_mode', { simple: true }), 'wal');
    await store.close();
  } finally {
    if (saved === undefined) delete process.env['LODESTONE_DB']; else process.env['LODESTONE_DB'] = saved;
    rmSync(dir, { recursive: true, force: true });
  }
});

test('sqlite: refuses a database written by a newer schema version', async () => {
  const dir = tempDir();
  try {
    const file = path.join(dir, 'future.db');
    const store = (await openStore(file)) as SqliteStore;
    store.db.prepare("INSERT INTO schema_version (version, name, applied_at) VALUES (999, 'from the future', 'now')").run();
    await store.close();
    await assert.rejects(openStore(file), /schema version 999 is newer/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('sqlite: a process killed mid-ingest loses nothing it reported stored, and a rerun finishes the rest', async () => {
  const dir = tempDir();
  const file = path.join(dir, 'crash.db');
  const env = { DB: file, N: '60', BASE_TEXT: JSON.stringify(TEXTS.lithium) };
  try {
    const reported: string[] = [];
    const killed = await runChild(INGEST_CHILD, env, (line, kill) => {
      if (line.startsWith('stored ')) reported.push(line.slice(7));
      if (reported.length === 8) kill();
    });
    assert.equal(killed.signal, 'SIGKILL', `the child should have been killed mid-run: ${killed.stderr}`);
    const store = (await openStore(file)) as SqliteStore;
    assert.equal(store.db.pragma('integrity_check', { simple: true }), 'ok');
    for (const id of reported) assert.equal(await store.hasArticle(id), true, `${id} was reported stored`);
    const before = (await store.counts()).articles;
    assert.ok(before >= reported.length && before < 60);
    await store.close();

    const rerun = await runChild(INGEST_CHILD, env);
    assert.equal(rerun.lines.at(-1), 'finished', rerun.stderr);
    assert.ok(!rerun.lines.some((l) => reported.includes(l.split(' ')[1]!)), 'stored articles are skipped, not redone');
    const after = await openStore(file);
    const counts = await after.counts();
    assert.equal(counts.articles, 60);
    assert.equal(counts.stories, 1, 'the corrected variants are one story');
    const [story] = await after.stories();
    assert.deepEqual([story!.articles, story!.outlets], [60, 3]);
    await after.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('sqlite: two worker processes share one queue and each job is claimed once', async () => {
  const dir = tempDir();
  const file = path.join(dir, 'queue.db');
  try {
    const store = await openStore(file);
    await store.enqueue(Array.from({ length: 200 }, (_, i) => `job-${i}`));
    await store.close();
    const worker = `
import { openStore } from ${JSON.stringify(STORE_MODULE)};
const store = await openStore(process.env.DB);
for (let job = await store.claim(process.env.NAME); job; job = await store.claim(process.env.NAME)) {
  console.log(job.payload);
  await store.complete(job.id);
}
await store.close();
`;
    const [a, b] = await Promise.all([runChild(worker, { DB: file, NAME: 'a' }), runChild(worker, { DB: file, NAME: 'b' })]);
    assert.equal(a.code, 0, a.stderr);
    assert.equal(b.code, 0, b.stderr);
    const all = [...a.lines, ...b.lines];
    assert.equal(all.length, 200);
    assert.equal(new Set(all).size, 200, 'no job was done twice');
    const after = await openStore(file);
    assert.equal((await after.counts()).done, 200);
    await after.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
