// The HTTP API client (the contract is docs of the server: GET /api/openapi.json). Every call returns parsed
// JSON or throws an ApiError carrying the server's {"error": {"code", "message"}}.
import type { AnalysisJson } from '../../src/output.js';
import type { EntityRow, EventRow, QuoteRow, SearchHit, StoryRow } from '../../src/store/types.js';

export type { AnalysisJson, EntityRow, EventRow, QuoteRow, SearchHit, StoryRow };
export type EventEntity = EventRow['source'][number];

export interface ArticleSummary {
  id: string;
  title: string | null;
  published: string | null;
  outlet: string | null;
  url: string | null;
  storyId: string;
  counts?: { entities: number; quotes: number; events: number };
}

export interface ArticleResponse {
  article: ArticleSummary & { source?: string };
  analysis: AnalysisJson;
}

export interface Page<T> { items: T[]; limit?: number; offset?: number; total?: number }

export interface GraphNode { id: string; label: string; type: string; weight: number }
export interface GraphEdge { source: string; target: string; weight: number; kind: string; plover?: string }
export interface Graph { nodes: GraphNode[]; edges: GraphEdge[] }

export interface EntityResponse {
  entity: EntityRow;
  quotes?: QuoteRow[];
  events?: EventRow[];
  counterparts?: { name: string; type: string; iso3?: string | null; events: number }[];
  roles?: Record<string, number>;
  /** Who plays each role (the events' sources), most events first. */
  roleActors?: Record<string, { name: string; type: string; events: number }[]>;
}

export interface Health { ok: boolean; db: string; articles: number }

/** What the analyze and ingest endpoints accept: exactly one of text, html, url. */
export interface AnalyzeInput { text?: string; html?: string; url?: string; published?: string; title?: string }

export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

type Query = Record<string, string | number | null | undefined>;

function url(path: string, query?: Query): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v != null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

async function request<T>(path: string, init?: RequestInit & { query?: Query; signal?: AbortSignal }): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url(path, init?.query), { ...init, headers: { accept: 'application/json', ...(init?.headers ?? {}) } });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'network', 'The Lodestone server did not answer. Is it still running?');
  }
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const e = (body as { error?: { code?: string; message?: string } } | null)?.error;
    throw new ApiError(res.status, e?.code ?? 'http_' + res.status, e?.message ?? `${res.status} ${res.statusText}`);
  }
  return body as T;
}

function post<T>(path: string, body: unknown, token?: string, signal?: AbortSignal): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  return request<T>(path, { method: 'POST', body: JSON.stringify(body), headers, signal });
}

export const api = {
  health: () => request<Health>('/api/health'),
  analyze: (input: AnalyzeInput, token?: string, signal?: AbortSignal) => post<AnalysisJson>('/api/analyze', input, token, signal),
  ingest: (input: AnalyzeInput & { id?: string }, token?: string) =>
    post<{ status: 'stored' | 'duplicate'; id: string; storyId: string }>('/api/ingest', input, token),
  articles: (query: Query = {}) => request<Page<ArticleSummary>>('/api/articles', { query }),
  article: (id: string) => request<ArticleResponse>(`/api/articles/${encodeURIComponent(id)}`),
  search: (query: Query) => request<Page<SearchHit>>('/api/search', { query }),
  events: (query: Query) => request<Page<EventRow>>('/api/events', { query }),
  quotes: (query: Query) => request<Page<QuoteRow>>('/api/quotes', { query }),
  entities: (query: Query) => request<Page<EntityRow>>('/api/entities', { query }),
  entity: (type: string, name: string) => request<EntityResponse>('/api/entity', { query: { type, name } }),
  stories: (query: Query = {}) => request<Page<StoryRow>>('/api/stories', { query }),
  graph: (query: Query) => request<Graph>('/api/graph', { query }),
};
