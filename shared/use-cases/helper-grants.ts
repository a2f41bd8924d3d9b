/**
 * Consent (docs/api.md "Helpers"): only the applicant grants a helper access, by typing the code the
 * helper shows; the grant lasts 6 months, is renewed by typing a code again, and ends at once with
 * "Remove access". The office never grants. The applicant sees every helper with what each looked at.
 */
import { addDays, addMonthsClamped, parisDate, startOfParisDay } from '../domain/calendar.ts';
import { normalizeConnectionKey } from '../domain/identity.ts';
import type { Instant } from '../domain/types.ts';
import { NotFoundError, UnknownGrantCodeError, ValidationError } from '../errors.ts';
import type { AccessLogEntry, Deps, Grant, HelperAccessKind } from '../ports.ts';
import { GRANT_CODE_LENGTH } from './helper-accounts.ts';

/** docs/api.md: a grant lasts 6 months. */
export const GRANT_MONTHS = 6;
/** How many access-log lines the account page shows (newest first). */
export const ACCESS_LOG_SHOWN = 200;

/** A grant made at `now` lasts until the end of the Paris day 6 months later. */
export function grantExpiry(now: Instant): Instant {
  return startOfParisDay(addDays(addMonthsClamped(parisDate(now), GRANT_MONTHS), 1));
}

/**
 * The applicant gives the code's helper access (or renews it for 6 more months).
 * @throws ValidationError if the code cannot be one; UnknownGrantCodeError if no live code matches.
 */
export async function grantHelperAccess(
  deps: Pick<Deps, 'grants' | 'helpers' | 'clock'>,
  input: { readonly agdref: string; readonly grantCode: string },
): Promise<Grant> {
  const code = normalizeConnectionKey(input.grantCode);
  if (!/^[0-9A-Z]+$/.test(code) || code.length !== GRANT_CODE_LENGTH) {
    throw new ValidationError({ grantCode: `must be ${GRANT_CODE_LENGTH} letters and digits` });
  }
  const now = deps.clock.now();
  const found = await deps.grants.findCode(crockford(code), now);
  if (found === null) throw new UnknownGrantCodeError();
  const helper = await deps.helpers.get(found.helperId);
  if (helper === null || helper.activatedAt === null) throw new UnknownGrantCodeError();
  const grant: Grant = {
    agdref: input.agdref,
    helperId: helper.helperId,
    helperName: helper.name,
    organisation: helper.organisation,
    grantedAt: now,
    expiresAt: grantExpiry(now),
  };
  await deps.grants.putGrant(grant);
  return grant;
}

/** Crockford base 32 reading: O is 0, I and L are 1 (docs/api.md connection keys; the same for codes). */
function crockford(code: string): string {
  return code.replace(/O/g, '0').replace(/[IL]/g, '1');
}

export interface HelperWithViews {
  readonly helperId: string;
  readonly name: string;
  readonly organisation: string;
  readonly grantedAt: Instant;
  readonly expiresAt: Instant;
  readonly views: ReadonlyArray<{ readonly at: Instant; readonly what: HelperAccessKind }>;
}

/** The applicant's helpers with live grants, each with what they looked at (newest first). Two queries, in parallel. */
export async function listMyHelpers(deps: Pick<Deps, 'grants' | 'clock'>, input: { readonly agdref: string }): Promise<HelperWithViews[]> {
  const now = deps.clock.now();
  const [grants, log] = await Promise.all([deps.grants.grantsOfApplicant(input.agdref, now), deps.grants.accessLog(input.agdref, ACCESS_LOG_SHOWN)]);
  return grants
    .sort((a, b) => (a.grantedAt < b.grantedAt ? -1 : a.grantedAt > b.grantedAt ? 1 : 0))
    .map((grant) => ({
      helperId: grant.helperId,
      name: grant.helperName,
      organisation: grant.organisation,
      grantedAt: grant.grantedAt,
      expiresAt: grant.expiresAt,
      views: log.filter((entry) => entry.helperId === grant.helperId).map((entry) => ({ at: entry.at, what: entry.what })),
    }));
}

/**
 * The applicant removes a helper's access: the grant item is deleted, so the helper's next request
 * (a strongly consistent read of it) is 404.
 * @throws NotFoundError if this helper had no grant.
 */
export async function revokeHelperAccess(deps: Pick<Deps, 'grants'>, input: { readonly agdref: string; readonly helperId: string }): Promise<void> {
  const deleted = await deps.grants.deleteGrant(input.helperId, input.agdref);
  if (!deleted) throw new NotFoundError('helper');
}

/** The access-log lines of one helper request about these grants' applicants. */
export function accessEntries(grants: readonly Grant[], what: HelperAccessKind, at: Instant): AccessLogEntry[] {
  return grants.map((grant) => ({
    agdref: grant.agdref,
    helperId: grant.helperId,
    helperName: grant.helperName,
    organisation: grant.organisation,
    at,
    what,
  }));
}
