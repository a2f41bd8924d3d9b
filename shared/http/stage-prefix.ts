/**
 * Pages through the execute-api URL (`https://<id>.execute-api.<region>.amazonaws.com/pilot/`):
 * the browser's paths carry the stage, the app's do not. Every page and redirect writes its own
 * links as absolute paths (`/documents`, `/assets/style.css`); behind a stage prefix they are
 * given it here, in one place, so that no page needs to know where it is served. Through a custom
 * domain, locally and in tests the prefix is empty and nothing changes.
 */
import type { MiddlewareHandler } from 'hono';
import { stagePrefix } from './gateway.ts';

/** `href="/…"`, `action="/…"`, `src="/…"` — an absolute path, not `//host` (which names another site). */
const ABSOLUTE_PATH_ATTRIBUTE = /\b(href|action|src)="\/(?!\/)/g;

/** Adds `prefix` to an absolute path (`/x` → `/pilot/x`); anything else is returned as is. */
export function withPrefix(prefix: string, location: string): string {
  return location.startsWith('/') && !location.startsWith('//') ? `${prefix}${location}` : location;
}

export function stagePrefixedLinks(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const prefix = stagePrefix(c);
    if (prefix === '') return;
    const location = c.res.headers.get('location');
    if (location !== null) c.res.headers.set('location', withPrefix(prefix, location));
    if (!(c.res.headers.get('content-type') ?? '').startsWith('text/html')) return;
    const html = await c.res.text();
    const headers = new Headers(c.res.headers);
    headers.delete('content-length');
    c.res = new Response(html.replace(ABSOLUTE_PATH_ATTRIBUTE, `$1="${prefix}/`), { status: c.res.status, headers });
  };
}
