/** `/activate`: first connection with the AGDREF number and the connection key; the policy is shown. */
import { ErrorSummary, Input, Layout } from './layout.tsx';
import type { FieldErrors, PageContext } from './layout.tsx';
import { PasswordPolicy } from './password-policy.tsx';

export function ActivatePage(props: { page: PageContext; errors: FieldErrors; agdref?: string }) {
  const { t } = props.page;
  return (
    <Layout page={props.page} title={t.activateTitle}>
      <ErrorSummary t={t} errors={props.errors} />
      <h1>{t.activateTitle}</h1>
      <p>{t.activateIntro}</p>
      <p class="muted">{t.allFieldsRequired}</p>
      <form method="post" action="/activate" novalidate>
        <Input
          id="agdref"
          name="agdref"
          label={t.agdrefLabel}
          hint={t.agdrefHint}
          errors={props.errors}
          value={props.agdref}
          autocomplete="username"
          inputmode="numeric"
          dir="ltr"
        />
        <Input
          id="connectionKey"
          name="connectionKey"
          label={t.connectionKeyLabel}
          hint={t.connectionKeyHint}
          errors={props.errors}
          autocomplete="off"
          autocapitalize="characters"
          dir="ltr"
        />
        <PasswordPolicy t={t} id="password-policy" />
        <Input
          id="password"
          name="password"
          type="password"
          label={t.newPasswordLabel}
          errors={props.errors}
          autocomplete="new-password"
          dir="ltr"
          describedBy="password-policy"
        />
        <Input
          id="confirmPassword"
          name="confirmPassword"
          type="password"
          label={t.confirmPasswordLabel}
          errors={props.errors}
          autocomplete="new-password"
          dir="ltr"
        />
        <p class="notice">{t.keepSafeAdvice}</p>
        <p>
          <button class="button" type="submit">
            {t.activate}
          </button>
        </p>
      </form>
      <p>
        <a href="/">{t.backToLogin}</a>
      </p>
    </Layout>
  );
}
