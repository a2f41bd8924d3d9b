/**
 * The office creates an applicant's space (docs/api.md `POST /api/v1/agent/applicants`).
 */
import { isAgdref, isEmail, isOfpraFileNumber, normalizeConnectionKey, normalizeFrenchMobile, normalizeIdentifier } from '../domain/identity.ts';
import { LANGUAGES } from '../domain/types.ts';
import type { Language } from '../domain/types.ts';
import { AlreadyExistsError, ItemAlreadyExistsError, ValidationError } from '../errors.ts';
import type { Applicant, Deps } from '../ports.ts';

export interface RegisterApplicantInput {
  readonly agdref: string;
  readonly ofpraFileNumber?: string | null;
  readonly language?: string;
  readonly phone?: string | null;
  readonly email?: string | null;
  readonly paperDerogation?: boolean;
}

export interface RegisterApplicantResult {
  readonly agdref: string;
  /** The connection key in clear, this once only: only its hash is stored. */
  readonly connectionKey: string;
}

/** Whether a string is one of the supported UI languages. */
export function isLanguage(value: string): value is Language {
  return (LANGUAGES as readonly string[]).includes(value);
}

/**
 * Registers an applicant and issues the connection key that activates the space (docs/api.md
 * identifiers). The phone is stored in E.164.
 * @throws ValidationError naming each bad field; AlreadyExistsError if the AGDREF or the office file number is taken.
 * @example await registerApplicant(deps, { agdref: '7512345678', phone: '06 12 34 56 78' })
 */
export async function registerApplicant(
  deps: Pick<Deps, 'applicants' | 'clock' | 'ids' | 'hasher'>,
  input: RegisterApplicantInput,
): Promise<RegisterApplicantResult> {
  const fields: Record<string, string> = {};
  const agdref = normalizeIdentifier(input.agdref);
  if (!isAgdref(agdref)) fields.agdref = 'must be exactly 10 digits';
  const ofpraFileNumber = input.ofpraFileNumber == null ? null : normalizeIdentifier(input.ofpraFileNumber);
  if (ofpraFileNumber !== null && !isOfpraFileNumber(ofpraFileNumber)) fields.ofpraFileNumber = 'must be 6 to 12 digits';
  const language = input.language ?? 'fr';
  if (!isLanguage(language)) fields.language = `must be one of ${LANGUAGES.join(', ')}`;
  const phone = input.phone == null ? null : normalizeFrenchMobile(input.phone);
  if (input.phone != null && phone === null) fields.phone = 'must be a French mobile number (06/07 or +336/+337)';
  const email = input.email ?? null;
  if (email !== null && !isEmail(email)) fields.email = 'must be an e-mail address';
  if (Object.keys(fields).length > 0 || !isLanguage(language)) {
    throw new ValidationError(fields);
  }

  const connectionKey = deps.ids.connectionKey();
  const applicant: Applicant = {
    agdref,
    ofpraFileNumber,
    language,
    phone,
    email,
    paperDerogation: input.paperDerogation ?? false,
    connectionKeyHash: await deps.hasher.hash(normalizeConnectionKey(connectionKey)),
    passwordHash: null,
    activatedAt: null,
    registeredAt: deps.clock.now(),
    failedAttempts: [],
    resetCode: null,
    version: 1,
  };
  try {
    await deps.applicants.create(applicant);
  } catch (error) {
    if (error instanceof ItemAlreadyExistsError) throw new AlreadyExistsError();
    throw error;
  }
  return { agdref: applicant.agdref, connectionKey };
}
