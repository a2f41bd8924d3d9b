/**
 * Helpers' accounts (docs/api.md "Helpers"): the office creates one (`POST /api/v1/agent/helpers`), the
 * helper activates it with the one-time key and logs in by e-mail. Activation and log-in are the
 * applicant's own functions (activateAccountWithKey, logInAccount): same password policy, same
 * lockout, same hashing, same session rules — only the store of accounts and sessions differs.
 */
import { CONNECTION_KEY_LENGTH, isEmail, normalizeConnectionKey, passwordPolicyFailures } from '../domain/identity.ts';
import type { Instant } from '../domain/types.ts';
import { AlreadyExistsError, InvalidPasswordError, ItemAlreadyExistsError, NotFoundError, ValidationError } from '../errors.ts';
import type { Deps, Helper, HelperRepository } from '../ports.ts';
import { activateAccountWithKey, activated } from './activate-account.ts';
import { authenticate } from './authenticate.ts';
import { HOUR_MS, msBetween, plusMs } from './instants.ts';
import { type Change, updateWithRetry } from './letter-updates.ts';
import { lockoutSubject } from './lockout.ts';
import { logInAccount, openSession } from './log-in.ts';
import { logOut } from './log-out.ts';

/** docs/api.md: the grant code a helper shows an applicant has 8 characters and is valid 24 h. */
export const GRANT_CODE_LENGTH = 8;
export const GRANT_CODE_VALIDITY_MS = 24 * HOUR_MS;
/** A code with less than this left is replaced, so an applicant never types one about to expire. */
const GRANT_CODE_MIN_LEFT_MS = HOUR_MS;
/** Free text (name, organisation): at most this many characters. */
const TEXT_MAX = 120;

/** E-mails are compared lower-cased and trimmed: one helper per address. */
export function normalizeHelperEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** A helper changed through `change`, conditionally on its version (see updateWithRetry). */
export function updateHelper(helpers: HelperRepository, helperId: string, change: Change<Helper>, snapshot?: Helper) {
  return updateWithRetry(helpers, helperId, 'helper', change, snapshot);
}

/**
 * The helper's lockout subject (lockout.ts): `helper:<helperId>`, or — for an e-mail no helper has —
 * the applicants' subject of that identifier, so an unknown e-mail is locked out exactly the same way.
 */
export function helperLockoutSubject(helper: Helper | null, email: string): string {
  return helper === null ? lockoutSubject(null, email) : `helper:${helper.helperId}`;
}

export interface CreateHelperInput {
  readonly email: string;
  readonly name: string;
  readonly organisation: string;
}

/**
 * The office creates a helper's account; the connection key is returned in clear this once only.
 * @throws ValidationError naming each bad field; AlreadyExistsError if the e-mail is taken.
 */
export async function createHelper(
  deps: Pick<Deps, 'helpers' | 'clock' | 'ids' | 'hasher'>,
  input: CreateHelperInput,
): Promise<{ helperId: string; connectionKey: string }> {
  const email = normalizeHelperEmail(input.email);
  const fields: Record<string, string> = {};
  if (!isEmail(email)) fields.email = 'must be an e-mail address';
  const name = input.name.trim();
  const organisation = input.organisation.trim();
  if (name === '' || name.length > TEXT_MAX) fields.name = `must be 1 to ${TEXT_MAX} characters`;
  if (organisation === '' || organisation.length > TEXT_MAX) fields.organisation = `must be 1 to ${TEXT_MAX} characters`;
  if (Object.keys(fields).length > 0) throw new ValidationError(fields);

  const connectionKey = deps.ids.connectionKey();
  const helper: Helper = {
    helperId: deps.ids.uniqueId(),
    email,
    name,
    organisation,
    connectionKeyHash: await deps.hasher.hash(normalizeConnectionKey(connectionKey)),
    passwordHash: null,
    activatedAt: null,
    createdAt: deps.clock.now(),
    failedAttempts: [],
    grantCode: null,
    version: 1,
  };
  try {
    await deps.helpers.create(helper);
  } catch (error) {
    if (error instanceof ItemAlreadyExistsError) throw new AlreadyExistsError('helper');
    throw error;
  }
  return { helperId: helper.helperId, connectionKey };
}

/**
 * The helper sets a password with the one-time key (the applicant's activation, on the helper store).
 * @throws InvalidPasswordError; InvalidCredentialsError (wrong key or unknown e-mail — the same); TooManyAttemptsError; AlreadyActiveError.
 */
