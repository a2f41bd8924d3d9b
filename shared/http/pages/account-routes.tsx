/**
 * The applicant's account (logged in): the contact details alerts go to, the password, and the
 * helpers section (its forms are helper-routes.tsx's).
 */
import { Hono } from 'hono';
import { ValidationError } from '../../errors.ts';
import type { Deps } from '../../ports.ts';
import { changePassword } from '../../use-cases/change-password.ts';
import { openSession } from '../../use-cases/log-in.ts';
import { setContact } from '../../use-cases/set-contact.ts';
import { setSessionCookie } from '../session.ts';
import { AccountPage } from './account-page.tsx';
import { accountHelpersNotice, accountHelpersSection } from './account-helpers.tsx';
import { credentialErrors, hasErrors, mismatch, readForm, tooLongErrors, withRequired } from './form-checks.ts';
import { pageContext, renderPage } from './frame.ts';
import { ConfirmRemoveContactPage } from './message-page.tsx';
import { type PagesEnv, requireViewer } from './viewer.ts';

const ACCOUNT_NOTICES: Readonly<Record<string, 'contactSaved' | 'languageSaved' | 'passwordSaved'>> = {
  contact: 'contactSaved',
  language: 'languageSaved',
  password: 'passwordSaved',
};

export function accountPages(deps: Deps, secureCookies: boolean): Hono<PagesEnv> {
  const pages = new Hono<PagesEnv>();
  const viewer = requireViewer(deps);

  pages.get('/account', viewer, async (c) => {
    const profile = await c.var.viewer.profile();
    const page = pageContext(c, profile.language, profile);
    const key = ACCOUNT_NOTICES[c.req.query('saved') ?? ''];
    return renderPage(
      c,
      <AccountPage page={page} profile={profile} errors={{}} notice={key === undefined ? accountHelpersNotice(c, profile.language) : page.t[key]}>
        {await accountHelpersSection(deps, profile)}
      </AccountPage>,
    );
  });

  pages.post('/account/contact', viewer, async (c) => {
    const profile = await c.var.viewer.profile();
    const form = await readForm(c);
    const page = pageContext(c, profile.language, profile);
    const { t } = page;
    const phone = (form.phone ?? '').trim();
    const email = (form.email ?? '').trim();
    const tooLong = tooLongErrors(t, form, { phone: ['phone', t.phoneLabel], email: ['email', t.emailLabel] });
    if (hasErrors(tooLong)) return renderPage(c, <AccountPage page={page} profile={profile} errors={tooLong} values={{ phone, email }} />, 400);
    // Removing both means no alert any more: say so, and go on only once confirmed.
    const hadContact = profile.phone !== null || profile.email !== null;
    if (phone === '' && email === '' && hadContact && form.confirmRemoveBoth !== 'yes') {
      return renderPage(c, <ConfirmRemoveContactPage page={page} />);
    }
    try {
      await setContact(deps, { agdref: profile.agdref, phone: phone === '' ? null : phone, email: email === '' ? null : email });
      return c.redirect('/account?saved=contact', 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const errors: Record<string, string[]> = {};
      if (error.code === 'invalid_phone' || 'phone' in error.fields) errors.phone = [t.errPhone];
      if (error.code === 'invalid_email' || 'email' in error.fields) errors.email = [t.errEmail];
      if (!hasErrors(errors)) errors.phone = [t.errGeneric];
      return renderPage(
        c,
        <AccountPage page={page} profile={profile} errors={errors} values={{ phone, email }}>
          {await accountHelpersSection(deps, profile)}
        </AccountPage>,
        400,
      );
    }
  });

  /** The password changed while logged in: every session ends, and this browser gets a new one. */
  pages.post('/account/password', viewer, async (c) => {
    const profile = await c.var.viewer.profile();
    const form = await readForm(c);
    const page = pageContext(c, profile.language, profile);
    const { t } = page;
    const errors = withRequired(
      t,
      form,
      tooLongErrors(t, form, {
        currentPassword: ['currentPassword', t.currentPasswordLabel],
        newPassword: ['newPassword', t.newPasswordLabel],
        confirmPassword: ['confirmPassword', t.confirmPasswordLabel],
      }),
      { currentPassword: 'currentPassword', newPassword: 'newPassword' },
    );
    if (errors.newPassword === undefined && errors.confirmPassword === undefined) Object.assign(errors, mismatch(t, form, 'confirmPassword'));
    if (hasErrors(errors)) return renderPage(c, <AccountPage page={page} profile={profile} errors={errors} />, 400);
    try {
      await changePassword(deps, { agdref: profile.agdref, currentPassword: form.currentPassword ?? '', newPassword: form.newPassword ?? '' });
    } catch (error) {
      const failed = credentialErrors(c, t, error, { identifier: 'currentPassword', password: 'newPassword', wrong: t.errCurrentPassword });
      return renderPage(c, <AccountPage page={page} profile={profile} errors={failed.errors} />, failed.status);
    }
    const { token } = await openSession(deps, profile.agdref);
    setSessionCookie(c, token, secureCookies);
    return c.redirect('/account?saved=password', 303);
  });

  return pages;
}
