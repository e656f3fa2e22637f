// The storage contract: one suite that every Store implementation passes (Hono's router/common.case.test.ts
// idea). store-sqlite.test.ts and store-postgres.test.ts call storeContract() with a harness that opens a fresh
// database of their kind. Articles are built with the real analyzer from short texts written like real news.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { analyze } from '../src/index.js';
import type { AnalysisJson } from '../src/index.js';
import type { ArticleInput, Store, StoreOptions } from '../src/store/index.js';
import { PACKAGE_ROOT } from '../src/knowledge/paths.js';

/** Drops a PostgreSQL test schema and all in it. */
export async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

/** One database that can be opened several times (two workers, a reopen after close) and then destroyed. */
export interface StoreHarness {
  open(options?: StoreOptions): Promise<Store>;
  destroy(): Promise<void>;
}

export const TEXTS = {
  copper: `LUSAKA, March 12 - Zambia agreed to sell 50,000 tonnes of copper to China under a new supply deal, the state mining company said on Thursday.

"This agreement secures a stable market for our copper for the next three years," Mines Minister Paul Kaunda told reporters in Lusaka.

Zambia, Africa's second-largest copper producer, has struggled with falling output since 1985. China imported record volumes of refined copper last year.`,
  lithium: `SANTIAGO (Reuters) - Chile and Germany signed an agreement on Tuesday to cooperate on lithium mining and processing, as Berlin seeks to reduce its reliance on Chinese battery materials.

German Chancellor Olaf Scholz said the partnership would bring "sustainable lithium supply chains" to European carmakers.

"We want to add value here in Chile, not just export raw materials," Chilean President Gabriel Boric said at a news conference in Santiago.

Chile holds the world's largest lithium reserves and is the second-largest producer after Australia.`,
  oil: `WASHINGTON - The United States imposed new sanctions on Iran's crude oil exports on Friday, targeting a network of tankers that shipped oil to China.

Treasury Secretary Janet Yellen said the measures would "deny Tehran the revenue it uses to fund its destabilizing activities."

Iran condemned the sanctions as illegal. Oil prices rose 2 percent after the announcement.`,
} as const;

export function seedText(): string {
  return readFileSync(path.join(PACKAGE_ROOT, 'test', 'fixtures', 'seed-article.txt'), 'utf8');
}

/** The seed article as another outlet re-publishes it: its own masthead and byline, no crypto spam, its own footer. */
export function seedSyndicated(): string {
  const body = seedText().split('\n').filter((l) => !/Difference Wire|Binance|Referral code/i.test(l)).join('\n');
  return `Metal Markets Daily | Commodities desk | 21 August 2025\n\n${body}\n\nFollow Metal Markets Daily on LinkedIn for more commodity news.\n© 2025 Metal Markets Daily. All rights reserved.`;
}

/** Light edits as a copy editor makes them: a few words changed, one sentence dropped. */
export function seedEdited(): string {
  return seedText()
    .replace('Russia offers the US to exploit its rich rare earth resources.\n', '')
    .replace('is willing to use them', 'is ready to use them')
    .replace('ending the war', 'ending the conflict')
    .replace('This spring', 'Earlier this year');
}

export function articleOf(id: string, text: string, extra: Partial<ArticleInput> & { published?: string | null } = {}): ArticleInput {
  const published = extra.published === undefined ? '2025-03-04' : extra.published;
  const analysis: AnalysisJson = analyze(text, { published });
  return {
    id, url: extra.url ?? `https://news.example/${id}`, title: extra.title ?? null, byline: extra.byline ?? null, published,
    source: extra.source ?? 'test', outlet: extra.outlet === undefined ? 'news.example' : extra.outlet, raw: extra.raw ?? null,
    analysis,
  };
}

