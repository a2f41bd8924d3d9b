/**
 * The applicant's session cookie (docs/api.md: `session=…; HttpOnly; Secure; SameSite=Strict; Path=/`)
 * and the middleware that turns it into an authenticated AGDREF number.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { UnauthenticatedError } from '../errors.ts';
import type { Deps } from '../ports.ts';
import { authenticate } from '../use-cases/authenticate.ts';
import type { AppEnv } from './context.ts';

export const SESSION_COOKIE = 'session';
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
    if (token === undefined) throw new UnauthenticatedError();
    const { agdref } = await authenticate(deps, { token });
    c.set('agdref', agdref);
    c.set('sessionToken', token);
    await next();
  };
}
