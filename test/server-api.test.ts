// The HTTP API as a client uses it: every endpoint answers a good request with the documented shape and a bad
// one with a 400/404 that says what is wrong.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Fetcher } from '../src/ingest/index.js';
import { fixture } from './fixtures.js';
import { testServer, get, post, ARTICLES, type TestServer } from './server-helpers.js';

const SEED = fixture('seed-article.txt');
let s: TestServer;

before(async () => {
  s = await testServer();
  for (const a of Object.values(ARTICLES)) assert.equal((await post(s, '/api/ingest', a)).status, 200);
  assert.equal((await post(s, '/api/ingest', { id: 'seed', text: SEED, published: '2025-08-20', title: 'Russia offers the US its rare earths' })).status, 200);
});
after(async () => s.stop());

test('health says the server is up, which database it uses and how many articles it holds', async () => {
  const r = await get(s, '/api/health');
  assert.equal(r.status, 200);
  assert.deepEqual(r.body, { ok: true, db: 'sqlite', articles: 3 });
  const bad = await get(s, '/api/health?verbose=1');
  assert.equal(bad.status, 400);
  assert.match(bad.body.error.message, /unknown parameter "verbose"/);
});

test('analyze of the seed article returns its four direct quotes with their speakers, and stores nothing', async () => {
  const r = await post(s, '/api/analyze', { text: SEED, published: '2025-08-20' });
  assert.equal(r.status, 200);
  assert.equal(r.body.text, SEED);
  assert.equal(r.body.published, '2025-08-20');
  const direct = r.body.quotes.filter((q: any) => q.kind === 'direct');
  assert.deepEqual(direct.map((q: any) => q.speakerName), ['Denis Manturov', 'Denis Manturov', 'Vladimir Putin', 'Donald Trump']);
  assert.ok(direct[3].text.startsWith('Regarding rare earths, that is very unimportant.'));
  for (const q of r.body.quotes) assert.equal(SEED.slice(q.start, q.end), q.text);
  assert.ok(r.body.removed.some((x: any) => x.reason === 'promotional' && /Referral code/.test(x.text)));
  assert.equal((await get(s, '/api/health')).body.articles, 3);
});

