/**
 * The applicant activates the space (docs/api.md `POST /api/v1/account/activate`) with the connection
 * key the office issued and a password of their choice. The key is single use: activation spends it.
 */
import { normalizeConnectionKey, normalizeIdentifier, passwordPolicyFailures } from '../domain/identity.ts';
import { AlreadyActiveError, InvalidCredentialsError, InvalidPasswordError } from '../errors.ts';
import type { Instant } from '../domain/types.ts';
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
  const agdref = normalizeIdentifier(input.agdref);
  const found = await deps.applicants.get(agdref);
  await activateAccountWithKey(deps, lockoutSubject(found, agdref), found, input, (account, passwordHash, now) =>
    updateApplicant(deps.applicants, account.agdref, (current) => activated(current, account, passwordHash, now), account),
  );
}

/**
 * The stored account once activated (password set, key spent and kept as the activating key), for the
 * conditional write after the key was checked on `checked`.
 * @throws AlreadyActiveError if it was activated meanwhile; InvalidCredentialsError if its key changed.
 */
export function activated<A extends ActivatableAccount & { readonly passwordHash: string | null; readonly failedAttempts: readonly Instant[] }>(
  current: A,
  checked: A,
  passwordHash: string,
  now: Instant,
): A {
  if (current.activatedAt !== null) throw new AlreadyActiveError();
  // The key was reissued or spent since it was checked: this one is no longer valid.
  if (current.connectionKeyHash !== checked.connectionKeyHash) throw new InvalidCredentialsError();
  return { ...current, passwordHash, connectionKeyHash: null, activationKeyHash: checked.connectionKeyHash, activatedAt: now, failedAttempts: [] };
}

/** What activation needs of an account (applicant or helper). */
export interface ActivatableAccount {
  readonly connectionKeyHash: string | null;
  /** The key that activated the account (null before, or if not kept): only it hears `already_active`. */
  readonly activationKeyHash?: string | null;
  readonly activatedAt: Instant | null;
}

/**
 * The one activation (applicants and helpers: docs/api.md "Helpers"), after the password policy: on an
 * account already active, only the key that activated it hears AlreadyActiveError (not counted);
 * otherwise the attempt is reserved and the key checked under `subject` (lockout.ts), then `store`
 * sets the password and spends the key in one conditional write, then the failures are forgotten.
 * `found` is null for an unknown identifier.
 */
export async function activateAccountWithKey<A extends ActivatableAccount>(
  deps: Pick<Deps, 'attempts' | 'hasher' | 'clock'>,
  subject: string,
  found: A | null,
  input: { readonly connectionKey: string; readonly password: string },
  store: (account: A, passwordHash: string, now: Instant) => Promise<unknown>,
): Promise<void> {
  const now = deps.clock.now();
  const key = normalizeConnectionKey(input.connectionKey);
  if (found !== null && found.activatedAt !== null) {
    const counted = await reserveAttempt(deps.attempts, subject, now);
    if (!(await verifySecret(deps.hasher, found.activationKeyHash, key))) throw new InvalidCredentialsError(attemptsLeft(counted, now));
    await releaseAttempt(deps.attempts, subject, now, now);
    throw new AlreadyActiveError();
  }
  await checkSecret(deps, subject, found?.connectionKeyHash, key, now);
  if (found === null) throw new InvalidCredentialsError(); // unreachable: nothing verifies against no account

  await store(found, await deps.hasher.hash(input.password), now);
  await clearAttempts(deps.attempts, subject, now);
}
