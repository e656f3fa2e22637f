import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { Fetcher, HostPoliteness, MemoryConditionalCache, nonPublicRange } from '../src/ingest/fetch.js';
import { decodeDocument } from '../src/ingest/decode.js';

const ARTICLE = '<!doctype html><html><head><meta charset="utf-8"><title>Glencore halts cobalt output</title></head><body><article><p>Glencore will halt production at its Mutanda cobalt mine in Congo by the end of the year, the company said on Wednesday, as prices of the battery metal languish near decade lows.</p></article></body></html>';
const FEED = '<?xml version="1.0"?><rss version="2.0"><channel><title>Metals Wire</title><item><title>Cobalt slumps</title><link>http://127.0.0.1/x</link></item></channel></rss>';

let server: http.Server;
let base = '';
const seenAgents: string[] = [];
const pending: http.ServerResponse[] = [];

before(async () => {
  server = http.createServer((req, res) => {
    seenAgents.push(req.headers['user-agent'] ?? '');
    const url = req.url ?? '/';
    if (url === '/article') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(ARTICLE);
    } else if (url === '/hang') {
      pending.push(res); // never answers
    } else if (url === '/loop-a' || url === '/loop-b') {
      res.writeHead(302, { location: url === '/loop-a' ? '/loop-b' : '/loop-a' });
      res.end();
    } else if (url.startsWith('/hop/')) {
      const n = Number(url.slice(5));
      if (n > 0) res.writeHead(301, { location: `/hop/${n - 1}` }).end();
      else res.writeHead(200, { 'content-type': 'text/plain' }).end('arrived');
    } else if (url === '/big') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<p>' + 'nickel '.repeat(300_000) + '</p>'); // 2.1 MB
    } else if (url === '/big-chunked') {
      res.writeHead(200, { 'content-type': 'text/html' }); // no Content-Length: the limit must hold while streaming
      for (let i = 0; i < 40; i++) res.write('<p>' + 'lithium '.repeat(8000) + '</p>');
      res.end();
    } else if (url === '/bomb') {
      // 64 MB of spaces that travel as ~64 KB of gzip
      res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
      res.end(gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20)));
    } else if (url === '/feed') {
      if (req.headers['if-none-match'] === '"v7"') res.writeHead(304, { etag: '"v7"' }).end();
      else res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v7"', 'last-modified': 'Tue, 19 Nov 2019 08:00:00 GMT' }).end(FEED);
    } else if (url === '/missing') {
      res.writeHead(404).end('not here');
    } else {
      res.writeHead(500).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  for (const res of pending) res.destroy();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});


/** Runs `fn` with a Fetcher and closes it afterwards. */
async function withFetcher(options: ConstructorParameters<typeof Fetcher>[0], fn: (f: Fetcher) => Promise<void>): Promise<void> {
  const f = new Fetcher(options);
  try {
    await fn(f);
  } finally {
    await f.close();
  }
}

