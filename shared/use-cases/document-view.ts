/**
 * docs/api.md's `Document`: what the applicant (and the office's evidence export) sees of a letter,
 * computed by the domain at one instant (R6–R9). Nothing here decides a date.
 */
import { deadlinesOf } from '../domain/deadlines.ts';
import { documentLabel } from '../domain/documents.ts';
import type {
  DecisionOutcome,
  DocumentType,
  Instant,
  Language,
  LegalAid,
  NotifiedBy,
  ParisDate,
  RuleVariants,
} from '../domain/types.ts';
import type { Letter } from '../ports.ts';

/** The type label in French, English and the applicant's language (R6). */
export type DocumentLabel = { readonly fr: string; readonly en: string } & Readonly<Partial<Record<Language, string>>>;

/** docs/api.md `Document`. */
export interface DocumentView {
  readonly id: string;
  readonly type: DocumentType;
  readonly label: DocumentLabel;
  /** The office's own title, if it gave one. */
  readonly title: string | null;
  readonly issuer: 'OFPRA';
  readonly availableAt: Instant;
  readonly firstOpenedAt: Instant | null;
  readonly status: 'unread' | 'read';
  readonly notifiable: boolean;
  readonly notificationDate: ParisDate | null;
  readonly notifiedBy: NotifiedBy | null;
  readonly consultationDeadline: ParisDate | null;
  readonly daysLeft: number | null;
  /** Decisions only (R7). */
  readonly outcome?: DecisionOutcome;
  /** Decisions only: null until notified, for outcomes that cannot be appealed, or while suspended (R9). */
  readonly appealDeadline?: ParisDate | null;
  /** Decisions only (R8). */
  readonly legalAidDeadline?: ParisDate | null;
  /** Decisions with a recorded legal-aid request only (R9). */
  readonly legalAid?: LegalAid;
}

/**
 * The label of a type: French and English from the domain; another language falls back to English
 * here (the HTTP layer holds the full catalogue of translations).
 */
export function documentLabelFor(type: DocumentType, language: Language): DocumentLabel {
  const fr = documentLabel(type, 'fr');
  const en = documentLabel(type, 'en');
  return language === 'fr' || language === 'en' ? { fr, en } : { fr, en, [language]: en };
}

/** R6–R9: the letter as docs/api.md's Document at `now`. */
export function toDocumentView(letter: Letter, language: Language, rules: RuleVariants, now: Instant): DocumentView {
  const deadlines = deadlinesOf(letter, rules, now);
  const view: DocumentView = {
    id: letter.id,
    type: letter.type,
    label: documentLabelFor(letter.type, language),
    title: letter.title,
    issuer: 'OFPRA',
    availableAt: letter.availableAt,
    firstOpenedAt: letter.firstOpenedAt,
    status: deadlines.status,
    notifiable: deadlines.notifiable,
    notificationDate: deadlines.notificationDate,
    notifiedBy: deadlines.notifiedBy,
    consultationDeadline: deadlines.consultationDeadline,
    daysLeft: deadlines.daysLeft,
  };
  if (letter.type !== 'decision') {
    return view;
  }
  return {
    ...view,
    ...(letter.outcome === null ? {} : { outcome: letter.outcome }),
    appealDeadline: deadlines.appealDeadline ?? null,
    legalAidDeadline: deadlines.legalAidDeadline ?? null,
    ...(letter.legalAid === null ? {} : { legalAid: letter.legalAid }),
  };
}
