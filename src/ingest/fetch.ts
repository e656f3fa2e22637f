// HTTP fetching for feeds and pages (undici): connect and read timeouts, a streamed body size limit (which
// also stops compression bombs, as it counts decompressed bytes), at most a few redirects, a descriptive
// User-Agent, conditional requests (ETag / Last-Modified kept in a cache object the caller passes in),
// per-host politeness (an object the caller passes in), and refusal of private, loopback, link-local and other
// non-public addresses: every address a host resolves to is checked when the connection is made, on every
// redirect too, so DNS cannot swap in a private address after the check.
import dns from 'node:dns';
import { Agent, fetch as undiciFetch, type Dispatcher } from 'undici';
import ipaddr from 'ipaddr.js';

export const FETCH_DEFAULTS = {
  /** A descriptive User-Agent with a contact URL, as polite crawlers send. */
  userAgent: 'Lodestone/0.1 (+https://github.com/example/lodestone; news analysis)',
  /** Time to open the connection (DNS, TCP, TLS). */
  connectTimeoutMs: 10_000,
  /** Longest wait for the response headers, and for each piece of the body. */
  readTimeoutMs: 15_000,
  /** Longest a whole request may take, body included (a server that trickles one byte a second). */
  totalTimeoutMs: 60_000,
  /** Largest body, counted after decompression (a long article page is ~1 MB; feeds up to a few MB). */
  maxBytes: 10 * 1024 * 1024,
  /** Redirects followed before giving up. */
  maxRedirects: 5,
  /** Minimum time between two requests to the same host. */
  hostIntervalMs: 1000,
} as const;

export type FetchFailure =
  | 'bad_url'
  | 'private_address'
  | 'dns'
  | 'timeout'
  | 'too_large'
  | 'too_many_redirects'
  | 'redirect_loop'
  | 'http_status'
  | 'network';

export interface FetchSuccess {
  ok: true;
  /** The URL asked for. */
  requestedUrl: string;
  /** The URL the content came from, after redirects. */
  url: string;
  status: number;
  /** True when the server answered 304 to a conditional request: nothing new, `body` is empty. */
  notModified: boolean;
  /** Media type without parameters, lower case ("text/html"), or null. */
  contentType: string | null;
  /** The charset parameter of Content-Type, lower case, or null. */
  charset: string | null;
  body: Buffer;
}

export interface FetchError {
  ok: false;
  url: string;
  reason: FetchFailure;
  /** One line that says what went wrong. */
  error: string;
}

export type FetchResult = FetchSuccess | FetchError;

/** Validators remembered for a URL, sent back as If-None-Match / If-Modified-Since. */
export interface Validators {
  etag?: string;
  lastModified?: string;
}

/** Where conditional-request validators live between runs (memory here; a database table in the store). */
export interface ConditionalCache {
  get(url: string): Validators | undefined;
  set(url: string, validators: Validators): void;
}

/** A ConditionalCache in memory, for one run or for tests. */
export class MemoryConditionalCache implements ConditionalCache {
  private readonly entries = new Map<string, Validators>();
  get(url: string): Validators | undefined {
    return this.entries.get(url);
  }
  set(url: string, validators: Validators): void {
    this.entries.set(url, validators);
  }
}

/** Spaces requests to the same host at least `intervalMs` apart; one object is shared by a run's fetches. */
export class HostPoliteness {
  private readonly next = new Map<string, number>();
  constructor(readonly intervalMs: number = FETCH_DEFAULTS.hostIntervalMs) {}

  /** Resolves when a request to `host` may start, and books the slot after it. */
  async wait(host: string): Promise<void> {
    const now = Date.now();
    const at = Math.max(now, this.next.get(host) ?? 0);
    this.next.set(host, at + this.intervalMs);
    if (at > now) await new Promise((resolve) => setTimeout(resolve, at - now));
  }
}

