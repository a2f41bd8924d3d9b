/**
 * `GET /api/v1/openapi.json`: an OpenAPI 3.0 document assembled from the route table (paths,
 * methods, parameters, request bodies, responses) and the JSON Schema of the very schemas that
 * validate the requests (json-schema.ts), so it cannot drift from what is served. Built on the
 * first request and kept (nothing of it is needed to start the function).
 */
import type { Context } from 'hono';
import type * as z from 'zod/mini';
import type { ApiRoute, ResponseSpec, SecurityScheme } from './api/route-table.ts';
import { componentRef, definitionOf, jsonSchemaOf } from './json-schema.ts';
import type { Json, JsonObject } from './json-schema.ts';
import { API_DOCS } from './schemas.ts';

const INFO = {
  title: 'Digital mailbox for asylum applicants',
  version: '1.0.0',
  description:
    'Letters from the office to asylum applicants: 15-day deemed notification, alerts, deadlines. Errors are `{"error": {"code", "message", "fields"?}}`.',
};

const SECURITY_SCHEMES: Readonly<Record<SecurityScheme, JsonObject>> = {
  sessionCookie: { type: 'apiKey', in: 'cookie', name: 'session' },
  helperSessionCookie: { type: 'apiKey', in: 'cookie', name: 'helper_session', description: 'A helper’s session (docs/api.md “Helpers”).' },
  officeBearer: {
    type: 'http',
    scheme: 'bearer',
    description: 'Locally `Authorization: Bearer <AGENT_TOKEN>`; in the cloud, IAM-signed requests (SigV4).',
  },
};

function pathParameters(params: z.ZodMiniType): Json[] {
  const { properties } = definitionOf(params);
  if (typeof properties !== 'object' || properties === null || Array.isArray(properties)) throw new Error('Path parameters are an object.');
  return Object.entries(properties).map(([name, schema]) => ({ name, in: 'path', required: true, schema }));
}

function response(spec: ResponseSpec): JsonObject {
  if (spec.json !== undefined) return { description: spec.description, content: { 'application/json': { schema: jsonSchemaOf(spec.json()) } } };
  if (spec.binary !== undefined) return { description: spec.description, content: { [spec.binary]: { schema: { type: 'string', format: 'binary' } } } };
  return { description: spec.description };
}

function operation(route: ApiRoute): JsonObject {
  return {
    tags: [route.tag],
    summary: route.summary,
    ...(route.security === undefined ? {} : { security: [{ [route.security]: [] }] }),
    ...(route.params === undefined ? {} : { parameters: pathParameters(route.params()) }),
    ...(route.body === undefined
      ? {}
      : { requestBody: { required: true, content: { 'application/json': { schema: jsonSchemaOf(route.body()) } } } }),
    responses: Object.fromEntries(Object.entries(route.responses).map(([status, spec]) => [status, response(spec)])),
  };
}

/** The whole document for these routes. */
export function openApiDocument(routes: readonly ApiRoute[]): JsonObject {
  const paths: Record<string, JsonObject> = {};
  for (const route of routes) paths[route.path] = { ...paths[route.path], [route.method]: operation(route) };
  return { openapi: '3.0.3', info: INFO, components: { securitySchemes: SECURITY_SCHEMES, schemas: componentsReferencedBy(paths) }, paths };
}

/** The `$ref` targets in a piece of the document. */
function referencedIds(value: Json, found: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) for (const item of value) referencedIds(item, found);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (key === '$ref' && typeof item === 'string') found.add(item.slice(componentRef('').length));
      else referencedIds(item, found);
    }
  }
  return found;
}

/**
 * The components these paths reference, and those they reference in turn, by name. Schemas are
 * built on first use (schemas.ts), so the registry holds what this process has built so far: the
 * document lists what its own routes need, whatever was built before it.
 */
function componentsReferencedBy(paths: JsonObject): JsonObject {
  const definitions = new Map<string, JsonObject>();
  const pending = [...referencedIds(paths)];
  for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
    if (definitions.has(id)) continue;
    const schema = API_DOCS._idmap.get(id);
    if (schema === undefined) throw new Error(`The document references ${id}, which no schema defines.`);
    const definition = definitionOf(schema);
    definitions.set(id, definition);
    pending.push(...referencedIds(definition));
  }
  return Object.fromEntries([...definitions].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** The handler serving the document, built on first use. */
export function openApiHandler(routes: readonly ApiRoute[]): (c: Context) => Response {
  let document: JsonObject | undefined;
  return (c) => {
    document ??= openApiDocument(routes);
    return c.json(document);
  };
}
