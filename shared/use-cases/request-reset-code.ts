/**
 * A forgotten password: the applicant asks for a six-digit code by SMS or e-mail (docs/api.md
 * `POST /api/v1/password/reset-code`). The answer is always the same, so it tells nobody whether
 * an account exists or has that channel.
 */
import { alertMessage } from '../domain/alert-messages.ts';
import { normalizeIdentifier } from '../domain/identity.ts';
import type { AlertChannel } from '../domain/types.ts';
import type { Deps } from '../ports.ts';
import { MINUTE_MS, msBetween, plusMs } from './instants.ts';
import { updateApplicant } from './letter-updates.ts';
import { isLockedOut, lockoutSubject } from './lockout.ts';

export const RESET_CODE_LIFETIME_MS = 15 * MINUTE_MS;
/** One code per minute at most: asking again sooner sends nothing (SMS cost, flooding). */
const RESET_CODE_MIN_INTERVAL_MS = MINUTE_MS;

/** Runs what follows the answer: locally in the background; by default (tests, the simulator) awaited at once. */
export type AfterAnswer = (task: () => Promise<void>) => Promise<void> | void;

const inline: AfterAnswer = (task) => task();

/**
 * Issues a code valid 15 minutes (only its hash is stored; a new code replaces the previous one)
 * and sends it to the channel if the account is active and has it. Silent in every case: unknown
 * identifier, no such channel, locked out, asked again within a minute, or the provider refused.
 *
 * docs/api.md (no enumeration): before the answer, the same work is done whatever the account — one
 * lookup, one read of the lockout and one argon2id hash of a fresh code; storing the code and
 * sending it happen after the answer, through `afterAnswer`.
 */
export async function requestResetCode(
  deps: Pick<Deps, 'applicants' | 'attempts' | 'hasher' | 'ids' | 'clock' | 'notifier' | 'config'>,
  input: { readonly identifier: string; readonly channel: AlertChannel },
  afterAnswer: AfterAnswer = inline,
): Promise<void> {
  const now = deps.clock.now();
  const identifier = normalizeIdentifier(input.identifier);
  const applicant = await deps.applicants.findByIdentifier(identifier);
  const locked = await isLockedOut(deps.attempts, lockoutSubject(applicant, identifier), now);
  const code = deps.ids.resetCode();
  const hash = await deps.hasher.hash(code);
  if (applicant === null || applicant.activatedAt === null || locked) return;
  const to = input.channel === 'sms' ? applicant.phone : applicant.email;
  if (to === null) return;
  const previous = applicant.resetCode;
  if (previous !== null && msBetween(plusMs(previous.expiresAt, -RESET_CODE_LIFETIME_MS), now) < RESET_CODE_MIN_INTERVAL_MS) return;

  await afterAnswer(async () => {
    const expiresAt = plusMs(now, RESET_CODE_LIFETIME_MS);
    await updateApplicant(deps.applicants, applicant.agdref, (current) => ({ ...current, resetCode: { hash, expiresAt, wrongTries: 0 } }), applicant);
    const { text, subject, body } = alertMessage({ channel: input.channel, kind: 'resetCode', language: applicant.language, publicUrl: deps.config.publicUrl, code });
    const id = `reset.${applicant.agdref}.${Date.parse(now)}`;
    // Not retried: the applicant sees no code arrive and asks again.
    await deps.notifier.send({ id, channel: input.channel, to, language: applicant.language, text, ...(subject === undefined ? {} : { subject }), ...(body === undefined ? {} : { body }) });
  });
}
