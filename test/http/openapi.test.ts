/**
 * The OpenAPI document is assembled from the route table (the same entries that are mounted and
 * validate the requests) and json-schema.ts's conversion of the schemas. That conversion is a
 * small stand-in for zod's own `toJSONSchema` (kept out of the Lambda bundle for its size): here
 * zod's converter is the oracle, for every component and every path parameter.
 */
import { describe, expect, it } from 'vitest';
import { toJSONSchema } from 'zod/mini';
import type * as z from 'zod/mini';
import { agentRoutes } from '../../shared/http/api/agent-routes.ts';
import { applicantRoutes } from '../../shared/http/api/applicant-routes.ts';
import type { ApiRoute } from '../../shared/http/api/route-table.ts';
import { definitionOf } from '../../shared/http/json-schema.ts';
import type { Json } from '../../shared/http/json-schema.ts';
import { openApiDocument } from '../../shared/http/openapi.ts';
import { API_DOCS } from '../../shared/http/schemas.ts';
import { makeDeps } from '../support/builders.ts';

const ZOD_OPTIONS = { target: 'openapi-3.0', io: 'input', metadata: API_DOCS, uri: (id: string) => `#/components/schemas/${id}` } as const;

/** zod's output in OpenAPI's terms: no `$id`, and a lone `allOf: [{$ref}]` is the reference itself. */
function tidy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(tidy);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value).filter(([key]) => key !== '$id');
  const [only] = entries;
  if (entries.length === 1 && only?.[0] === 'allOf' && Array.isArray(only[1]) && only[1].length === 1) return tidy(only[1][0]);
  return Object.fromEntries(entries.map(([key, item]) => [key, tidy(item)]));
}

const routes: readonly ApiRoute[] = [...applicantRoutes(makeDeps(), true), ...agentRoutes(makeDeps())];
const document = openApiDocument(routes) as {
  paths: Record<string, Record<string, { parameters?: Array<{ name: string; schema: Json }>; requestBody?: unknown }>>;
  components: { schemas: Record<string, Json> };
};

describe('the OpenAPI document', () => {
  it('describes every component schema exactly as zod’s own toJSONSchema does', () => {
    const { schemas } = toJSONSchema(API_DOCS, ZOD_OPTIONS) as { schemas: Record<string, unknown> };

    expect(Object.keys(document.components.schemas).sort()).toEqual(Object.keys(schemas).sort());
    for (const [id, schema] of Object.entries(schemas)) expect(document.components.schemas[id], id).toEqual(tidy(schema));
  });

  it('describes every path parameter exactly as zod does', () => {
    for (const route of routes.filter((candidate) => candidate.params !== undefined)) {
      const params = route.params?.() as z.ZodMiniType;
      const expected = tidy(toJSONSchema(params, ZOD_OPTIONS)) as { properties: Record<string, unknown> };
      const parameters = document.paths[route.path]?.[route.method]?.parameters ?? [];

      expect(parameters.map((parameter) => parameter.name)).toEqual([...route.path.matchAll(/{(\w+)}/g)].map((match) => match[1]));
      for (const parameter of parameters) expect(parameter.schema, `${route.path} ${parameter.name}`).toEqual(expected.properties[parameter.name]);
    }
  });

  it('documents each route’s request body by the schema that validates it', () => {
    for (const route of routes) {
      const body = document.paths[route.path]?.[route.method]?.requestBody;
      if (route.body === undefined) expect(body, route.path).toBeUndefined();
      else {
        const id = API_DOCS.get(route.body())?.id;
        expect(id, `${route.method} ${route.path}`).toBeDefined();
        expect(body).toEqual({ required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${id ?? ''}` } } } });
      }
    }
  });

  it('refuses to document a kind of schema it does not know, rather than document it wrongly', () => {
    const unknown = { _zod: { def: { type: 'bigint', checks: [] }, traits: new Set(['$ZodType']) } } as unknown as z.ZodMiniType;

    expect(() => definitionOf(unknown)).toThrow(/bigint/);
  });
});
