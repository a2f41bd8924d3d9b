/**
 * docs/api.md "Helpers", the office side: the office creates a helper's account. Apart from the rest of
 * the helper routes (helper-routes.ts) so that the office function carries none of the helpers' own
 * routes, sessions or views.
 */
import type { Hono } from 'hono';
import type { Deps } from '../../ports.ts';
import { createHelper } from '../../use-cases/helper-accounts.ts';
import type { AppEnv } from '../context.ts';
import { CreateHelperBody, HelperCreated } from '../helper-schemas.ts';
import { ApiError } from '../schemas.ts';
import { apiRoute, mountRoutes } from './route-table.ts';
import type { ApiRoute, ResponseSpec } from './route-table.ts';

export const failure = (description: string): ResponseSpec => ({ description, json: ApiError });

export function helperOfficeRoutes(deps: Deps): ApiRoute[] {
  return [
    apiRoute({
      method: 'post',
      path: '/api/v1/agent/helpers',
      tag: 'office',
      security: 'officeBearer',
      summary: 'Create a helper’s account (a social worker); the connection key is returned in clear this once only',
      body: CreateHelperBody,
      responses: {
        201: { description: 'Created', json: HelperCreated },
        400: failure('A malformed body'),
        409: failure('`already_exists` (e-mail)'),
        401: failure('`unauthenticated`: no office credentials'),
        403: failure('`forbidden`: an applicant or helper session'),
      },
      handle: async (c, { body }) => c.json(await createHelper(deps, body), 201),
    }),
  ];
}

/** `POST /api/v1/agent/helpers`, behind the office middleware of `/api/v1/agent/*` (registered before). */
export function registerHelperOfficeRoutes(app: Hono<AppEnv>, deps: Deps): readonly ApiRoute[] {
  const routes = helperOfficeRoutes(deps);
  mountRoutes(app, routes);
  return routes;
}
