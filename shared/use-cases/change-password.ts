/**
 * A logged-in applicant changes the password (the account page): the current password is checked
 * like a login (lockout first, a wrong one counted), the new one must meet the policy, and every
 * session of the account ends — the page then opens a fresh one for the applicant.
 */
import { InvalidCredentialsError } from '../errors.ts';
import type { Deps } from '../ports.ts';
import { acceptablePassword } from './acceptable-password.ts';
import { updateApplicant } from './letter-updates.ts';
import { checkSecret, clearAttempts, lockoutSubject } from './lockout.ts';

/**
 * @throws InvalidPasswordError (policy; not a failure); InvalidCredentialsError (wrong current
 *   password, counted); TooManyAttemptsError while locked out.
 */
export async function changePassword(
  deps: Pick<Deps, 'applicants' | 'attempts' | 'sessions' | 'hasher' | 'clock'>,
  input: { readonly agdref: string; readonly currentPassword: string; readonly newPassword: string },
): Promise<void> {
  const newPassword = acceptablePassword(input.newPassword);
  const now = deps.clock.now();
  const applicant = await deps.applicants.get(input.agdref);
  const subject = lockoutSubject(applicant, input.agdref);
  await checkSecret(deps, subject, applicant?.passwordHash, input.currentPassword, now);
  if (applicant === null) throw new InvalidCredentialsError(); // unreachable: nothing verifies against no account
  const passwordHash = await deps.hasher.hash(newPassword);
  await updateApplicant(deps.applicants, applicant.agdref, (current) => ({ ...current, passwordHash, failedAttempts: [] }), applicant);
  await deps.sessions.deleteAllFor(applicant.agdref);
  await clearAttempts(deps.attempts, subject, now);
}
