import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, truncateSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { readSources, isSourceError, type SourceItem, type SourceError } from '../src/ingest/sources.js';
import { Fetcher, MemoryConditionalCache } from '../src/ingest/fetch.js';
import { readFeed, sniffFeed } from '../src/ingest/feed.js';

const NOW = new Date('2024-06-01T12:00:00Z');
const NEWS_PAGE = readFileSync(fileURLToPath(new URL('../../test/fixtures/html/news-page.html', import.meta.url)), 'utf8');

/** A page about one story, in the shape news sites use. */
function articlePage(title: string, paragraphs: string[], published = '2024-05-20T09:30:00Z'): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title} | Ore Daily</title>
<meta property="og:site_name" content="Ore Daily"><meta property="article:published_time" content="${published}"></head>
<body><nav><a href="/">Home</a> <a href="/metals">Metals</a></nav><article><h1>${title}</h1>
${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}
<div class="share-bar"><a href="https://twitter.com/intent">Share on Twitter</a></div></article>
<footer>Copyright 2024 Ore Daily</footer></body></html>`;
}

const STORY_1 = ['Rio Tinto approved a $2.5 billion expansion of its Kennecott copper mine in Utah on Thursday, betting on demand from power grids and electric vehicles.', 'The miner said the underground project would add 250,000 tonnes of copper over its first ten years and extend the life of the mine to 2032.'];
const STORY_2 = ['Chinese imports of iron ore rose 6 per cent in April from a year earlier as steel mills restocked ahead of the construction season, customs data showed on Tuesday.', 'Shipments from Australia, which supplies about two thirds of the ore China buys, reached 61 million tonnes.'];
const LONG_CONTENT = Array.from({ length: 12 }, (_, i) => `<p>Paragraph ${i + 1}: Zambia's copper output rose in the first quarter as Mopani and Konkola restarted smelters idled during a power shortage, the mines ministry said, adding that exports to China had recovered.</p>`).join('');

