/**
 * docs/openapi.json is committed so that a reader has the API's reference without running
 * anything; this keeps it equal to what the code serves at `GET /api/v1/openapi.json`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OPENAPI_FILE, REGENERATE_COMMAND, servedOpenApiText } from '../../scripts/openapi.ts';

const STALE = `docs/openapi.json is not what GET /api/v1/openapi.json serves: run \`${REGENERATE_COMMAND}\` and commit docs/openapi.json`;

describe('docs/openapi.json', () => {
  it('is exactly the document the app serves, generated from the route table', async () => {
    // Arrange
    const committed = existsSync(OPENAPI_FILE) ? readFileSync(OPENAPI_FILE, 'utf8') : '{}';

    // Act
    const served = await servedOpenApiText();

    // Assert: the content first (a readable diff), then the bytes (formatting included)
    expect(JSON.parse(committed), STALE).toEqual(JSON.parse(served));
    expect(committed, STALE).toBe(served);
  });

  it('documents every route of the API, applicant and office sides', async () => {
    const served = JSON.parse(await servedOpenApiText()) as { paths: Record<string, unknown> };

    expect(Object.keys(served.paths)).toEqual(expect.arrayContaining(['/api/v1/session', '/api/v1/documents/{id}/content', '/api/v1/agent/applicants']));
  });
});
