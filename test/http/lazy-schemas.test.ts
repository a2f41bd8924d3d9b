/**
 * The API's schemas are built on first use (shared/http/schemas.ts): a cold start of the
 * applicant-facing function builds none of them, a request builds the ones it validates with, and
 * the OpenAPI document lists the components its own routes reference — whatever the process built
 * before (bench/README.md: building them all took ~5 ms of every cold start).
 */
import { describe, expect, it } from 'vitest';
import { agentRoutes } from '../../shared/http/api/agent-routes.ts';
import { applicantRoutes } from '../../shared/http/api/applicant-routes.ts';
import { createApplicantApp } from '../../shared/http/applicant-app.ts';
import { openApiDocument } from '../../shared/http/openapi.ts';
import { API_DOCS } from '../../shared/http/schemas.ts';
import { makeDeps } from '../support/builders.ts';

const built = () => [...API_DOCS._idmap.keys()].sort();

describe('schemas built on first use', () => {
  it('building the applicant app builds no schema; a log-in builds only what it validates with', async () => {
    const app = createApplicantApp({ deps: makeDeps(), agentAuth: { kind: 'iam' }, secureCookies: false });
    expect(built()).toEqual([]);

    const response = await app.request('/api/v1/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ identifier: '7512345678', password: 'not the password' }),
    });

    expect(response.status).toBe(401);
    expect(built()).toEqual(['SessionRequest']);
  });

  it('the applicant document lists the components its routes reference, not the office’s built before it', () => {
    const deps = makeDeps();
    openApiDocument(agentRoutes(deps));
    expect(built()).toContain('RegisterApplicantRequest');

    const document = openApiDocument(applicantRoutes(deps, true)) as { components: { schemas: Record<string, unknown> } };
    const components = Object.keys(document.components.schemas);

    expect(components).toContain('Document');
    expect(components).toContain('Error');
    expect(components).not.toContain('RegisterApplicantRequest');
    expect(components).toEqual([...components].sort());
    const references = JSON.stringify(document).match(/#\/components\/schemas\/\w+/g) ?? [];
    expect(new Set(references.map((reference) => reference.split('/').pop()))).toEqual(new Set(components));
  });
});
