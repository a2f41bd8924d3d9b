/**
 * A forgotten password: the applicant asks for a six-digit code by SMS or e-mail (docs/api.md
 * `POST /api/v1/password/reset-code`). The answer is always the same, so it tells nobody whether
 * an account exists or has that channel.
 *
 * docs/api.md (no enumeration): the request and the issuing are two steps. `requestResetCode`, on
 * the request path, only hands the request on (`ResetCodeRequests`: the alert queue in the cloud,
 * a background task locally) — no lookup, no store call, the same work whoever asks.
 * `issueResetCode` (issue-reset-code.ts), after the answer, does everything that depends on the
 * account. This module imports nothing of it, so the applicant-facing bundle carries none of it.
 */
import { normalizeIdentifier } from '../domain/identity.ts';
import type { AlertChannel } from '../domain/types.ts';
import type { Deps } from '../ports.ts';

/**
 * The request path: the identifier normalised, the request handed on with the instant it was
 * made. Nothing here reads or writes the store or sends anything, whatever the identifier.
 */
export async function requestResetCode(
  deps: Pick<Deps, 'clock' | 'resetCodeRequests'>,
  input: { readonly identifier: string; readonly channel: AlertChannel },
): Promise<void> {
  const requests = deps.resetCodeRequests;
  if (requests === undefined) throw new Error('No ResetCodeRequests wired: the composition root must give one.');
  await requests.submit({ identifier: normalizeIdentifier(input.identifier), channel: input.channel, requestedAt: deps.clock.now() });
}

