/**
 * Deterministic names for the side effects of one letter (R11): alert ids and trigger names.
 * The same letter, kind, day and channel always give the same id, so a repeated deposit, a
 * duplicated trigger or a sweep can never create a second alert or a second schedule: the store's
 * conditional writes key on the alert id (providers have no idempotency key; the id reaches them
 * for tracing only), the scheduler de-duplicates by trigger name.
 */
import { createHash } from 'node:crypto';
import { instantMs } from '../domain/instant-form.ts';
import type { AlertChannel, AlertKind, Instant } from '../domain/types.ts';

/** Letter ids the office chose that are short and safe are kept readable in names. */
const READABLE_LETTER_ID = /^[0-9A-Za-z_-]{1,32}$/;
const HASHED_LETTER_ID_HEX_CHARS = 30;

/**
 * A short, name-safe form of a letter id: the id itself when it is ≤ 32 of `[0-9A-Za-z_-]`,
 * else `h.` + 120 bits of its SHA-256 — the dot keeps the two forms from ever colliding.
 */
export function letterKey(letterId: string): string {
  if (READABLE_LETTER_ID.test(letterId)) {
    return letterId;
  }
  const digest = createHash('sha256').update(letterId, 'utf8').digest('hex');
  return `h.${digest.slice(0, HASHED_LETTER_ID_HEX_CHARS)}`;
}

/**
 * R11: the id of one alert (letter + kind + day + channel); day 0 is the deposit alert.
 * @example alertId('L-1', 'reminder', 7, 'sms') // 'L-1.reminder.7.sms'
 */
export function alertId(letterId: string, kind: AlertKind, day: number, channel: AlertChannel): string {
  return `${letterKey(letterId)}.${kind}.${day}.${channel}`;
}

/** R5: the one-time trigger that applies the deemed notification at the window's end. */
export function deemTriggerName(letterId: string): string {
  return `deem.${letterKey(letterId)}`;
}

/** R11: the one-time trigger of reminder day `day`. */
export function reminderTriggerName(letterId: string, day: number): string {
  return `remind.${day}.${letterKey(letterId)}`;
}

/**
 * R11: the trigger that retries an alert at `dueAt`. The due instant (epoch seconds, base 36) is
 * part of the name because a scheduler treats an existing name as already scheduled: each retry,
 * and each re-claimed attempt, needs its own trigger at its own time. At most 64 characters of
 * `[0-9a-zA-Z-_.]` (the Trigger contract): 6 + 9 + 3 + 6 + 7 + 1 + 32 in the longest case.
 */
export function alertRetryTriggerName(letterId: string, kind: AlertKind, day: number, channel: AlertChannel, dueAt: Instant): string {
  const due = Math.floor(instantMs(dueAt) / 1000).toString(36);
  return `retry.${kind}.${day}.${channel}.${due}.${letterKey(letterId)}`;
}
