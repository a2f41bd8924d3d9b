/** The applicant's own account (docs/api.md `GET /api/v1/me`). */
import type { Language } from '../domain/types.ts';
import { NotFoundError } from '../errors.ts';
import type { Deps } from '../ports.ts';

export interface Profile {
  readonly agdref: string;
  readonly ofpraFileNumber: string | null;
  readonly language: Language;
  readonly phone: string | null;
  readonly email: string | null;
  /** Letters not opened yet (R6 status `unread`). */
  readonly unreadCount: number;
  readonly paperDerogation: boolean;
}

/**
 * The profile and how many letters are still unread.
 * @throws NotFoundError if no applicant has this AGDREF.
 */
export async function getProfile(deps: Pick<Deps, 'applicants' | 'letters'>, input: { readonly agdref: string }): Promise<Profile> {
  const [applicant, letters] = await Promise.all([deps.applicants.get(input.agdref), deps.letters.listForApplicant(input.agdref)]);
  if (applicant === null) throw new NotFoundError('applicant');
  return {
    agdref: applicant.agdref,
    ofpraFileNumber: applicant.ofpraFileNumber,
    language: applicant.language,
    phone: applicant.phone,
    email: applicant.email,
    unreadCount: letters.filter((letter) => letter.firstOpenedAt === null).length,
    paperDerogation: applicant.paperDerogation,
  };
}
