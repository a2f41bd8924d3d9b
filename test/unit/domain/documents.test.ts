import { describe, expect, it } from 'vitest';
import { DOCUMENT_LABELS, documentLabel, isAppealable, isNotifiable } from '../../../shared/domain/documents.ts';
import { DECISION_OUTCOMES, DOCUMENT_TYPES } from '../../../shared/domain/types.ts';

describe('isNotifiable', () => {
  it.each([
    ['convocation', true],
    ['convocationCancellation', true],
    ['decision', true],
    ['medicalCertificateRequest', true],
    ['introduction', false],
    ['sixMonths', false],
    ['reclassification', false],
    ['interviewTranscript', false],
    ['other', false],
  ] as const)('R2 says %s notifiable: %s', (type, notifiable) => {
    expect(isNotifiable(type)).toBe(notifiable);
  });
});

describe('isAppealable', () => {
  it.each(['rejection', 'inadmissibility', 'closure', 'subsidiaryProtection'] as const)(
    'R7 lets a %s be appealed to the CNDA',
    (outcome) => {
      expect(isAppealable(outcome)).toBe(true);
    },
  );

  it('R7 gives no appeal against refugee status', () => {
    expect(isAppealable('refugeeStatus')).toBe(false);
  });

  it('R7 gives no appeal without an outcome', () => {
    expect(isAppealable(null)).toBe(false);
  });

  it('R7 covers every outcome of the vocabulary', () => {
    expect(DECISION_OUTCOMES.filter(isAppealable)).toHaveLength(DECISION_OUTCOMES.length - 1);
  });
});

describe('documentLabel', () => {
  it('R2 labels every type in French and English', () => {
    for (const type of DOCUMENT_TYPES) {
      expect(DOCUMENT_LABELS[type].fr.length).toBeGreaterThan(0);
      expect(DOCUMENT_LABELS[type].en.length).toBeGreaterThan(0);
    }
  });

  it('R2 uses the rulebook labels', () => {
    expect(documentLabel('decision', 'fr')).toBe('Décision');
    expect(documentLabel('decision', 'en')).toBe('Decision');
    expect(documentLabel('convocationCancellation', 'en')).toBe('Appointment cancelled');
    expect(documentLabel('introduction', 'en')).toBe('Lodging');
    expect(documentLabel('interviewTranscript', 'fr')).toBe("Transcription de l'entretien");
    expect(documentLabel('sixMonths', 'fr')).toBe('Lettre des 6 mois');
  });
});
