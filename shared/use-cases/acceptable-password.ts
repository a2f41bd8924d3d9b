/**
 * The password policy (docs/api.md "Identifiers", from the applicant guide), applied before any secret
 * is checked: a password the policy refuses is not a failed attempt (docs/api.md lockout).
 */
import { passwordPolicyFailures } from '../domain/identity.ts';
import { InvalidPasswordError } from '../errors.ts';

/**
 * @returns the password, when it meets the policy.
 * @throws InvalidPasswordError naming each unmet rule.
 */
export function acceptablePassword(password: string): string {
  const unmet = passwordPolicyFailures(password);
  if (unmet.length > 0) throw new InvalidPasswordError(unmet);
  return password;
}
