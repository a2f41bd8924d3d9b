/** The language choice, for visitors and logged-in applicants alike (the account keeps it). */
import { Hono } from 'hono';
import type { Deps } from '../../ports.ts';
import { setLanguage } from '../../use-cases/set-language.ts';
import { isLanguage } from '../i18n/index.ts';
import { currentApplicant, setLanguageCookie } from '../session.ts';
import { readForm } from './form-checks.ts';
import { pageContext, renderPage, visitorLanguage } from './frame.ts';
import { LanguagePage } from './language-page.tsx';
import { type PagesEnv, viewerOf } from './viewer.ts';

/** Only a local path: never `//host` or a scheme (no open redirect through the language switch). */
function safeBack(value: string | undefined): string {
  if (value === undefined || !/^\/(?![/\\])[^\s]*$/.test(value)) return '/';
  return value;
}

export function languagePages(deps: Deps, secureCookies: boolean): Hono<PagesEnv> {
  const pages = new Hono<PagesEnv>();

  /** The language page: the ten languages, each in its own script, as plain form buttons (no JavaScript). */
  pages.get('/language', async (c) => {
    const profile = await viewerOf(deps, c);
    const page = pageContext(c, profile === null ? visitorLanguage(c) : profile.language, profile ?? undefined);
    return renderPage(c, <LanguagePage page={page} back={safeBack(c.req.query('back'))} />);
  });

  pages.post('/language', async (c) => {
    const form = await readForm(c);
    const language = form.lang;
    const back = safeBack(form.back);
    if (!isLanguage(language)) return c.redirect(back, 303);
    const agdref = await currentApplicant(deps, c);
    if (agdref !== null) await setLanguage(deps, { agdref, language });
    setLanguageCookie(c, language, secureCookies);
    return c.redirect(back, 303);
  });

  return pages;
}
