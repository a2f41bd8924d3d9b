/**
 * API.md "Validation and security behaviour", as an attacker probes it: field names taken from
 * Object.prototype, control and bidirectional characters, PDFs with active content, identifiers
 * that would name two people.
 */
import { describe, expect, it } from 'vitest';
import { errorOf, harness, jsonRequest, OFFICE } from './http-support.ts';

const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];

describe('error shape whatever the field names (API.md)', () => {
  it.each(PROTOTYPE_NAMES)('names %s as an unknown field, with error.code, on every kind of route', async (name) => {
    const { app } = harness();
    const raw = (extra: string) => `{"identifier":"7512345678","password":"x","${name}":${extra}}`;
    for (const [path, headers] of [
      ['/api/v1/session', {}],
      ['/api/v1/password/reset-code', {}],
      ['/api/v1/agent/applicants', OFFICE],
    ] as const) {
      const response = await app.request(path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: raw('{"a":1}') });
      const error = await errorOf(response);

      expect(response.status).toBe(400);
      expect(error.code).toBe('invalid_request');
      expect(Object.hasOwn(error.fields ?? {}, name)).toBe(true);
      expect(error.fields?.[name]).toBe('Unknown field.');
    }
  });

  it('keeps error.code when the only field is a prototype name', async () => {
    const { app } = harness();
    for (const name of PROTOTYPE_NAMES) {
      const response = await app.request('/api/v1/password/reset-code', { method: 'POST', headers: { 'content-type': 'application/json' }, body: `{"${name}":"x"}` });
      const error = await errorOf(response);

      expect(response.status).toBe(400);
      expect(typeof error.code).toBe('string');
      expect(error.code.length).toBeGreaterThan(0);
    }
  });
});
