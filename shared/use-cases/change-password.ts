/**
 * A logged-in applicant changes the password (the account page): the current password is checked
 * like a login (lockout first, a wrong one counted), the new one must meet the policy, and every
 * session of the account ends — the page then opens a fresh one for the applicant.
 */
import { passwordPolicyFailures } from '../domain/identity.ts';
import { InvalidPasswordError } from '../errors.ts';
import type { Deps } from '../ports.ts';
import { updateApplicant } from './letter-updates.ts';
import { checkSecret } from './lockout.ts';

/**
 * @throws InvalidPasswordError (policy; not a failure); InvalidCredentialsError (wrong current
 *   password, counted); TooManyAttemptsError while locked out.
 */
export async function changePassword(
  deps: Pick<Deps, 'applicants' | 'sessions' | 'hasher' | 'clock'>,
  input: { readonly agdref: string; readonly currentPassword: string; readonly newPassword: string },
): Promise<void> {
  const unmet = passwordPolicyFailures(input.newPassword);
  if (unmet.length > 0) throw new InvalidPasswordError(unmet);
  const now = deps.clock.now();
  const found = await deps.applicants.get(input.agdref);
  const applicant = await checkSecret(deps, found, (candidate) => candidate.passwordHash, input.currentPassword, now);
  const passwordHash = await deps.hasher.hash(input.newPassword);
  await updateApplicant(deps.applicants, applicant.agdref, (current) => ({ ...current, passwordHash, failedAttempts: [] }), applicant);
  await deps.sessions.deleteAllFor(applicant.agdref);
}