test('fetches a page from the local server when private addresses are allowed, with a descriptive User-Agent', async () => {
  await withFetcher({ allowPrivate: true }, async (f) => {
    const r = await f.fetch(`${base}/article`);
    assert.ok(r.ok);
    assert.equal(r.status, 200);
    assert.equal(r.contentType, 'text/html');
    assert.equal(r.charset, 'utf-8');
    assert.match(r.body.toString('utf8'), /Mutanda cobalt mine/);
    assert.match(seenAgents.at(-1)!, /^Lodestone\/0\.1 \(\+https?:\/\/\S+/);
  });
});

test('refuses loopback addresses without --allow-private, by IP and by host name', async () => {
  await withFetcher({}, async (f) => {
    const byIp = await f.fetch(`${base}/article`);
    assert.ok(!byIp.ok);
    assert.equal(byIp.reason, 'private_address');
    assert.match(byIp.error, /loopback address: refused \(pass --allow-private/);
    const port = new URL(base).port;
    const byName = await f.fetch(`http://localhost:${port}/article`);
    assert.ok(!byName.ok);
    assert.equal(byName.reason, 'private_address');
    assert.match(byName.error, /localhost resolves to .*loopback/);
  });
});

test('tells public addresses from private, loopback, link-local and other special ones', () => {
  for (const ip of ['10.1.2.3', '172.16.5.4', '192.168.0.10', '127.0.0.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fe80::1', 'fd12:3456::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1', '224.0.0.1']) {
    assert.notEqual(nonPublicRange(ip), null, ip);
  }
  for (const ip of ['8.8.8.8', '151.101.1.69', '2001:4860:4860::8888', '::ffff:8.8.4.4']) assert.equal(nonPublicRange(ip), null, ip);
});

test('gives up on a server that never answers after the read timeout', async () => {
  await withFetcher({ allowPrivate: true, readTimeoutMs: 300 }, async (f) => {
    const t0 = Date.now();
    const r = await f.fetch(`${base}/hang`);
    assert.ok(!r.ok);
    assert.equal(r.reason, 'timeout');
    assert.match(r.error, /sent nothing for 0\.3 s/);
    assert.ok(Date.now() - t0 < 5000);
  });
});

test('stops a redirect loop and a chain longer than five redirects, and follows a shorter one', async () => {
  await withFetcher({ allowPrivate: true }, async (f) => {
    const loop = await f.fetch(`${base}/loop-a`);
    assert.ok(!loop.ok);
    assert.equal(loop.reason, 'redirect_loop');
    const long = await f.fetch(`${base}/hop/6`);
    assert.ok(!long.ok);
    assert.equal(long.reason, 'too_many_redirects');
    const ok = await f.fetch(`${base}/hop/5`);
    assert.ok(ok.ok);
    assert.equal(ok.url, `${base}/hop/0`);
    assert.equal(ok.body.toString(), 'arrived');
  });
});

test('refuses a body over the size limit, declared or streamed', async () => {
  await withFetcher({ allowPrivate: true, maxBytes: 1024 * 1024 }, async (f) => {
    const declared = await f.fetch(`${base}/big`);
    assert.ok(!declared.ok);
    assert.equal(declared.reason, 'too_large');
    const streamed = await f.fetch(`${base}/big-chunked`);
    assert.ok(!streamed.ok);
    assert.equal(streamed.reason, 'too_large');
    assert.match(streamed.error, /above the 1 MB limit/);
  });
});

test('stops a gzip bomb at the size limit counted after decompression', async () => {
  await withFetcher({ allowPrivate: true, maxBytes: 2 * 1024 * 1024 }, async (f) => {
    const r = await f.fetch(`${base}/bomb`);
    assert.ok(!r.ok);
    assert.equal(r.reason, 'too_large');
    assert.match(r.error, /after decompression/);
  });
});

test('sends the remembered ETag on the next request for a feed and reports 304 as not modified', async () => {
  const cache = new MemoryConditionalCache();
  await withFetcher({ allowPrivate: true, cache }, async (f) => {
    const first = await f.fetch(`${base}/feed`, { conditional: true });
    assert.ok(first.ok && !first.notModified);
    assert.deepEqual(cache.get(`${base}/feed`), { etag: '"v7"', lastModified: 'Tue, 19 Nov 2019 08:00:00 GMT' });
    const second = await f.fetch(`${base}/feed`, { conditional: true });
    assert.ok(second.ok);
    assert.equal(second.notModified, true);
    assert.equal(second.body.length, 0);
    // without the conditional flag the full feed comes again
    const third = await f.fetch(`${base}/feed`);
    assert.ok(third.ok && !third.notModified && third.body.length > 0);
  });
});

test('reports HTTP errors and invalid URLs with one line', async () => {
  await withFetcher({ allowPrivate: true }, async (f) => {
    const missing = await f.fetch(`${base}/missing`);
    assert.ok(!missing.ok);
    assert.equal(missing.reason, 'http_status');
    assert.match(missing.error, /HTTP 404/);
    const bad = await f.fetch('not a url');
    assert.ok(!bad.ok);
    assert.equal(bad.reason, 'bad_url');
    const ftp = await f.fetch('ftp://example.org/file.txt');
    assert.ok(!ftp.ok);
    assert.equal(ftp.reason, 'bad_url');
  });
});

test('spaces requests to the same host but not to different hosts', async () => {
  const polite = new HostPoliteness(150);
  const t0 = Date.now();
  await polite.wait('metals.example');
  await polite.wait('other.example');
  assert.ok(Date.now() - t0 < 100);
  await polite.wait('metals.example');
  assert.ok(Date.now() - t0 >= 140);
});

test('decodes a page whose HTTP charset is wrong, one in Windows-1251 by its meta tag, and one with no label at all', () => {
  const latin = iconv.encode('<p>Die Börse in Zürich meldete höhere Umsätze mit Nickel und Kupfer.</p>', 'win1252');
  const wrong = decodeDocument(latin, 'page', 'utf-8');
  assert.ok(wrong.ok);
  assert.match(wrong.text, /Börse in Zürich/);
  const cyr = iconv.encode('<html><head><meta charset="windows-1251"></head><body><p>Норильский никель увеличил добычу палладия.</p></body></html>', 'win1251');
  const ru = decodeDocument(cyr, 'page');
  assert.ok(ru.ok);
  assert.equal(ru.charset, 'windows-1251');
  assert.match(ru.text, /Норильский никель/);
  // no label at all: detected from the bytes
  const unlabelled = decodeDocument(iconv.encode('Правительство России объявило о новых квотах на экспорт никеля, палладия и платины до конца года.', 'win1251'), 'wire.txt');
  assert.ok(unlabelled.ok);
  assert.equal(unlabelled.from, 'detected');
  assert.match(unlabelled.text, /квотах на экспорт никеля/);
  // a page labelled ISO-8859-1 that is really UTF-8
  const mislabelled = decodeDocument(Buffer.from('<meta charset="iso-8859-1"><p>São Paulo: preço do minério de ferro sobe.</p>', 'utf8'), 'page');
  assert.ok(mislabelled.ok);
  assert.match(mislabelled.text, /São Paulo: preço do minério/);
  const png = decodeDocument(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), 'chart.png');
  assert.ok(!png.ok);
  assert.equal(png.reason, 'binary');
  assert.match(png.error, /PNG image/);
});
