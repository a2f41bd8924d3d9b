/**
 * Document types (R2: which need notification, their labels) and decision outcomes (R7: which
 * can be appealed to the CNDA).
 */
import type { DecisionOutcome, DocumentType } from './types.ts';

const NOTIFIABLE: Readonly<Record<DocumentType, boolean>> = {
  introduction: false,
  convocation: true,
  convocationCancellation: true,
  decision: true,
  sixMonths: false,
  medicalCertificateRequest: true,
  reclassification: false,
  interviewTranscript: false,
  other: false,
};

/** R2: whether a document of this type gets a notification date (15-day window, R3–R5). */
export function isNotifiable(type: DocumentType): boolean {
  return NOTIFIABLE[type];
}

/** R7: every decision outcome but `refugeeStatus` can be appealed; no outcome, no appeal. */
export function isAppealable(outcome: DecisionOutcome | null): boolean {
  return outcome !== null && outcome !== 'refugeeStatus';
}

/** R2 labels, French and English (the other languages come from the UI translations). */
export const DOCUMENT_LABELS: Readonly<Record<DocumentType, { readonly fr: string; readonly en: string }>> = {
  introduction: { fr: 'Introduction', en: 'Lodging' },
  convocation: { fr: 'Convocation', en: 'Appointment' },
  convocationCancellation: { fr: 'Annulation de convocation', en: 'Appointment cancelled' },
  decision: { fr: 'Décision', en: 'Decision' },
  sixMonths: { fr: 'Lettre des 6 mois', en: '6 months letter' },
  medicalCertificateRequest: { fr: 'Demande de certificat médical', en: 'Medical certificate request' },
  reclassification: { fr: 'Reclassement en procédure normale', en: 'Reclassified to normal procedure' },
  interviewTranscript: { fr: "Transcription de l'entretien", en: 'Interview transcript' },
  other: { fr: 'Autre courrier', en: 'Other letter' },
};

/** R2/R6: the type label in French or English. */
export function documentLabel(type: DocumentType, language: 'fr' | 'en'): string {
  return DOCUMENT_LABELS[type][language];
}
