/**
 * `/password/forgot`: the guide's three paths. With the connection key (AGDREF + key + new
 * password); without it, a code by SMS or e-mail, then code + new password; with neither, go to
 * the SPADA or a social worker, who asks the office for a new key.
 */
import { ErrorSummary, Input, Layout, Notice } from './layout.tsx';
import type { FieldErrors, PageContext } from './layout.tsx';
import { PasswordPolicy } from './password-policy.tsx';

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
    <Layout page={props.page} title={t.forgotTitle}>
      <ErrorSummary t={t} errors={errors} />
      <Notice text={props.codeSent === true ? t.codeSentNotice : undefined} />
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
        <form method="post" action="/password/forgot/key" novalidate>
          <Input id="key-identifier" name="identifier" label={t.identifierLabel} errors={errors} value={values['key-identifier']} autocomplete="username" inputmode="numeric" dir="ltr" />
          <Input
            id="key-connectionKey"
            name="connectionKey"
            label={t.connectionKeyLabel}
            hint={t.connectionKeyHint}
            errors={errors}
            autocomplete="off"
            autocapitalize="characters"
            dir="ltr"
          />
          <PasswordPolicy t={t} id="key-policy" />
          <Input
            id="key-newPassword"
            name="newPassword"
            type="password"
            label={t.newPasswordLabel}
            errors={errors}
            autocomplete="new-password"
            dir="ltr"
            describedBy="key-policy"
          />
          <Input
            id="key-confirmPassword"
            name="confirmPassword"
            type="password"
            label={t.confirmPasswordLabel}
            errors={errors}
            autocomplete="new-password"
            dir="ltr"
          />
          <p>
            <button class="button" type="submit">
              {t.changePassword}
            </button>
          </p>
        </form>
      </section>

      <section aria-labelledby="by-code">
        <h2 id="by-code">2. {t.byCodeTitle}</h2>
        <p>{t.byCodeText}</p>
        <form method="post" action="/password/forgot/code" novalidate>
          <Input
            id="code-identifier"
            name="identifier"
            label={t.identifierLabel}
            errors={errors}
            value={values['code-identifier']}
            autocomplete="username"
            inputmode="numeric"
            dir="ltr"
          />
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
          <p>
            <button class="button" type="submit">
              {t.sendCode}
            </button>
          </p>
        </form>

        <h3 id="enter-code">{t.enterCodeTitle}</h3>
        <form method="post" action="/password/forgot/code/reset" novalidate>
          <Input
            id="reset-identifier"
            name="identifier"
            label={t.identifierLabel}
            errors={errors}
            value={values['reset-identifier']}
            autocomplete="username"
            inputmode="numeric"
            dir="ltr"
          />
          <Input id="reset-code" name="code" label={t.codeLabel} errors={errors} autocomplete="one-time-code" inputmode="numeric" dir="ltr" />
          <PasswordPolicy t={t} id="reset-policy" />
          <Input
            id="reset-newPassword"
            name="newPassword"
            type="password"
            label={t.newPasswordLabel}
            errors={errors}
            autocomplete="new-password"
            dir="ltr"
            describedBy="reset-policy"
          />
          <Input
            id="reset-confirmPassword"
            name="confirmPassword"
            type="password"
            label={t.confirmPasswordLabel}
            errors={errors}
            autocomplete="new-password"
            dir="ltr"
          />
          <p>
            <button class="button" type="submit">
              {t.changePassword}
            </button>
          </p>
        </form>
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
