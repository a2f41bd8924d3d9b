/**
 * The pieces the account forms share: a POST form that leaves validation to the server, its
 * submit button, and the inputs that stand on several pages (identifier, connection key, new
 * password with its policy and confirmation).
 */
import type { Child } from 'hono/jsx';
import type { Catalogue } from '../i18n/index.ts';
import { Input } from './layout.tsx';
import type { FieldErrors } from './layout.tsx';
import { PasswordPolicy } from './password-policy.tsx';

export function SubmitButton(props: { label: string }) {
  return (
    <p>
      <button class="button" type="submit">
        {props.label}
      </button>
    </p>
  );
}

/** A form posted as is (`novalidate`: the server's messages, linked from the error summary, are the only ones). */
export function PostForm(props: { action: string; submit: string; children?: Child }) {
  return (
    <form method="post" action={props.action} novalidate>
      {props.children}
      <SubmitButton label={props.submit} />
    </form>
  );
}

/** The AGDREF number or the office file number, posted as `identifier`. */
export function IdentifierInput(props: { t: Catalogue; id: string; errors: FieldErrors; value?: string | undefined; hint?: string }) {
  return (
    <Input
      id={props.id}
      name="identifier"
      label={props.t.identifierLabel}
      hint={props.hint}
      errors={props.errors}
      value={props.value}
      autocomplete="username"
      inputmode="numeric"
    />
  );
}

/** The connection key; what was typed is shown again after an error (it is spent by activation, never kept). */
export function ConnectionKeyInput(props: { t: Catalogue; id: string; errors: FieldErrors; value?: string | undefined }) {
  const { t } = props;
  return (
    <Input
      id={props.id}
      name="connectionKey"
      label={t.connectionKeyLabel}
      hint={t.connectionKeyHint}
      errors={props.errors}
      value={props.value}
      autocomplete="off"
      autocapitalize="characters"
    />
  );
}

/** The policy, then the new password (described by the policy) and its confirmation (`confirmPassword`). */
export function NewPasswordInputs(props: {
  t: Catalogue;
  errors: FieldErrors;
  policyId: string;
  passwordId: string;
  passwordName: string;
  confirmId: string;
}) {
  const { t, errors } = props;
  return (
    <>
      <PasswordPolicy t={t} id={props.policyId} />
      <Input
        id={props.passwordId}
        name={props.passwordName}
        type="password"
        label={t.newPasswordLabel}
        errors={errors}
        autocomplete="new-password"
        describedBy={props.policyId}
      />
      <Input id={props.confirmId} name="confirmPassword" type="password" label={t.confirmPasswordLabel} errors={errors} autocomplete="new-password" />
    </>
  );
}
