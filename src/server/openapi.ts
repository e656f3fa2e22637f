// The OpenAPI 3.1 document of the HTTP API, served at /api/openapi.json. Written as data; the request checks
// read each endpoint's query parameters from it (src/server/params.ts), and a test checks that every route of
// the app is documented here and every path here is a route.

type Schema = Record<string, unknown>;

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const arrayOf = (items: Schema): Schema => ({ type: 'array', items });
const nullable = (type: string): Schema => ({ type: [type, 'null'] });
const str = (description?: string): Schema => ({ type: 'string', ...(description ? { description } : {}) });
const int = (description?: string): Schema => ({ type: 'integer', ...(description ? { description } : {}) });
const date: Schema = { type: 'string', format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$' };
const span: Schema = { type: 'object', required: ['start', 'end'], properties: { start: int(), end: int(), text: str() } };

function page(item: string, extra: Record<string, Schema> = {}): Schema {
  return {
    type: 'object',
    required: ['items', 'limit', 'offset'],
    properties: { items: arrayOf(ref(item)), limit: int(), offset: int(), ...extra },
  };
}

interface Param { name: string; description: string; schema?: Schema; required?: boolean; in?: 'query' | 'path'; example?: string }

function param(p: Param): Schema {
  return { name: p.name, in: p.in ?? 'query', required: p.required ?? p.in === 'path', description: p.description, schema: p.schema ?? str(), ...(p.example ? { example: p.example } : {}) };
}

const LIMIT = { $ref: '#/components/parameters/limit' };
const OFFSET = { $ref: '#/components/parameters/offset' };

const json = (schema: Schema, description: string) => ({ description, content: { 'application/json': { schema } } });
const ERR = (description: string) => json(ref('Error'), description);
const BAD = { 400: ERR('Bad input: a missing or invalid parameter or body, with the reason') };
const SERVER = { 500: ERR('Internal error (logged on the server; no stack trace is sent)') };
/** What analyze and ingest may answer besides their result: they run in a pool of analysis threads with a time
 * budget and a bounded queue, and need the token beyond loopback. */
const ANALYSIS = {
  401: ERR('Missing or wrong bearer token (only when the server listens beyond loopback)'),
  408: ERR('The analysis ran past the request\'s time budget (default 60 s, `lodestone serve --analysis-timeout`) and was stopped'),
  413: ERR('Body over 2 MB'),
  499: ERR('The client closed the connection; the analysis was stopped (nobody reads this answer; the server logs one line)'),
  503: {
    ...ERR('Too many analyses waiting (`lodestone serve --analysis-queue`), or the server is shutting down: try again after Retry-After seconds'),
    headers: { 'Retry-After': { description: 'Seconds to wait before trying again', schema: { type: 'integer', minimum: 1 } } },
  },
};

/** The article filters shared by `events` and `graph`. */
const EVENT_FILTERS: Param[] = [
  { name: 'actor', description: 'Source actor: an entity name (case-insensitive substring), or an ISO3 code for the actors of that country', example: 'Russia' },
  { name: 'target', description: 'Target actor: a name (substring) or an ISO3 code', example: 'USA' },
  { name: 'country', description: 'An actor of this country (ISO 3166-1 alpha-3) on either side', schema: { type: 'string', pattern: '^[A-Za-z]{3}$' }, example: 'UKR' },
  { name: 'commodity', description: 'A commodity name (substring) or an HS code prefix (2805, 27, 2711.11)', example: 'rare earth' },
  { name: 'plover', description: 'PLOVER category (AGREE, COERCE, SANCTION, ...)', example: 'AGREE' },
  { name: 'from', description: "Events whose date range (else the article's publication date) ends on or after this day", schema: date },
  { name: 'to', description: 'Events whose date range starts on or before this day', schema: date },
  { name: 'story', description: 'Only the events of this story (a story id)' },
];

const articleBody = (extra: Record<string, Schema>): Schema => ({
  type: 'object',
  description: 'Exactly one of text, html or url.',
  additionalProperties: false,
  properties: {
    text: str('The article as plain text'),
    html: str('An article page as HTML; the article is taken out of it'),
    url: { type: 'string', format: 'uri', description: 'An http(s) address to fetch (public addresses only)' },
    published: { ...date, description: 'Publication date, to resolve relative dates; else the page\'s own date, if any' },
    ...extra,
  },
});

export const OPENAPI = {
  openapi: '3.1.0',
  info: {
    title: 'Lodestone HTTP API',
    version: '0.1.0',
    description: 'Grounded facts from news about strategic resources and geopolitics: articles, their analysis (entities, quotes, events, '
      + 'dates, text set aside), and questions over the stored corpus. Every fact carries character offsets into the article text. '
      + 'Errors are {"error": {"code", "message"}} with the matching status. Request bodies are limited to 2 MB. '
      + 'When the server listens beyond loopback, analyze and ingest need "Authorization: Bearer $LODESTONE_TOKEN". '
      + 'Analyses run in worker threads, each request within a time budget (408 past it) and with a bounded queue (503 with '
      + 'Retry-After when it is full), so reads keep answering while large articles are analysed.',
    license: { name: 'MIT' },
  },
  servers: [{ url: '/' }],
  paths: {
    '/api/health': {
      get: {
        operationId: 'health', summary: 'Is the server up, and how many articles it holds',
        responses: { 200: json(ref('Health'), 'Up'), ...SERVER },
      },
    },
    '/api/openapi.json': {
      get: {
        operationId: 'openapi', summary: 'This document',
        responses: { 200: json({ type: 'object' }, 'The OpenAPI 3.1 document') },
      },
    },
    '/api/analyze': {
      post: {
        operationId: 'analyze', summary: 'Analyse a text, an HTML page or a URL without storing it',
        security: [{ bearer: [] }, {}],
        requestBody: { required: true, content: { 'application/json': { schema: articleBody({ id: str('Id to give the result (default: a hash of the text)'), title: str('Headline (accepted, as for ingest; not part of the analysis)') }) } } },
        responses: { 200: json(ref('Analysis'), 'The analysis (the contract object)'), ...BAD, ...ANALYSIS, ...SERVER },
      },
    },
    '/api/ingest': {
      post: {
        operationId: 'ingest', summary: 'Analyse an article and store it (a write endpoint)',
        security: [{ bearer: [] }, {}],
        requestBody: { required: true, content: { 'application/json': { schema: articleBody({ id: str('Stable id (default: a hash of the text)'), title: str('Headline') }) } } },
        responses: {
          200: json(ref('IngestResult'), 'Stored, or already stored (status "duplicate")'),
          ...BAD, ...ANALYSIS, ...SERVER,
        },
      },
    },
    '/api/articles': {
      get: {
        operationId: 'listArticles', summary: 'Stored articles, in ingest order',
        parameters: [LIMIT, OFFSET, param({ name: 'story', description: 'Only the articles of this story' })],
        responses: { 200: json(page('ArticleSummary', { total: int('Stored articles in all') }), 'A page of articles'), ...BAD, ...SERVER },
      },
    },
    '/api/articles/{id}': {
      get: {
        operationId: 'getArticle', summary: 'One article with its analysis (an id recorded as a copy gives the stored article)',
        parameters: [param({ name: 'id', in: 'path', description: 'Article id' })],
        responses: { 200: json(ref('ArticleDetail'), 'The article'), 404: ERR('No article with this id'), ...SERVER },
      },
    },
    '/api/search': {
      get: {
        operationId: 'search', summary: 'Full-text search over titles and article text, best first',
        parameters: [
          param({ name: 'q', required: true, description: 'Words (all required), "a phrase", OR, -excluded', example: 'rare earth Russia' }),
          LIMIT, OFFSET,
        ],
        responses: { 200: json(page('SearchHit'), 'Matching articles with highlighted snippets'), ...BAD, ...SERVER },
      },
    },
    '/api/events': {
      get: {
        operationId: 'events', summary: 'Coded events, one per story, newest first',
        parameters: [...EVENT_FILTERS.map(param), LIMIT, OFFSET],
        responses: { 200: json(page('EventRow'), 'A page of events'), ...BAD, ...SERVER },
      },
    },
    '/api/quotes': {
      get: {
        operationId: 'quotes', summary: 'Quotes and reported speech, one per story, newest first',
        parameters: [
          param({ name: 'speaker', description: "Speaker name (substring), or words of an unresolved speaker's description", example: 'Putin' }),
          param({ name: 'text', description: 'Words of the quote (search syntax as in /api/search)', example: 'uranium' }),
          param({ name: 'story', description: 'Only the quotes of this story' }),
          LIMIT, OFFSET,
        ],
        responses: { 200: json(page('QuoteRow'), 'A page of quotes'), ...BAD, ...SERVER },
      },
    },
    '/api/entities': {
      get: {
        operationId: 'entities', summary: 'Entities across the corpus, most reported first',
        parameters: [
          param({ name: 'type', description: 'person, organization, country, place, commodity, nationality or other', schema: { type: 'string', enum: ['person', 'organization', 'country', 'place', 'commodity', 'nationality', 'other'] } }),
          param({ name: 'name', description: 'Name (case-insensitive substring)' }),
          LIMIT, OFFSET,
        ],
        responses: { 200: json(page('EntityRow'), 'A page of entities'), ...BAD, ...SERVER },
      },
    },
    '/api/entity': {
      get: {
        operationId: 'entity', summary: 'One entity: its events, quotes, counterparts, and for a commodity who offers, buys, sanctions or supplies it',
        parameters: [
          param({ name: 'name', description: 'Name (exact, case-insensitive; else the most reported entity whose name contains it). Required unless id is given', example: 'Vladimir Putin' }),
          param({ name: 'type', description: 'Entity type, to tell apart entities of the same name', schema: { type: 'string', enum: ['person', 'organization', 'country', 'place', 'commodity', 'nationality', 'other'] } }),
          param({ name: 'id', description: 'Collection-wide entity key, as events and graph nodes give it ("country:RUS")' }),
          param({ name: 'limit', description: 'Most events and quotes returned (default 200)', schema: { type: 'integer', minimum: 1, maximum: 500, default: 200 } }),
        ],
        responses: { 200: json(ref('EntityProfile'), 'The entity'), ...BAD, 404: ERR('No such entity'), ...SERVER },
      },
    },
    '/api/stories': {
      get: {
        operationId: 'stories', summary: 'Stories (near-duplicate clusters), largest first',
        parameters: [
          param({ name: 'minArticles', description: 'Only stories with at least this many articles', schema: { type: 'integer', minimum: 1, default: 1 } }),
          LIMIT, OFFSET,
        ],
        responses: { 200: json(page('StoryRow'), 'A page of stories'), ...BAD, ...SERVER },
      },
    },
    '/api/graph': {
      get: {
        operationId: 'graph', summary: 'Network of countries, people, organizations and commodities with event, commodity and quote edges',
        parameters: [
          param({ name: 'from', description: 'Events (and quotes) on or after this day', schema: date }),
          param({ name: 'to', description: 'Events (and quotes) on or before this day', schema: date }),
          param({ name: 'commodity', description: 'Only events over this commodity (name substring or HS prefix), and quotes naming it', example: 'oil' }),
          param({ name: 'limit', description: 'Most nodes (the heaviest are kept; default 150)', schema: { type: 'integer', minimum: 1, maximum: 500, default: 150 } }),
        ],
        responses: { 200: json(ref('Graph'), 'Nodes and weighted edges'), ...BAD, ...SERVER },
      },
    },
  },
  components: {
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'LODESTONE_TOKEN; required only when the server listens beyond loopback' } },
    parameters: {
      limit: { name: 'limit', in: 'query', required: false, description: 'Rows per page', schema: { type: 'integer', minimum: 1, maximum: 500, default: 50 } },
      offset: { name: 'offset', in: 'query', required: false, description: 'Rows to skip', schema: { type: 'integer', minimum: 0, maximum: 100000, default: 0 } },
    },
    schemas: {
      Error: {
        type: 'object', required: ['error'],
        properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string', enum: ['bad_request', 'not_found', 'unauthorized', 'timeout', 'too_large', 'client_closed', 'internal', 'busy'] }, message: str('One clear line') } } },
      },
      Health: { type: 'object', required: ['ok', 'db', 'articles'], properties: { ok: { const: true }, db: { type: 'string', enum: ['sqlite', 'postgres'] }, articles: int() } },
      Analysis: {
        type: 'object',
        description: 'The analysis contract (CONTRACT.md): all offsets are UTF-16 indices into text, end exclusive',
        required: ['id', 'text', 'published', 'language', 'removed', 'entities', 'quotes', 'events', 'dates', 'summary'],
        properties: {
          id: str(), text: str(), published: nullable('string'), language: str(),
          removed: arrayOf({ type: 'object', properties: { start: int(), end: int(), reason: { type: 'string', enum: ['promotional', 'boilerplate', 'repeated'] }, rule: str(), text: str() } }),
          entities: arrayOf({
            type: 'object',
            properties: {
              id: str(), type: str(), name: str(),
              mentions: arrayOf({ type: 'object', properties: { start: int(), end: int(), text: str(), form: str() } }),
              attributes: { type: 'object' }, codes: { type: 'object', additionalProperties: { type: 'string' } },
            },
          }),
          quotes: arrayOf({
            type: 'object',
            properties: {
              start: int(), end: int(), text: str(), kind: { type: 'string', enum: ['direct', 'indirect'] },
              speaker: nullable('string'), speakerName: nullable('string'), speakerMention: { type: ['object', 'null'] }, cue: { type: ['object', 'null'] },
            },
          }),
          events: arrayOf({
            type: 'object',
            properties: {
              plover: str(), cameo: str(), mode: str(), context: str(), source: arrayOf(str()), target: arrayOf(str()), commodities: arrayOf(str()),
              place: nullable('string'), date: { type: ['object', 'null'] }, modality: str(), attributedTo: nullable('string'), evidence: span, trigger: span,
            },
          }),
          dates: arrayOf({ type: 'object', properties: { start: int(), end: int(), text: str(), value: { type: 'object' } } }),
          summary: { type: 'object', properties: { commodities: arrayOf(str()), countries: arrayOf(str()) } },
          warnings: arrayOf(str()),
        },
      },
      IngestResult: {
        type: 'object', required: ['status', 'id', 'storyId'],
        properties: {
          status: { type: 'string', enum: ['stored', 'duplicate'] },
          id: str('The id posted (or derived); GET /api/articles/{id} finds the article under it'),
          storyId: str(),
          reason: { type: 'string', enum: ['same-id', 'same-text'], description: 'For a duplicate: the same id, or the same text under another id' },
          existingId: str('For a duplicate: the stored article it duplicates'),
        },
      },
      ArticleSummary: {
        type: 'object', required: ['id', 'title', 'published', 'outlet', 'url', 'storyId', 'counts'],
        properties: {
          id: str(), title: nullable('string'), published: nullable('string'), outlet: nullable('string'), url: nullable('string'), storyId: str(),
          counts: { type: 'object', properties: { entities: int(), quotes: int(), events: int() } },
        },
      },
      ArticleDetail: {
        type: 'object', required: ['article', 'analysis'],
        properties: {
          article: {
            type: 'object',
            properties: {
              id: str(), title: nullable('string'), published: nullable('string'), outlet: nullable('string'), url: nullable('string'),
              storyId: str(), source: str(), byline: nullable('string'), ingestedAt: str(),
              copies: arrayOf({ type: 'object', properties: { id: str(), url: nullable('string'), outlet: nullable('string'), published: nullable('string') } }),
            },
          },
          analysis: ref('Analysis'),
        },
      },
      SearchHit: {
        type: 'object', required: ['articleId', 'title', 'published', 'snippet', 'highlights', 'storyId'],
        properties: {
          articleId: str(), storyId: str(), title: nullable('string'), published: nullable('string'),
          snippet: str('Plain text'), highlights: arrayOf({ type: 'array', items: int(), minItems: 2, maxItems: 2 }), rank: { type: 'number' },
        },
      },
      EventEntity: {
        type: 'object',
        properties: { id: str('Collection-wide key ("country:RUS")'), name: str(), type: str(), iso3: nullable('string'), country: nullable('string'), hs: nullable('string') },
      },
      EventRow: {
        type: 'object',
        properties: {
          key: str(), articleId: str(), storyId: str(), index: int(), plover: str(), cameo: str(),
          source: arrayOf(ref('EventEntity')), target: arrayOf(ref('EventEntity')), commodities: arrayOf(ref('EventEntity')),
          date: nullable('string'), dateEnd: nullable('string'), modality: str(), trigger: str(),
          evidence: span, numArticles: int(), numSources: int(),
        },
      },
      QuoteRow: {
        type: 'object',
        properties: {
          articleId: str(), storyId: str(), index: int(), kind: str(), speakerId: nullable('string'), speaker: nullable('string'),
          speakerText: nullable('string'), text: str(), start: int(), end: int(), published: nullable('string'), numArticles: int(),
        },
      },
      EntityRow: {
        type: 'object',
        properties: { id: str(), name: str(), type: str(), codes: { type: 'object', additionalProperties: { type: 'string' } }, country: nullable('string'), articles: int(), mentions: int() },
      },
      StoryRow: {
        type: 'object',
        properties: { id: str(), title: nullable('string'), articles: int(), outlets: int(), first: nullable('string'), last: nullable('string') },
      },
      Counterpart: {
        type: 'object', properties: { id: str(), name: str(), type: str(), iso3: nullable('string'), events: int() },
      },
      EntityProfile: {
        type: 'object', required: ['entity', 'quotes', 'events', 'counterparts', 'roles'],
        properties: {
          entity: ref('EntityRow'),
          quotes: arrayOf(ref('QuoteRow')),
          events: arrayOf(ref('EventRow')),
          counterparts: { ...arrayOf(ref('Counterpart')), description: 'For an actor: who it deals with (the other side of its events)' },
          roles: {
            type: 'object', description: 'For a commodity: events by what they do with it',
            properties: { offers: int(), buys: int(), sanctions: int(), supplies: int() },
          },
          roleActors: { type: 'object', description: 'For a commodity: the sources of those events', additionalProperties: arrayOf(ref('Counterpart')) },
          byPlover: { type: 'object', additionalProperties: int() },
        },
      },
      Graph: {
        type: 'object', required: ['nodes', 'edges'],
        properties: {
          nodes: arrayOf({
            type: 'object', required: ['id', 'label', 'type', 'weight'],
            properties: { id: str(), label: str(), type: { type: 'string', enum: ['country', 'person', 'organization', 'commodity'] }, weight: { type: 'number' }, iso3: nullable('string') },
          }),
          edges: arrayOf({
            type: 'object', required: ['source', 'target', 'weight', 'kind'],
            properties: {
              id: str(), source: str(), target: str(), weight: { type: 'number', description: 'Articles reporting it (events), or quotes' },
              kind: { type: 'string', enum: ['event', 'quote', 'commodity'] }, plover: str(),
            },
          }),
          truncated: { type: 'boolean' }, events: int(), quotes: int(),
        },
      },
    },
  },
} as const;

/** The query parameter names an operation takes, shared parameters ($ref) included. */
export function queryParams(path: keyof typeof OPENAPI.paths, method: 'get' | 'post'): string[] {
  const op = (OPENAPI.paths[path] as Record<string, { parameters?: readonly unknown[] }>)[method];
  const names: string[] = [];
  for (const p of op?.parameters ?? []) {
    const ref = (p as { $ref?: string }).$ref;
    const resolved = ref ? (OPENAPI.components.parameters as Record<string, { name: string; in: string }>)[ref.split('/').pop()!] : (p as { name: string; in: string });
    if (resolved && resolved.in === 'query') names.push(resolved.name);
  }
  return names;
}
