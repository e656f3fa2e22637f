// The response cache answers a repeated question from memory, and never with stale data: a write through the
// server or a commit by another process (a `lodestone ingest` next to the server) drops what it holds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { analyze } from '../src/index.js';
import { openStore } from '../src/store/index.js';
import { testServer, get, post, ARTICLES } from './server-helpers.js';

test('a repeated GET is served from the cache until the database changes, from this server or another process', async () => {
  const s = await testServer();
  try {
    const first = await get(s, '/api/events?commodity=coal');
    assert.equal(first.headers.get('x-cache'), null);
    assert.equal(first.body.items.length, 0);
    const second = await get(s, '/api/events?commodity=coal');
    assert.equal(second.headers.get('x-cache'), 'hit');
    assert.deepEqual(second.body, first.body);
    assert.match(second.headers.get('content-security-policy') ?? '', /script-src 'self'/, 'cached answers carry the same headers');

    assert.equal((await post(s, '/api/ingest', ARTICLES.coal)).status, 200);
    const afterIngest = await get(s, '/api/events?commodity=coal');
    assert.equal(afterIngest.headers.get('x-cache'), null);
    assert.equal(afterIngest.body.items[0].articleId, 'eu-coal-ban');

    // another process writes to the same SQLite file
    const other = await openStore(path.join(s.dir, 'test.db'));
    const text = 'Poland said on Monday it would stop buying Russian coal from May, after the European Union agreed to ban imports of the fuel.\n';
    await other.putArticle({ id: 'pl-coal', url: null, title: null, byline: null, published: '2022-04-11', source: 'test', outlet: null, raw: null, analysis: analyze(text, { published: '2022-04-11' }) });
    await other.close();
    const afterOther = await get(s, '/api/health');
    assert.equal(afterOther.body.articles, 2);
    assert.equal((await get(s, '/api/health')).headers.get('x-cache'), 'hit');
  } finally {
    await s.stop();
  }
});

test('errors are not cached, and the cache can be turned off', async () => {
  const s = await testServer({ responseCache: false });
  try {
    await get(s, '/api/articles');
    assert.equal((await get(s, '/api/articles')).headers.get('x-cache'), null);
  } finally {
    await s.stop();
  }
  const c = await testServer();
  try {
    await get(c, '/api/articles/missing');
    const again = await get(c, '/api/articles/missing');
    assert.equal(again.status, 404);
    assert.equal(again.headers.get('x-cache'), null);
  } finally {
    await c.stop();
  }
});
