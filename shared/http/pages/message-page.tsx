/** A page that only says something: not found, or an error the applicant cannot fix. */
import { Layout } from './layout.tsx';
import type { PageContext } from './layout.tsx';

export function MessagePage(props: { page: PageContext; title: string; text: string; link?: { href: string; text: string } }) {
  return (
    <Layout page={props.page} title={props.title}>
      <h1>{props.title}</h1>
      <p>{props.text}</p>
      {props.link === undefined ? null : (
        <p>
          <a href={props.link.href}>{props.link.text}</a>
        </p>
      )}
    </Layout>
  );
}

/**
 * Before removing both the phone and the e-mail: no alert would reach the applicant any more, nor
 * a password-reset code. Confirming posts the empty contact again, with the confirmation.
 */
export function ConfirmRemoveContactPage(props: { page: PageContext }) {
  const { t } = props.page;
  return (
    <Layout page={props.page} title={t.removeBothTitle}>
      <h1>{t.removeBothTitle}</h1>
      <p class="warning">{t.removeBothText}</p>
      <form method="post" action="/account/contact">
        <input type="hidden" name="phone" value="" />
        <input type="hidden" name="email" value="" />
        <input type="hidden" name="confirmRemoveBoth" value="yes" />
        <p>
          <button class="button warning-button" type="submit">
            {t.confirmRemoveBoth}
          </button>
        </p>
      </form>
      <p>
        <a class="button secondary" href="/account#contact">
          {t.keepContact}
        </a>
      </p>
    </Layout>
  );
}
