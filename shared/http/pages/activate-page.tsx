/**
 * `/activate`: first connection with the AGDREF number and the connection key; the policy is shown.
 * After an error the number and the key stay as typed; the passwords never do.
 */
import { ConnectionKeyInput, NewPasswordInputs, PostForm } from './form.tsx';
import { Input, Layout } from './layout.tsx';
import type { FieldErrors, PageContext } from './layout.tsx';

export function ActivatePage(props: { page: PageContext; errors: FieldErrors; values?: { readonly agdref: string; readonly connectionKey: string } }) {
  const { t } = props.page;
  const errors = props.errors;
  return (
    <Layout page={props.page} title={t.activateTitle} errors={errors}>
      <h1>{t.activateTitle}</h1>
      <p>{t.activateIntro}</p>
      <p class="muted">{t.allFieldsRequired}</p>
      <PostForm action="/activate" submit={t.activate}>
        <Input
          id="agdref"
          label={t.agdrefLabel}
          hint={t.agdrefHint}
          errors={errors}
          value={props.values?.agdref}
          autocomplete="username"
          inputmode="numeric"
        />
        <ConnectionKeyInput t={t} id="connectionKey" errors={errors} value={props.values?.connectionKey} />
        <NewPasswordInputs t={t} errors={errors} policyId="password-policy" passwordId="password" passwordName="password" confirmId="confirmPassword" />
        <p class="notice">{t.keepSafeAdvice}</p>
      </PostForm>
      <p>
        <a href="/">{t.backToLogin}</a>
      </p>
    </Layout>
  );
}
