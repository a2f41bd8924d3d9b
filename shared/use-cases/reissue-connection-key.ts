/**
 * The office issues a new connection key (docs/api.md `POST …/connection-key`): the old key stops working.
 */
import { normalizeConnectionKey } from '../domain/identity.ts';
import type { Deps } from '../ports.ts';
import { updateApplicant } from './letter-updates.ts';

/**
 * Replaces the applicant's connection key; the new one is returned in clear this once only.
 * @throws NotFoundError if no applicant has this AGDREF.
 */
export async function reissueConnectionKey(
  deps: Pick<Deps, 'applicants' | 'ids' | 'hasher'>,
  input: { readonly agdref: string },
): Promise<{ connectionKey: string }> {
  const connectionKey = deps.ids.connectionKey();
  const connectionKeyHash = await deps.hasher.hash(normalizeConnectionKey(connectionKey));
  await updateApplicant(deps.applicants, input.agdref, (current) => ({ ...current, connectionKeyHash }));
  return { connectionKey };
}
