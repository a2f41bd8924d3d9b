/**
 * The applicant's session cookie (docs/api.md: `session=…; HttpOnly; Secure; SameSite=Strict; Path=/`)
 * and the middleware that turns it into an authenticated AGDREF number.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { ForbiddenError, UnauthenticatedError } from '../errors.ts';
import type { Deps } from '../ports.ts';
import { authenticate } from '../use-cases/authenticate.ts';
import { authenticateHelper } from '../use-cases/helper-accounts.ts';
import type { AppEnv } from './context.ts';

export const SESSION_COOKIE = 'session';
/** docs/api.md "Helpers": a helper's session has its own cookie, never accepted as an applicant's. */
export const HELPER_SESSION_COOKIE = 'helper_session';
export const LANGUAGE_COOKIE = 'lang';
const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

/** A browser-session cookie: it goes when the browser closes; the server ends it sooner when idle. */
export function setSessionCookie(c: Context, token: string, secure: boolean): void {
  setCookie(c, SESSION_COOKIE, token, { httpOnly: true, secure, sameSite: 'Strict', path: '/' });
}

export function clearSessionCookie(c: Context, secure: boolean): void {
  deleteCookie(c, SESSION_COOKIE, { httpOnly: true, secure, sameSite: 'Strict', path: '/' });
}

export function sessionToken(c: Context): string | undefined {
  const token = getCookie(c, SESSION_COOKIE);
  return token === undefined || token === '' ? undefined : token;
}

export function setHelperSessionCookie(c: Context, token: string, secure: boolean): void {
  setCookie(c, HELPER_SESSION_COOKIE, token, { httpOnly: true, secure, sameSite: 'Strict', path: '/' });
}

export function clearHelperSessionCookie(c: Context, secure: boolean): void {
  deleteCookie(c, HELPER_SESSION_COOKIE, { httpOnly: true, secure, sameSite: 'Strict', path: '/' });
}

export function helperSessionToken(c: Context): string | undefined {
  const token = getCookie(c, HELPER_SESSION_COOKIE);
  return token === undefined || token === '' ? undefined : token;
}

/** The helper id of a live helper session, or null. */
export async function currentHelper(deps: Pick<Deps, 'helperSessions' | 'clock'>, c: Context): Promise<string | null> {
  const token = helperSessionToken(c);
  if (token === undefined) return null;
  try {
    return (await authenticateHelper(deps, { token })).helperId;
  } catch (error) {
    if (error instanceof UnauthenticatedError) return null;
    throw error;
  }
}

/**
 * Helper API routes: 401 without a valid helper session; 403 for a request that carries only an
 * applicant's session (docs/api.md: an applicant session cannot reach helper routes).
 */
export function requireHelperSession(deps: Pick<Deps, 'helperSessions' | 'clock'>): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = helperSessionToken(c);
    if (token === undefined) {
      if (sessionToken(c) !== undefined) throw new ForbiddenError('forbidden', 'An applicant session cannot use helper routes.');
      throw new UnauthenticatedError();
    }
    const { helperId } = await authenticateHelper(deps, { token });
    c.set('helperId', helperId);
    await next();
  };
}

/** The language chosen before logging in (kept after logging out, so the login page stays readable). */
export function setLanguageCookie(c: Context, language: string, secure: boolean): void {
  setCookie(c, LANGUAGE_COOKIE, language, { httpOnly: true, secure, sameSite: 'Lax', path: '/', maxAge: ONE_YEAR_SECONDS });
}

/** The AGDREF number of the session's applicant, or null when there is no valid session. */
export async function currentApplicant(deps: Pick<Deps, 'sessions' | 'clock'>, c: Context): Promise<string | null> {
  const token = sessionToken(c);
  if (token === undefined) return null;
  try {
    return (await authenticate(deps, { token })).agdref;
  } catch (error) {
    if (error instanceof UnauthenticatedError) return null;
    throw error;
  }
}

/** API routes that need a session: 401 `unauthenticated` without a valid one. */
export function requireSession(deps: Pick<Deps, 'sessions' | 'clock'>): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = sessionToken(c);
    if (token === undefined) {
      // docs/api.md "Helpers": a helper session never reaches an applicant route (nor a letter's content).
      if (helperSessionToken(c) !== undefined) throw new ForbiddenError('forbidden', 'A helper session cannot use applicant routes.');
      throw new UnauthenticatedError();
    }
    const { agdref } = await authenticate(deps, { token });
    c.set('agdref', agdref);
    c.set('sessionToken', token);
    await next();
  };
}
