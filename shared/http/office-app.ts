/**
 * The office side alone (the cloud's office function, behind API Gateway's IAM authorisation):
 * the office routes and their OpenAPI document at `/api/v1/agent/openapi.json` (the applicant
 * function serves the applicant side's at `/api/v1/openapi.json`).
 */
import type { Hono } from 'hono';
import { registerAgentRoutes } from './api/agent-routes.ts';
import { registerHelperOfficeRoutes } from './api/helper-office-routes.ts';
import { createAppShell } from './app-shell.ts';
import type { AppEnv, AppOptions } from './context.ts';

export function createOfficeApp(options: AppOptions): Hono<AppEnv> {
  return createAppShell(options, {
    openApiPath: '/api/v1/agent/openapi.json',
    mount: (app) => [
      ...registerAgentRoutes(app, options.deps, options.agentAuth, options.uploads),
      ...registerHelperOfficeRoutes(app, options.deps),
    ],
  });
}
