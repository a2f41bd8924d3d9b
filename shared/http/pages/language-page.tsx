/**
 * `/language`: the ten languages, each written in its own script, as buttons of one plain form (no
 * JavaScript). Every page links here from its header, so the choice costs one line on a phone.
 */
import { LANGUAGES } from '../../domain/types.ts';
import { LANGUAGE_NAMES, directionOf } from '../i18n/index.ts';
import { Layout } from './layout.tsx';
import type { PageContext } from './layout.tsx';

export function LanguagePage(props: { page: PageContext; back: string }) {
  const { t, language } = props.page;
  return (
    <Layout page={props.page} title={t.languagePageTitle}>
      <h1>{t.languagePageTitle}</h1>
      <form class="langs" method="post" action="/language">
        <input type="hidden" name="back" value={props.back} />
        <ul class="lang-list">
          {LANGUAGES.map((code) => (
            <li>
              <button
                type="submit"
                name="lang"
                value={code}
                lang={code}
                dir={directionOf(code)}
                aria-current={code === language ? 'true' : undefined}
              >
                {LANGUAGE_NAMES[code]}
              </button>
            </li>
          ))}
        </ul>
      </form>
      <p>
        <a href={props.back}>{props.page.applicant === undefined ? t.backToLogin : t.backToDocuments}</a>
      </p>
    </Layout>
  );
}
