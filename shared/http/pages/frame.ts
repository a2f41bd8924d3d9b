/**
 * The frame every page is rendered in: its language (the account's, else the visitor's choice),
 * where it is (for the language switch) and the logged-in header.
 */
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Language } from '../../domain/types.ts';
import type { Deps } from '../../ports.ts';
import type { Profile } from '../../use-cases/get-profile.ts';
import { catalogueFor, isLanguage, negotiateLanguage } from '../i18n/index.ts';
import { LANGUAGE_COOKIE } from '../session.ts';
import type { PageContext } from './layout.tsx';
import { viewerOf } from './viewer.ts';

/** The language before logging in: the `lang` cookie, else the browser's, else French. */
export function visitorLanguage(c: Context): Language {
  const chosen = getCookie(c, LANGUAGE_COOKIE);
  if (isLanguage(chosen)) return chosen;
  return negotiateLanguage(c.req.header('accept-language')) ?? 'fr';
}

/** Where the page is, for the language switch to come back to. */
function currentPath(c: Context): string {
  const url = new URL(c.req.url);
  return `${url.pathname}${url.search}`;
}

export function pageContext(c: Context, language: Language, profile?: Profile): PageContext {
  return {
    t: catalogueFor(language),
    language,
    path: currentPath(c),
    ...(profile === undefined ? {} : { applicant: { unreadCount: profile.unreadCount } }),
  };
}

export function renderPage(c: Context, page: Child, status: ContentfulStatusCode = 200): Response {
  return c.html(`<!doctype html>${String(page)}`, status);
}

/**
 * The frame of a page that is not tied to a route (not found, an error): the logged-in header and
 * the account's language when the request carries a live session, the visitor's otherwise.
 */
export async function framePageContext(c: Context, deps: Deps): Promise<PageContext> {
  const profile = await viewerOf(deps, c).catch(() => null);
  return profile === null ? pageContext(c, visitorLanguage(c)) : pageContext(c, profile.language, profile);
}