export interface FetchOptions {
  userAgent?: string;
  connectTimeoutMs?: number;
  readTimeoutMs?: number;
  totalTimeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  /** Allow private, loopback and link-local addresses (the CLI's --allow-private; tests against a local server). */
  allowPrivate?: boolean;
  /** Validators for conditional requests; used when `conditional` is set on a request. */
  cache?: ConditionalCache;
  /** Per-host spacing of requests. */
  politeness?: HostPoliteness;
}

export interface RequestOptions {
  /** Send the cached validators and remember the new ones (feeds). */
  conditional?: boolean;
  /** The Accept header. */
  accept?: string;
}

export const ACCEPT = {
  feed: 'application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5',
  page: 'text/html, application/xhtml+xml;q=0.9, text/plain;q=0.8, */*;q=0.5',
  any: 'application/rss+xml, application/atom+xml, application/feed+json, text/html;q=0.9, application/xhtml+xml;q=0.9, application/xml;q=0.8, text/xml;q=0.8, text/plain;q=0.7, */*;q=0.5',
} as const;

/** Why an address is not public, or null if it is (ipaddr.js ranges: only "unicast" is public). */
export function nonPublicRange(address: string): string | null {
  let ip: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    ip = ipaddr.parse(address);
  } catch {
    return 'unparsable';
  }
  if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress()) ip = (ip as ipaddr.IPv6).toIPv4Address();
  const range = ip.range();
  return range === 'unicast' ? null : range;
}

class AddressRefused extends Error {
  readonly code = 'ELODESTONE_PRIVATE';
  constructor(host: string, address: string, range: string) {
    super(`${host} resolves to ${address}, a ${range} address: refused (pass --allow-private to fetch from private networks)`);
  }
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

/** A dns.lookup for the connection that refuses hosts with any non-public address. */
function guardedLookup(hostname: string, options: dns.LookupOptions, callback: LookupCallback): void {
  dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, []);
    const list = addresses as dns.LookupAddress[];
    for (const a of list) {
      const range = nonPublicRange(a.address);
      if (range) return callback(new AddressRefused(hostname, a.address, range) as unknown as NodeJS.ErrnoException, []);
    }
    if (list.length === 0) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), []);
    if (options.all) callback(null, list);
    else callback(null, list[0]!.address, list[0]!.family);
  });
}

function hostOf(u: URL): string {
  return u.hostname.replace(/^\[|\]$/g, '');
}

function contentTypeParts(header: string | null): { type: string | null; charset: string | null } {
  if (!header) return { type: null, charset: null };
  const [type, ...params] = header.split(';');
  let charset: string | null = null;
  for (const p of params) {
    const m = /^\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(p);
    if (m) charset = m[1]!.toLowerCase();
  }
  return { type: type!.trim().toLowerCase() || null, charset };
}

/** One line for an error thrown by undici or by the address guard. */
function describeError(err: unknown, url: string, timeouts: { connect: number; read: number; total: number }): { reason: FetchFailure; error: string } {
  const e = err as { name?: string; message?: string; code?: string; cause?: { name?: string; code?: string; message?: string; cause?: unknown } };
  const chain: { name?: string; code?: string; message?: string }[] = [];
  for (let x: unknown = e, i = 0; x && i < 5; x = (x as { cause?: unknown }).cause, i++) chain.push(x as { name?: string; code?: string; message?: string });
  const refused = chain.find((c) => c.code === 'ELODESTONE_PRIVATE');
  if (refused) return { reason: 'private_address', error: refused.message ?? `refused ${url}` };
  const codes = chain.map((c) => c.code ?? c.name ?? '');
  if (codes.includes('UND_ERR_CONNECT_TIMEOUT')) return { reason: 'timeout', error: `${url}: no connection within ${timeouts.connect / 1000} s` };
  if (codes.includes('UND_ERR_HEADERS_TIMEOUT') || codes.includes('UND_ERR_BODY_TIMEOUT')) return { reason: 'timeout', error: `${url}: the server sent nothing for ${timeouts.read / 1000} s` };
  if (codes.includes('TimeoutError') || codes.includes('AbortError')) return { reason: 'timeout', error: `${url}: no complete answer within ${timeouts.total / 1000} s` };
  if (codes.includes('ENOTFOUND') || codes.includes('EAI_AGAIN')) return { reason: 'dns', error: `${url}: the host name does not resolve` };
  const last = chain[chain.length - 1];
  return { reason: 'network', error: `${url}: ${(last?.message ?? 'network error').split('\n')[0]}` };
}

