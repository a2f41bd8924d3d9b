/**
 * A forgotten password, reset with the six-digit code sent by SMS or e-mail (docs/api.md
 * `POST /api/v1/password/reset-with-code`). Five wrong codes burn the code; every session is revoked.
 */
import { asciiDigits } from '../domain/identity.ts';
import { InvalidCredentialsError } from '../errors.ts';
import type { Applicant, Deps } from '../ports.ts';
import { msBetween } from './instants.ts';
import { updateApplicant } from './letter-updates.ts';
import { attemptsLeft, reserveAttempt, verifySecret } from './lockout.ts';
import { finishPasswordReset, startPasswordReset } from './password-reset-steps.ts';

/** docs/api.md: the fifth wrong code burns it. */
export const MAX_WRONG_CODES = 5;

/**
 * Sets the new password if the code is right, unexpired and not burnt; revokes every session.
 * A wrong code counts as a lockout failure and as one of the code's five tries.
 * @throws InvalidPasswordError (policy; not a failure); InvalidCredentialsError (wrong, expired or burnt code,
 *   unknown identifier); TooManyAttemptsError while locked out.
 */
export async function resetPasswordWithCode(
  deps: Pick<Deps, 'applicants' | 'attempts' | 'sessions' | 'hasher' | 'clock'>,
  input: { readonly identifier: string; readonly code: string; readonly newPassword: string },
): Promise<void> {
  const target = await startPasswordReset(deps, input);
  const { now, applicant, subject } = target;
  const code = asciiDigits(input.code).replace(/\s/g, '');
  const counted = await reserveAttempt(deps.attempts, subject, now);
  const pending = applicant?.resetCode ?? null;
  const usable = pending !== null && msBetween(now, pending.expiresAt) > 0 && pending.wrongTries < MAX_WRONG_CODES;
  const valid = await verifySecret(deps.hasher, usable ? pending.hash : null, code);
  if (applicant === null) throw new InvalidCredentialsError(attemptsLeft(counted, now));
  if (!valid) {
    await updateApplicant(deps.applicants, applicant.agdref, (current) => withWrongTry(current, pending?.hash ?? null), applicant);
    throw new InvalidCredentialsError(attemptsLeft(counted, now));
  }

  const passwordHash = await deps.hasher.hash(input.newPassword);
  await updateApplicant(
    deps.applicants,
    applicant.agdref,
    (current) => {
      // Single use: the code was used, replaced or burnt since it was checked.
      if (current.resetCode === null || current.resetCode.hash !== pending?.hash) throw new InvalidCredentialsError();
      return { ...current, passwordHash, resetCode: null, failedAttempts: [] };
    },
    applicant,
  );
  await finishPasswordReset(deps, applicant.agdref, target);
}

/** One more wrong try of the code that was checked (not of a newer one); the fifth burns it. */
function withWrongTry(applicant: Applicant, checkedHash: string | null): Applicant | null {
  const code = applicant.resetCode;
  if (code === null || code.hash !== checkedHash) return null;
  const wrongTries = code.wrongTries + 1;
  return { ...applicant, resetCode: wrongTries >= MAX_WRONG_CODES ? null : { ...code, wrongTries } };
}
