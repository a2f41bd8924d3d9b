/**
 * `/documents`: the guide's table, column for column (R6): status ("Non lu" / "Lu le …"), the type
 * in the chosen language and in French, availability date, issuer, notification date, days left
 * or "Pli notifié", and a view link. A red banner counts unread letters. At ≤ 600 px the CSS turns
 * each row into a card labelled by `data-label`.
 */
import type { Language } from '../../domain/types.ts';
import type { DocumentView } from '../../use-cases/document-view.ts';
import { fr } from '../i18n/fr.ts';
import type { Catalogue } from '../i18n/index.ts';
import { Layout } from './layout.tsx';
import type { PageContext } from './layout.tsx';
import { showDate, showInstantDate } from './format.ts';

export function TypeLabel(props: { t: Catalogue; language: Language; document: DocumentView }) {
  const { t, language, document } = props;
  return (
    <>
      <span>{t.docType[document.type]}</span>
      {language === 'fr' ? null : (
        <span class="fr" lang="fr" dir="ltr">
          {fr.docType[document.type]}
        </span>
      )}
    </>
  );
}

/** R6: "Pli notifié" once notified; days left while an unread notifiable letter's window is open. */
export function timeLeft(t: Catalogue, document: DocumentView): string {
  if (document.notificationDate !== null) return t.notified;
  if (document.daysLeft !== null) return t.daysLeft(document.daysLeft);
  return '';
}

export function statusText(t: Catalogue, document: DocumentView): string {
  return document.firstOpenedAt === null ? t.statusUnread : t.statusReadOn(showInstantDate(document.firstOpenedAt));
}

function Row(props: { t: Catalogue; language: Language; document: DocumentView }) {
  const { t, document } = props;
  const unread = document.firstOpenedAt === null;
  return (
    <tr class={unread ? 'is-unread' : undefined}>
      <td data-label={t.colStatus} class={unread ? 'unread' : undefined}>
        {unread ? null : <span aria-hidden="true">✓ </span>}
        {statusText(t, document)}
      </td>
      <td data-label={t.colDocument}>
        <TypeLabel t={t} language={props.language} document={document} />
      </td>
      <td data-label={t.colAvailable}>{showInstantDate(document.availableAt)}</td>
      <td data-label={t.colIssuer}>{document.issuer}</td>
      <td data-label={t.colNotification}>{document.notificationDate === null ? '' : showDate(document.notificationDate)}</td>
      <td data-label={t.colDaysLeft}>{timeLeft(t, document)}</td>
      <td data-label={t.colView}>
        <a class="tap" href={`/documents/${encodeURIComponent(document.id)}`}>
          {t.view}
          <span class="vh"> {t.docType[document.type]}</span>
        </a>
      </td>
    </tr>
  );
}

export interface DocumentsPageProps {
  readonly page: PageContext;
  readonly documents: readonly DocumentView[];
  readonly unreadCount: number;
  readonly hasContact: boolean;
  /** R11: letters go by post; no alert, no 15-day rule — the page says what applies instead. */
  readonly paperDerogation?: boolean;
  readonly notice?: string | undefined;
}

export function DocumentsPage(props: DocumentsPageProps) {
  const { t, language } = props.page;
  return (
    <Layout page={props.page} title={t.documentsTitle} notice={props.notice}>
      {props.unreadCount > 0 ? (
        <p class="banner" role="status">
          {t.unreadBanner(props.unreadCount)}
        </p>
      ) : null}
      <h1>{t.documentsTitle}</h1>
      {props.paperDerogation === true ? (
        <p class="panel" id="paper">
          {t.paperNotice}
        </p>
      ) : props.hasContact ? null : (
        <p class="notice">
          {t.addContactHint} <a href="/account#contact">{t.addContactLink}</a>
        </p>
      )}
      {props.documents.length === 0 ? (
        <p>{t.noDocuments}</p>
      ) : (
        <table class="cards">
          <caption>{t.tableCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{t.colStatus}</th>
              <th scope="col">{t.colDocument}</th>
              <th scope="col">{t.colAvailable}</th>
              <th scope="col">{t.colIssuer}</th>
              <th scope="col">{t.colNotification}</th>
              <th scope="col">{t.colDaysLeft}</th>
              <th scope="col">{t.colView}</th>
            </tr>
          </thead>
          <tbody>
            {props.documents.map((document) => (
              <Row t={t} language={language} document={document} />
            ))}
          </tbody>
        </table>
      )}
      {props.paperDerogation === true ? null : <p class="warning">{t.deemedWarning}</p>}
      <p>{t.checkWeekly}</p>
    </Layout>
  );
}
