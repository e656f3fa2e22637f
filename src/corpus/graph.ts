// The network and entity views, computed from stored events and quotes through the Store interface (so both
// back ends answer alike): nodes are countries, people, organizations and commodities under their
// collection-wide keys ("country:RUS"); edges are events (source -> target), commodity links (an actor of an
// event -> a commodity it is about) and quotes (a speaker -> what the quoted words name).
import type { Store, EventRow, EventEntity, QuoteRow, EntityRow, StoredArticle } from '../store/index.js';
import { actorKey } from '../stories/index.js';

export const GRAPH_RULES = {
  /** Entity types drawn as nodes; places and nationalities stay out (their country stands for them). */
  nodeTypes: ['country', 'person', 'organization', 'commodity'] as const,
  /** Events read for one graph, newest first: a wide range on a large corpus shows its most recent part. */
  maxEvents: 5000,
  /** Quote rows read for quote edges, newest first, and the articles opened to see what they name. */
  maxQuotes: 500,
  maxQuoteArticles: 100,
  /** Rows read per lookup for an entity page before keeping its own (a name filter matches by substring). */
  entityScan: 1000,
  /** Counterparts and role actors listed on an entity page. */
  maxCounterparts: 50,
} as const;

export type NodeType = (typeof GRAPH_RULES.nodeTypes)[number];
export type EdgeKind = 'event' | 'quote' | 'commodity';

export interface GraphNode { id: string; label: string; type: NodeType; weight: number; iso3: string | null }
export interface GraphEdge { id: string; source: string; target: string; weight: number; kind: EdgeKind; plover?: string }
export interface Graph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** True when more nodes qualified than `limit` (the heaviest were kept) or the event scan hit its cap. */
  truncated: boolean;
  /** Events and quotes the graph was built from. */
  events: number;
  quotes: number;
}

export interface GraphOptions { from?: string; to?: string; commodity?: string; limit: number }

type Role = 'offers' | 'buys' | 'sanctions' | 'supplies';

/** What an event does with a commodity, by CAMEO code and trigger words. An event may play several roles. */
const COMMODITY_ROLES: readonly { role: Role; cameo: RegExp; trigger?: RegExp; plover?: string }[] = [
  // CAMEO 03x, intent to cooperate: "Russia offered the United States access to its rare earth deposits."
  { role: 'offers', cameo: /^03/ },
  // CAMEO 061 with a buying verb: "Japan bought 200,000 tonnes of Australian thermal coal."
  { role: 'buys', cameo: /^06/, trigger: /\b(buy|bought|purchas|import)/i },
  // CAMEO 061 with a selling verb: "Kazakhstan will export more uranium to China."
  { role: 'supplies', cameo: /^06/, trigger: /\b(suppl|export|sell|sold|ship|deliver)/i },
  // CAMEO 07x, provide aid: "Washington shipped liquefied natural gas to Ukraine."
  { role: 'supplies', cameo: /^07/ },
  // CAMEO 16x, reduce relations (sanctions, embargoes, tariffs, cut supplies): "The EU banned imports of Russian coal."
  { role: 'sanctions', cameo: /^16/ },
  // PLOVER SANCTION whatever the CAMEO code
  { role: 'sanctions', cameo: /^/, plover: 'SANCTION' },
];

const NODE_TYPES: ReadonlySet<string> = new Set(GRAPH_RULES.nodeTypes);

function isNode(e: { type: string }): e is { type: NodeType } {
  return NODE_TYPES.has(e.type);
}

/** Does a commodity (name, HS code) match a filter given as a name substring or an HS code prefix? */
export function commodityMatches(filter: string, name: string, hs: string | null | undefined): boolean {
  const f = filter.trim();
  if (/^\d[\d.\s]*$/.test(f)) return (hs ?? '').replace(/\D/g, '').startsWith(f.replace(/\D/g, ''));
  return name.toLowerCase().includes(f.toLowerCase());
}

/** Nodes and edges summed over events (and quotes): the one graph builder, behind the network view and the
 * GraphML export. */
export class GraphBuilder {
  readonly nodes = new Map<string, GraphNode>();
  readonly edges = new Map<string, GraphEdge>();

  node(e: { id: string; name: string; type: string; iso3?: string | null }, weight: number): void {
    if (!isNode(e)) return;
    const n = this.nodes.get(e.id);
    if (n) n.weight += weight;
    else this.nodes.set(e.id, { id: e.id, label: e.name, type: e.type, weight, iso3: e.iso3 ?? null });
  }

  edge(kind: EdgeKind, source: string, target: string, weight: number, plover?: string): void {
    if (source === target) return;
    const id = `${kind}|${source}|${target}${plover ? '|' + plover : ''}`;
    const e = this.edges.get(id);
    if (e) e.weight += weight;
    else this.edges.set(id, { id, source, target, weight, kind, ...(plover ? { plover } : {}) });
  }