/**
 * Fetches URLs with the limits above. One Fetcher per run: it holds a connection pool, so close() it at the end.
 */
export class Fetcher {
  private readonly agent: Dispatcher;
  private readonly opts: Required<Omit<FetchOptions, 'cache' | 'politeness'>> & Pick<FetchOptions, 'cache' | 'politeness'>;

  constructor(options: FetchOptions = {}) {
    this.opts = {
      userAgent: options.userAgent ?? FETCH_DEFAULTS.userAgent,
      connectTimeoutMs: options.connectTimeoutMs ?? FETCH_DEFAULTS.connectTimeoutMs,
      readTimeoutMs: options.readTimeoutMs ?? FETCH_DEFAULTS.readTimeoutMs,
      totalTimeoutMs: options.totalTimeoutMs ?? FETCH_DEFAULTS.totalTimeoutMs,
      maxBytes: options.maxBytes ?? FETCH_DEFAULTS.maxBytes,
      maxRedirects: options.maxRedirects ?? FETCH_DEFAULTS.maxRedirects,
      allowPrivate: options.allowPrivate ?? false,
      cache: options.cache,
      politeness: options.politeness,
    };
    this.agent = new Agent({
      connect: {
        timeout: this.opts.connectTimeoutMs,
        ...(this.opts.allowPrivate ? {} : { lookup: guardedLookup }),
      },
      headersTimeout: this.opts.readTimeoutMs,
      bodyTimeout: this.opts.readTimeoutMs,
    });
  }

  async close(): Promise<void> {
    await this.agent.close();
  }

