/** The applicant changes where alerts go (docs/api.md `PUT /api/v1/me/contact`; R11). */
import { isEmail, normalizeFrenchMobile } from '../domain/identity.ts';
import { ValidationError } from '../errors.ts';
import type { Deps } from '../ports.ts';
import { updateApplicant } from './letter-updates.ts';

/**
 * Sets or removes (`null`) the mobile number (stored E.164) and the e-mail; a field left out is kept.
 * @returns the contact as stored.
 * @throws ValidationError `invalid_phone` (only French mobiles 06/07, +336/+337) or `invalid_email`; NotFoundError.
 */
export async function setContact(
  deps: Pick<Deps, 'applicants'>,
  input: { readonly agdref: string; readonly phone?: string | null; readonly email?: string | null },
): Promise<{ phone: string | null; email: string | null }> {
  const phone = input.phone == null ? input.phone : normalizeFrenchMobile(input.phone);
  if (input.phone != null && phone === null) {
    throw new ValidationError({ phone: 'must be a French mobile number: 06/07 then 8 digits, or +336/+337' }, 'invalid_phone', 'The phone number is not valid.');
  }
  const email = input.email == null ? input.email : input.email.trim();
  if (email != null && !isEmail(email)) {
    throw new ValidationError({ email: 'must be an e-mail address' }, 'invalid_email', 'The e-mail address is not valid.');
  }
  const { record } = await updateApplicant(deps.applicants, input.agdref, (current) => {
    const next = { ...current, phone: phone === undefined ? current.phone : phone, email: email === undefined ? current.email : email };
    return next.phone === current.phone && next.email === current.email ? null : next;
  });
  return { phone: record.phone, email: record.email };
}
