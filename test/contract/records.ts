/**
 * Test data builders for the store contract suites: a default for every field, so a test states
 * only what matters. Pure: no I/O, no wall clock.
 */
import { headOf } from '../../shared/domain/evidence.ts';
import type { Applicant, Letter, Session } from '../../shared/ports.ts';

export function anApplicant(overrides: Partial<Applicant> = {}): Applicant {
  return {
    agdref: '0123456789',
    ofpraFileNumber: null,
    language: 'fr',
    phone: '+33612345678',
    email: null,
    paperDerogation: false,
    connectionKeyHash: 'key-hash',
    passwordHash: null,
    activatedAt: null,
    registeredAt: '2023-04-01T08:00:00.000Z',
    failedAttempts: [],
    resetCode: null,
    version: 1,
    ...overrides,
  };
}

export function aSession(overrides: Partial<Session> = {}): Session {
  return {
    tokenHash: 'a'.repeat(64),
    agdref: '0123456789',
    createdAt: '2023-05-01T10:00:00.000Z',
    lastSeenAt: '2023-05-01T10:00:00.000Z',
    expiresAt: '2023-05-01T10:30:00.000Z',
    ...overrides,
  };
}

/** A notifiable decision made available 20/04/2023 10:00 Paris; its window ends 06/05/2023 00:00 Paris. */
export function aLetter(overrides: Partial<Letter> = {}): Letter {
  const letter: Omit<Letter, 'head'> & Partial<Pick<Letter, 'head'>> = {
    id: 'doc-1',
    agdref: '0123456789',
    type: 'decision',
    outcome: 'rejection',
    title: null,
    contentSha256: 'c'.repeat(64),
    contentLength: 1234,
    blobKey: 'letters/doc-1.pdf',
    availableAt: '2023-04-20T08:00:00.000Z',
    notifiable: true,
    windowEnd: '2023-05-05T22:00:00.000Z',
    firstOpenedAt: null,
    deemedAt: null,
    postal: false,
    legalAid: null,
    alerts: [],
    nextReminderAt: null,
    evidence: [
      { at: '2023-04-20T08:00:00.000Z', event: 'deposited', previousHash: '0'.repeat(64), hash: '1'.repeat(64) },
    ],
    version: 1,
    ...overrides,
  };
  return { ...letter, head: overrides.head ?? headOf(letter.evidence) };
}

/** The record as the next write of it: `version` incremented, fields changed. */
export function nextVersionOf<T extends { readonly version: number }>(record: T, changes: Partial<T> = {}): T {
  return { ...record, ...changes, version: record.version + 1 };
}
