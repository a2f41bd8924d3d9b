/**
 * Rules that every adapter of a port applies the same way — the DynamoDB, S3 and file adapters
 * and their in-memory twins import them from here, so the twins cannot drift from the real thing.
 */
import { createHmac } from 'node:crypto';
import { headOf } from '../domain/evidence.ts';
import { pendingDeemAt } from '../domain/lifecycle.ts';
import type { EvidenceHead, Instant } from '../domain/types.ts';
import type { Letter } from '../ports.ts';

/**
 * R12: every letter written carries the head of the chain it is written with — both go in the same
 * conditional write. A mismatch is a bug in the caller, reported as a RangeError before the store
 * is touched.
 */
export function assertHeadMatchesChain(letter: Letter): void {
  const expected = headOf(letter.evidence);
  if (letter.head === undefined || letter.head.count !== expected.count || letter.head.hash !== expected.hash) {
    throw new RangeError(`Letter ${letter.id}: its head must be {count: ${expected.count}, hash: ${expected.hash}}.`);
  }
}

/**
 * A letter as read. Items written before the head existed (R12 migration, docs/evidence.md) get the
 * head of their stored chain: it can only be as trustworthy as that chain, until the first daily
 * checkpoint commits it.
 */
export function withStoredHead(letter: Omit<Letter, 'head'> & { readonly head?: EvidenceHead }): Letter {
  if (letter.head !== undefined) return letter as Letter;
  return { ...letter, head: headOf(letter.evidence) };
}

/**
 * Port contract of every `update(next, expectedVersion)`: `next.version` is `expectedVersion + 1`.
 * Anything else is a bug in the caller, reported as a RangeError before the store is touched.
 */
export function assertNextVersion(next: { readonly version: number }, expectedVersion: number): void {
  if (next.version !== expectedVersion + 1) {
    throw new RangeError(`An update writes version ${expectedVersion + 1}, not ${next.version}.`);
  }
}

/**
 * R5: the instant at which a letter is due for deemed notification while it still can be —
 * notifiable, not postal, not deemed yet and not opened in time — else null (the sparse `due` index).
 */
export function deemDueAt(letter: Letter): Instant | null {
  if (!letter.notifiable || letter.postal) return null;
  return pendingDeemAt(letter);
}

/** R11: the instant of the next reminder still to send, or null (the sparse `reminders` index). */
export function reminderDueAt(letter: Letter): Instant | null {
  return letter.nextReminderAt;
}

/** A letter's temporary download link lives one minute at most. */
export const MAX_TEMPORARY_URL_SECONDS = 60;

/** Throws a RangeError unless `seconds` is a whole number in 1..60 (BlobStore.temporaryUrl). */
export function assertTemporaryUrlLifetime(seconds: number): void {
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_TEMPORARY_URL_SECONDS) {
    throw new RangeError(`A temporary URL lives 1 to ${MAX_TEMPORARY_URL_SECONDS} whole seconds, not ${String(seconds)}.`);
  }
}

/**
 * The key under which an AttemptLedger keeps a subject's attempts: HMAC-SHA256 of the subject
 * with the deployment's secret, so the store never holds an identifier someone typed (it may be
 * nobody's, or somebody else's) and a copy of the table does not give them back.
 */
export function attemptKey(secret: string | Uint8Array, subject: string): string {
  return createHmac('sha256', secret).update(subject, 'utf8').digest('base64url');
}
