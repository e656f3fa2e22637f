// The network and entity views over a small ingested corpus: a uranium supply deal (2024), an EU ban on
// Russian coal (2022) and the seed article (2025, Russia offering the US rare earths).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fixture } from './fixtures.js';
import { testServer, get, post, ARTICLES, type TestServer } from './server-helpers.js';

let s: TestServer;

before(async () => {
  s = await testServer();
  for (const a of Object.values(ARTICLES)) assert.equal((await post(s, '/api/ingest', a)).status, 200);
  assert.equal((await post(s, '/api/ingest', { id: 'seed', text: fixture('seed-article.txt'), published: '2025-08-20' })).status, 200);
});
after(async () => s.stop());

interface Graph { nodes: { id: string; label: string; type: string; weight: number }[]; edges: { source: string; target: string; weight: number; kind: string; plover?: string }[]; truncated: boolean }

const edge = (g: Graph, kind: string, source: string, target: string) => g.edges.find((e) => e.kind === kind && e.source === source && e.target === target);

test('the graph links actors by events and to the commodities their events are about', async () => {
  const r = await get<Graph>(s, '/api/graph');
  assert.equal(r.status, 200);
  const g = r.body;
  const ids = new Set(g.nodes.map((n) => n.id));
  for (const id of ['country:KAZ', 'country:FRA', 'commodity:uranium', 'organization:european union', 'country:RUS', 'country:USA', 'commodity:coal', 'commodity:rare earth elements']) {
    assert.ok(ids.has(id), `node ${id}`);
  }
  const deal = edge(g, 'event', 'country:KAZ', 'country:FRA');
  assert.ok(deal && deal.weight >= 1 && deal.plover, 'Kazakhstan -> France event edge');
  assert.ok(edge(g, 'commodity', 'country:KAZ', 'commodity:uranium'), 'Kazakhstan -> uranium');
  assert.ok(edge(g, 'commodity', 'organization:european union', 'commodity:coal'), 'EU -> coal');
  assert.ok(g.edges.some((e) => e.kind === 'event' && e.source === 'country:RUS' && e.target === 'country:USA' && e.plover === 'AGREE'), 'Russia offers the US');
  // a quote edge: the Russian deputy prime minister's words name uranium
  assert.ok(g.edges.some((e) => e.kind === 'quote' && e.source === 'person:denis manturov' && e.target === 'commodity:uranium'), 'Manturov quoted on uranium');
  for (const e of g.edges) assert.ok(ids.has(e.source) && ids.has(e.target), 'every edge joins two nodes of the graph');
  for (const n of g.nodes) assert.ok(['country', 'person', 'organization', 'commodity'].includes(n.type));
  assert.equal(g.truncated, false);
});

test('the graph narrows to a date range and to a commodity', async () => {
  const recent = (await get<Graph>(s, '/api/graph?from=2024-01-01')).body;
  const ids = new Set(recent.nodes.map((n) => n.id));
  assert.ok(ids.has('commodity:uranium') && ids.has('commodity:rare earth elements'));
  assert.ok(!ids.has('commodity:coal'), 'the 2022 coal ban is out of range');

  const coal = (await get<Graph>(s, '/api/graph?commodity=coal')).body;
  const coalIds = new Set(coal.nodes.map((n) => n.id));
  assert.ok(coalIds.has('commodity:coal') && coalIds.has('organization:european union') && coalIds.has('country:RUS'));
  assert.ok(!coalIds.has('commodity:uranium') && !coalIds.has('country:KAZ'));

  const hs = (await get<Graph>(s, '/api/graph?commodity=2612')).body; // HS 2612: uranium ores
  assert.ok(hs.nodes.some((n) => n.id === 'country:KAZ'));

  const two = (await get<Graph>(s, '/api/graph?limit=2')).body;
  assert.equal(two.nodes.length, 2);
  assert.equal(two.truncated, true);
  const kept = new Set(two.nodes.map((n) => n.id));
  for (const e of two.edges) assert.ok(kept.has(e.source) && kept.has(e.target));
});

test('the graph refuses bad ranges and limits', async () => {
  for (const [q, why] of [['from=2024-13-01', /YYYY-MM-DD/], ['from=2025-01-01&to=2024-01-01', /after to/], ['limit=0', /from 1 to 500/], ['limit=1000', /from 1 to 500/], ['actor=Russia', /unknown parameter "actor"/]] as const) {
    const r = await get(s, `/api/graph?${q}`);
    assert.equal(r.status, 400, q);
    assert.match(r.body.error.message, why);
  }
});

test('a commodity page says who offers, supplies and sanctions it', async () => {
  const uranium = await get(s, '/api/entity?name=uranium&type=commodity');
  assert.equal(uranium.status, 200);
  assert.equal(uranium.body.entity.id, 'commodity:uranium');
  assert.ok(uranium.body.roles.offers >= 1, 'Kazakhstan agreed to supply (intent), Russia can supply (offer)');
  assert.ok(uranium.body.roles.supplies >= 1);
  assert.ok(uranium.body.roleActors.supplies.some((a: any) => a.id === 'country:KAZ'));
  assert.equal(uranium.body.roles.sanctions, 0);
  for (const e of uranium.body.events) assert.ok(e.commodities.some((c: any) => c.id === 'commodity:uranium'));

  const coal = await get(s, '/api/entity?name=Coal');
  assert.equal(coal.body.entity.id, 'commodity:coal');
  assert.ok(coal.body.roles.sanctions >= 1);
  assert.ok(coal.body.roleActors.sanctions.some((a: any) => a.name === 'European Union'));
});

test('a country page lists its counterparts; a person page lists their quotes', async () => {
  const kaz = await get(s, '/api/entity?name=Kazakhstan&type=country');
  assert.equal(kaz.status, 200);
  assert.ok(kaz.body.counterparts.some((c: any) => c.id === 'country:FRA' && c.events >= 1));
  for (const e of kaz.body.events) assert.ok([...e.source, ...e.target].some((x: any) => x.id === 'country:KAZ'));

  const byId = await get(s, `/api/entity?id=${encodeURIComponent('country:RUS')}`);
  assert.equal(byId.body.entity.name, 'Russia');
  assert.ok(byId.body.counterparts.some((c: any) => c.id === 'country:USA'));

  const putin = await get(s, '/api/entity?name=vladimir%20putin&type=person');
  assert.equal(putin.body.entity.name, 'Vladimir Putin');
  assert.ok(putin.body.quotes.some((q: any) => q.text.startsWith('We are willing to attract foreign partners')));
  for (const q of putin.body.quotes) assert.equal(q.speakerId, 'person:vladimir putin');
});

test('the entity endpoint refuses a missing name and says when nothing matches', async () => {
  const missing = await get(s, '/api/entity?type=person');
  assert.equal(missing.status, 400);
  assert.match(missing.body.error.message, /missing parameter name/);
  const none = await get(s, '/api/entity?name=Atlantis&type=country');
  assert.equal(none.status, 404);
  assert.match(none.body.error.message, /no country named "Atlantis"/);
  assert.equal((await get(s, '/api/entity?name=uranium&type=metal')).status, 400);
  assert.equal((await get(s, '/api/entity?id=nonsense')).status, 404);
});
