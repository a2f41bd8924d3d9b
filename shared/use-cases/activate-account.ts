/**
 * The applicant activates the space (docs/api.md `POST /api/v1/account/activate`) with the connection
 * key the office issued and a password of their choice. The key is single use: activation spends it.
 */
import { normalizeConnectionKey, passwordPolicyFailures } from '../domain/identity.ts';
import { AlreadyActiveError, InvalidCredentialsError, InvalidPasswordError } from '../errors.ts';
import type { Instant } from '../domain/types.ts';
import type { Deps } from '../ports.ts';
import { type AccountUpdater, type LockableAccount, applicantUpdater, assertNotLockedOut, checkAccountSecret, verifyAgainstNothing } from './lockout.ts';

/** What activation needs of an account (applicant or helper). */
export interface ActivatableAccount extends LockableAccount {
  readonly connectionKeyHash: string | null;
  readonly passwordHash: string | null;
  readonly activatedAt: Instant | null;
}

/**
 * Sets the password and spends the key.
 * @throws InvalidPasswordError (policy; not counted as a failure); InvalidCredentialsError (wrong key or unknown
 *   AGDREF — the same); TooManyAttemptsError while locked out; AlreadyActiveError if the space is active.
 */
export async function activateAccount(
  deps: Pick<Deps, 'applicants' | 'hasher' | 'clock'>,
  input: { readonly agdref: string; readonly connectionKey: string; readonly password: string },
): Promise<void> {
  const found = await deps.applicants.get(input.agdref);
  await activateAccountWithKey(deps, applicantUpdater(deps.applicants), found, input);
}

/**
 * The one activation (applicants and helpers): policy, lockout, key check, then the password set
 * and the key spent in one conditional write. `found` is null for an unknown identifier.
 */
export async function activateAccountWithKey<A extends ActivatableAccount>(
  deps: Pick<Deps, 'hasher' | 'clock'>,
  update: AccountUpdater<A>,
  found: A | null,
  input: { readonly connectionKey: string; readonly password: string },
): Promise<void> {
  const unmet = passwordPolicyFailures(input.password);
  if (unmet.length > 0) throw new InvalidPasswordError(unmet);
  const now = deps.clock.now();
  const key = normalizeConnectionKey(input.connectionKey);
  if (found === null) {
    await verifyAgainstNothing(deps.hasher, key);
    throw new InvalidCredentialsError();
  }
  assertNotLockedOut(found, now);
  if (found.activatedAt !== null) throw new AlreadyActiveError();
  const account = await checkAccountSecret(deps.hasher, update, found, (candidate) => candidate.connectionKeyHash, key, now);

  const passwordHash = await deps.hasher.hash(input.password);
  await update(account, (current) => {
    if (current.activatedAt !== null) throw new AlreadyActiveError();
    // The key was reissued or spent since it was checked: this one is no longer valid.
    if (current.connectionKeyHash !== account.connectionKeyHash) throw new InvalidCredentialsError();
    return { ...current, passwordHash, connectionKeyHash: null, activatedAt: now, failedAttempts: [] };
  });
}
