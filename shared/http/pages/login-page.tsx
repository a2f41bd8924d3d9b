/** `/`: log in with the AGDREF number or the office file number (guide: "Connexion à votre espace"). */
import { IdentifierInput, PostForm } from './form.tsx';
import { Input, Layout } from './layout.tsx';
import type { FieldErrors, PageContext } from './layout.tsx';

export function LoginPage(props: { page: PageContext; errors: FieldErrors; identifier?: string; notice?: string }) {
  const { t } = props.page;
  return (
    <Layout page={props.page} title={t.loginTitle} errors={props.errors} notice={props.notice}>
      <h1>{t.loginTitle}</h1>
      <p class="muted">{t.allFieldsRequired}</p>
      <PostForm action="/" submit={t.logIn}>
        <IdentifierInput t={t} id="identifier" hint={t.identifierHint} errors={props.errors} value={props.identifier} />
        <Input id="password" type="password" label={t.passwordLabel} errors={props.errors} autocomplete="current-password" />
      </PostForm>
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