test('analyze takes an HTML page and reads the article out of it', async () => {
  const html = '<!doctype html><html><head><title>Chile copper output</title></head><body><nav><a href="/">Home</a> | <a href="/markets">Markets</a></nav>'
    + '<article><h1>Chile copper output falls</h1><p>Chile\'s copper output fell 4% in June from a year earlier, the national statistics institute said on Friday, as lower ore grades at state miner Codelco weighed on production.</p>'
    + '<p>"We expect a recovery in the second half," Codelco chairman Maximo Pacheco told reporters in Santiago.</p></article></body></html>';
  const r = await post(s, '/api/analyze', { html, published: '2024-07-31' });
  assert.equal(r.status, 200);
  assert.match(r.body.text, /^Chile's copper output fell 4% in June/);
  assert.doesNotMatch(r.body.text, /Markets/, 'the navigation is not article text');
  assert.ok(r.body.entities.some((e: any) => e.type === 'commodity' && e.name === 'copper'));
  assert.ok(r.body.quotes.some((q: any) => q.kind === 'direct' && /recovery in the second half/.test(q.text)));
});

test('analyze refuses bad bodies with the reason', async () => {
  const cases: [unknown, RegExp][] = [
    [{}, /one of "text", "html" or "url"/],
    [{ text: 'a', html: '<p>b</p>' }, /exactly one of/],
    [{ text: '   ' }, /no text/],
    [{ text: 'Copper rose.', published: '2025-02-30' }, /"published" takes a date as YYYY-MM-DD/],
    [{ text: 42 }, /"text" must be a string/],
    [{ text: 'Copper rose.', colour: 'red' }, /unknown field "colour"/],
    [[1, 2], /must be a JSON object/],
    ['{"text": "unterminated', /not valid JSON/],
    [{ url: 'ftp://example.com/a' }, /http:\/\/ or https:\/\//],
  ];
  for (const [body, why] of cases) {
    const r = await post(s, '/api/analyze', body);
    assert.equal(r.status, 400, JSON.stringify(body));
    assert.equal(r.body.error.code, 'bad_request');
    assert.match(r.body.error.message, why);
  }
});

test('analyze fetches a URL, but never from a private or loopback address unless allowed', async () => {
  const page = '<!doctype html><html><head><title>Gold</title><meta property="article:published_time" content="2025-05-06T09:00:00Z"></head><body><article><h1>Gold hits record</h1>'
    + '<p>Gold rose to a record high on Tuesday as investors sought safety, traders in London said, while silver and platinum also gained.</p>'
    + '<p>Central banks in China and Poland kept buying the metal last month, the World Gold Council said.</p></article></body></html>';
  const site = http.createServer((_req, res) => { res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }); res.end(page); });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(site.address() as AddressInfo).port}/gold.html`;
  try {
    const refused = await post(s, '/api/analyze', { url });
    assert.equal(refused.status, 400);
    assert.match(refused.body.error.message, /loopback|private/);

    const local = await testServer({ fetcher: new Fetcher({ allowPrivate: true }) });
    try {
      const r = await post(local, '/api/analyze', { url });
      assert.equal(r.status, 200);
      assert.match(r.body.text, /Gold rose to a record high/);
      assert.equal(r.body.published, '2025-05-06', 'the page\'s own date is used when none is posted');
      assert.ok(r.body.entities.some((e: any) => e.name === 'gold'));
    } finally {
      await local.stop();
    }
  } finally {
    site.close();
  }
});

test('ingest stores an article once: the same id or the same text again is a duplicate', async () => {
  const text = 'Indonesia will ban exports of bauxite from June to encourage domestic processing, President Joko Widodo said on Wednesday.\n';
  const first = await post(s, '/api/ingest', { id: 'idn-bauxite', text, published: '2022-12-21' });
  assert.equal(first.status, 200);
  assert.deepEqual(first.body, { status: 'stored', id: 'idn-bauxite', storyId: 'idn-bauxite' });
  const again = await post(s, '/api/ingest', { id: 'idn-bauxite', text, published: '2022-12-21' });
  assert.equal(again.body.status, 'duplicate');
  assert.equal(again.body.reason, 'same-id');
  const copy = await post(s, '/api/ingest', { id: 'idn-bauxite-syndicated', text, published: '2022-12-21' });
  assert.equal(copy.body.status, 'duplicate');
  assert.equal(copy.body.reason, 'same-text');
  assert.equal(copy.body.existingId, 'idn-bauxite');
  assert.equal((await get(s, '/api/articles/idn-bauxite-syndicated')).body.article.id, 'idn-bauxite');

  const bad = await post(s, '/api/ingest', { id: 'has a space', text });
  assert.equal(bad.status, 400);
  assert.match(bad.body.error.message, /"id" must be/);
});

test('articles are listed in pages with their counts, and one article comes with its analysis', async () => {
  const page = await get(s, '/api/articles?limit=2&offset=0');
  assert.equal(page.status, 200);
  assert.equal(page.body.limit, 2);
  assert.equal(page.body.offset, 0);
  assert.equal(page.body.items.length, 2);
  assert.deepEqual(Object.keys(page.body.items[0]).sort(), ['counts', 'id', 'outlet', 'published', 'storyId', 'title', 'url']);
  assert.equal(page.body.items[0].id, 'kaz-fra-uranium');
  assert.ok(page.body.items[0].counts.quotes >= 2);
  const next = await get(s, '/api/articles?limit=2&offset=2');
  assert.equal(next.body.items[0].id, 'seed');

  const one = await get(s, '/api/articles/seed');
  assert.equal(one.status, 200);
  assert.equal(one.body.article.title, 'Russia offers the US its rare earths');
  assert.equal(one.body.article.published, '2025-08-20');
  assert.equal(one.body.analysis.text, SEED);

  for (const q of ['limit=0', 'limit=501', 'limit=ten', 'offset=-1', 'offset=100001']) {
    const r = await get(s, `/api/articles?${q}`);
    assert.equal(r.status, 400, q);
    assert.match(r.body.error.message, /whole number/);
  }
  const missing = await get(s, '/api/articles/no-such-article');
  assert.equal(missing.status, 404);
  assert.equal(missing.body.error.code, 'not_found');
});

test('search finds articles with highlighted snippets', async () => {
  const r = await get(s, '/api/search?q=uranium%20France');
  assert.equal(r.status, 200);
  assert.equal(r.body.items[0].articleId, 'kaz-fra-uranium');
  const hit = r.body.items[0];
  const marked = hit.highlights.map(([a, b]: [number, number]) => hit.snippet.slice(a, b).toLowerCase());
  assert.ok(marked.includes('uranium') && marked.includes('france'), marked.join(','));
  const phrase = await get(s, `/api/search?q=${encodeURIComponent('"rare earth" Alaska -coal')}`);
  assert.deepEqual(phrase.body.items.map((h: any) => h.articleId), ['seed']);
  assert.equal((await get(s, `/api/search?q=${encodeURIComponent('uranium -Kazakhstan')}`)).body.items.some((h: any) => h.articleId === 'kaz-fra-uranium'), false);
  const missing = await get(s, '/api/search');
  assert.equal(missing.status, 400);
  assert.match(missing.body.error.message, /missing parameter q/);
});

test('events filter by actor, country, commodity, PLOVER category and date', async () => {
  const coal = await get(s, '/api/events?commodity=coal');
  assert.equal(coal.status, 200);
  const ban = coal.body.items.find((e: any) => e.articleId === 'eu-coal-ban');
  assert.ok(ban, 'the coal ban is an event');
  assert.equal(ban.source[0].name, 'European Union');
  assert.equal(ban.target[0].iso3, 'RUS');
  assert.equal(ban.date, '2022-04-08');

  const byCountry = await get(s, '/api/events?country=kaz&plover=agree');
  assert.ok(byCountry.body.items.length >= 1);
  for (const e of byCountry.body.items) assert.equal(e.plover, 'AGREE');
  const dated = await get(s, '/api/events?from=2024-01-01&to=2024-12-31');
  assert.ok(dated.body.items.length >= 1);
  for (const e of dated.body.items) assert.equal(e.articleId, 'kaz-fra-uranium');
  assert.ok((await get(s, '/api/events?actor=Kazakhstan&target=FRA')).body.items.length >= 1);

  const bad: [string, RegExp][] = [
    ['country=Russia', /ISO 3166-1 alpha-3/],
    ['plover=ATTACK', /PLOVER category/],
    ['from=2024-02-30', /YYYY-MM-DD/],
    ['from=2025-01-01&to=2024-01-01', /after to/],
    ['comodity=coal', /unknown parameter "comodity"/],
    [`actor=${'x'.repeat(400)}`, /at most 300/],
  ];
  for (const [query, why] of bad) {
    const r = await get(s, `/api/events?${query}`);
    assert.equal(r.status, 400, query);
    assert.match(r.body.error.message, why);
  }
});

test('quotes filter by speaker and words', async () => {
  const r = await get(s, '/api/quotes?speaker=Satkaliyev');
  assert.equal(r.status, 200);
  assert.equal(r.body.items.length, 1);
  assert.equal(r.body.items[0].text, 'We are ready to increase shipments to our French partners,');
  assert.equal(r.body.items[0].speaker, 'Almasadam Satkaliyev');
  const words = await get(s, '/api/quotes?text=uranium%20nuclear');
  assert.ok(words.body.items.some((q: any) => q.speaker === 'Denis Manturov'));
  assert.equal((await get(s, '/api/quotes?limit=-5')).status, 400);
});

test('entities list by type and name, most reported first', async () => {
  const r = await get(s, '/api/entities?type=commodity');
  assert.equal(r.status, 200);
  const names = r.body.items.map((e: any) => e.name);
  assert.ok(names.includes('uranium') && names.includes('coal'), names.join(', '));
  for (const e of r.body.items) assert.equal(e.type, 'commodity');
  const russia = await get(s, '/api/entities?name=russia&type=country');
  assert.equal(russia.body.items[0].codes.iso3, 'RUS');
  assert.ok(russia.body.items[0].articles >= 3);
  const bad = await get(s, '/api/entities?type=planet');
  assert.equal(bad.status, 400);
  assert.match(bad.body.error.message, /type takes one of person, organization/);
});

test('stories list the clusters, largest first', async () => {
  const r = await get(s, '/api/stories?minArticles=1&limit=10');
  assert.equal(r.status, 200);
  assert.ok(r.body.items.length >= 3);
  assert.deepEqual(Object.keys(r.body.items[0]).sort(), ['articles', 'first', 'id', 'last', 'outlets', 'title']);
  // the syndicated copy of the bauxite article (ingested above) makes its story the only one with two articles
  const big = await get(s, '/api/stories?minArticles=2');
  assert.deepEqual(big.body.items.map((x: any) => [x.id, x.articles]), [['idn-bauxite', 2]]);
  assert.equal((await get(s, '/api/stories?minArticles=0')).status, 400);
});

test('a wrong method or an unknown path is a JSON 404 that points at the right one', async () => {
  const wrong = await get(s, '/api/analyze');
  assert.equal(wrong.status, 404);
  assert.match(wrong.body.error.message, /use POST/);
  const unknown = await get(s, '/api/nothing-here');
  assert.equal(unknown.status, 404);
  assert.match(unknown.body.error.message, /openapi\.json/);
});
