/**
 * `/password/forgot`: the guide's three paths. With the connection key (AGDREF + key + new
 * password); without it, a code by SMS or e-mail, then code + new password; with neither, go to
 * the SPADA or a social worker, who asks the office for a new key.
 */
import { ConnectionKeyInput, IdentifierInput, NewPasswordInputs, PostForm } from './form.tsx';
import { Input, Layout } from './layout.tsx';
import type { FieldErrors, PageContext } from './layout.tsx';

export interface ForgotPasswordProps {
  readonly page: PageContext;
  readonly errors: FieldErrors;
  /** What was typed, by input id (never a secret), so each form keeps its own values. */
  readonly values?: Readonly<Record<string, string>>;
  readonly channel?: 'sms' | 'email';
  readonly codeSent?: boolean;
}

export function ForgotPasswordPage(props: ForgotPasswordProps) {
  const { t } = props.page;
  const errors = props.errors;
  const channelErrors = errors['channel-sms'] ?? [];
  const values = props.values ?? {};
  return (
    <Layout page={props.page} title={t.forgotTitle} errors={errors} notice={props.codeSent === true ? t.codeSentNotice : undefined}>
      <h1>{t.forgotTitle}</h1>
      <p>{t.forgotIntro}</p>
      <ol>
        <li>
          <a href="#with-key">{t.withKeyTitle}</a>
        </li>
        <li>
          <a href="#by-code">{t.byCodeTitle}</a>
        </li>
        <li>
          <a href="#no-contact">{t.noContactTitle}</a>
        </li>
      </ol>

      <section aria-labelledby="with-key">
        <h2 id="with-key">1. {t.withKeyTitle}</h2>
        <p>{t.withKeyText}</p>
        <PostForm action="/password/forgot/key" submit={t.changePassword}>
          <IdentifierInput t={t} id="key-identifier" errors={errors} value={values['key-identifier']} />
          <ConnectionKeyInput t={t} id="key-connectionKey" errors={errors} />
          <NewPasswordInputs t={t} errors={errors} policyId="key-policy" passwordId="key-newPassword" passwordName="newPassword" confirmId="key-confirmPassword" />
        </PostForm>
      </section>

      <section aria-labelledby="by-code">
        <h2 id="by-code">2. {t.byCodeTitle}</h2>
        <p>{t.byCodeText}</p>
        <PostForm action="/password/forgot/code" submit={t.sendCode}>
          <IdentifierInput t={t} id="code-identifier" errors={errors} value={values['code-identifier']} />
          <fieldset class={channelErrors.length > 0 ? 'field field-error' : 'field'}>
            <legend>{t.channelLegend}</legend>
            {channelErrors.length > 0 ? <span class="error-text">{channelErrors.join(' ')}</span> : null}
            <label class="radio" for="channel-sms">
              <input id="channel-sms" type="radio" name="channel" value="sms" checked={props.channel !== 'email'} />
              {t.channelSms}
            </label>
            <label class="radio" for="channel-email">
              <input id="channel-email" type="radio" name="channel" value="email" checked={props.channel === 'email'} />
              {t.channelEmail}
            </label>
          </fieldset>
        </PostForm>

        <h3 id="enter-code">{t.enterCodeTitle}</h3>
        <PostForm action="/password/forgot/code/reset" submit={t.changePassword}>
          <IdentifierInput t={t} id="reset-identifier" errors={errors} value={values['reset-identifier']} />
          <Input id="reset-code" name="code" label={t.codeLabel} errors={errors} autocomplete="one-time-code" inputmode="numeric" />
          <NewPasswordInputs t={t} errors={errors} policyId="reset-policy" passwordId="reset-newPassword" passwordName="newPassword" confirmId="reset-confirmPassword" />
        </PostForm>
      </section>

      <section aria-labelledby="no-contact">
        <h2 id="no-contact">3. {t.noContactTitle}</h2>
        <p class="panel">{t.noContactText}</p>
      </section>

      <p>
        <a href="/">{t.backToLogin}</a>
      </p>
    </Layout>
  );
}
