/**
 * The periodic reconciliation (docs/architecture.md: the sweep repairs anything a lost schedule missed).
 * State follows time: a letter whose window has ended is deemed notified whether or not its
 * trigger ran, a reminder whose trigger was lost is sent late rather than never, and an alert
 * whose queue message was lost gets its next attempt: the sweep queues it again (R11: to the end
 * of its attempts, whatever happened to schedules). The sweep reads only the two
 * sparse indexes (no scan) and applies the same idempotent use cases as the triggers, so running
 * it alongside them, or twice, changes nothing twice.
 */
import type { Instant } from '../domain/types.ts';
import type { Letter } from '../ports.ts';
import { type AlertDeps, enqueueAlerts } from './deliver-alert.ts';
import { nextAttemptDueAt, readiness } from '../domain/alert-delivery.ts';
import { deemLetter } from './deem-notification.ts';
import { MINUTE_MS, msBetween, plusMs } from './instants.ts';
import { scheduleNextTimer } from './letter-timer.ts';
import { updateLetter } from './letter-updates.ts';
import { settleCursor } from './reminder-cursor.ts';
import { dueReminderSlot, sendLetterReminder } from './send-reminder.ts';

/** A transition due longer ago than this should have been applied by its schedule: the sweep repaired it. */
export const SWEEP_GRACE_MS = 15 * MINUTE_MS;
export const DEFAULT_SWEEP_PAGE = 100;
/** Pages per index and run: bounds one run's work; the next run continues. */
const MAX_PAGES = 50;
/** The overdue backlog is counted up to this many letters (one index query); more reads as this. */
export const BACKLOG_COUNT_LIMIT = 1000;

export interface SweepResult {
  /** Letters deemed notified (R5) by this run. */
  readonly deemed: number;
  /** Reminder days sent (R11) by this run. */
  readonly reminders: number;
  /** Alerts this run queued again because their attempt was due and not made (R11). */
  readonly alerts: number;
  /** Of all these, how many were overdue by more than the grace period: a schedule was lost or very late. */
  readonly repaired: number;
  /** Letters that could not be processed (e.g. store throttling); the next run retries them. */
  readonly failed: number;
  /**
   * R5: letters whose window ended more than the grace period ago and that were still not deemed
   * when this run started (at most {@link BACKLOG_COUNT_LIMIT}): what the schedules left behind.
   */
  readonly overdueBacklog: number;
}

/**
 * R5 and R11: applies every deemed notification, reminder and alert attempt due before now.
 * @param input.limit page size of each index query (default 100).
 */
export async function sweep(deps: AlertDeps, input: { readonly limit?: number } = {}): Promise<SweepResult> {
  const now = deps.clock.now();
  const overdueBefore = plusMs(now, -SWEEP_GRACE_MS);
  const limit = Math.max(1, Math.floor(input.limit ?? DEFAULT_SWEEP_PAGE));
  let deemed = 0;
  let reminders = 0;
  let alerts = 0;
  let repaired = 0;
  const failed = new Set<string>();
  const overdueBacklog = (await deps.letters.pendingDeemedBefore(overdueBefore, BACKLOG_COUNT_LIMIT)).length;

  await forEachDue(
    (size) => deps.letters.pendingDeemedBefore(now, size),
    limit,
    failed,
    async (letter) => {
      const { changed } = await deemLetter(deps, letter.id, letter);
      if (!changed) return;
      deemed += 1;
      if (letter.windowEnd !== null && isAtOrBefore(letter.windowEnd, overdueBefore)) repaired += 1;
    },
  );

  await forEachDue(
    (size) => deps.letters.remindersDueBefore(now, size),
    limit,
    failed,
    async (letter) => {
      // R11: alerts whose queued message was lost or is late, then the reminder due, if any.
      const redriven = await redriveAlerts(deps, letter, now);
      alerts += redriven.attempted;
      repaired += redriven.overdue;
      const slot = dueReminderSlot(letter, deps.config.rules, now);
      if (slot !== null && (await sendLetterReminder(deps, letter, slot.day))) {
        reminders += 1;
        if (isAtOrBefore(slot.at, overdueBefore)) repaired += 1;
        await scheduleNextTimer(deps, letter, slot.at);
        return;
      }
      if (slot === null) await settleLetterCursor(deps, letter, now);
    },
  );

  return { deemed, reminders, alerts, repaired, failed: failed.size, overdueBacklog };
}

/** Queues again every unfinished alert of the letter whose attempt is due (its message was lost or is late). */
async function redriveAlerts(
  deps: AlertDeps,
  letter: Letter,
  now: Instant,
): Promise<{ attempted: number; overdue: number }> {
  const overdueBefore = plusMs(now, -SWEEP_GRACE_MS);
  const due = letter.alerts.filter((alert) => {
    const state = readiness(alert, now);
    return state === 'ready' || state === 'exhausted';
  });
  await enqueueAlerts(deps, letter.id, due);
  const overdue = due.filter((alert) => isAtOrBefore(nextAttemptDueAt(alert) ?? letter.availableAt, overdueBefore)).length;
  return { attempted: due.length, overdue };
}

/** Moves a cursor left on a stage with nothing more to do (rules changed, letter read meanwhile). */
async function settleLetterCursor(deps: AlertDeps, letter: Letter, now: Instant): Promise<void> {
  await updateLetter(
    deps.letters,
    letter.id,
    (current) => {
      const settled = settleCursor(current, deps.config.rules, now);
      return settled === current ? null : settled;
    },
    letter,
  );
}

function isAtOrBefore(a: Instant, b: Instant): boolean {
  return msBetween(a, b) >= 0;
}

/**
 * Pages through an index whose entries leave it once processed. A letter that fails is counted
 * and skipped for the rest of the run; one already processed (an index lagging behind its table)
 * is skipped too; a page with nothing new ends the run.
 */
async function forEachDue(
  page: (size: number) => Promise<Letter[]>,
  limit: number,
  failed: Set<string>,
  apply: (letter: Letter) => Promise<void>,
): Promise<void> {
  const seen = new Set<string>();
  for (let round = 0; round < MAX_PAGES; round += 1) {
    // Failed letters still occupy the front of the index: ask for enough to get past them.
    const size = limit + failed.size;
    const letters = await page(size);
    const fresh = letters.filter((letter) => !seen.has(letter.id) && !failed.has(letter.id));
    for (const letter of fresh) {
      seen.add(letter.id);
      try {
        await apply(letter);
      } catch {
        // Counted in the result; the letter stays in its index for the next run.
        failed.add(letter.id);
      }
    }
    if (fresh.length === 0 || letters.length < size) return;
  }
}