  event(ev: EventRow): void {
    const w = Math.max(1, ev.numArticles);
    const sources = ev.source.filter(isNode);
    const targets = ev.target.filter(isNode);
    const commodities = ev.commodities.filter((c) => c.type === 'commodity');
    const seen = new Set<string>();
    for (const e of [...sources, ...targets, ...commodities]) {
      if (seen.has(e.id)) continue;
      seen.add(e.id);
      this.node(e, w);
    }
    for (const s of sources) for (const t of targets) this.edge('event', s.id, t.id, w, ev.plover);
    for (const a of new Set([...sources, ...targets].map((x) => x.id))) for (const c of commodities) this.edge('commodity', a, c.id, w, ev.plover);
  }

  /** Keeps the `limit` heaviest nodes and the edges between them. */
  result(limit: number): { nodes: GraphNode[]; edges: GraphEdge[]; cut: boolean } {
    const all = [...this.nodes.values()].sort((a, b) => b.weight - a.weight || a.label.localeCompare(b.label));
    const nodes = all.slice(0, limit);
    const kept = new Set(nodes.map((n) => n.id));
    const edges = [...this.edges.values()].filter((e) => kept.has(e.source) && kept.has(e.target))
      .sort((a, b) => b.weight - a.weight || (a.id < b.id ? -1 : 1));
    return { nodes, edges, cut: all.length > limit };
  }
}

function inRange(date: string | null, from?: string, to?: string): boolean {
  if (!from && !to) return true;
  if (!date) return false;
  return (!from || date >= from) && (!to || date <= to);
}

type AnalysedEntity = StoredArticle['analysis']['entities'][number];

/** Collection-wide key of an entity of one article, as the store computes it ("person:vladimir putin"). */
function entityKey(e: AnalysedEntity): string {
  return `${e.type}:${actorKey(e)}`;
}

/** Quote edges: for each quote with a resolved speaker, the countries, people, organizations and commodities
 * its words name. Reads at most GRAPH_RULES.maxQuoteArticles articles. */
async function addQuoteEdges(store: Store, g: GraphBuilder, o: GraphOptions): Promise<number> {
  const rows = (await store.quotes({ limit: GRAPH_RULES.maxQuotes }))
    .filter((q) => q.speakerId && inRange(q.published, o.from, o.to));
  const byArticle = new Map<string, QuoteRow[]>();
  for (const q of rows) {
    const list = byArticle.get(q.articleId);
    if (list) list.push(q);
    else if (byArticle.size < GRAPH_RULES.maxQuoteArticles) byArticle.set(q.articleId, [q]);
  }
  let used = 0;
  for (const [articleId, quotes] of byArticle) {
    const article = await store.getArticle(articleId);
    if (!article) continue;
    const entities = article.analysis.entities;
    for (const q of quotes) {
      const named = new Map<string, AnalysedEntity>();
      for (const e of entities) {
        if (!isNode(e)) continue;
        const key = entityKey(e);
        if (key === q.speakerId) continue;
        if (e.mentions.some((m) => m.start >= q.start && m.end <= q.end)) named.set(key, e);
      }
      if (o.commodity && ![...named.values()].some((e) => e.type === 'commodity' && commodityMatches(o.commodity!, e.name, e.codes['hs']))) continue;
      if (!named.size) continue;
      const speakerType = q.speakerId!.slice(0, q.speakerId!.indexOf(':'));
      if (!NODE_TYPES.has(speakerType)) continue;
      used++;
      g.node({ id: q.speakerId!, name: q.speaker ?? q.speakerId!, type: speakerType }, 1);
      for (const [key, e] of named) {
        g.node({ id: key, name: e.name, type: e.type, iso3: e.codes['iso3'] ?? null }, 1);
        g.edge('quote', q.speakerId!, key, 1);
      }
    }
  }
  return used;
}

export async function buildGraph(store: Store, o: GraphOptions): Promise<Graph> {
  const g = new GraphBuilder();
  const events = await store.events({
    ...(o.from ? { from: o.from } : {}), ...(o.to ? { to: o.to } : {}), ...(o.commodity ? { commodity: o.commodity } : {}),
    limit: GRAPH_RULES.maxEvents,
  });
  for (const ev of events) g.event(ev);
  const quotes = await addQuoteEdges(store, g, o);
  const { nodes, edges, cut } = g.result(o.limit);
  return { nodes, edges, truncated: cut || events.length >= GRAPH_RULES.maxEvents, events: events.length, quotes };
}

// ---------------------------------------------------------------------------------------------------------
// Entity pages

export interface Counterpart { id: string; name: string; type: string; iso3: string | null; events: number }

