import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { htmlToArticle } from '../src/ingest/html.js';
import { parseDateString, saneDate } from '../src/ingest/metadata.js';
import { dropFurnitureLines, lineFurniture } from '../src/ingest/boilerplate.js';

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`../../test/fixtures/html/${name}`, import.meta.url)), 'utf8');
const NOW = { now: new Date('2024-06-01T12:00:00Z') };

/** A page in the shape most news sites have, with the article wrapped in menus, share bars and teasers. */
function page(body: string, head = ''): string {
  return `<!doctype html><html lang="en"><head><title>Test page</title>${head}</head><body>${body}</body></html>`;
}

const PARAS = [
  'Indonesia will ban exports of bauxite from June, President Joko Widodo said on Wednesday, extending a policy that has drawn billions of dollars of Chinese investment into nickel smelters on Sulawesi.',
  'The government wants miners to refine the ore at home before shipping it abroad, and officials said four alumina refineries were already under construction in West Kalimantan.',
  'Traders in Singapore said the ban would tighten supply to Chinese refiners, which bought about two thirds of their imported bauxite from Guinea and Australia last year.',
];

test('keeps the article body of a news page and drops its menus, captions, share bar, teasers, newsletter box and footer', () => {
  const a = htmlToArticle(fixture('news-page.html'), 'https://www.andesminingreview.example/news/2024/03/chile-lithium-royalties', NOW);
  assert.match(a.text, /^SANTIAGO, March 12 \(AMR\) - Chile's government said on Tuesday/);
  assert.match(a.text, /Mining Minister Aurora Williams told reporters/);
  assert.match(a.text, /joint venture would lift output to 300,000 tonnes a year by 2031/);
  for (const furniture of ['Skip to content', 'Home', 'cookies', 'Share on Twitter', 'Brine pools at the Salar', 'Photo:', 'Argentina lithium exports hit record', 'Get the Metals Daily', 'Sign up for our newsletter', 'Codelco copper output falls', 'Tags:', 'Copper rallies', 'Copyright', 'By María Fuentes', 'Updated March 12', 'may be reached at']) {
    assert.ok(!a.text.includes(furniture), `should not keep "${furniture}" in:\n${a.text}`);
  }
  // the title is metadata, not a line of the article
  assert.ok(!a.text.split('\n').includes('Chile caps lithium royalties as Codelco talks drag on'));
});

test('keeps sub-headings, list items and a quoted tweet inside the article as lines of their own', () => {
  const lines = htmlToArticle(fixture('news-page.html'), undefined, NOW).text.split('\n');
  assert.ok(lines.includes('Prices at a three-year low'));
  assert.ok(lines.includes('- a minimum of 70 per cent of brine returned to the salt flat;'));
  assert.ok(lines.includes('- priority supply for battery plants built in Chile.'));
  assert.ok(lines.some((l) => l.includes('The lithium royalty cap is a pragmatic step for the sector.')));
});

test('reads title, byline, date, canonical URL, language and site name from JSON-LD, Open Graph and link tags', () => {
  const a = htmlToArticle(fixture('news-page.html'), 'https://www.andesminingreview.example/news/2024/03/chile-lithium-royalties?utm_source=rss', NOW);
  assert.equal(a.title, 'Chile caps lithium royalties as Codelco talks drag on');
  assert.equal(a.byline, 'María Fuentes, Tom Hale');
  assert.equal(a.published, '2024-03-12');
  assert.equal(a.canonicalUrl, 'https://www.andesminingreview.example/news/2024/03/chile-lithium-royalties');
  assert.equal(a.lang, 'en');
  assert.equal(a.siteName, 'Andes Mining Review');
});

test('refuses a publication date in the future and takes the next plausible one', () => {
  const html = page(`<article><time datetime="2024-05-30T09:00:00Z">May 30</time>${PARAS.map((p) => `<p>${p}</p>`).join('')}</article>`,
    '<meta property="article:published_time" content="2031-01-01T00:00:00Z">');
  assert.equal(htmlToArticle(html, undefined, NOW).published, '2024-05-30');
  // the same page read on an earlier day has no date it can trust
  assert.equal(htmlToArticle(html, undefined, { now: new Date('2024-01-01T00:00:00Z') }).published, null);
});

test('refuses template dates before 1980', () => {
  const html = page(`<article>${PARAS.map((p) => `<p>${p}</p>`).join('')}</article>`, '<meta property="article:published_time" content="1970-01-01T00:00:00Z"><meta name="date" content="2023-11-20">');
  assert.equal(htmlToArticle(html, undefined, NOW).published, '2023-11-20');
});

test('keeps an article wrapped in a class that only looks like furniture (Drupal "field-label-hidden", "content-with-sidebar")', () => {
  const html = page(`<nav><a href="/">Home</a></nav><div class="content-with-sidebar-wrp"><div class="field field-label-hidden"><div class="field-items">${PARAS.map((p) => `<p>${p}</p>`).join('')}</div></div></div><div class="sidebar"><p>Most read: Copper rallies on Chinese stimulus hopes as traders return from holiday</p></div>`);
  const text = htmlToArticle(html, undefined, NOW).text;
  for (const p of PARAS) assert.ok(text.includes(p), `missing: ${p}`);
  assert.ok(!text.includes('Most read'));
});

test('drops a paragraph that only links to another story on the same site but keeps links to other sites', () => {
  const html = page(`<article>
    <p>${PARAS[0]}</p>
    <p><strong><a href="https://www.example-news.test/2024/05/nickel-smelter-fire">NICKEL SMELTER FIRE KILLS 13 IN SULAWESI</a></strong></p>
    <p>${PARAS[1]}</p>
    <p><a href="https://www.esdm.go.id/en/media-center/news-archives/bauxite-export-ban">Read the ministry's regulation on bauxite exports</a></p>
    <p>${PARAS[2]}</p></article>`);
  const text = htmlToArticle(html, 'https://www.example-news.test/2024/05/indonesia-bauxite-ban', NOW).text;
  assert.ok(!text.includes('NICKEL SMELTER FIRE'));
  assert.ok(text.includes("Read the ministry's regulation on bauxite exports"));
});

test('falls back to the page text when there is no article structure at all', () => {
  const html = '<html><body><div>Zambia raised its copper output forecast for 2024 to 950,000 tonnes.</div><div>The mines ministry cited new capacity at Kansanshi and Lumwana.</div></body></html>';
  const text = htmlToArticle(html, undefined, NOW).text;
  assert.match(text, /Zambia raised its copper output forecast/);
  assert.match(text, /Kansanshi and Lumwana/);
});

test('reads the publication dates pages and feeds write', () => {
  assert.equal(parseDateString('2019-11-19T23:11:00-05:00'), '2019-11-19');
  assert.equal(parseDateString('Tue, 19 Nov 2019 23:11:00 -0500'), '2019-11-19');
  assert.equal(parseDateString('November 19, 2019 11:04 PM EST'), '2019-11-19');
  assert.equal(parseDateString('20191119'), '2019-11-19');
  assert.equal(parseDateString('26-FEB-1987 15:01:01.79'), '1987-02-26');
  assert.equal(parseDateString('2019/11/19'), '2019-11-19');
  assert.equal(parseDateString('1574208000'), '2019-11-20');
  assert.equal(parseDateString('2019-02-31'), null);
  assert.equal(parseDateString('yesterday'), null);
  assert.equal(saneDate('1979-12-31', NOW), null);
  assert.equal(saneDate('2024-06-02T08:00:00+09:00', NOW), '2024-06-02'); // tomorrow in Tokyo is within the slack
  assert.equal(saneDate('2024-06-05', NOW), null);
});

test('marks credits, time stamps, teasers and calls to action as furniture lines but not article sentences', () => {
  assert.equal(lineFurniture('Vicente Aguiar loads garage door trims into his pickup truck (AP Photo/Alan Diaz, File)'), 'caption-credit');
  assert.equal(lineFurniture('Image copyright Getty Images'), 'image-credit');
  assert.equal(lineFurniture('Updated Nov 19, 9:41 AM; Posted Nov 18, 8:19 PM'), 'timestamp');
  assert.equal(lineFurniture('READ MORE: Hong Kong protests: 800 students under siege in university'), 'teaser');
  assert.equal(lineFurniture('GET FOX BUSINESS ON THE GO BY CLICKING HERE'), 'call-to-action');
  assert.equal(lineFurniture('By Justine Coleman - 11/18/19 11:04 PM EST'), 'byline');
  assert.equal(lineFurniture('The post Lithium prices slide as Chinese demand cools appeared first on Mining Weekly.'), 'feed-footer');
  assert.equal(lineFurniture('Updated figures from the ministry showed exports fell 12 per cent in 2023, the first decline in a decade, as demand from Chinese steel mills weakened.'), null);
  assert.equal(lineFurniture('By contrast'), null);
  assert.equal(lineFurniture('More than 40 ships were waiting to load at Port Hedland on Monday.'), null);
  assert.equal(dropFurnitureLines('Gold hits record\nPrices rose.\nAdvertisement\nThey fell.', 'Gold hits record'), 'Prices rose.\nThey fell.');
});

test('reads bare text and HTML fragments without an <html> element', () => {
  assert.equal(htmlToArticle('').text, '');
  assert.equal(htmlToArticle('Copper rose 2 per cent in London.').text, 'Copper rose 2 per cent in London.');
  assert.match(htmlToArticle(`<p>${PARAS[0]}</p><p>${PARAS[1]}</p>`).text, /alumina refineries were already under construction/);
});

test('reads a page nested thousands of levels deep in well under a second instead of stalling', () => {
  const depth = 5000;
  const html = `<html><body>${'<div>'.repeat(depth)}<p>${PARAS[0]}</p>${'</div>'.repeat(depth)}</body></html>`;
  const t0 = performance.now();
  const text = htmlToArticle(html).text;
  assert.ok(performance.now() - t0 < 2000, `took ${performance.now() - t0} ms`);
  assert.equal(text, PARAS[0]);
});