export async function activateHelper(
  deps: Pick<Deps, 'helpers' | 'attempts' | 'hasher' | 'clock'>,
  input: { readonly email: string; readonly connectionKey: string; readonly password: string },
): Promise<void> {
  const unmet = passwordPolicyFailures(input.password);
  if (unmet.length > 0) throw new InvalidPasswordError(unmet);
  const email = normalizeHelperEmail(input.email);
  const found = await deps.helpers.findByEmail(email);
  await activateAccountWithKey(deps, helperLockoutSubject(found, email), found, input, (helper, passwordHash, now) =>
    updateHelper(deps.helpers, helper.helperId, (current) => activated(current, helper, passwordHash, now), helper),
  );
}

/**
 * The helper logs in by e-mail (the applicant's log-in, on the helper store and helper sessions).
 * @throws InvalidCredentialsError (the same for an unknown e-mail); TooManyAttemptsError while locked out.
 */
export async function logInHelper(
  deps: Pick<Deps, 'helpers' | 'helperSessions' | 'attempts' | 'hasher' | 'ids' | 'clock'>,
  input: { readonly email: string; readonly password: string },
): Promise<{ token: string; expiresAt: Instant }> {
  const email = normalizeHelperEmail(input.email);
  const found = await deps.helpers.findByEmail(email);
  return logInAccount(deps, helperLockoutSubject(found, email), found, input.password, (helper) =>
    openSession({ sessions: deps.helperSessions, ids: deps.ids, clock: deps.clock }, helper.helperId),
  );
}

/** The helper of a live helper session (same idle/absolute expiry as the applicant's). @throws UnauthenticatedError */
export async function authenticateHelper(
  deps: Pick<Deps, 'helperSessions' | 'clock'>,
  input: { readonly token: string },
): Promise<{ helperId: string; expiresAt: Instant }> {
  const { agdref: helperId, expiresAt } = await authenticate({ sessions: deps.helperSessions, clock: deps.clock }, input);
  return { helperId, expiresAt };
}

/** Ends a helper session server-side. */
export function logOutHelper(deps: Pick<Deps, 'helperSessions'>, input: { readonly token: string }): Promise<void> {
  return logOut({ sessions: deps.helperSessions }, input);
}

export interface HelperProfile {
  readonly helperId: string;
  readonly name: string;
  readonly organisation: string;
  /** 8 characters the helper shows to an applicant, valid 24 h. */
  readonly grantCode: string;
  readonly grantCodeExpiresAt: Instant;
}

/** A fresh code: 8 symbols of the connection-key alphabet (Crockford base 32, 40 bits). */
function newGrantCode(deps: Pick<Deps, 'ids'>): string {
  return normalizeConnectionKey(deps.ids.connectionKey()).slice(CONNECTION_KEY_LENGTH - GRANT_CODE_LENGTH);
}

/**
 * The helper's profile with a grant code valid for at least another hour: the current one, or a
 * new one (its lookup item created first, then recorded on the helper with a conditional write).
 * @throws NotFoundError if the helper does not exist.
 */
export async function getHelperProfile(
  deps: Pick<Deps, 'helpers' | 'grants' | 'ids' | 'clock'>,
  input: { readonly helperId: string },
): Promise<HelperProfile> {
  const now = deps.clock.now();
  let helper = await deps.helpers.get(input.helperId);
  if (helper === null) throw new NotFoundError('helper');
  const current = helper.grantCode;
  if (current === null || msBetween(now, current.expiresAt) < GRANT_CODE_MIN_LEFT_MS) {
    const code = { code: newGrantCode(deps), helperId: helper.helperId, expiresAt: plusMs(now, GRANT_CODE_VALIDITY_MS) };
    await deps.grants.createCode(code);
    const updated = await updateHelper(
      deps.helpers,
      helper.helperId,
      (stored) => (stored.grantCode === current ? { ...stored, grantCode: { code: code.code, expiresAt: code.expiresAt } } : null),
      helper,
    );
    helper = updated.record;
  }
  const grantCode = helper.grantCode;
  if (grantCode === null) throw new NotFoundError('helper');
  return { helperId: helper.helperId, name: helper.name, organisation: helper.organisation, grantCode: grantCode.code, grantCodeExpiresAt: grantCode.expiresAt };
}