  /** Fetches one URL, following redirects; never throws. */
  async fetch(url: string, request: RequestOptions = {}): Promise<FetchResult> {
    let current: URL;
    try {
      current = new URL(url);
    } catch {
      return { ok: false, url, reason: 'bad_url', error: `${url} is not a valid URL` };
    }
    const seen = new Set<string>();
    let deadline: AbortSignal | null = null;
    for (let hop = 0; ; hop++) {
      if (current.protocol !== 'http:' && current.protocol !== 'https:') {
        return { ok: false, url: current.href, reason: 'bad_url', error: `${current.href}: only http and https URLs are fetched` };
      }
      if (!this.opts.allowPrivate) {
        // IP literals never reach the DNS lookup, so they are checked here
        const host = hostOf(current);
        if (ipaddr.isValid(host)) {
          const range = nonPublicRange(host);
          if (range) return { ok: false, url: current.href, reason: 'private_address', error: `${current.href}: ${host} is a ${range} address: refused (pass --allow-private to fetch from private networks)` };
        }
      }
      seen.add(current.href);
      await this.opts.politeness?.wait(current.host);
      // the clock starts after the first politeness wait: a queue of requests to one host is not a slow server
      deadline ??= AbortSignal.timeout(this.opts.totalTimeoutMs);
      const headers: Record<string, string> = { 'user-agent': this.opts.userAgent, accept: request.accept ?? ACCEPT.any };
      const validators = request.conditional ? this.opts.cache?.get(url) : undefined;
      if (validators?.etag) headers['if-none-match'] = validators.etag;
      if (validators?.lastModified) headers['if-modified-since'] = validators.lastModified;

      let res: Awaited<ReturnType<typeof undiciFetch>>;
      try {
        res = await undiciFetch(current.href, { dispatcher: this.agent, redirect: 'manual', headers, signal: deadline });
      } catch (err) {
        return { ok: false, url: current.href, ...describeError(err, current.href, this.timeouts()) };
      }

      if (res.status >= 300 && res.status < 400 && res.status !== 304) {
        await res.body?.cancel().catch(() => undefined);
        const location = res.headers.get('location');
        if (!location) return { ok: false, url: current.href, reason: 'http_status', error: `${current.href}: HTTP ${res.status} redirect without a Location` };
        let next: URL;
        try {
          next = new URL(location, current);
        } catch {
          return { ok: false, url: current.href, reason: 'bad_url', error: `${current.href}: redirect to an invalid URL (${location.slice(0, 100)})` };
        }
        if (seen.has(next.href)) return { ok: false, url, reason: 'redirect_loop', error: `${url}: redirect loop (back to ${next.href})` };
        if (hop + 1 > this.opts.maxRedirects) return { ok: false, url, reason: 'too_many_redirects', error: `${url}: more than ${this.opts.maxRedirects} redirects` };
        current = next;
        continue;
      }

      const { type, charset } = contentTypeParts(res.headers.get('content-type'));
      if (res.status === 304) {
        await res.body?.cancel().catch(() => undefined);
        return { ok: true, requestedUrl: url, url: current.href, status: 304, notModified: true, contentType: type, charset, body: Buffer.alloc(0) };
      }
      if (res.status < 200 || res.status >= 300) {
        await res.body?.cancel().catch(() => undefined);
        return { ok: false, url: current.href, reason: 'http_status', error: `${current.href}: HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}` };
      }
      const declared = Number(res.headers.get('content-length') ?? NaN);
      const encoded = (res.headers.get('content-encoding') ?? 'identity').toLowerCase();
      if (encoded === 'identity' && declared > this.opts.maxBytes) {
        await res.body?.cancel().catch(() => undefined);
        return { ok: false, url: current.href, reason: 'too_large', error: `${current.href}: ${(declared / 1048576).toFixed(1)} MB, above the ${this.limitMb()} MB limit` };
      }
      const body = await this.readBody(res, current.href);
      if (!body.ok) return body;
      if (request.conditional && this.opts.cache) {
        const etag = res.headers.get('etag') ?? undefined;
        const lastModified = res.headers.get('last-modified') ?? undefined;
        if (etag || lastModified) this.opts.cache.set(url, { etag, lastModified });
      }
      return { ok: true, requestedUrl: url, url: current.href, status: res.status, notModified: false, contentType: type, charset, body: body.body };
    }
  }

  /** Reads a body up to the size limit (decompressed bytes: a 10 KB gzip bomb stops at the limit). */
  private async readBody(res: Awaited<ReturnType<typeof undiciFetch>>, url: string): Promise<{ ok: true; body: Buffer } | FetchError> {
    const chunks: Buffer[] = [];
    let size = 0;
    if (!res.body) return { ok: true, body: Buffer.alloc(0) };
    const reader = res.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.byteLength;
        if (size > this.opts.maxBytes) {
          await reader.cancel().catch(() => undefined);
          return { ok: false, url, reason: 'too_large', error: `${url}: body above the ${this.limitMb()} MB limit (after decompression); stopped reading` };
        }
        chunks.push(Buffer.from(value.buffer, value.byteOffset, value.byteLength));
      }
    } catch (err) {
      return { ok: false, url, ...describeError(err, url, this.timeouts()) };
    }
    return { ok: true, body: Buffer.concat(chunks, size) };
  }

  private limitMb(): string {
    return (this.opts.maxBytes / 1048576).toFixed(this.opts.maxBytes < 1048576 ? 2 : 0);
  }

  private timeouts() {
    return { connect: this.opts.connectTimeoutMs, read: this.opts.readTimeoutMs, total: this.opts.totalTimeoutMs };
  }
}
