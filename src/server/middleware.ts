// What every request goes through: security headers, the body size limit, the write token, and JSON errors
// ({"error": {"code", "message"}} with the matching status; never a stack trace).
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import type { UnofficialStatusCode } from 'hono/utils/http-status';
import { secureHeaders } from 'hono/secure-headers';
import { bodyLimit } from 'hono/body-limit';
import ipaddr from 'ipaddr.js';

export type ErrorCode = 'bad_request' | 'not_found' | 'unauthorized' | 'too_large' | 'timeout' | 'client_closed' | 'internal' | 'busy';

const STATUS: Record<ErrorCode, 400 | 401 | 404 | 408 | 413 | 499 | 500 | 503> = {
  bad_request: 400,
  unauthorized: 401,
  not_found: 404,
  /** The analysis ran past its time budget and was stopped. */
  timeout: 408,
  too_large: 413,
  /** The client closed the connection before the answer (nginx's 499: nobody reads it, the log does). */
  client_closed: 499,
  internal: 500,
  /** Too many analyses waiting (with Retry-After), or the server is shutting down. */
  busy: 503,
};

/** An error a handler throws to answer with a status and one clear line. */
export class ApiError extends Error {
  constructor(readonly code: ErrorCode, message: string) {
    super(message);
    this.name = 'ApiError';
  }
  get status(): number {
    return STATUS[this.code];
  }
}

export const badRequest = (message: string) => new ApiError('bad_request', message);
export const notFound = (message: string) => new ApiError('not_found', message);

export function errorResponse(c: Context, code: ErrorCode, message: string): Response {
  return c.json({ error: { code, message } }, STATUS[code] as 400 | UnofficialStatusCode);
}

/** The Content-Security-Policy: no inline script, no plugins, nothing from other origins. Article text is
 * rendered as text by the UI; this is the second wall if a bug ever lets markup through. */
export const CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  // the network view draws to canvas and may export PNG as a data: URL
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  frameAncestors: ["'none'"],
  formAction: ["'self'"],
} as const;

export function securityHeaders(): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: Object.fromEntries(Object.entries(CSP).map(([k, v]) => [k, [...v]])),
    xContentTypeOptions: 'nosniff',
    xFrameOptions: 'DENY',
    referrerPolicy: 'no-referrer',
    // plain HTTP on a local port: HSTS would only confuse a browser that later visits another service there
    strictTransportSecurity: false,
  });
}

export function sizeLimit(maxBytes: number): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxBytes,
    onError: (c) => {
      // the rest of the body is never read: the connection cannot carry another request, so say it closes
      c.header('Connection', 'close');
      return errorResponse(c, 'too_large', `the request body is over the ${(maxBytes / 1048576).toFixed(0)} MB limit: send one article at a time, as text rather than the whole page when you can`);
    },
  });
}

/** True for 127.0.0.0/8, ::1 and "localhost": an address only this machine can reach. */
export function isLoopback(host: string): boolean {
  const h = host.trim().replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost') return true;
  try {
    let ip = ipaddr.parse(h);
    if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress()) ip = (ip as ipaddr.IPv6).toIPv4Address();
    return ip.range() === 'loopback';
  } catch {
    return false;
  }
}

function digest(s: string): Buffer {
  return createHash('sha256').update(s).digest();
}

/**
 * Requires `Authorization: Bearer <token>` when `token` is set (the server listens beyond loopback). The
 * comparison takes the same time whatever the guess (digests of equal length, timingSafeEqual). `why` says what
 * the endpoint does that needs it ("writes to the database").
 */
export function requireToken(token: string | null, why = 'writes to the database'): MiddlewareHandler {
  const expected = token ? digest(token) : null;
  return async (c, next) => {
    if (!expected) return next();
    const header = c.req.header('authorization') ?? '';
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!m) return errorResponse(c, 'unauthorized', `this endpoint ${why}: send the header "Authorization: Bearer $LODESTONE_TOKEN"`);
    if (!timingSafeEqual(digest(m[1]!), expected)) return errorResponse(c, 'unauthorized', 'the bearer token is wrong: use the LODESTONE_TOKEN the server was started with');
    return next();
  };
}
