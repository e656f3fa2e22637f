// The storage contract on PostgreSQL, when LODESTONE_TEST_PG names a server (scripts/start-postgres.sh starts
// one and prints its URL). Each test gets its own schema, dropped afterwards. Plus two worker processes sharing
// one queue, as `lodestone worker` on two machines would.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { randomBytes } from 'node:crypto';
import { openStore } from '../src/store/index.js';
import { PACKAGE_ROOT } from '../src/knowledge/paths.js';
import { storeContract, articleOf, seedText, seedSyndicated, dropSchema, TEXTS, type StoreHarness } from './store-contract.js';

const URL_ENV = process.env['LODESTONE_TEST_PG'];

function harness(url: string): StoreHarness {
  const schema = `lodestone_test_${randomBytes(6).toString('hex')}`;
  return {
    open: (options) => openStore(url, { ...options, schema }),
    destroy: () => dropSchema(url, schema),
  };
}

if (!URL_ENV) {
  test('postgres: skipped (set LODESTONE_TEST_PG=postgres://... ; scripts/start-postgres.sh starts a local server and prints the URL)', { skip: true }, () => {});
} else {
  const url = URL_ENV;
  storeContract('postgres', async () => harness(url));

  const STORE_MODULE = pathToFileURL(path.join(PACKAGE_ROOT, 'dist', 'src', 'store', 'index.js')).href;

  function runWorker(name: string, schema: string): Promise<{ lines: string[]; code: number | null; stderr: string }> {
    const code = `
import { openStore } from ${JSON.stringify(STORE_MODULE)};
const store = await openStore(process.env.DB, { schema: process.env.SCHEMA });
for (let job = await store.claim(process.env.NAME); job; job = await store.claim(process.env.NAME)) {
  console.log(job.payload);
  await store.complete(job.id);
}
await store.close();
`;
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['--input-type=module', '-e', code], { env: { ...process.env, DB: url, SCHEMA: schema, NAME: name } });
      let out = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
      child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
      child.on('error', reject);
      child.on('close', (c) => resolve({ lines: out.split('\n').filter(Boolean), code: c, stderr }));
    });
  }

  test('postgres: two worker processes share one queue and each job is claimed once', async () => {
    const schema = `lodestone_test_${randomBytes(6).toString('hex')}`;
    try {
      const store = await openStore(url, { schema });
      await store.enqueue(Array.from({ length: 300 }, (_, i) => `job-${i}`));
      await store.close();
      const [a, b] = await Promise.all([runWorker('a', schema), runWorker('b', schema)]);
      assert.equal(a.code, 0, a.stderr);
      assert.equal(b.code, 0, b.stderr);
      const all = [...a.lines, ...b.lines];
      assert.equal(all.length, 300);
      assert.equal(new Set(all).size, 300, 'no job was done twice');
      assert.ok(a.lines.length > 0 && b.lines.length > 0, 'both workers took jobs');
      const after = await openStore(url, { schema });
      assert.equal((await after.counts()).done, 300);
      await after.close();
    } finally {
      await dropSchema(url, schema);
    }
  });

  test('postgres: near-duplicates written at the same time by two connections still share a story', async () => {
    const h = harness(url);
    const a = await h.open();
    const b = await h.open();
    try {
      const docs = [articleOf('seed', seedText(), { published: '2025-08-20', outlet: 'wire.example' }),
        articleOf('seed-mmd', seedSyndicated(), { published: '2025-08-21', outlet: 'metalmarkets.example' })];
      const oil = [articleOf('oil-1', TEXTS.oil, { outlet: 'x.example' }), articleOf('oil-2', `${TEXTS.oil}\n\nShare this article.`, { outlet: 'y.example' })];
      const results = await Promise.all([a.putArticle(docs[0]!), b.putArticle(docs[1]!), a.putArticle(oil[0]!), b.putArticle(oil[1]!)]);
      assert.equal(new Set(results.slice(0, 2).map((r) => r.storyId)).size, 1, JSON.stringify(results));
      assert.equal(new Set(results.slice(2).map((r) => r.storyId)).size, 1, JSON.stringify(results));
      assert.equal((await a.stories()).length, 2);
      const sanctions = (await a.events({ plover: 'COERCE', actor: 'USA' }));
      assert.deepEqual(sanctions.map((e) => e.numArticles), [2]);
    } finally {
      await a.close();
      await b.close();
      await h.destroy();
    }
  });
}
