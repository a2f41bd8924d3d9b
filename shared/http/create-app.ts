/**
 * The HTTP application: docs/api.md's JSON API (applicant and office sides, OpenAPI document generated
 * from the validating schemas) and the applicant's server-rendered pages, behind one set of
 * security middleware and one error handler. Entry points are one line of wiring:
 * `export const handler = handle(createApp({ deps, agentAuth: { kind: 'iam' }, publicOrigin }))`.
 */
import { Hono } from 'hono';
import type { Context } from 'hono';
import { UnauthenticatedError } from '../errors.ts';
import { registerAgentRoutes } from './api/agent-routes.ts';
import { registerApplicantRoutes } from './api/applicant-routes.ts';
import { ICON_SVG } from './assets/icon-svg.ts';
import { STYLE_CSS } from './assets/style-css.ts';
import type { AppEnv, AppOptions } from './context.ts';
import { mapError } from './error-mapping.ts';
import { openApiHandler } from './openapi.ts';
import { MessagePage } from './pages/message-page.tsx';
import { framePageContext, pageContext, registerPages, renderPage, visitorLanguage } from './pages/routes.tsx';
import { bodyLimits, sameOriginForStateChanges, securityHeaders } from './security.ts';

export type { AgentAuth, AppOptions, OutboxMessage } from './context.ts';

/** JSON answers for the API and the local outbox's JSON; HTML for everything else (the pages). */
function wantsJson(c: Context): boolean {
  return c.req.path.startsWith('/api/') || (c.req.path.startsWith('/dev/') && c.req.path.endsWith('.json'));
}

function reportUnexpected(error: unknown): void {
  // Ids and stack only: messages of our own errors never carry personal data.
  console.error('Unexpected error while handling a request', error instanceof Error ? error.stack : String(error));
}

export function createApp(options: AppOptions): Hono<AppEnv> {
  const { deps, publicOrigin } = options;
  const secureCookies = options.secureCookies ?? true;
  const app = new Hono<AppEnv>();

  app.use('*', securityHeaders(publicOrigin));
  app.use('*', sameOriginForStateChanges(publicOrigin));
  app.use('*', bodyLimits());

  const apiRoutes = [...registerApplicantRoutes(app, deps, secureCookies), ...registerAgentRoutes(app, deps, options.agentAuth)];
  registerPages(app, deps, secureCookies);

  const CACHEABLE = 'public, max-age=86400';
  app.get('/assets/style.css', (c) => c.body(STYLE_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': CACHEABLE }));
  const icon = (c: Context) => c.body(ICON_SVG, 200, { 'Content-Type': 'image/svg+xml', 'Cache-Control': CACHEABLE });
  app.get('/assets/icon.svg', icon);
  // Asked for by browsers on responses that name no icon (the PDF viewer's page, for one).
  app.get('/favicon.ico', icon);

  // Local runs only (the outbox's pages): registered by the local system, so never in a Lambda bundle.
  options.localRoutes?.(app);

  app.get('/api/v1/openapi.json', openApiHandler(apiRoutes));

  app.notFound(async (c) => {
    if (wantsJson(c)) return c.json({ error: { code: 'not_found', message: 'There is nothing at this address.' } }, 404);
    // A logged-in applicant keeps the logged-in header (and is sent back to the letters, not to the login).
    const page = await framePageContext(c, deps);
    const { t } = page;
    const back = page.applicant === undefined ? { href: '/', text: t.backToLogin } : { href: '/documents', text: t.backToDocuments };
    return renderPage(c, MessagePage({ page, title: t.notFoundTitle, text: t.notFoundText, link: back }), 404);
  });

  app.onError(async (error, c) => {
    const mapped = mapError(error, c.req.path.startsWith('/api/v1/password/') ? 'newPassword' : 'password');
    if (mapped.status === 500) reportUnexpected(error);
    if (wantsJson(c)) return c.json(mapped.body, mapped.status, mapped.headers);
    if (error instanceof UnauthenticatedError) return c.redirect('/?notice=login-required', 303);
    for (const [name, value] of Object.entries(mapped.headers)) c.header(name, value);
    const page = mapped.status >= 500 ? pageContext(c, visitorLanguage(c)) : await framePageContext(c, deps);
    const { t } = page;
    const link = page.applicant === undefined ? { href: '/', text: t.backToLogin } : { href: '/documents', text: t.backToDocuments };
    // A form too long to read says so (the fields' own limits are named by each form), never "try later".
    const text = mapped.status === 404 ? t.notFoundText : mapped.status === 413 ? t.errRequestTooLarge : t.errGeneric;
    const element = MessagePage({ page, title: mapped.status === 404 ? t.notFoundTitle : t.errorTitle, text, link });
    return renderPage(c, element, mapped.status);
  });

  return app;
}
