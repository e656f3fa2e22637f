// Hash routing: "#/article/ID?s=10&e=80" -> { path: ["article", "ID"], query }. Views render into a fresh
// container that replaces the page only if the user has not navigated elsewhere meanwhile.

export interface Route {
  path: string[];
  query: URLSearchParams;
}

export interface ViewContext extends Route {
  /** Aborted when the user navigates away; pass to fetches. */
  signal: AbortSignal;
  /** False once another route has started rendering. */
  current(): boolean;
}

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#\/?/, '');
  const qi = raw.indexOf('?');
  const pathPart = qi >= 0 ? raw.slice(0, qi) : raw;
  const query = new URLSearchParams(qi >= 0 ? raw.slice(qi + 1) : '');
  const path = pathPart.split('/').filter((p) => p !== '').map((p) => {
    try { return decodeURIComponent(p); } catch { return p; }
  });
  return { path, query };
}

/** Sets the hash without adding a history entry per keystroke-level change (filters). */
export function replaceQuery(path: string, query: Record<string, string | null | undefined>): void {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v) q.set(k, v);
  const s = q.toString();
  const hash = `#/${path}${s ? `?${s}` : ''}`;
  if (location.hash !== hash) history.replaceState(null, '', hash);
}
