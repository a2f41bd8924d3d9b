/**
 * `/password/forgot`: the guide's three paths, with the identifier typed once. Step 1 asks the
 * AGDREF or file number and the situation: I still have my connection key, or send me a code by
 * SMS, or by e-mail (and, with neither, go to the SPADA or a social worker). Step 2 keeps the
 * identifier in a hidden field, shown with a link to start again, and asks for the key or the
 * code and the new password.
 */
import { ConnectionKeyInput, IdentifierInput, NewPasswordInputs, PostForm } from './form.tsx';
import { Input, Layout } from './layout.tsx';
import type { FieldErrors, PageContext } from './layout.tsx';

export type ForgotMethod = 'key' | 'sms' | 'email';

export type ForgotStep =
  | { readonly kind: 'choose'; readonly identifier?: string; readonly method?: ForgotMethod | undefined }
  | { readonly kind: 'key' | 'code'; readonly identifier: string };

export interface ForgotPasswordProps {
  readonly page: PageContext;
  readonly errors: FieldErrors;
  readonly step: ForgotStep;
  readonly notice?: string;
}

export function ForgotPasswordPage(props: ForgotPasswordProps) {
  const { t } = props.page;
  const { errors, step } = props;
  return (
    <Layout page={props.page} title={t.forgotTitle} errors={errors} notice={props.notice}>
      <h1>{t.forgotTitle}</h1>
      {step.kind === 'choose' ? <ChooseStep {...props} step={step} /> : <ResetStep {...props} step={step} />}
      <p>
        <a href="/">{t.backToLogin}</a>
      </p>
    </Layout>
  );
}

function ChooseStep(props: ForgotPasswordProps & { step: Extract<ForgotStep, { kind: 'choose' }> }) {
  const { t } = props.page;
  const { errors, step } = props;
  const methodErrors = errors['method-key'] ?? [];
  const methods: ReadonlyArray<readonly [ForgotMethod, string]> = [
    ['key', t.withKeyTitle],
    ['sms', t.methodSms],
    ['email', t.methodEmail],
  ];
  return (
    <>
      <p>{t.forgotIntro}</p>
      <PostForm action="/password/forgot" submit={t.continueButton}>
        <IdentifierInput t={t} id="identifier" errors={errors} value={step.identifier} />
        <fieldset class={methodErrors.length > 0 ? 'field field-error' : 'field'} aria-describedby={methodErrors.length > 0 ? 'method-error' : undefined}>
          <legend>{t.methodLegend}</legend>
          {methodErrors.length > 0 ? (
            <span class="error-text" id="method-error">
              {methodErrors.join(' ')}
            </span>
          ) : null}
          {methods.map(([method, label]) => (
            <label class="radio" for={`method-${method}`}>
              <input id={`method-${method}`} type="radio" name="method" value={method} checked={(step.method ?? 'key') === method} />
              {label}
            </label>
          ))}
        </fieldset>
      </PostForm>
      <h2 id="no-contact">{t.noContactTitle}</h2>
      <p class="panel">{t.noContactText}</p>
    </>
  );
}

function ResetStep(props: ForgotPasswordProps & { step: Extract<ForgotStep, { kind: 'key' | 'code' }> }) {
  const { t } = props.page;
  const { errors, step } = props;
  return (
    <>
      <h2>{step.kind === 'key' ? t.withKeyTitle : t.enterCodeTitle}</h2>
      <p>
        {t.identifierShown}{' '}
        <bdi dir="ltr" class="strong">
          {step.identifier}
        </bdi>{' '}
        · <a href="/password/forgot">{t.otherIdentifier}</a>
      </p>
      <PostForm action={step.kind === 'key' ? '/password/forgot/key' : '/password/forgot/code'} submit={t.changePassword}>
        <input type="hidden" name="identifier" value={step.identifier} />
        {step.kind === 'key' ? (
          <ConnectionKeyInput t={t} id="connectionKey" errors={errors} />
        ) : (
          <Input id="code" label={t.codeLabel} errors={errors} autocomplete="one-time-code" inputmode="numeric" />
        )}
        <NewPasswordInputs t={t} errors={errors} policyId="reset-policy" passwordId="newPassword" passwordName="newPassword" confirmId="confirmPassword" />
      </PostForm>
    </>
  );
}
