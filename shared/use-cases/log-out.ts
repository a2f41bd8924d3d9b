/** An applicant closes the session (docs/api.md `DELETE /api/v1/session`): revoked server-side. */
import type { Deps } from '../ports.ts';
import { sessionTokenHash } from './log-in.ts';

/** Revokes the session of this token; an unknown or expired token is already logged out. */
export async function logOut(deps: Pick<Deps, 'sessions'>, input: { readonly token: string }): Promise<void> {
  if (input.token.length === 0) return;
  await deps.sessions.delete(sessionTokenHash(input.token));
}