function rss(base: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Ore Daily: Metals</title><link>${base}/</link>
<item><title>Rio Tinto approves Kennecott expansion</title><link>${base}/articles/1</link><guid>${base}/articles/1</guid>
  <pubDate>Thu, 16 May 2024 14:05:00 +0000</pubDate><dc:creator>Ana Ortiz</dc:creator><description>Rio Tinto will spend $2.5 billion...</description></item>
<item><title>Zambia copper output recovers</title><link>${base}/articles/never-fetched</link><pubDate>Mon, 13 May 2024 07:00:00 +0000</pubDate>
  <content:encoded><![CDATA[${LONG_CONTENT}]]></content:encoded></item>
<item><title>Broken item <link>${base}/articles/broken</link></item>
<item><title>China iron ore imports rise</title><link>${base}/articles/2</link><pubDate>Tue, 14 May 2030 02:00:00 +0000</pubDate></item>
</channel></rss>`;
}

function atom(base: string): string {
  return `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Ore Daily</title><link href="${base}/"/>
<entry><title>Rio Tinto approves Kennecott expansion</title><link rel="alternate" href="/articles/1"/><id>urn:ore:1</id>
<published>2024-05-16T14:05:00Z</published><author><name>Ana Ortiz</name></author><summary>Rio Tinto will spend $2.5 billion</summary></entry></feed>`;
}

function jsonFeed(base: string): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: 'Ore Daily',
    home_page_url: `${base}/`,
    items: [
      { id: '2', url: `${base}/articles/2`, title: 'China iron ore imports rise', date_published: '2024-05-14T02:00:00Z', authors: [{ name: 'Li Wei' }] },
      { id: '3', title: 'Zambia copper output recovers', content_html: LONG_CONTENT, date_published: '2024-05-13T07:00:00Z' },
    ],
  });
}

let server: http.Server;
let base = '';
const requests: string[] = [];
const hanging: http.ServerResponse[] = [];

before(async () => {
  server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    requests.push(url);
    const send = (type: string, body: string | Buffer, headers: Record<string, string> = {}) => res.writeHead(200, { 'content-type': type, ...headers }).end(body);
    if (url === '/rss.xml') send('application/rss+xml', rss(base));
    else if (url === '/atom.xml') send('application/atom+xml', atom(base));
    else if (url === '/feed.json') send('application/feed+json', jsonFeed(base));
    else if (url === '/etag.xml') {
      if (req.headers['if-none-match'] === '"w1"') res.writeHead(304).end();
      else send('application/rss+xml', atom(base), { etag: '"w1"' });
    } else if (url === '/articles/1') send('text/html; charset=utf-8', articlePage('Rio Tinto approves Kennecott expansion', STORY_1, '2024-05-16T14:05:00Z'));
    else if (url === '/articles/2') send('text/html; charset=utf-8', articlePage('China iron ore imports rise', STORY_2, '2024-05-14T02:00:00Z'));
    else if (url === '/latin1-labelled-utf8') {
      // the HTTP header says UTF-8, the bytes are Windows-1252
      send('text/html; charset=utf-8', iconv.encode(articlePage('Swiss traders', ['Die Börse in Zürich meldete am Dienstag höhere Umsätze mit Nickel, Kupfer und Aluminium, weil Händler vor den Zöllen Vorräte anlegten.']), 'win1252'));
    } else if (url === '/hang') hanging.push(res);
    else if (url === '/image.png') send('image/png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    else res.writeHead(404).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  for (const r of hanging) r.destroy();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function collect(specs: string[], fetcher?: Fetcher, extra: Parameters<typeof readSources>[1] = {}): Promise<{ items: SourceItem[]; errors: SourceError[]; all: (SourceItem | SourceError)[] }> {
  const all: (SourceItem | SourceError)[] = [];
  for await (const x of readSources(specs, { fetcher, now: NOW, ...extra })) all.push(x);
  return { items: all.filter((x): x is SourceItem => !isSourceError(x)), errors: all.filter(isSourceError), all };
}

/** Runs `fn` in a fresh temporary directory and removes it afterwards. */
async function withTempDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'lodestone-ingest-'));
  try {
    await fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}


/** Runs `fn` with a Fetcher and closes it afterwards. */
async function withFetcher(options: ConstructorParameters<typeof Fetcher>[0], fn: (fetcher: Fetcher) => Promise<void>): Promise<void> {
  const fetcher = new Fetcher(options);
  try {
    await fn(fetcher);
  } finally {
    await fetcher.close();
  }
}

test('reads an RSS feed: fetches item links, keeps full content without fetching, reports the malformed item and drops a future date', async () => {
  await withFetcher({ allowPrivate: true }, async (fetcher) => {
    const { items, errors, all } = await collect([`${base}/rss.xml`], fetcher);
    assert.equal(all.length, 4, 'one result per item, in feed order');
    const [rio, zambia, broken, china] = all;
    assert.ok(rio && !isSourceError(rio));
    assert.equal(rio.title, 'Rio Tinto approves Kennecott expansion');
    assert.equal(rio.byline, 'Ana Ortiz');
    assert.equal(rio.published, '2024-05-16');
    assert.equal(rio.url, `${base}/articles/1`);
    assert.equal(rio.outlet, 'Ore Daily');
    assert.equal(rio.source, `${base}/rss.xml`);
    assert.match(rio.text!, /^Rio Tinto approved a \$2\.5 billion expansion/);
    assert.ok(!rio.text!.includes('Share on Twitter'));
    assert.ok(zambia && !isSourceError(zambia));
    assert.match(zambia.text!, /Paragraph 12: Zambia's copper output rose/);
    assert.ok(!requests.includes('/articles/never-fetched'), 'an item with its full text is not fetched');
    assert.ok(broken && isSourceError(broken));
    assert.equal(broken.reason, 'bad_item');
    assert.match(broken.error, /item 3 is malformed XML/);
    assert.ok(china && !isSourceError(china));
    // the feed's date (2030) is in the future, so the page's own date is used
    assert.equal(china.published, '2024-05-14');
    assert.equal(items.length, 3);
    assert.equal(errors.length, 1);
  });
});

test('reads Atom and JSON Feed documents, resolving relative links against the feed', async () => {
  await withFetcher({ allowPrivate: true }, async (fetcher) => {
    const atomItems = (await collect([`${base}/atom.xml`], fetcher)).items;
    assert.equal(atomItems.length, 1);
    assert.equal(atomItems[0]!.url, `${base}/articles/1`);
    assert.equal(atomItems[0]!.published, '2024-05-16');
    assert.match(atomItems[0]!.text!, /Kennecott copper mine in Utah/);
    const { items } = await collect([`${base}/feed.json`], fetcher);
    assert.deepEqual(items.map((i) => i.title), ['China iron ore imports rise', 'Zambia copper output recovers']);
    assert.equal(items[0]!.byline, 'Li Wei');
    assert.match(items[0]!.text!, /Chinese imports of iron ore rose 6 per cent/);
    assert.match(items[1]!.text!, /Mopani and Konkola/);
  });
});

test('a feed fetched again with its ETag reports "not modified" instead of its items', async () => {
  await withFetcher({ allowPrivate: true, cache: new MemoryConditionalCache() }, async (fetcher) => {
    assert.equal((await collect([`${base}/etag.xml`], fetcher)).items.length, 1);
    const again = await collect([`${base}/etag.xml`], fetcher);
    assert.equal(again.items.length, 0);
    assert.equal(again.errors[0]!.reason, 'not_modified');
  });
});

test('a URL that hangs, a refused private address and a binary URL each give an error and the next source is still read', async () => {
  await withFetcher({ allowPrivate: true, readTimeoutMs: 300 }, async (fetcher) => {
    const { all } = await collect([`${base}/hang`, `${base}/image.png`, `${base}/articles/2`], fetcher);
    assert.equal(all.length, 3);
    assert.ok(isSourceError(all[0]!) && /sent nothing for 0\.3 s/.test(all[0].error));
    assert.ok(isSourceError(all[1]!) && all[1].reason === 'binary');
    assert.ok(!isSourceError(all[2]!) && /iron ore/.test(all[2].text!));
  });
  // without --allow-private the local server is refused
  const refused = await collect([`${base}/articles/2`]);
  assert.equal(refused.errors[0]!.reason, 'fetch');
  assert.match(refused.errors[0]!.error, /refused \(pass --allow-private/);
});

test('decodes a page whose server claims UTF-8 but sends Windows-1252', async () => {
  await withFetcher({ allowPrivate: true }, async (fetcher) => {
    const { items } = await collect([`${base}/latin1-labelled-utf8`], fetcher);
    assert.match(items[0]!.text!, /Die Börse in Zürich meldete am Dienstag höhere Umsätze/);
  });
});

test('reads a directory recursively: text, HTML, JSONL and feed files; skips hidden files and binaries with a reason', async () => {
  await withTempDir(async (dir) => {
    mkdirSync(path.join(dir, 'wires', 'old'), { recursive: true });
    mkdirSync(path.join(dir, '.git'));
    writeFileSync(path.join(dir, '.git', 'HEAD'), 'ref: refs/heads/main');
    writeFileSync(path.join(dir, '.DS_Store'), Buffer.from([0, 0, 0, 1, 0x42, 0x75, 0x64, 0x31]));
    writeFileSync(path.join(dir, 'a-page.html'), NEWS_PAGE);
    writeFileSync(path.join(dir, 'wires', 'reuters.txt'), 'TOKYO, March 3 - Japan will stockpile rare earths and cobalt to guard against supply shocks, the trade ministry said on Tuesday.\n');
    writeFileSync(path.join(dir, 'wires', 'old', '1987.txt'), iconv.encode('ZURICH, June 1 - Swiss gold exports rose to 32 tonnes in May, the customs office said. Zürich dealers said demand from the Middle East was strong.\n', 'win1252'));
    writeFileSync(path.join(dir, 'wires', 'chart.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
    writeFileSync(path.join(dir, 'wires', 'batch.jsonl'), `${JSON.stringify({ id: 'w1', text: 'LONDON - Copper hit a two-year high on Monday.', published: '2024-04-15' })}\n`);
    writeFileSync(path.join(dir, 'wires', 'feed.xml'), atom(base).replace('<summary>', '<content type="html">' + LONG_CONTENT.replace(/</g, '&lt;').replace(/>/g, '&gt;') + '</content><summary>'));
    const { items, errors } = await collect([dir]);
    const bySource = new Map(items.map((i) => [path.relative(dir, i.source), i]));
    assert.deepEqual([...bySource.keys()].sort(), ['a-page.html', 'wires/batch.jsonl', 'wires/feed.xml', 'wires/old/1987.txt', 'wires/reuters.txt']);
    assert.equal(bySource.get('a-page.html')!.title, 'Chile caps lithium royalties as Codelco talks drag on');
    assert.equal(bySource.get('a-page.html')!.published, '2024-03-12');
    assert.match(bySource.get('wires/old/1987.txt')!.text!, /Zürich dealers said/);
    assert.equal(bySource.get('wires/batch.jsonl')!.id, 'w1');
    assert.equal(bySource.get('wires/batch.jsonl')!.published, '2024-04-15');
    assert.match(bySource.get('wires/feed.xml')!.text!, /Mopani and Konkola/);
    const reasons = errors.map((e) => `${path.relative(dir, e.source)}: ${e.reason}`).sort();
    assert.deepEqual(reasons, ['.DS_Store: skipped', '.git: skipped', 'wires/chart.png: binary']);
    assert.match(errors.find((e) => e.reason === 'binary')!.error, /PNG image/);
  });
});

test('reads a JSONL file (with a byte-order mark) line by line: a bad line becomes an error and the rest goes on', async () => {
  await withTempDir(async (dir) => {
    const file = path.join(dir, 'batch.jsonl');
    writeFileSync(file, '\uFEFF' + [
      JSON.stringify({ id: 'r1', text: 'OTTAWA - Canada added lithium and graphite to its list of critical minerals.', published: '2024-02-01' }),
      '{"id": "r2", "text": "cut off in the mid',
      JSON.stringify({ id: 'r3', html: articlePage('China iron ore imports rise', STORY_2), url: 'https://oredaily.example/articles/2' }),
      JSON.stringify({ id: 'r4', title: 'no body' }),
      JSON.stringify({ id: 'r5', text: 'PERTH - BHP cut its nickel guidance.', published: '19/11/2019' }),
      '',
      JSON.stringify({ id: 7, text: 'SANTIAGO - Codelco output fell 4 per cent.' }),
    ].join('\n'));
    const { all } = await collect([file]);
    assert.equal(all.length, 6);
    const summary = all.map((x) => (isSourceError(x) ? `error ${x.source.slice(dir.length + 1)} ${x.reason}` : `item ${x.id}`));
    assert.deepEqual(summary, ['item r1', 'error batch.jsonl:2 bad_json', 'item r3', 'error batch.jsonl:4 bad_item', 'error batch.jsonl:5 bad_date', 'item 7']);
    const r3 = all[2] as SourceItem;
    assert.match(r3.text!, /^Chinese imports of iron ore rose/);
    assert.equal(r3.url, 'https://oredaily.example/articles/2');
    assert.equal(r3.published, '2024-05-20');
    assert.ok(r3.html!.includes('<nav>'), 'the page is kept for re-extraction');
  });
});

test('reads a gzip-compressed JSONL archive, and stops one that decompresses past the limit', async () => {
  await withTempDir(async (dir) => {
    const good = path.join(dir, 'wires.jsonl.gz');
    writeFileSync(good, gzipSync(Array.from({ length: 50 }, (_, i) => JSON.stringify({ id: `n${i}`, text: `NEW YORK - Gold rose ${i} dollars.` })).join('\n')));
    assert.equal((await collect([good])).items.length, 50);
    const bomb = path.join(dir, 'bomb.jsonl.gz');
    writeFileSync(bomb, gzipSync(Buffer.alloc(8 * 1024 * 1024, 0x20)));
    const { errors } = await collect([bomb], undefined, { maxStreamBytes: 1024 * 1024, maxLineBytes: 64 * 1024 });
    assert.ok(errors.some((e) => e.reason === 'too_large' && /stopped reading/.test(e.error)));
  });
});

test('refuses a 100 MB file and a gzip bomb with a clear error, and reads the next file', async () => {
  await withTempDir(async (dir) => {
    const huge = path.join(dir, 'huge.txt');
    writeFileSync(huge, '');
    truncateSync(huge, 100 * 1024 * 1024); // sparse: takes no disk
    const bomb = path.join(dir, 'page.html.gz');
    writeFileSync(bomb, gzipSync(Buffer.alloc(30 * 1024 * 1024, 0x20)));
    const ok = path.join(dir, 'ok.txt');
    writeFileSync(ok, 'JOHANNESBURG - Platinum miners cut output as prices slid.');
    const { all } = await collect([huge, bomb, ok], undefined, { maxDocumentBytes: 5 * 1024 * 1024 });
    assert.equal(all.length, 3);
    assert.ok(isSourceError(all[0]!) && all[0].reason === 'too_large');
    assert.match((all[0] as SourceError).error, /huge\.txt is 100\.0 MB, above the 5\.0 MB limit/);
    assert.ok(isSourceError(all[1]!) && all[1].reason === 'compression_bomb');
    assert.ok(!isSourceError(all[2]!) && /Platinum miners/.test(all[2].text!));
  });
});

test('reports a missing path and a malformed feed file without stopping', async () => {
  await withTempDir(async (dir) => {
    const feed = path.join(dir, 'broken.xml');
    writeFileSync(feed, '<?xml version="1.0"?><rss version="2.0"><channel><title>Broken</title><item><title>No end');
    const ok = path.join(dir, 'ok.txt');
    writeFileSync(ok, 'LIMA - Peru copper exports rose in March.');
    const { all } = await collect([path.join(dir, 'nope.txt'), feed, ok]);
    assert.equal(all.length, 3);
    assert.ok(isSourceError(all[0]!) && all[0].reason === 'not_found');
    assert.ok(isSourceError(all[1]!) && /item 1 is malformed XML/.test(all[1].error));
    assert.ok(!isSourceError(all[2]!));
  });
});

test('tells feeds from pages by content', () => {
  assert.equal(sniffFeed('<?xml version="1.0"?>\n<!-- generator -->\n<?xml-stylesheet href="s.xsl"?><rss version="2.0"><channel/></rss>'), 'rss');
  assert.equal(sniffFeed('<feed xmlns="http://www.w3.org/2005/Atom"></feed>'), 'atom');
  assert.equal(sniffFeed('<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"></rdf:RDF>'), 'rdf');
  assert.equal(sniffFeed('{"version": "https://jsonfeed.org/version/1.1", "items": []}'), 'json');
  assert.equal(sniffFeed('{"id": "1", "text": "Copper rose."}'), null);
  assert.equal(sniffFeed(NEWS_PAGE), null);
  const parsed = readFeed(rss('https://oredaily.example'), 'https://oredaily.example/rss.xml');
  assert.ok(parsed.ok);
  assert.deepEqual(parsed.entries.map((e) => e.index), [1, 2, 4]);
  assert.deepEqual(parsed.errors.map((e) => e.index), [3]);
});

test('a feed read offline keeps every item that has text: full content as is, a teaser marked partial with the reason', async () => {
  await withTempDir(async (dir) => {
    // a WordPress feed: a short item with its whole text in content:encoded, a teaser whose page cannot be reached,
    // and an item with neither text nor a reachable page
    const unreachable = 'http://127.0.0.1:9/2024/05/';
    const feed = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Mining Weekly Blog</title><link>https://blog.example.org/</link>
<item><title>Glencore restarts Zambian smelter</title><link>${unreachable}glencore</link><pubDate>Wed, 15 May 2024 08:00:00 +0000</pubDate>
  <description><![CDATA[Glencore restarted its Mopani smelter [&#8230;]]]></description>
  <content:encoded><![CDATA[<p>Glencore restarted its Mopani copper smelter in Zambia on Tuesday after a two-month halt, the company said.</p><p>The smelter processes about 200,000 tonnes of concentrate a year.</p>]]></content:encoded></item>
<item><title>Chile lithium talks</title><link>${unreachable}chile</link><pubDate>Thu, 16 May 2024 08:00:00 +0000</pubDate>
  <description><![CDATA[<p>Chile's Codelco and SQM resumed talks on a lithium partnership in the Atacama salt flat, officials said on Wednesday, as the government pushes for state control of [&#8230;]</p><p>The post <a href="https://blog.example.org/chile">Chile lithium talks</a> appeared first on <a href="https://blog.example.org">Mining Weekly Blog</a>.</p>]]></description></item>
<item><title>No text here</title><link>${unreachable}empty</link></item>
</channel></rss>`;
    const file = path.join(dir, 'wordpress.xml');
    writeFileSync(file, feed);
    await withFetcher({ connectTimeoutMs: 2000 }, async (fetcher) => {
      const { items, errors } = await collect([file], fetcher);
      assert.deepEqual(items.map((i) => i.title), ['Glencore restarts Zambian smelter', 'Chile lithium talks']);
      const [full, teaser] = items;
      assert.equal(full!.partial, undefined, 'full content is kept without fetching its page');
      assert.match(full!.text!, /200,000 tonnes of concentrate/);
      assert.match(teaser!.text!, /Codelco and SQM resumed talks/);
      assert.match(teaser!.partial!, /its page could not be fetched/);
      assert.equal(errors.length, 1);
      assert.match(errors[0]!.error, /item 3/);
    });
  });
});

test('teasers are told from short full texts by their endings, not by their length', async () => {
  const { isTeaser } = await import('../src/ingest/sources.js');
  assert.equal(isTeaser('Glencore restarted its Mopani copper smelter in Zambia on Tuesday, the company said.', 'content'), false);
  assert.equal(isTeaser('Glencore restarted its Mopani copper smelter in Zambia on Tuesday [\u2026]', 'content'), true);
  assert.equal(isTeaser('Rio Tinto will spend $2.5 billion on the mine...', 'content'), true);
  assert.equal(isTeaser('The company said output would rise. Read more', 'content'), true);
  assert.equal(isTeaser('Output rose. The post Copper output rises appeared first on Mining Weekly.', 'content'), true);
  // content a third the length of the item's own description is a cut-down copy
  assert.equal(isTeaser('Glencore restarted its smelter.', 'content', 600), true);
  // a summary alone is a blurb unless it is long enough to be the article
  assert.equal(isTeaser('Rio Tinto will spend $2.5 billion', 'summary'), true);
  assert.equal(isTeaser('Rio Tinto approved a $2.5 billion expansion of its Kennecott copper mine. '.repeat(8), 'summary'), false);
});
