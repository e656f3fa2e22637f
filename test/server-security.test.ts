// What keeps the server safe to run: headers that stop injected script, write tokens beyond loopback, body
// limits, JSON-only writes, the loopback Host check, errors without stack traces, the static UI, and an
// OpenAPI document that lists exactly the routes the app has.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createApp, isLoopback, startServer, OPENAPI } from '../src/server/index.js';
import { openStore } from '../src/store/index.js';
import { testServer, get, post, call, ARTICLES } from './server-helpers.js';

/** A raw request, for what fetch will not send (a foreign Host header, an undecoded path, a chunked body). */
function raw(url: string, opts: { method?: string; path: string; headers?: Record<string, string>; chunks?: Buffer[] }): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: u.hostname, port: u.port, method: opts.method ?? 'GET', path: opts.path, headers: opts.headers ?? {} }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => { body += d.toString(); });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', (err: NodeJS.ErrnoException) => (err.code === 'EPIPE' || err.code === 'ECONNRESET' ? resolve({ status: -1, body: '', headers: {} }) : reject(err)));
    for (const c of opts.chunks ?? []) req.write(c);
    req.end();
  });
}

test('every response carries a Content-Security-Policy that forbids inline script, and nosniff', async () => {
  const s = await testServer();
  try {
    for (const route of ['/', '/api/health', '/api/nothing']) {
      const r = await get(s, route);
      const csp = r.headers.get('content-security-policy') ?? '';
      assert.match(csp, /default-src 'self'/, route);
      assert.match(csp, /script-src 'self'(;|$)/, route);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, route);
      assert.match(csp, /object-src 'none'/);
      assert.match(csp, /base-uri 'none'/);
      assert.match(csp, /frame-ancestors 'none'/);
      assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(r.headers.get('x-frame-options'), 'DENY');
    }
    assert.match((await get(s, '/api/health')).headers.get('content-type') ?? '', /^application\/json/);
  } finally {
    await s.stop();
  }
});

test('beyond loopback, ingest and analyze need the bearer token; reading does not', async () => {
  const token = 'test-token-0123456789abcdef';
  const s = await testServer({ guardWrites: true, token });
  try {
    const none = await post(s, '/api/ingest', ARTICLES.coal);
    assert.equal(none.status, 401);
    assert.equal(none.body.error.code, 'unauthorized');
    assert.match(none.body.error.message, /Authorization: Bearer/);
    const wrong = await post(s, '/api/ingest', ARTICLES.coal, { authorization: 'Bearer not-the-token-at-all' });
    assert.equal(wrong.status, 401);
    assert.equal((await get(s, '/api/health')).body.articles, 0, 'nothing was stored');
    const right = await post(s, '/api/ingest', ARTICLES.coal, { authorization: `Bearer ${token}` });
    assert.equal(right.status, 200);
    assert.equal(right.body.status, 'stored');
    assert.equal((await get(s, '/api/articles')).status, 200);
    assert.equal((await post(s, '/api/analyze', { text: ARTICLES.uranium.text })).status, 401);
    assert.equal((await post(s, '/api/analyze', { text: ARTICLES.uranium.text }, { authorization: `Bearer ${token}` })).status, 200);
  } finally {
    await s.stop();
  }
});

test('on loopback, ingest needs no token', async () => {
  const s = await testServer();
  try {
    assert.equal((await post(s, '/api/ingest', ARTICLES.coal)).status, 200);
  } finally {
    await s.stop();
  }
});

test('refuses to listen beyond loopback without a long enough token', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'lodestone-server-'));
  try {
    const db = path.join(dir, 'x.db');
    await assert.rejects(startServer({ host: '0.0.0.0', port: 0, db, token: null, demo: false, log: () => {} }), /without a write token.*LODESTONE_TOKEN/);
    await assert.rejects(startServer({ host: '0.0.0.0', port: 0, db, token: 'short', demo: false, log: () => {} }), /at least 16/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  assert.ok(isLoopback('127.0.0.1') && isLoopback('127.8.9.10') && isLoopback('::1') && isLoopback('[::1]') && isLoopback('localhost') && isLoopback('::ffff:127.0.0.1'));
  assert.ok(!isLoopback('0.0.0.0') && !isLoopback('::') && !isLoopback('192.168.1.20') && !isLoopback('example.com'));
});

test('a body over 2 MB is refused with 413, whether its length is declared or streamed', async () => {
  const s = await testServer();
  try {
    const big = { text: 'Copper prices rose. '.repeat(110_000) };
    const declared = await post(s, '/api/analyze', big);
    assert.equal(declared.status, 413);
    assert.equal(declared.body.error.code, 'too_large');
    assert.match(declared.body.error.message, /2 MB/);
    const chunk = Buffer.from('x'.repeat(64 * 1024));
    const streamed = await raw(s.url, {
      method: 'POST', path: '/api/analyze', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      chunks: [Buffer.from('{"text": "'), ...Array.from({ length: 40 }, () => chunk), Buffer.from('"}')],
    });
    assert.ok(streamed.status === 413 || streamed.status === -1, `status ${streamed.status}`);
    if (streamed.status === 413) assert.equal(JSON.parse(streamed.body).error.code, 'too_large');
    assert.equal((await get(s, '/api/health')).status, 200, 'the server is still answering');
  } finally {
    await s.stop();
  }
});

