// The server's defaults, in a module of their own so `lodestone --help` can show them without loading the server.
export const SERVER_DEFAULTS = {
  port: 8080,
  host: '127.0.0.1',
  /** A write token shorter than this is too easy to guess for a server others can reach. */
  minTokenChars: 16,
  /** Longest a request may take before Node drops it (a slow client must not hold a socket forever). */
  requestTimeoutMs: 60_000,
  /** Progress lines while loading the demo corpus: one every this many articles. */
  demoProgressEvery: 10,
  /** Budget of one demo article's analysis (the demo is loaded before the server answers anyone). */
  demoBudgetMs: 10 * 60_000,
} as const;
