/**
 * A forgotten password, reset with a connection key the office (re)issued (docs/api.md
 * `POST /api/v1/password/reset-with-key`). The key is spent; every session is revoked.
 */
import { normalizeConnectionKey } from '../domain/identity.ts';
import { InvalidCredentialsError } from '../errors.ts';
import type { Deps } from '../ports.ts';
import { updateApplicant } from './letter-updates.ts';
import { checkSecret } from './lockout.ts';
import { finishPasswordReset, startPasswordReset } from './password-reset-steps.ts';

/**
 * Sets the new password, spends the key (it also activates a space not yet active) and revokes every session.
 * @throws InvalidPasswordError (policy; not a failure); InvalidCredentialsError (wrong key, unknown identifier);
 *   TooManyAttemptsError while locked out.
 */
export async function resetPasswordWithKey(
  deps: Pick<Deps, 'applicants' | 'attempts' | 'sessions' | 'hasher' | 'clock'>,
  input: { readonly identifier: string; readonly connectionKey: string; readonly newPassword: string },
): Promise<void> {
  const target = await startPasswordReset(deps, input);
  const { now, applicant, subject } = target;
  const key = normalizeConnectionKey(input.connectionKey);
  await checkSecret(deps, subject, applicant?.connectionKeyHash, key, now);
  if (applicant === null) throw new InvalidCredentialsError(); // unreachable: nothing verifies against no account

  const passwordHash = await deps.hasher.hash(input.newPassword);
  await updateApplicant(
    deps.applicants,
    applicant.agdref,
    (current) => {
      // Single use: a key reissued or spent since it was checked is no longer valid.
      if (current.connectionKeyHash !== applicant.connectionKeyHash) throw new InvalidCredentialsError();
      return {
        ...current,
        passwordHash,
        connectionKeyHash: null,
        activatedAt: current.activatedAt ?? now,
        activationKeyHash: current.activatedAt === null ? applicant.connectionKeyHash : (current.activationKeyHash ?? null),
        failedAttempts: [],
        resetCode: null,
      };
    },
    applicant,
  );
  await finishPasswordReset(deps, applicant.agdref, target);
}
