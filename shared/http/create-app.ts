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
import { pageContext, registerPages, renderPage, visitorLanguage } from './pages/routes.tsx';
import { bodyLimits, sameOriginForStateChanges, securityHeaders } from './security.ts';

export type { AgentAuth, AppOptions, OutboxMessage } from './context.ts';

/** JSON answers for the API and the local outbox; HTML for everything else (the pages). */
function wantsJson(c: Context): boolean {
  return c.req.path.startsWith('/api/') || c.req.path.startsWith('/dev/');
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

  const outbox = options.outbox;
  if (outbox !== undefined) {
    app.get('/dev/outbox', (c) =>
      c.json({
        messages: outbox.messages().map((message) => ({
          at: message.at ?? message.sentAt ?? null,
          channel: message.channel,
          to: message.to,
          ...(message.subject === undefined ? {} : { subject: message.subject }),
          text: message.text,
        })),
      }),
    );
  }

  app.get('/api/v1/openapi.json', openApiHandler(apiRoutes));

  // R12: the public evidence keys (JWKS), current and past, for offline verification of exports.
  app.get('/.well-known/evidence-keys.json', async (c) =>
    c.json({ keys: [...(await deps.evidence.signer.publicKeys())] }, 200, { 'Cache-Control': 'public, max-age=3600' }),
  );

  app.notFound((c) => {
    if (wantsJson(c)) return c.json({ error: { code: 'not_found', message: 'There is nothing at this address.' } }, 404);
    const page = pageContext(c, visitorLanguage(c));
    const { t } = page;
    return renderPage(c, MessagePage({ page, title: t.notFoundTitle, text: t.notFoundText, link: { href: '/', text: t.backToLogin } }), 404);
  });

  app.onError((error, c) => {
    const mapped = mapError(error, c.req.path.startsWith('/api/v1/password/') ? 'newPassword' : 'password');
    if (mapped.status === 500) reportUnexpected(error);
    if (wantsJson(c)) return c.json(mapped.body, mapped.status, mapped.headers);
    if (error instanceof UnauthenticatedError) return c.redirect('/?notice=login-required', 303);
    for (const [name, value] of Object.entries(mapped.headers)) c.header(name, value);
    const page = pageContext(c, visitorLanguage(c));
    const { t } = page;
    const element =
      mapped.status === 404
        ? MessagePage({ page, title: t.notFoundTitle, text: t.notFoundText, link: { href: '/', text: t.backToLogin } })
        : MessagePage({ page, title: t.errorTitle, text: t.errGeneric, link: { href: '/', text: t.backToLogin } });
    return renderPage(c, element, mapped.status);
  });

  return app;
}
