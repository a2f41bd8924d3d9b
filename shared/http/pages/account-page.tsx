/** `/account`: who I am, my contact details for alerts (guide step 4), my password and my language. */
import type { Child } from 'hono/jsx';
import { LANGUAGES } from '../../domain/types.ts';
import { LANGUAGE_NAMES } from '../i18n/index.ts';
import { showFrenchMobile } from './format.ts';
import { NewPasswordInputs, PostForm, SubmitButton } from './form.tsx';
import { Input, Layout } from './layout.tsx';
import type { FieldErrors, PageContext } from './layout.tsx';

export interface AccountPageProps {
  readonly page: PageContext;
  readonly profile: {
    readonly agdref: string;
    readonly ofpraFileNumber: string | null;
    readonly phone: string | null;
    readonly email: string | null;
    readonly paperDerogation: boolean;
  };
  readonly errors: FieldErrors;
  /** What was typed, when the contact form is shown again with errors. */
  readonly values?: { readonly phone?: string; readonly email?: string };
  readonly notice?: string;
  /** Further sections placed after the language (the helpers' section: account-helpers.tsx). */
  readonly children?: Child;
}

export function AccountPage(props: AccountPageProps) {
  const { t, language } = props.page;
  const { profile, errors } = props;
  return (
    <Layout page={props.page} title={t.accountTitle} errors={errors} notice={props.notice}>
      <h1>{t.accountTitle}</h1>
      <dl>
        <dt>{t.agdrefShown}</dt>
        <dd dir="ltr">{profile.agdref}</dd>
        <dt>{t.fileNumberShown}</dt>
        <dd dir="ltr">{profile.ofpraFileNumber ?? t.notSet}</dd>
      </dl>

      <h2 id="contact">{t.contactTitle}</h2>
      <p>{profile.paperDerogation ? t.paperContactIntro : t.contactIntro}</p>
      <PostForm action="/account/contact" submit={t.saveContact}>
        <Input
          id="phone"
          type="tel"
          label={t.phoneLabel}
          hint={t.phoneHint}
          errors={errors}
          value={props.values?.phone ?? (profile.phone === null ? undefined : showFrenchMobile(profile.phone))}
          autocomplete="tel-national"
          inputmode="tel"
          required={false}
        />
        <Input
          id="email"
          type="email"
          label={t.emailLabel}
          hint={t.emailHint}
          errors={errors}
          value={props.values?.email ?? profile.email ?? undefined}
          autocomplete="email"
          inputmode="email"
          required={false}
        />
      </PostForm>

      <h2 id="password-title">{t.passwordTitle}</h2>
      <PostForm action="/account/password" submit={t.changePassword}>
        <Input id="currentPassword" type="password" label={t.currentPasswordLabel} errors={errors} autocomplete="current-password" />
        <NewPasswordInputs t={t} errors={errors} policyId="password-policy" passwordId="newPassword" passwordName="newPassword" confirmId="confirmPassword" />
      </PostForm>

      <h2 id="language-title">{t.languageTitle}</h2>
      <form method="post" action="/language">
        <input type="hidden" name="back" value="/account?saved=language" />
        <div class="field">
          <label for="language">{t.languageLabel}</label>
          <select id="language" name="lang">
            {LANGUAGES.map((code) => (
              <option value={code} lang={code} selected={code === language}>
                {LANGUAGE_NAMES[code]}
              </option>
            ))}
          </select>
        </div>
        <SubmitButton label={t.saveLanguage} />
      </form>
      {props.children}
    </Layout>
  );
}
