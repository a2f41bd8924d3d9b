/**
 * docs/api.md "Validation and security behaviour": security headers on every response, the CSRF
 * Origin check on state-changing requests, `Cache-Control: no-store` on personal responses and
 * the body-size limits.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ForbiddenError } from '../errors.ts';
import { gatewayOrigin } from './gateway.ts';
import { PayloadTooLargeError } from './http-errors.ts';

/** No inline script or style anywhere: the pages need nothing but their own stylesheet. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'none'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'none'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const HSTS = 'max-age=63072000; includeSubDomains';

/** 64 KiB for every body but a deposit's, which carries a PDF in base64 (10 MiB). */
export const MAX_BODY_BYTES = 64 * 1024;
export const MAX_DEPOSIT_BODY_BYTES = 10 * 1024 * 1024;
const DEPOSIT_ROUTE = /^\/api\/v1\/agent\/applicants\/[^/]+\/documents\/[^/]+$/;
/** The local server's upload URL (the cloud's is S3): raw PDF bytes, up to 10 MiB. */
const LOCAL_UPLOAD_ROUTE = /^\/dev\/uploads\/[^/]+$/;

const STATE_CHANGING_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function originOf(value: string): string | null {
  try {
    const origin = new URL(value).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

/**
 * The server's own origin: the configured public origin, or else the scheme of the request and
 * the `Host` it was sent to (local runs). Null if the Host header is unusable.
 */
export function ownOrigin(c: Context, publicOrigin: string | undefined): string | null {
  if (publicOrigin !== undefined) return originOf(publicOrigin);
  const url = new URL(c.req.url);
  const host = c.req.header('host') ?? url.host;
  return originOf(`${url.protocol}//${host}`);
}

/** Security headers on every response, errors and redirects included; HSTS on HTTPS deployments. */
export function securityHeaders(publicOrigin: string | undefined): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const headers = c.res.headers;
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    headers.set('X-Content-Type-Options', 'nosniff');
    headers.set('Referrer-Policy', 'no-referrer');
    headers.set('X-Frame-Options', 'DENY');
    headers.set('Cross-Origin-Opener-Policy', 'same-origin');
    headers.set('Cross-Origin-Resource-Policy', 'same-origin');
    headers.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), interest-cohort=()');
    if (ownOrigin(c, publicOrigin)?.startsWith('https:')) headers.set('Strict-Transport-Security', HSTS);
    // Personal data must not linger in a shared phone's cache: only the stylesheet is cacheable.
    if (!c.req.path.startsWith('/assets/') && c.req.path !== '/favicon.ico') headers.set('Cache-Control', 'no-store');
  };
}

/**
 * CSRF (docs/api.md): a state-changing request whose `Origin` is not the server's own is refused with
 * 403 `forbidden_origin`. In Lambda the server's own origins are the configured public origin and
 * the gateway domain the request arrived at (the execute-api URL, before a custom domain exists).
 * Requests without `Origin` (non-browser clients) pass; with
 * `SameSite=Strict` cookies, browsers that omit it do not send the session either.
 *
 * Under `Referrer-Policy: no-referrer` (which docs/api.md requires) browsers send `Origin: null` even
 * for a page's own form posts (Fetch standard, "serializing a request origin"), so the pages
 * declare `<meta name="referrer" content="same-origin">`. Should an opaque origin arrive anyway,
 * it passes only when the browser itself vouches with `Sec-Fetch-Site: same-origin`, a header no
 * page can set.
 */
export function sameOriginForStateChanges(publicOrigin: string | undefined): MiddlewareHandler {
  return async (c, next) => {
    if (STATE_CHANGING_METHODS.has(c.req.method)) {
      const origin = c.req.header('origin');
      if (origin !== undefined && !isOwnOrigin(c, origin, publicOrigin)) {
        throw new ForbiddenError('forbidden_origin', 'This request comes from another site.');
      }
    }
    await next();
  };
}

function isOwnOrigin(c: Context, origin: string, publicOrigin: string | undefined): boolean {
  if (origin.trim() === 'null') return c.req.header('sec-fetch-site') === 'same-origin';
  const given = originOf(origin);
  if (given === null) return false;
  return given === ownOrigin(c, publicOrigin) || given === gatewayOrigin(c);
}

/** 413 before anything reads a body that is too large (a deposit and a local upload get 10 MiB). */
export function bodyLimits(): MiddlewareHandler {
  const small = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new PayloadTooLargeError(MAX_BODY_BYTES);
    },
  });
  const large = bodyLimit({
    maxSize: MAX_DEPOSIT_BODY_BYTES,
    onError: () => {
      throw new PayloadTooLargeError(MAX_DEPOSIT_BODY_BYTES);
    },
  });
  return (c, next) =>
    c.req.method === 'PUT' && (DEPOSIT_ROUTE.test(c.req.path) || LOCAL_UPLOAD_ROUTE.test(c.req.path)) ? large(c, next) : small(c, next);
}
