/**
 * A helper's optional daily e-mail digest (docs/api.md "Helpers"): off by default; once a helper turns
 * it on, the daily run sends them one e-mail per Paris day with counts only (people followed,
 * unread letters, people with an unread letter at ≤ 5 days, people with a deadline within 7 days)
 * and a link to `/helper` — never a name, an AGDREF number, a title or a date about anyone.
 *
 * - Once a day: the run claims the day on the helper's digest item with a conditional write
 *   (HelperRepository.claimDigestDay) *before* sending, so concurrent or repeated runs (the hourly
 *   sweep, a local restart) send it once. A send that fails temporarily gives the day back and the
 *   next run tries again; a permanent failure keeps it (no retry loop on a bad address).
 * - A helper who follows nobody gets no e-mail (nothing to count); the day is still marked handled.
 * - R4: the digest reads letters with listForApplicant only, like the helper's list: it never
 *   opens a letter, changes no date and writes nothing to a letter. It reads metadata about each
 *   applicant counted, so each of them gets one access-log line `digest` (transparency, as for the
 *   helper's list), written only when the e-mail is actually about to go.
 */
import { addDays, compareDates, parisDate, parisInstant } from '../domain/calendar.ts';
import { DIGEST_HORIZON_DAYS, type DigestCounts, helperDigestMessage } from '../domain/helper-digest-message.ts';
import type { Instant, ParisDate } from '../domain/types.ts';
import { isUrgent, type ApplicantWatch } from '../domain/watch.ts';
import { NotFoundError } from '../errors.ts';
import type { Deps, HelperDigest } from '../ports.ts';
import { accessEntries } from './helper-grants.ts';
import { watchGranted } from './helper-views.ts';

/** The digests go out from the first run at or after this Paris time each day. */
export const DIGEST_TIME = '08:00';

export interface DigestPreference {
  readonly enabled: boolean;
  readonly language: 'fr' | 'en';
}

/** The helper's preference: off (in French) until they set it. */
export async function getDigestPreference(deps: Pick<Deps, 'helpers'>, input: { readonly helperId: string }): Promise<DigestPreference> {
  const stored = await deps.helpers.getDigest(input.helperId);
  return stored === null ? { enabled: false, language: 'fr' } : { enabled: stored.enabled, language: stored.language };
}

/** Turns the digest on or off, in `language`; the helper's e-mail is the one they log in with. */
export async function setDigestPreference(
  deps: Pick<Deps, 'helpers'>,
  input: { readonly helperId: string } & DigestPreference,
): Promise<DigestPreference> {
  const helper = await deps.helpers.get(input.helperId);
  if (helper === null) throw new NotFoundError('helper');
  const stored = await deps.helpers.setDigest({ helperId: helper.helperId, email: helper.email, language: input.language, enabled: input.enabled });
  return { enabled: stored.enabled, language: stored.language };
}

/** The counts of one digest, from the summaries of the applicants followed at `today`. */
export function digestCounts(watched: readonly ApplicantWatch[], today: ParisDate): DigestCounts {
  const horizon = addDays(today, DIGEST_HORIZON_DAYS - 1);
  return {
    followed: watched.length,
    unreadLetters: watched.reduce((sum, watch) => sum + watch.unreadCount, 0),
    urgent: watched.filter(isUrgent).length,
    deadlinesSoon: watched.filter((watch) => watch.nextDeadline !== null && compareDates(watch.nextDeadline.date, horizon) <= 0).length,
  };
}

export interface DigestRunResult {
  /** False before {@link DIGEST_TIME} (Paris): the run did nothing. */
  readonly due: boolean;
  /** E-mails accepted by the provider. */
  readonly sent: number;
  /** Helpers whose day was already handled (by an earlier or a concurrent run). */
  readonly alreadyHandled: number;
  /** Helpers who follow nobody today: no e-mail. */
  readonly nothingToSend: number;
  /** Sends or reads that failed; temporary ones are retried by the next run. */
  readonly failed: number;
}

type DigestOutcome = 'sent' | 'alreadyHandled' | 'nothingToSend' | 'failed';

/**
 * Sends today's digest to every helper who turned it on and has not had it today. Meant for every
 * run of the hourly sweep (and the local system's timer): before 08:00 Paris it does nothing, then
 * the first run of the day sends, and the later ones find the day handled.
 */
export async function sendHelperDigests(
  deps: Pick<Deps, 'helpers' | 'grants' | 'letters' | 'notifier' | 'clock' | 'config'>,
  input: { readonly time?: string } = {},
): Promise<DigestRunResult> {
  const now = deps.clock.now();
  const today = parisDate(now);
  const result = { due: false, sent: 0, alreadyHandled: 0, nothingToSend: 0, failed: 0 };
  if (now < parisInstant(today, input.time ?? DIGEST_TIME)) return result;
  result.due = true;
  for (const digest of await deps.helpers.digestSubscribers()) {
    result[await sendOneDigest(deps, digest, today, now)] += 1;
  }
  return result;
}

async function sendOneDigest(
  deps: Pick<Deps, 'helpers' | 'grants' | 'letters' | 'notifier' | 'clock' | 'config'>,
  digest: HelperDigest,
  today: ParisDate,
  now: Instant,
): Promise<DigestOutcome> {
  // Read from an index that may lag: only the conditional claim decides.
  if (digest.lastDigestOn !== null && compareDates(digest.lastDigestOn, today) >= 0) return 'alreadyHandled';
  if (digest.email === '') return 'nothingToSend';
  if (!(await deps.helpers.claimDigestDay(digest, today))) return 'alreadyHandled';
  try {
    const grants = await deps.grants.grantsOfHelper(digest.helperId, now);
    if (grants.length === 0) return 'nothingToSend';
    const counts = digestCounts(await watchGranted(deps, grants, now), today);
    const message = helperDigestMessage(counts, digest.language, deps.config.publicUrl);
    // One PutItem per line, not a batch: the sweep function may not BatchWriteItem.
    for (const entry of accessEntries(grants, 'digest', now)) await deps.grants.logAccess([entry]);
    const sent = await deps.notifier.send({
      id: `digest-${digest.helperId}-${today}`,
      channel: 'email',
      to: digest.email,
      language: digest.language,
      subject: message.subject,
      text: message.text,
    });
    if (sent.status === 'accepted') return 'sent';
    // A provider that refuses for rate (or fails for now) gives the day back: the next hourly run sends.
    if (sent.status === 'temporaryFailure' || sent.status === 'throttled') await deps.helpers.releaseDigestDay(digest, today);
    return 'failed';
  } catch {
    await deps.helpers.releaseDigestDay(digest, today).catch(() => undefined);
    return 'failed';
  }
}
