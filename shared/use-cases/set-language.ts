/** The applicant chooses the language of the space and of alerts (docs/api.md `PUT /api/v1/me/language`). */
import { LANGUAGES } from '../domain/types.ts';
import { ValidationError } from '../errors.ts';
import type { Deps } from '../ports.ts';
import { updateApplicant } from './letter-updates.ts';
import { isLanguage } from './register-applicant.ts';

/**
 * Sets the language.
 * @throws ValidationError `unsupported_language`; NotFoundError.
 */
export async function setLanguage(deps: Pick<Deps, 'applicants'>, input: { readonly agdref: string; readonly language: string }): Promise<void> {
  const language = input.language;
  if (!isLanguage(language)) {
    throw new ValidationError({ language: `must be one of ${LANGUAGES.join(', ')}` }, 'unsupported_language', 'This language is not supported.');
  }
  await updateApplicant(deps.applicants, input.agdref, (current) => (current.language === language ? null : { ...current, language }));
}