export interface EntityProfile {
  entity: EntityRow;
  quotes: QuoteRow[];
  events: EventRow[];
  counterparts: Counterpart[];
  roles: Record<Role, number>;
  /** Who plays each role (sources of those events), most events first. */
  roleActors: Record<Role, Counterpart[]>;
  /** Events around the entity by PLOVER category. */
  byPlover: Record<string, number>;
}

/** Finds an entity by `id` ("country:RUS"), else by name (exact, case-insensitive; else the most reported
 * whose name contains it) and optional type. */
export async function findEntity(store: Store, q: { id?: string; name?: string; type?: string }): Promise<EntityRow | null> {
  if (q.id) {
    const colon = q.id.indexOf(':');
    if (colon <= 0) return null;
    const type = q.id.slice(0, colon);
    const rest = q.id.slice(colon + 1);
    // a country's key holds its ISO3 code, not its name: list the type (a few hundred at most)
    const byCode = /^[A-Z]{3}$/.test(rest);
    const rows = await store.entities({ type, ...(byCode ? {} : { name: rest }), limit: byCode ? 1000 : 200 });
    return rows.find((r) => r.id === q.id) ?? null;
  }
  if (!q.name) return null;
  const rows = await store.entities({ ...(q.type ? { type: q.type } : {}), name: q.name, limit: 200 });
  const fold = q.name.toLowerCase().replace(/\s+/g, ' ').trim();
  return rows.find((r) => r.name.toLowerCase() === fold) ?? rows[0] ?? null;
}

function has(list: readonly EventEntity[], id: string): boolean {
  return list.some((e) => e.id === id);
}

function tally(map: Map<string, Counterpart>, e: EventEntity): void {
  const c = map.get(e.id);
  if (c) c.events++;
  else map.set(e.id, { id: e.id, name: e.name, type: e.type, iso3: e.iso3, events: 1 });
}

function ranked(map: Map<string, Counterpart>): Counterpart[] {
  return [...map.values()].sort((a, b) => b.events - a.events || a.name.localeCompare(b.name)).slice(0, GRAPH_RULES.maxCounterparts);
}

export async function entityProfile(store: Store, entity: EntityRow, limit: number): Promise<EntityProfile> {
  const scan = GRAPH_RULES.entityScan;
  let events: EventRow[];
  if (entity.type === 'commodity') {
    events = (await store.events({ commodity: entity.name, limit: scan })).filter((e) => has(e.commodities, entity.id));
  } else {
    const iso = entity.type === 'country' ? (entity.codes['iso3'] ?? entity.country) : null;
    const found = iso
      ? await store.events({ country: iso, limit: scan })
      : [...await store.events({ actor: entity.name, limit: scan }), ...await store.events({ target: entity.name, limit: scan })];
    const seen = new Set<string>();
    events = found.filter((e) => {
      const k = `${e.storyId}|${e.key}`;
      if (seen.has(k) || !(has(e.source, entity.id) || has(e.target, entity.id))) return false;
      seen.add(k);
      return true;
    });
  }
  events.sort((a, b) => (b.date ?? '').localeCompare(a.date ?? '') || b.numArticles - a.numArticles);

  const counterparts = new Map<string, Counterpart>();
  const roles: Record<Role, number> = { offers: 0, buys: 0, sanctions: 0, supplies: 0 };
  const roleActors: Record<Role, Map<string, Counterpart>> = { offers: new Map(), buys: new Map(), sanctions: new Map(), supplies: new Map() };
  const byPlover: Record<string, number> = {};
  for (const e of events) {
    byPlover[e.plover] = (byPlover[e.plover] ?? 0) + 1;
    if (entity.type === 'commodity') {
      const played = new Set<Role>();
      for (const r of COMMODITY_ROLES) {
        if (!r.cameo.test(e.cameo) || (r.trigger && !r.trigger.test(e.trigger)) || (r.plover && e.plover !== r.plover)) continue;
        played.add(r.role);
      }
      for (const role of played) {
        roles[role]++;
        for (const s of e.source) tally(roleActors[role], s);
      }
    } else {
      const others = [...(has(e.source, entity.id) ? e.target : []), ...(has(e.target, entity.id) ? e.source : [])];
      const once = new Map(others.filter((o) => o.id !== entity.id).map((o) => [o.id, o]));
      for (const o of once.values()) tally(counterparts, o);
    }
  }

  const quotes = entity.type === 'commodity' ? [] : (await store.quotes({ speaker: entity.name, limit: scan })).filter((q) => q.speakerId === entity.id);
  return {
    entity,
    quotes: quotes.slice(0, limit),
    events: events.slice(0, limit),
    counterparts: ranked(counterparts),
    roles,
    roleActors: { offers: ranked(roleActors.offers), buys: ranked(roleActors.buys), sanctions: ranked(roleActors.sanctions), supplies: ranked(roleActors.supplies) },
    byPlover,
  };
}
