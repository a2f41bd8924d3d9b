/**
 * A forgotten password: the applicant asks for a six-digit code by SMS or e-mail (docs/api.md
 * `POST /api/v1/password/reset-code`). The answer is always the same, so it tells nobody whether
 * an account exists or has that channel.
 */
import { alertMessage } from '../domain/alert-messages.ts';
import type { AlertChannel } from '../domain/types.ts';
import { normalizeIdentifier } from '../domain/identity.ts';
import type { Deps } from '../ports.ts';
import { MINUTE_MS, msBetween, plusMs } from './instants.ts';
import { updateApplicant } from './letter-updates.ts';
import { lockedUntil } from './lockout.ts';

export const RESET_CODE_LIFETIME_MS = 15 * MINUTE_MS;
/** One code per minute at most: asking again sooner sends nothing (SMS cost, flooding). */
const RESET_CODE_MIN_INTERVAL_MS = MINUTE_MS;

/**
 * Issues a code valid 15 minutes (only its hash is stored; a new code replaces the previous one)
 * and sends it to the channel if the account is active and has it. Silent in every case: unknown
 * identifier, no such channel, locked out, asked again within a minute, or the provider refused.
 */
export async function requestResetCode(
  deps: Pick<Deps, 'applicants' | 'hasher' | 'ids' | 'clock' | 'notifier' | 'config'>,
  input: { readonly identifier: string; readonly channel: AlertChannel },
): Promise<void> {
  const now = deps.clock.now();
  const applicant = await deps.applicants.findByIdentifier(normalizeIdentifier(input.identifier));
  if (applicant === null || applicant.activatedAt === null || lockedUntil(applicant.failedAttempts, now) !== null) return;
  const to = input.channel === 'sms' ? applicant.phone : applicant.email;
  if (to === null) return;
  const previous = applicant.resetCode;
  if (previous !== null && msBetween(plusMs(previous.expiresAt, -RESET_CODE_LIFETIME_MS), now) < RESET_CODE_MIN_INTERVAL_MS) return;

  const code = deps.ids.resetCode();
  const expiresAt = plusMs(now, RESET_CODE_LIFETIME_MS);
  const hash = await deps.hasher.hash(code);
  await updateApplicant(deps.applicants, applicant.agdref, (current) => ({ ...current, resetCode: { hash, expiresAt, wrongTries: 0 } }), applicant);

  const message = alertMessage({ channel: input.channel, kind: 'resetCode', language: applicant.language, publicUrl: deps.config.publicUrl, code });
  // Not retried: the applicant sees no code arrive and asks again.
  await deps.notifier.send({
    id: `reset.${applicant.agdref}.${Date.parse(now)}`,
    channel: input.channel,
    to,
    language: applicant.language,
    text: message.text,
    ...(message.subject === undefined ? {} : { subject: message.subject }),
    ...(message.html === undefined ? {} : { html: message.html }),
  });
}