/** Fails with a clear message when the analyzer stops reading a fixture the way the test relies on. */
function requireEvent(a: ArticleInput, plover: string, source: string, target: string | null): void {
  const name = (id: string) => a.analysis.entities.find((e) => e.id === id)?.name;
  const found = a.analysis.events.some((e) => e.plover === plover && e.source.map(name).includes(source)
    && (target === null ? true : e.target.map(name).includes(target)));
  assert.ok(found, `fixture ${a.id}: the analyzer no longer reads ${plover} ${source} -> ${target ?? '*'}; update the fixture text`);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function storeContract(name: string, makeHarness: () => Promise<StoreHarness>): void {
  async function withStore(fn: (store: Store, h: StoreHarness) => Promise<void>, options?: StoreOptions): Promise<void> {
    const h = await makeHarness();
    const store = await h.open(options);
    try {
      await fn(store, h);
    } finally {
      await store.close();
      await h.destroy();
    }
  }

  test(`${name}: stores an article and gives back its analysis, metadata and story`, () => withStore(async (store) => {
    const a = articleOf('copper-1987', TEXTS.copper, { published: '1987-03-12', title: 'Zambia to sell copper to China', outlet: 'reuters.com' });
    const put = await store.putArticle(a);
    assert.deepEqual(put, { ok: true, status: 'stored', storyId: 'copper-1987', similarity: null });
    const got = await store.getArticle('copper-1987');
    assert.ok(got);
    assert.equal(got.title, 'Zambia to sell copper to China');
    assert.equal(got.outlet, 'reuters.com');
    assert.equal(got.published, '1987-03-12');
    assert.equal(got.storyId, 'copper-1987');
    assert.deepEqual(got.analysis, a.analysis);
    assert.deepEqual(Object.keys(got.analysis).slice(0, 2), ['id', 'text']);
    assert.equal(await store.getArticle('no-such-article'), null);
    assert.equal(await store.hasArticle('copper-1987'), true);
    assert.equal(await store.hasArticle('no-such-article'), false);
  }));

  test(`${name}: lists articles in ingest order, and by story`, () => withStore(async (store) => {
    await store.putArticle(articleOf('oil', TEXTS.oil));
    await store.putArticle(articleOf('lithium', TEXTS.lithium));
    await store.putArticle(articleOf('copper', TEXTS.copper, { published: '1987-03-12' }));
    assert.deepEqual((await store.listArticles()).map((a) => a.id), ['oil', 'lithium', 'copper']);
    assert.deepEqual((await store.listArticles({ limit: 1, offset: 1 })).map((a) => a.id), ['lithium']);
    assert.deepEqual((await store.listArticles({ storyId: 'copper' })).map((a) => a.id), ['copper']);
  }));

  test(`${name}: the same id twice is stored once`, () => withStore(async (store) => {
    const a = articleOf('oil-1', TEXTS.oil);
    await store.putArticle(a);
    const again = await store.putArticle(articleOf('oil-1', TEXTS.lithium));
    assert.deepEqual(again, { ok: true, status: 'duplicate', reason: 'same-id', existingId: 'oil-1', storyId: 'oil-1' });
    const counts = await store.counts();
    assert.equal(counts.articles, 1);
    assert.equal(counts.copies, 0);
    assert.equal((await store.getArticle('oil-1'))!.analysis.text, TEXTS.oil, 'the first version is kept');
  }));

  test(`${name}: the same cleaned text under another id is a recorded copy, not a second article`, () => withStore(async (store) => {
    // The seed article's crypto promotion is marked `removed`, so a copy without it has the same cleaned text.
    const original = articleOf('seed', seedText(), { published: '2025-08-20', outlet: 'wire.example' });
    const body = seedText().split('\n').filter((l) => !/Difference Wire|Binance|Referral code/i.test(l)).join('\n');
    const copy = articleOf('seed-copy', body, { published: '2025-08-21', outlet: 'daily.example' });
    await store.putArticle(original);
    const put = await store.putArticle(copy);
    assert.deepEqual(put, { ok: true, status: 'duplicate', reason: 'same-text', existingId: 'seed', storyId: 'seed' });
    assert.equal(await store.hasArticle('seed-copy'), true);
    const viaCopy = await store.getArticle('seed-copy');
    assert.equal(viaCopy?.id, 'seed');
    assert.deepEqual(viaCopy?.copies.map((c) => [c.id, c.outlet, c.published]), [['seed-copy', 'daily.example', '2025-08-21']]);
    const again = await store.putArticle(copy);
    assert.equal(again.status, 'duplicate');
    assert.equal(again.status === 'duplicate' && again.reason, 'same-id');
    const [story] = await store.stories();
    assert.deepEqual([story!.id, story!.articles, story!.outlets, story!.first, story!.last], ['seed', 2, 2, '2025-08-20', '2025-08-21']);
    const counts = await store.counts();
    assert.deepEqual([counts.articles, counts.copies, counts.stories], [1, 1, 1]);
  }));

  test(`${name}: syndicated and lightly edited copies of the seed article join its story; other articles do not`, () => withStore(async (store) => {
    await store.putArticle(articleOf('seed', seedText(), { published: '2025-08-20', outlet: 'wire.example' }));
    const syndicated = await store.putArticle(articleOf('seed-mmd', seedSyndicated(), { published: '2025-08-21', outlet: 'metalmarkets.example' }));
    const edited = await store.putArticle(articleOf('seed-edited', seedEdited(), { published: '2025-08-22', outlet: 'edited.example' }));
    const other = await store.putArticle(articleOf('lithium', TEXTS.lithium));
    assert.equal(syndicated.storyId, 'seed');
    assert.equal(edited.storyId, 'seed');
    assert.equal(edited.status, 'stored');
    assert.ok(edited.status === 'stored' && edited.similarity! >= 0.7 && edited.similarity! < 1, `similarity ${JSON.stringify(edited)}`);
    assert.equal(other.storyId, 'lithium');
    const stories = await store.stories();
    assert.deepEqual(stories.map((s) => [s.id, s.articles, s.outlets]), [['seed', 3, 3], ['lithium', 1, 1]]);
    assert.deepEqual((await store.stories({ minArticles: 2 })).map((s) => s.id), ['seed']);
    assert.deepEqual((await store.listArticles({ storyId: 'seed' })).map((a) => a.id), ['seed', 'seed-mmd', 'seed-edited']);
  }));

  test(`${name}: three copies of one article give one row per event with numArticles 3`, () => withStore(async (store) => {
    const copies = [
      articleOf('oil-wire', TEXTS.oil, { outlet: 'wire.example' }),
      articleOf('oil-daily', `Energy desk | Posted 8:15 AM\n\n${TEXTS.oil}\n\nRead more: our complete coverage of oil sanctions.`, { outlet: 'daily.example' }),
      articleOf('oil-daily-2', `${TEXTS.oil}\n\nSign up for our free Energy Briefing newsletter.`, { outlet: 'daily.example' }),
    ];
    for (const c of copies) requireEvent(c, 'COERCE', 'United States', 'Iran');
    for (const c of copies) await store.putArticle(c);
    const sanctions = (await store.events({ plover: 'COERCE' })).filter((e) => e.source.some((s) => s.iso3 === 'USA'));
    assert.equal(sanctions.length, 1, 'one event row, not one per copy');
    const row = sanctions[0]!;
    assert.equal(row.numArticles, 3);
    assert.equal(row.numSources, 2, 'two distinct outlets');
    assert.equal(row.articleId, 'oil-wire', 'evidence from the first article of the story');
    assert.equal(row.storyId, 'oil-wire');
    assert.deepEqual(row.target.map((t) => t.iso3), ['IRN']);
    assert.match(row.evidence.text, /imposed new sanctions/);
    const wire = (await store.getArticle('oil-wire'))!;
    assert.equal(wire.analysis.text.slice(row.evidence.start, row.evidence.end), row.evidence.text, 'evidence offsets point into the article');
    const all = await store.events();
    assert.equal(new Set(all.map((e) => e.key)).size, all.length, 'no event appears twice');
    assert.equal((await store.counts()).events, all.length);
  }));

  async function storeThree(store: Store): Promise<void> {
    const oil = articleOf('oil', TEXTS.oil, { published: '2025-02-28', outlet: 'wire.example' });
    const lithium = articleOf('lithium', TEXTS.lithium, { published: '2025-03-04', outlet: 'reuters.com' });
    const copper = articleOf('copper', TEXTS.copper, { published: '1987-03-12', outlet: 'reuters.com' });
    requireEvent(oil, 'COERCE', 'United States', 'Iran');
    requireEvent(lithium, 'COOPERATE', 'Chile', null);
    requireEvent(copper, 'AGREE', 'Zambia', 'China');
    for (const a of [oil, lithium, copper]) await store.putArticle(a);
  }
  const keysOf = (rows: { articleId: string; plover: string }[]) => [...new Set(rows.map((r) => `${r.articleId}:${r.plover}`))].sort();

  test(`${name}: filters events by actor name or ISO3 code, and by target`, () => withStore(async (store) => {
    await storeThree(store);
    assert.deepEqual(keysOf(await store.events({ actor: 'united states' })), ['oil:COERCE']);
    assert.deepEqual(keysOf(await store.events({ actor: 'USA' })), ['oil:COERCE']);
    assert.deepEqual(keysOf(await store.events({ actor: 'zambia' })), ['copper:AGREE']);
    assert.deepEqual(keysOf(await store.events({ target: 'IRN' })), ['oil:COERCE']);
    assert.deepEqual(keysOf(await store.events({ target: 'china' })), ['copper:AGREE']);
    assert.deepEqual(await store.events({ actor: 'atlantis' }), []);
  }));

  test(`${name}: filters events by country on either side`, () => withStore(async (store) => {
    await storeThree(store);
    const iran = keysOf(await store.events({ country: 'IRN' }));
    assert.ok(iran.includes('oil:COERCE') && iran.every((k) => k.startsWith('oil:')), iran.join(' '));
    assert.deepEqual(keysOf(await store.events({ country: 'irn' })), iran);
    const chile = keysOf(await store.events({ country: 'CHL' }));
    assert.ok(chile.includes('lithium:COOPERATE'));
    assert.ok(chile.every((k) => k.startsWith('lithium:')));
  }));

  test(`${name}: filters events by commodity name or HS prefix`, () => withStore(async (store) => {
    await storeThree(store);
    assert.deepEqual(keysOf(await store.events({ commodity: 'crude' })), ['oil:COERCE']);
    assert.deepEqual(keysOf(await store.events({ commodity: '2709' })), ['oil:COERCE']);
    assert.deepEqual(keysOf(await store.events({ commodity: '27' })), ['oil:COERCE']);
    const lithium = keysOf(await store.events({ commodity: '2836.91' }));
    assert.ok(lithium.includes('lithium:COOPERATE') && lithium.every((k) => k.startsWith('lithium:')));
    assert.ok(keysOf(await store.events({ commodity: '74' })).every((k) => k.startsWith('copper:')));
    assert.ok(keysOf(await store.events({ commodity: 'copper' })).includes('copper:AGREE'));
    const withHs = (await store.events({ commodity: '2709' }))[0]!;
    assert.deepEqual(withHs.commodities.map((c) => [c.name, c.hs]), [['crude oil', '2709']]);
  }));

  test(`${name}: filters events by PLOVER category and date range`, () => withStore(async (store) => {
    await storeThree(store);
    assert.deepEqual(keysOf(await store.events({ plover: 'coerce' })), ['oil:COERCE']);
    const old = await store.events({ to: '1999-12-31' });
    assert.ok(old.length >= 1 && old.every((e) => e.articleId === 'copper'), 'only the 1987 article');
    const march = await store.events({ from: '2025-03-01', to: '2025-03-31' });
    assert.ok(march.length >= 1 && march.every((e) => e.articleId === 'lithium'), JSON.stringify(march.map((e) => [e.articleId, e.date])));
    const dates = (await store.events()).map((e) => e.date ?? '');
    assert.deepEqual(dates, [...dates].sort().reverse(), 'newest first');
    assert.equal((await store.events({ limit: 1 })).length, 1);
  }));

  test(`${name}: finds quotes by speaker and by quoted words, copies merged`, () => withStore(async (store) => {
    await storeThree(store);
    await store.putArticle(articleOf('lithium-copy', `From our wires:\n\n${TEXTS.lithium}\n\nShare this story`, { outlet: 'mirror.example' }));
    const boric = await store.quotes({ speaker: 'boric' });
    assert.equal(boric.length, 1);
    assert.equal(boric[0]!.speaker, 'Gabriel Boric');
    assert.equal(boric[0]!.kind, 'direct');
    assert.equal(boric[0]!.numArticles, 2, 'the copy is counted, not listed again');
    const lithium = (await store.getArticle('lithium'))!;
    assert.equal(lithium.analysis.text.slice(boric[0]!.start, boric[0]!.end), boric[0]!.text);
    const raw = await store.quotes({ text: 'RAW MATERIALS' });
    assert.deepEqual(raw.map((q) => q.speaker), ['Gabriel Boric']);
    const stemmed = await store.quotes({ text: 'destabilize' });
    assert.ok(stemmed.length >= 1 && stemmed.every((q) => q.speaker === 'Janet Yellen' && /destabilizing/.test(q.text)), 'words match their inflections');
    assert.deepEqual((await store.quotes({ text: '"export raw materials" -lithium' })).map((q) => q.speaker), ['Gabriel Boric']);
    assert.deepEqual(await store.quotes({ text: 'raw -Chile' }), []);
    const company = await store.quotes({ speaker: 'state mining company' });
    assert.deepEqual(company.map((q) => [q.articleId, q.speaker, q.speakerText]), [['copper', null, 'the state mining company']]);
    assert.deepEqual(await store.quotes({ speaker: 'yellen', text: 'lithium' }), []);
  }));

  test(`${name}: lists entities across articles, most reported first, by type and name`, () => withStore(async (store) => {
    await storeThree(store);
    const china = (await store.entities({ name: 'china' })).find((e) => e.id === 'country:CHN');
    assert.ok(china);
    assert.equal(china.articles, 3, 'China is named in all three articles');
    assert.equal(china.country, 'CHN');
    assert.equal((await store.entities())[0]!.id, 'country:CHN');
    const people = await store.entities({ type: 'person' });
    assert.ok(people.length >= 3 && people.every((e) => e.type === 'person'));
    assert.ok(people.some((p) => p.name === 'Janet Yellen'));
    assert.deepEqual((await store.entities({ type: 'commodity', name: 'lith' })).map((e) => [e.name, e.codes['hs']]), [['lithium', '2836.91']]);
  }));

  test(`${name}: searches title and cleaned text, with highlighted snippets`, () => withStore(async (store) => {
    await storeThree(store);
    await store.putArticle(articleOf('seed', seedText(), { published: '2025-08-20', title: 'Russia offers US rare earths' }));
    const hits = await store.search('lithium');
    assert.deepEqual(hits.map((h) => h.articleId), ['lithium']);
    const h = hits[0]!;
    assert.ok(h.highlights.length > 0);
    for (const [s, e] of h.highlights) assert.match(h.snippet.slice(s, e), /^lithium$/i);
    assert.deepEqual((await store.search('"crude oil" sanctions')).map((x) => x.articleId), ['oil']);
    assert.deepEqual((await store.search('copper OR lithium')).map((x) => x.articleId).sort(), ['copper', 'lithium']);
    assert.deepEqual((await store.search('China')).map((x) => x.articleId).sort(), ['copper', 'oil']);
    assert.deepEqual((await store.search('China -copper')).map((x) => x.articleId), ['oil']);
    assert.deepEqual((await store.search('Binance')).map((x) => x.articleId), [], 'promotional spans are not indexed');
    assert.deepEqual((await store.search('offers')).map((x) => x.articleId), ['seed']);
    assert.deepEqual(await store.search('zirconium'), []);
    assert.deepEqual(await store.search('  "" - '), []);
    assert.deepEqual(await store.search('-copper'), [], 'exclusions alone find nothing');
  }));

  test(`${name}: a queue hands each job to one of two concurrent workers`, () => withStore(async (store, h) => {
    const payloads = Array.from({ length: 40 }, (_, i) => JSON.stringify({ url: `https://news.example/${i}` }));
    assert.equal(await store.enqueue(payloads), 40);
    assert.equal(await store.enqueue(payloads.slice(0, 5)), 0, 'queued payloads are not added twice');
    const other = await h.open();
    try {
      const claimed: Record<string, number[]> = { a: [], b: [] };
      const work = async (s: Store, name: 'a' | 'b') => {
        for (let job = await s.claim(name); job; job = await s.claim(name)) {
          claimed[name]!.push(job.id);
          await s.complete(job.id);
        }
      };
      await Promise.all([work(store, 'a'), work(other, 'b')]);
      const all = [...claimed['a']!, ...claimed['b']!];
      assert.equal(all.length, 40);
      assert.equal(new Set(all).size, 40, 'no job was claimed twice');
      const counts = await store.counts();
      assert.deepEqual([counts.queued, counts.running, counts.done, counts.failed], [0, 0, 40, 0]);
      assert.equal(await store.enqueue(payloads.slice(0, 1)), 0, 'a done payload is not queued again');
    } finally {
      await other.close();
    }
  }));

  test(`${name}: completing with an error fails the job; enqueueing it again retries it`, () => withStore(async (store) => {
    await store.enqueue(['feed-a', 'feed-b']);
    const a = (await store.claim('w1'))!;
    assert.deepEqual([a.payload, a.attempts], ['feed-a', 1]);
    assert.deepEqual((await store.counts()).running, 1);
    await store.complete(a.id, 'HTTP 503 from feed host');
    const b = (await store.claim('w1'))!;
    assert.equal(b.payload, 'feed-b');
    await store.complete(b.id);
    assert.equal(await store.claim('w1'), null);
    const counts = await store.counts();
    assert.deepEqual([counts.queued, counts.running, counts.done, counts.failed], [0, 0, 1, 1]);
    assert.deepEqual((await store.failedJobs()).map((j) => [j.payload, j.error]), [['feed-a', 'HTTP 503 from feed host']]);
    assert.equal(await store.enqueue(['feed-a']), 1);
    const retry = (await store.claim('w2'))!;
    assert.deepEqual([retry.payload, retry.attempts], ['feed-a', 1]);
  }));

  test(`${name}: a job whose worker died is claimed again after its lease, and failed after too many tries`, () => withStore(async (store) => {
    await store.enqueue(['page-1']);
    const first = (await store.claim('dead-worker'))!;
    assert.equal(await store.claim('live-worker'), null, 'leased, not available');
    await sleep(250);
    const second = (await store.claim('live-worker'))!;
    assert.deepEqual([second.id, second.attempts], [first.id, 2]);
    await sleep(250);
    assert.equal(await store.claim('live-worker'), null, 'two expired leases: failed, not handed out a third time');
    const [failed] = await store.failedJobs();
    assert.match(failed!.error, /lease expired 2 times/);
  }, { leaseMs: 150, maxAttempts: 2 }));

  test(`${name}: a renewed lease keeps its job past the lease time; an unrenewed one is reclaimed; a lost one cannot be renewed or completed`, () => withStore(async (store) => {
    await store.enqueue(['page-alive', 'page-dead']);
    const alive = (await store.claim('w-alive'))!;
    const dead = (await store.claim('w-dead'))!;
    assert.deepEqual([alive.payload, dead.payload], ['page-alive', 'page-dead']);
    // the heartbeat: three renewals, each well inside the 300 ms lease, 450 ms in all
    for (let i = 0; i < 3; i++) {
      await sleep(150);
      assert.equal(await store.renewLease(alive.id, 'w-alive'), true, `renewal ${i + 1}`);
    }
    assert.equal((await store.counts()).running, 1, 'the renewed job is still running');
    const taken = (await store.claim('w-other'))!;
    assert.deepEqual([taken.id, taken.attempts], [dead.id, 2], 'only the unrenewed job was handed out again');
    assert.equal(await store.claim('w-other'), null, 'the renewed job stays with its worker');
    assert.equal(await store.renewLease(dead.id, 'w-dead'), false, 'the dead worker lost its job');
    assert.equal(await store.renewLease(alive.id, 'w-other'), false, 'nobody renews a job that is not theirs');
    assert.equal(await store.complete(dead.id, undefined, 'w-dead'), false, 'nor completes it');
    assert.equal((await store.counts()).done, 0);
    assert.equal(await store.complete(dead.id, undefined, 'w-other'), true);
    assert.equal(await store.complete(alive.id, undefined, 'w-alive'), true);
    assert.equal(await store.renewLease(alive.id, 'w-alive'), false, 'a done job has no lease');
    assert.equal(await store.complete(alive.id, undefined, 'w-alive'), false, 'and is not completed twice');
    const counts = await store.counts();
    assert.deepEqual([counts.queued, counts.running, counts.done, counts.failed], [0, 0, 2, 0]);
  }, { leaseMs: 300 }));

  test(`${name}: migrations are idempotent and data survives a reopen`, async () => {
    const h = await makeHarness();
    try {
      const store = await h.open();
      const version = await store.schemaVersion();
      assert.ok(version >= 1);
      await store.migrate();
      await store.migrate();
      assert.equal(await store.schemaVersion(), version);
      await store.putArticle(articleOf('oil', TEXTS.oil));
      await store.close();
      const again = await h.open();
      assert.equal(await again.schemaVersion(), version);
      assert.equal((await again.counts()).articles, 1);
      assert.deepEqual(keysOf(await again.events({ actor: 'USA' })), ['oil:COERCE']);
      await again.close();
      const fresh = await h.open({ migrate: false });
      assert.equal(await fresh.schemaVersion(), version);
      await fresh.close();
    } finally {
      await h.destroy();
    }
  });
}
