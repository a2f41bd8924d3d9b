/** The password policy as a list, shown before the applicant types (docs/api.md "Identifiers"). */
import type { Catalogue } from '../i18n/index.ts';
import { PASSWORD_RULES } from '../../domain/identity.ts';

export function PasswordPolicy(props: { t: Catalogue; id: string }) {
  return (
    <div id={props.id} class="hint">
      <p>{props.t.passwordRulesIntro}</p>
      <ul>
        {PASSWORD_RULES.map((rule) => (
          <li>{props.t.passwordRules[rule]}</li>
        ))}
      </ul>
    </div>
  );
}
