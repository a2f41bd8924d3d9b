/**
 * The JSON Schema (OpenAPI 3.0 dialect, request view) of the zod schemas in schemas.ts, for
 * openapi.ts. zod's own `toJSONSchema` knows every kind of schema and weighs ~21 KB in the api
 * bundle (2.5 % of its budget) for a document that is rarely fetched; this walk covers the kinds
 * the API uses and throws on any other, so a new kind fails loudly in the OpenAPI tests rather
 * than being documented wrongly. test/http/openapi.test.ts checks that it gives exactly what
 * zod's `toJSONSchema({ target: 'openapi-3.0', io: 'input' })` gives.
 *
 * Read from each schema: its definition (`_zod.def`), its checks (lengths, patterns, the integer
 * format) and its documentation in API_DOCS. Refinements and trimming have no JSON Schema form
 * and are left out, as zod does.
 */
import type * as z from 'zod/mini';
import { API_DOCS } from './schemas.ts';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export const componentRef = (id: string): string => `#/components/schemas/${id}`;

/** What a schema's checks constrain. */
interface Constraints {
  minimum?: number;
  maximum?: number;
  integer?: boolean;
  patterns: string[];
}

/** zod's integer format (`z.int()`), the only number format the API uses. */
const SAFE_INTEGER = 'safeint';

function constraintsOf(schema: z.core.$ZodType): Constraints {
  const constraints: Constraints = { patterns: [] };
  const def = schema._zod.def;
  // A format schema (z.int()) is its own first check.
  const checks = schema._zod.traits.has('$ZodCheck') ? [schema as unknown as z.core.$ZodCheck, ...(def.checks ?? [])] : (def.checks ?? []);
  for (const check of checks) {
    const rule = check._zod.def as z.core.$ZodChecks['_zod']['def'] | { readonly check: 'custom' };
    switch (rule.check) {
      case 'min_length':
        constraints.minimum = Math.max(constraints.minimum ?? rule.minimum, rule.minimum);
        break;
      case 'max_length':
        constraints.maximum = Math.min(constraints.maximum ?? rule.maximum, rule.maximum);
        break;
      case 'string_format':
        if (rule.format !== 'regex' || rule.pattern === undefined) throw new Error(`The string format ${rule.format} is not documented.`);
        constraints.patterns.push(rule.pattern.source);
        break;
      case 'number_format':
        if (rule.format !== SAFE_INTEGER) throw new Error(`The number format ${rule.format} is not documented.`);
        constraints.integer = true;
        constraints.minimum = Number.MIN_SAFE_INTEGER;
        constraints.maximum = Number.MAX_SAFE_INTEGER;
        break;
      case 'overwrite':
      case 'custom':
        break;
      default:
        throw new Error(`The check ${rule.check} is not documented (shared/http/json-schema.ts).`);
    }
  }
  return constraints;
}

function documentation(schema: z.core.$ZodType): JsonObject {
  const { id: _id, ...meta } = API_DOCS.get(schema) ?? {};
  return meta as JsonObject;
}

function stringSchema({ minimum, maximum, patterns }: Constraints): JsonObject {
  const json: JsonObject = { type: 'string' };
  if (minimum !== undefined) json.minLength = minimum;
  if (maximum !== undefined) json.maxLength = maximum;
  const [only] = patterns;
  if (patterns.length === 1 && only !== undefined) json.pattern = only;
  else if (patterns.length > 1) json.allOf = patterns.map((pattern) => ({ type: 'string', pattern }));
  return json;
}

function numberSchema({ minimum, maximum, integer }: Constraints): JsonObject {
  const json: JsonObject = { type: integer === true ? 'integer' : 'number' };
  if (minimum !== undefined) json.minimum = minimum;
  if (maximum !== undefined) json.maximum = maximum;
  return json;
}

function enumSchema(values: readonly unknown[]): JsonObject {
  const type = values.every((value) => typeof value === 'string') ? 'string' : undefined;
  if (type === undefined) throw new Error('Only string enums and literals are documented.');
  return { type, enum: values as string[] };
}

/** The schema's shape, without its own documentation. */
function shapeOf(schema: z.core.$ZodTypes): JsonObject {
  const def = schema._zod.def;
  switch (def.type) {
    case 'string':
      return stringSchema(constraintsOf(schema));
    case 'number':
      return numberSchema(constraintsOf(schema));
    case 'boolean':
      return { type: 'boolean' };
    case 'enum':
      return enumSchema(Object.values(def.entries));
    case 'literal':
      return enumSchema(def.values);
    case 'array':
      return { type: 'array', items: jsonSchemaOf(def.element) };
    case 'record':
      return { type: 'object', additionalProperties: jsonSchemaOf(def.valueType) };
    case 'object': {
      const properties: JsonObject = {};
      const required: string[] = [];
      for (const [key, field] of Object.entries(def.shape)) {
        properties[key] = jsonSchemaOf(field);
        if (field._zod.optin === undefined) required.push(key);
      }
      return {
        type: 'object',
        properties,
        ...(required.length === 0 ? {} : { required }),
        ...(def.catchall?._zod.def.type === 'never' ? { additionalProperties: false } : {}),
      };
    }
    case 'nullable': {
      const inner = jsonSchemaOf(def.innerType);
      return typeof inner === 'object' && inner !== null && !Array.isArray(inner) && !('$ref' in inner)
        ? { nullable: true, ...inner }
        : { allOf: [inner], nullable: true };
    }
    case 'optional':
      return jsonSchemaOf(def.innerType) as JsonObject;
    default:
      throw new Error(`A ${def.type} schema cannot be documented (shared/http/json-schema.ts).`);
  }
}

/** A named component is referenced; anything else is written out, with its documentation. */
export function jsonSchemaOf(schema: z.core.$ZodType): Json {
  const id = API_DOCS.get(schema)?.id;
  if (id !== undefined) return { $ref: componentRef(id) };
  return definitionOf(schema);
}

/** The schema written out (a component's own definition), references to other components kept. */
export function definitionOf(schema: z.core.$ZodType): JsonObject {
  return { ...shapeOf(schema as z.core.$ZodTypes), ...documentation(schema) };
}
