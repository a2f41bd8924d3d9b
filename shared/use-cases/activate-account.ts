/**
 * The applicant activates the space (docs/api.md `POST /api/v1/account/activate`) with the connection
 * key the office issued and a password of their choice. The key is single use: activation spends it.
 */
import { normalizeConnectionKey, normalizeIdentifier, passwordPolicyFailures } from '../domain/identity.ts';
import { AlreadyActiveError, InvalidCredentialsError, InvalidPasswordError } from '../errors.ts';
import type { Deps } from '../ports.ts';
import { updateApplicant } from './letter-updates.ts';
import { attemptsLeft, checkSecret, lockoutSubject, releaseAttempt, reserveAttempt, verifySecret, clearAttempts } from './lockout.ts';

/**
 * Sets the password and spends the key. On a space already active, only the key that activated it
 * hears 409 `already_active` (that attempt is not counted); any other key is a wrong key (docs/api.md).
 * @throws InvalidPasswordError (policy; not counted as a failure); InvalidCredentialsError (wrong key or unknown
 *   AGDREF — the same); TooManyAttemptsError while locked out; AlreadyActiveError (the activating key, again).
 */
export async function activateAccount(
  deps: Pick<Deps, 'applicants' | 'attempts' | 'hasher' | 'clock'>,
  input: { readonly agdref: string; readonly connectionKey: string; readonly password: string },
): Promise<void> {
  const unmet = passwordPolicyFailures(input.password);
  if (unmet.length > 0) throw new InvalidPasswordError(unmet);
  const now = deps.clock.now();
  const key = normalizeConnectionKey(input.connectionKey);
  const agdref = normalizeIdentifier(input.agdref);
  const found = await deps.applicants.get(agdref);
  const subject = lockoutSubject(found, agdref);
  if (found !== null && found.activatedAt !== null) {
    const counted = await reserveAttempt(deps.attempts, subject, now);
    if (!(await verifySecret(deps.hasher, found.activationKeyHash, key))) throw new InvalidCredentialsError(attemptsLeft(counted, now));
    await releaseAttempt(deps.attempts, subject, now, now);
    throw new AlreadyActiveError();
  }
  await checkSecret(deps, subject, found?.connectionKeyHash, key, now);
  if (found === null) throw new InvalidCredentialsError(); // unreachable: nothing verifies against no account

  const passwordHash = await deps.hasher.hash(input.password);
  await updateApplicant(
    deps.applicants,
    found.agdref,
    (current) => {
      if (current.activatedAt !== null) throw new AlreadyActiveError();
      // The key was reissued or spent since it was checked: this one is no longer valid.
      if (current.connectionKeyHash !== found.connectionKeyHash) throw new InvalidCredentialsError();
      return {
        ...current,
        passwordHash,
        connectionKeyHash: null,
        activationKeyHash: found.connectionKeyHash,
        activatedAt: now,
        failedAttempts: [],
      };
    },
    found,
  );
  await clearAttempts(deps.attempts, subject, now);
}
