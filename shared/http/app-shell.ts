/**
 * What every build of the HTTP application shares, whichever routes it serves (create-app.ts:
 * all of them; applicant-app.ts and office-app.ts: one side each, for the two cloud functions):
 * one set of security middleware — the first refuses encoded and dot-segment paths before
 * anything is routed (path-boundary.ts) — the assets, the local-only routes, the OpenAPI document
 * of the routes served, and one error handler.
 */
import { Hono } from 'hono';
import type { Context } from 'hono';
import { UnauthenticatedError, ValidationError } from '../errors.ts';
import type { ApiRoute } from './api/route-table.ts';
import { ICON_SVG } from './assets/icon-svg.ts';
import { styleCss } from '#style-css';
import type { AppEnv, AppOptions, ErrorLog } from './context.ts';
import { mapError } from './error-mapping.ts';
import { openApiHandler } from './openapi.ts';
import { credentialRateLimit } from './rate-limit.ts';
import { MessagePage } from './pages/message-page.tsx';
import { framePageContext, pageContext, renderPage, visitorLanguage } from './pages/frame.ts';
import { pathBoundary } from './path-boundary.ts';
import { bodyLimits, sameOriginForStateChanges, securityHeaders } from './security.ts';
import { stagePrefixedLinks } from './stage-prefix.ts';

export type { AgentAuth, AppOptions, LocalUploadReceiver, OutboxMessage } from './context.ts';

/** The routes one build of the app serves. */
export interface AppRoutes {
  /** Mounts the routes; returns the API routes the OpenAPI document describes. */
  mount(app: Hono<AppEnv>, options: AppOptions): readonly ApiRoute[];
  /** Where the OpenAPI document of those routes is served. */
  readonly openApiPath: string;
}

/** A well-formed AGDREF that nobody has: reading it exercises the store and returns nothing. */
const HEALTH_PROBE_AGDREF = '0000000000';
const HEALTH_RETRY_AFTER_SECONDS = 5;

/** JSON answers for the API, the health check and the local routes (but the outbox's page); HTML for everything else (the pages). */
function wantsJson(c: Context): boolean {
  return c.req.path.startsWith('/api/') || c.req.path === '/healthz' || (c.req.path.startsWith('/dev/') && c.req.path !== '/dev/outbox');
}

const CONSOLE_LOG: ErrorLog = { error: (message, details) => console.error(message, details) };

function reportUnexpected(log: ErrorLog, error: unknown): void {
  // Ids and stack only: messages of our own errors never carry personal data.
  log.error('Unexpected error while handling a request', { stack: error instanceof Error ? error.stack : String(error) });
}

export function createAppShell(options: AppOptions, routes: AppRoutes): Hono<AppEnv> {
  const { publicOrigin } = options;
  const log = options.log ?? CONSOLE_LOG;
  const app = new Hono<AppEnv>();

  app.use('*', stagePrefixedLinks());
  app.use('*', securityHeaders(publicOrigin));
  app.use('*', pathBoundary());
  app.use('*', sameOriginForStateChanges(publicOrigin));
  app.use('*', bodyLimits());
  if (options.credentialRateLimit !== undefined) app.use('*', credentialRateLimit(options.credentialRateLimit));

  // docs/api.md: 200 {"store": "ok"} when a read of the store succeeds, else 503 with Retry-After.
  app.get('/healthz', async (c) => {
    c.header('Cache-Control', 'no-store');
    try {
      await options.deps.applicants.get(HEALTH_PROBE_AGDREF);
      return c.json({ store: 'ok' }, 200);
    } catch {
      return c.json({ store: 'unavailable' }, 503, { 'Retry-After': String(HEALTH_RETRY_AFTER_SECONDS) });
    }
  });

  const documented = routes.mount(app, options);

  const localUploads = options.localUploads;
  if (localUploads !== undefined) {
    app.put('/dev/uploads/:uploadId', async (c) => {
      const content = new Uint8Array(await c.req.arrayBuffer());
      const uploadId = c.req.param('uploadId');
      if (uploadId.length === 0) throw new ValidationError({ uploadId: 'missing' });
      await localUploads.receive(uploadId, content);
      return c.body(null, 200);
    });
  }

  const CACHEABLE = 'public, max-age=86400';
  app.get('/assets/style.css', (c) => c.body(styleCss(), 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': CACHEABLE }));
  const icon = (c: Context) => c.body(ICON_SVG, 200, { 'Content-Type': 'image/svg+xml', 'Cache-Control': CACHEABLE });
  app.get('/assets/icon.svg', icon);
  // Asked for by browsers on responses that name no icon (the PDF viewer's page, for one).
  app.get('/favicon.ico', icon);

  // Local runs only (the outbox's pages): registered by the local system, so never in a Lambda bundle.
  options.localRoutes?.(app);

  app.get(routes.openApiPath, openApiHandler(documented));

  app.notFound(async (c) => {
    if (wantsJson(c)) return c.json({ error: { code: 'not_found', message: 'There is nothing at this address.' } }, 404);
    // A logged-in applicant keeps the logged-in header (and is sent back to the letters, not to the login).
    const page = await framePageContext(c, options.deps);
    const { t } = page;
    const back = page.applicant === undefined ? { href: '/', text: t.backToLogin } : { href: '/documents', text: t.backToDocuments };
    return renderPage(c, MessagePage({ page, title: t.notFoundTitle, text: t.notFoundText, link: back }), 404);
  });

  app.onError(async (error, c) => {
    const mapped = mapError(error, c.req.path.startsWith('/api/v1/password/') ? 'newPassword' : 'password');
    if (mapped.status === 500) reportUnexpected(log, error);
    if (wantsJson(c)) return c.json(mapped.body, mapped.status, mapped.headers);
    if (error instanceof UnauthenticatedError) return c.redirect('/?notice=login-required', 303);
    for (const [name, value] of Object.entries(mapped.headers)) c.header(name, value);
    const page = mapped.status >= 500 ? pageContext(c, visitorLanguage(c)) : await framePageContext(c, options.deps);
    const { t } = page;
    const link = page.applicant === undefined ? { href: '/', text: t.backToLogin } : { href: '/documents', text: t.backToDocuments };
    // A form too long to read says so (the fields' own limits are named by each form), never "try later".
    const text = mapped.status === 404 ? t.notFoundText : mapped.status === 413 ? t.errRequestTooLarge : t.errGeneric;
    const element = MessagePage({ page, title: mapped.status === 404 ? t.notFoundTitle : t.errorTitle, text, link });
    return renderPage(c, element, mapped.status);
  });

  return app;
}
