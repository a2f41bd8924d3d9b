/**
 * The steps both password resets share (with a connection key, reset-password-with-key.ts; with a
 * code sent by SMS or e-mail, reset-password-with-code.ts): what they check first and what they
 * do last. Between the two, each checks its own secret and spends it.
 */
import { normalizeIdentifier, passwordPolicyFailures } from '../domain/identity.ts';
import type { Instant } from '../domain/types.ts';
import { InvalidPasswordError } from '../errors.ts';
import type { Applicant, Deps } from '../ports.ts';
import { clearAttempts, lockoutSubject } from './lockout.ts';

export interface ResetTarget {
  readonly now: Instant;
  /** The account the identifier names (AGDREF or office file number), or null: then the reset fails after the same work. */
  readonly applicant: Applicant | null;
  /** Where a wrong secret counts (docs/api.md lockout). */
  readonly subject: string;
}

/**
 * A new password the policy refuses is refused first, and is not a failure (nothing is counted);
 * then the identifier is read (digits in any script, spaces) and its account looked up.
 * @throws InvalidPasswordError naming each unmet rule.
 */
export async function startPasswordReset(
  deps: Pick<Deps, 'applicants' | 'clock'>,
  input: { readonly identifier: string; readonly newPassword: string },
): Promise<ResetTarget> {
  const unmet = passwordPolicyFailures(input.newPassword);
  if (unmet.length > 0) throw new InvalidPasswordError(unmet);
  const now = deps.clock.now();
  const identifier = normalizeIdentifier(input.identifier);
  const applicant = await deps.applicants.findByIdentifier(identifier);
  return { now, applicant, subject: lockoutSubject(applicant, identifier) };
}

/** After the new password is stored: every session is revoked and the lockout failures forgotten. */
export async function finishPasswordReset(deps: Pick<Deps, 'sessions' | 'attempts'>, agdref: string, target: ResetTarget): Promise<void> {
  await deps.sessions.deleteAllFor(agdref);
  await clearAttempts(deps.attempts, target.subject, target.now);
}
