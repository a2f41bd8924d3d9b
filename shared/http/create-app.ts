/**
 * The HTTP application: docs/api.md's JSON API (applicant and office sides, OpenAPI document generated
 * from the validating schemas) and the applicant's server-rendered pages, behind one set of
 * security middleware and one error handler (app-shell.ts). This build serves everything (the
 * local server, tests); in the cloud each side has its own function (applicant-app.ts,
 * office-app.ts), so that the applicant's carries no office code.
 */
import type { Hono } from 'hono';
import { registerAgentRoutes } from './api/agent-routes.ts';
import { registerApplicantRoutes } from './api/applicant-routes.ts';
import { registerHelperOfficeRoutes } from './api/helper-office-routes.ts';
import { registerHelperRoutes } from './api/helper-routes.ts';
import { createAppShell } from './app-shell.ts';
import type { AppEnv, AppOptions } from './context.ts';
import { registerEvidenceKeys } from './evidence-keys.ts';
import { registerHelperPages } from './pages/helper-routes.tsx';
import { registerPages } from './pages/routes.tsx';

export type { AgentAuth, AppOptions, LocalUploadReceiver, OutboxMessage } from './context.ts';

export function createApp(options: AppOptions): Hono<AppEnv> {
  return createAppShell(options, {
    openApiPath: '/api/v1/openapi.json',
    mount: (app) => {
      const secureCookies = options.secureCookies ?? true;
      const office = registerAgentRoutes(app, options.deps, options.agentAuth, options.uploads);
      const applicant = registerApplicantRoutes(app, options.deps, secureCookies);
      const helpers = [...registerHelperOfficeRoutes(app, options.deps), ...registerHelperRoutes(app, options.deps, secureCookies)];
      registerPages(app, options.deps, secureCookies);
      registerHelperPages(app, options.deps, secureCookies);
      registerEvidenceKeys(app, options.deps);
      return [...applicant, ...office, ...helpers];
    },
  });
}
