/**
 * R12: the public evidence keys (JWKS), current and past, for offline verification of exports —
 * public, so served by the applicant-facing build (and by the local build that serves everything);
 * reading them needs the public half of the key only.
 */
import type { Hono } from 'hono';
import type { Deps } from '../ports.ts';
import type { AppEnv } from './context.ts';

export function registerEvidenceKeys(app: Hono<AppEnv>, deps: Pick<Deps, 'evidence'>): void {
  app.get('/.well-known/evidence-keys.json', async (c) =>
    c.json({ keys: [...(await deps.evidence.signer.publicKeys())] }, 200, { 'Cache-Control': 'public, max-age=3600' }),
  );
}