test('writes must be JSON, so a page on another site cannot post a form to the local server', async () => {
  const s = await testServer();
  try {
    const form = await call(s, 'POST', '/api/ingest', 'text=Russia+offered+uranium', { 'content-type': 'application/x-www-form-urlencoded' });
    assert.equal(form.status, 400);
    assert.match(form.body.error.message, /Content-Type: application\/json/);
    const plain = await call(s, 'POST', '/api/ingest', JSON.stringify(ARTICLES.coal), { 'content-type': 'text/plain' });
    assert.equal(plain.status, 400);
    assert.equal((await get(s, '/api/health')).body.articles, 0);
  } finally {
    await s.stop();
  }
});

test('a loopback server answers only requests addressed to localhost (DNS rebinding)', async () => {
  const s = await testServer();
  try {
    const foreign = await raw(s.url, { path: '/api/health', headers: { host: 'attacker.example:8080' } });
    assert.equal(foreign.status, 400);
    assert.match(JSON.parse(foreign.body).error.message, /localhost/);
    assert.equal((await raw(s.url, { path: '/api/health', headers: { host: `localhost:${s.port}` } })).status, 200);
  } finally {
    await s.stop();
  }
});

test('an unexpected failure is a one-line 500 without the stack; the stack goes to the server log', async () => {
  const logged: string[] = [];
  const s = await testServer({ logError: (l) => logged.push(l) });
  try {
    await s.store.close(); // the database goes away under the server
    const r = await get(s, '/api/health');
    assert.equal(r.status, 500);
    assert.equal(r.body.error.code, 'internal');
    assert.doesNotMatch(r.text, /at .*\.js|node_modules|Error:/);
    assert.equal(logged.length, 1);
    assert.match(logged[0]!, /GET \/api\/health/);
  } finally {
    await s.stop().catch(() => {});
  }
});

test('serves the built UI at / and /assets/*, its own routes as index.html, and nothing outside web/dist', async () => {
  const dist = mkdtempSync(path.join(tmpdir(), 'lodestone-dist-'));
  mkdirSync(path.join(dist, 'assets'));
  writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Lodestone UI</title><script type="module" src="/assets/app.js"></script>');
  writeFileSync(path.join(dist, 'assets', 'app.js'), 'console.log("ui");');
  const s = await testServer({ webDist: dist });
  try {
    const index = await get(s, '/');
    assert.equal(index.status, 200);
    assert.match(index.text, /Lodestone UI/);
    assert.match(index.headers.get('content-security-policy') ?? '', /script-src 'self'/);
    const js = await get(s, '/assets/app.js');
    assert.equal(js.status, 200);
    assert.match(js.headers.get('content-type') ?? '', /javascript/);
    assert.match((await get(s, '/timeline')).text, /Lodestone UI/, 'a UI route gets the UI');
    assert.equal((await get(s, '/assets/missing.js')).status, 404);
    assert.equal((await raw(s.url, { path: '/assets/..%2f..%2fpackage.json' })).status, 404);
    assert.equal((await raw(s.url, { path: '/assets/../../package.json' })).status, 404);
    assert.equal((await get(s, '/api/nothing')).body.error.code, 'not_found', 'the UI fallback never hides an API 404');
  } finally {
    await s.stop();
    rmSync(dist, { recursive: true, force: true });
  }
  const bare = await testServer({ webDist: null });
  try {
    const page = await get(bare, '/');
    assert.equal(page.status, 200);
    assert.match(page.text, /not built/);
    assert.match(page.text, /href="\/api\/openapi\.json"/);
  } finally {
    await bare.stop();
  }
});

test('the OpenAPI document lists every route of the app, and every documented path is a route', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'lodestone-server-'));
  const store = await openStore(path.join(dir, 'x.db'));
  const { app, close } = createApp({ store, webDist: null });
  try {
    const routes = new Set(app.routes
      .filter((r) => r.path.startsWith('/api/') && r.method !== 'ALL' && !r.path.endsWith('*'))
      .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`));
    const documented = new Set(Object.entries(OPENAPI.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`)));
    assert.deepEqual([...routes].sort(), [...documented].sort());
    assert.equal(OPENAPI.openapi, '3.1.0');
    for (const [p, ops] of Object.entries(OPENAPI.paths)) {
      for (const [m, op] of Object.entries(ops as Record<string, { responses: Record<string, unknown>; operationId: string }>)) {
        assert.ok(op.operationId, `${m} ${p} has an operationId`);
        assert.ok(op.responses['200'], `${m} ${p} documents its success`);
        if (p !== '/api/openapi.json') assert.ok(op.responses['500'], `${m} ${p} documents the internal error`);
      }
    }
    // every $ref resolves
    const text = JSON.stringify(OPENAPI);
    for (const [, kind, name] of text.matchAll(/"#\/components\/(\w+)\/(\w+)"/g)) {
      assert.ok((OPENAPI.components as Record<string, Record<string, unknown>>)[kind!]?.[name!], `#/components/${kind}/${name}`);
    }
  } finally {
    await close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const s = await testServer();
  try {
    const served = await get(s, '/api/openapi.json');
    assert.equal(served.status, 200);
    assert.deepEqual(served.body, JSON.parse(JSON.stringify(OPENAPI)));
  } finally {
    await s.stop();
  }
});
