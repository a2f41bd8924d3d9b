/**
 * A forgotten password, after the answer (docs/api.md `POST /api/v1/password/reset-code`, "no
 * enumeration"): the request handed on by `requestResetCode` is issued here — by the alert queue's
 * consumer in the cloud, by a background task of the local server, at once in tests.
 */
import { alertMessage } from '../domain/alert-messages.ts';
import { normalizeIdentifier } from '../domain/identity.ts';
import type { Instant } from '../domain/types.ts';
import type { Deps, ResetCodeRequest, ResetCodeRequests } from '../ports.ts';
import { MINUTE_MS, msBetween, plusMs } from './instants.ts';
import { updateApplicant } from './letter-updates.ts';
import { isLockedOut, lockoutSubject } from './lockout.ts';

export const RESET_CODE_LIFETIME_MS = 15 * MINUTE_MS;
/** One code per minute at most: asking again sooner sends nothing (SMS cost, flooding). */
const RESET_CODE_MIN_INTERVAL_MS = MINUTE_MS;

export type IssueResetCodeDeps = Pick<Deps, 'applicants' | 'attempts' | 'hasher' | 'ids' | 'clock' | 'notifier' | 'config'>;

/** Issues at once, awaited (where nobody answers first: tests). */
export function inlineResetCodeRequests(deps: IssueResetCodeDeps): ResetCodeRequests {
  return { submit: (request) => issueResetCode(deps, request) };
}

/**
 * After the answer: issues a code valid 15 minutes from the request (only its hash is stored; a
 * new code replaces the previous one) and sends it to the channel if the account is active and
 * has it. Silent in every case: unknown identifier, no such channel, locked out, asked again
 * within a minute of the last code (also what makes a request delivered twice issue one code),
 * a request older than a code's lifetime, or the provider refused.
 */
export async function issueResetCode(deps: IssueResetCodeDeps, request: ResetCodeRequest): Promise<void> {
  const now = deps.clock.now();
  const { channel, requestedAt } = request;
  const expiresAt: Instant = plusMs(requestedAt, RESET_CODE_LIFETIME_MS);
  // A request that waited out a code's lifetime (a queue outage) is dropped: the applicant asks again.
  if (msBetween(now, expiresAt) <= 0) return;
  const identifier = normalizeIdentifier(request.identifier);
  const applicant = await deps.applicants.findByIdentifier(identifier);
  if (applicant === null || applicant.activatedAt === null) return;
  if (await isLockedOut(deps.attempts, lockoutSubject(applicant, identifier), now)) return;
  const to = channel === 'sms' ? applicant.phone : applicant.email;
  if (to === null) return;
  const previous = applicant.resetCode;
  if (previous !== null && msBetween(plusMs(previous.expiresAt, -RESET_CODE_LIFETIME_MS), requestedAt) < RESET_CODE_MIN_INTERVAL_MS) return;

  const code = deps.ids.resetCode();
  const hash = await deps.hasher.hash(code);
  await updateApplicant(deps.applicants, applicant.agdref, (current) => ({ ...current, resetCode: { hash, expiresAt, wrongTries: 0 } }), applicant);
  const { text, subject, body } = alertMessage({ channel, kind: 'resetCode', language: applicant.language, publicUrl: deps.config.publicUrl, code });
  const id = `reset.${applicant.agdref}.${Date.parse(requestedAt)}`;
  // Not retried: the applicant sees no code arrive and asks again.
  await deps.notifier.send({ id, channel, to, language: applicant.language, text, ...(subject === undefined ? {} : { subject }), ...(body === undefined ? {} : { body }) });
}
