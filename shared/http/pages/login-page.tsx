/** `/`: log in with the AGDREF number or the office file number (guide: "Connexion à votre espace"). */
import { ErrorSummary, Input, Layout, Notice } from './layout.tsx';
import type { FieldErrors, PageContext } from './layout.tsx';

export function LoginPage(props: { page: PageContext; errors: FieldErrors; identifier?: string; notice?: string }) {
  const { t } = props.page;
  return (
    <Layout page={props.page} title={t.loginTitle}>
      <ErrorSummary t={t} errors={props.errors} />
      <Notice text={props.notice} />
      <h1>{t.loginTitle}</h1>
      <p class="muted">{t.allFieldsRequired}</p>
      <form method="post" action="/" novalidate>
        <Input
          id="identifier"
          name="identifier"
          label={t.identifierLabel}
          hint={t.identifierHint}
          errors={props.errors}
          value={props.identifier}
          autocomplete="username"
          inputmode="numeric"
          dir="ltr"
        />
        <Input
          id="password"
          name="password"
          type="password"
          label={t.passwordLabel}
          errors={props.errors}
          autocomplete="current-password"
          dir="ltr"
        />
        <p>
          <button class="button" type="submit">
            {t.logIn}
          </button>
        </p>
      </form>
      <p>
        <a href="/password/forgot">{t.forgotPasswordLink}</a>
      </p>
      <h2>{t.firstVisitTitle}</h2>
      <p>{t.firstVisitText}</p>
      <p>
        <a class="button secondary" href="/activate">
          {t.activateLink}
        </a>
      </p>
    </Layout>
  );
}
