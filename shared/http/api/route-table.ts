/**
 * The JSON API as a table: each entry is one route's method, path, schemas, documented answers
 * and handler. The same entries are mounted on the app (validation included) and turned into
 * `GET /api/v1/openapi.json` (openapi.ts), so the document cannot drift from what is served.
 *
 * What mounting does before a handler runs, in this order (the order and the answers of the
 * former `@hono/zod-openapi` routes): the path parameters are validated; then, for a route with
 * a body, a body that is not JSON is 415 `unsupported_media_type`, JSON that does not parse is
 * 400 `invalid_json`, and a body the schema refuses is 400 naming every bad field.
 */
import type { Context, Hono } from 'hono';
import type * as z from 'zod/mini';
import type { AppEnv } from '../context.ts';
import type { Lazy } from '../lazy.ts';
import { MalformedJsonError, UnsupportedMediaTypeError } from '../http-errors.ts';
import { validate } from '../validation.ts';

/** The security schemes of the document (openapi.ts describes them). */
export type SecurityScheme = 'sessionCookie' | 'officeBearer' | 'helperSessionCookie';

export interface ResponseSpec {
  readonly description: string;
  /** A JSON body of this schema (a named component, or inlined); built only for the OpenAPI document. */
  readonly json?: Lazy<z.ZodMiniType>;
  /** A binary body of this media type (the letter's PDF). */
  readonly binary?: string;
}

export interface ApiRoute<Params = unknown, Body = unknown> {
  readonly method: 'get' | 'post' | 'put' | 'delete';
  /** OpenAPI form: `/api/v1/documents/{id}`. */
  readonly path: string;
  readonly tag: 'applicant' | 'office' | 'helper';
  readonly summary: string;
  readonly security?: SecurityScheme;
  /** One key per `{name}` of the path; validated before anything else. Schemas are built on the route's first request (schemas.ts). */
  readonly params?: Lazy<z.ZodMiniType<Params>>;
  /** A required JSON body. */
  readonly body?: Lazy<z.ZodMiniType<Body>>;
  readonly responses: Readonly<Record<number, ResponseSpec>>;
  /** Called with the validated (and trimmed) parameters and body. */
  handle(c: Context<AppEnv>, input: { readonly params: Params; readonly body: Body }): Response | Promise<Response>;
}

/** Ties a route's schemas to its handler's types; the table itself holds `ApiRoute`s. */
export function apiRoute<Params = undefined, Body = undefined>(route: ApiRoute<Params, Body>): ApiRoute {
  return route as ApiRoute;
}

/** `/api/v1/documents/{id}` → `/api/v1/documents/:id` (Hono's form). */
export function honoPath(path: string): string {
  return path.replaceAll(/\/{(.+?)}/g, '/:$1');
}

/** The media types a JSON body may be declared with (`application/json`, `…+json`, with parameters). */
const JSON_REQUEST = /^application\/([a-z-.]+\+)?json(;\s*[a-zA-Z0-9-]+=([^;]+))*$/i;
/** Among those, the ones whose body is parsed (Hono's validator); any other body counts as `{}`. */
const PARSED_JSON = /^application\/([\w.-]+\+)?json$/i;

/** Whether a request without Content-Type carries any byte (then it is not the JSON asked for). */
async function hasRequestBody(c: Context): Promise<boolean> {
  const raw = c.req.raw;
  if (raw.body === null) return false;
  if (raw.bodyUsed) return (await c.req.arrayBuffer()).byteLength > 0;
  const body = raw.clone().body;
  if (body === null) return false;
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return false;
      if (value.byteLength > 0) return true;
    }
  } finally {
    reader.cancel().catch(() => undefined);
  }
}

/** The request's JSON body, unvalidated: 415 if it is not JSON, 400 `invalid_json` if it does not parse. */
async function jsonBodyOf(c: Context): Promise<unknown> {
  const contentType = c.req.header('content-type');
  if (contentType) {
    if (!JSON_REQUEST.test(contentType)) throw new UnsupportedMediaTypeError('application/json');
  } else if (await hasRequestBody(c)) {
    throw new UnsupportedMediaTypeError('application/json');
  }
  const mediaType = contentType ? (contentType.split(';')[0] ?? '').trim().toLowerCase() : '';
  if (!PARSED_JSON.test(mediaType)) return {};
  try {
    return await c.req.json<unknown>();
  } catch {
    throw new MalformedJsonError();
  }
}

/** Mounts every route of the table on the app. */
export function mountRoutes(app: Hono<AppEnv>, routes: readonly ApiRoute[]): void {
  for (const route of routes) {
    app.on(route.method.toUpperCase(), honoPath(route.path), async (c) => {
      const params = route.params === undefined ? undefined : validate(route.params(), c.req.param());
      const body = route.body === undefined ? undefined : validate(route.body(), await jsonBodyOf(c));
      return route.handle(c, { params, body });
    });
  }
}
