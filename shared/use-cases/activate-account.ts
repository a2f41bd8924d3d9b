/**
 * The applicant activates the space (docs/api.md `POST /api/v1/account/activate`) with the connection
 * key the office issued and a password of their choice. The key is single use: activation spends it.
 */
import { normalizeConnectionKey, normalizeIdentifier, passwordPolicyFailures } from '../domain/identity.ts';
import { AlreadyActiveError, InvalidCredentialsError, InvalidPasswordError } from '../errors.ts';
import type { Deps } from '../ports.ts';
import { updateApplicant } from './letter-updates.ts';
import { assertNotLockedOut, checkSecret, failUnknownIdentifier, verifyAgainstNothing } from './lockout.ts';

/**
 * Sets the password and spends the key.
 * @throws InvalidPasswordError (policy; not counted as a failure); InvalidCredentialsError (wrong key or unknown
 *   AGDREF — the same); TooManyAttemptsError while locked out; AlreadyActiveError if the space is active.
 */
export async function activateAccount(
  deps: Pick<Deps, 'applicants' | 'hasher' | 'clock'>,
  input: { readonly agdref: string; readonly connectionKey: string; readonly password: string },
): Promise<void> {
  const unmet = passwordPolicyFailures(input.password);
  if (unmet.length > 0) throw new InvalidPasswordError(unmet);
  const now = deps.clock.now();
  const key = normalizeConnectionKey(input.connectionKey);
  const agdref = normalizeIdentifier(input.agdref);
  const found = await deps.applicants.get(agdref);
  if (found === null) {
    await verifyAgainstNothing(deps.hasher, key);
    failUnknownIdentifier(deps.applicants, agdref, now);
  }
  assertNotLockedOut(found, now);
  if (found.activatedAt !== null) throw new AlreadyActiveError();
  const applicant = await checkSecret(deps, found, (candidate) => candidate.connectionKeyHash, key, now);

  const passwordHash = await deps.hasher.hash(input.password);
  await updateApplicant(
    deps.applicants,
    applicant.agdref,
    (current) => {
      if (current.activatedAt !== null) throw new AlreadyActiveError();
      // The key was reissued or spent since it was checked: this one is no longer valid.
      if (current.connectionKeyHash !== applicant.connectionKeyHash) throw new InvalidCredentialsError();
      return { ...current, passwordHash, connectionKeyHash: null, activatedAt: now, failedAttempts: [] };
    },
    applicant,
  );
}
