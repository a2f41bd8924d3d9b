/**
 * The applicant side alone (the cloud's applicant-facing function): pages, the applicant's API
 * and its OpenAPI document. The office paths are still guarded (agent-auth.ts): should a request
 * reach this function under one, it is refused (403 without an IAM caller) rather than served.
 * Imports nothing of the office side, so that this function's bundle stays small.
 */
import type { Hono } from 'hono';
import { guardAgentRoutes } from './api/agent-guard.ts';
import { registerApplicantRoutes } from './api/applicant-routes.ts';
import { registerHelperRoutes } from './api/helper-routes.ts';
import { createAppShell } from './app-shell.ts';
import type { AppEnv, AppOptions } from './context.ts';
import { registerEvidenceKeys } from './evidence-keys.ts';
import { registerHelperPages } from './pages/helper-routes.tsx';
import { registerPages } from './pages/routes.tsx';

export function createApplicantApp(options: AppOptions): Hono<AppEnv> {
  return createAppShell(options, {
    openApiPath: '/api/v1/openapi.json',
    mount: (app) => {
      const secureCookies = options.secureCookies ?? true;
      guardAgentRoutes(app, options.agentAuth);
      const routes = registerApplicantRoutes(app, options.deps, secureCookies);
      const helpers = registerHelperRoutes(app, options.deps, secureCookies);
      registerPages(app, options.deps, secureCookies);
      registerHelperPages(app, options.deps, secureCookies);
      registerEvidenceKeys(app, options.deps);
      return [...routes, ...helpers];
    },
  });
}
