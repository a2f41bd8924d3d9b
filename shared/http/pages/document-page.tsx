/**
 * `/documents/{id}`: one letter's details and the button that opens it. Before opening, the page
 * says what opening means (R3–R5) and never reveals a decision's outcome. For a notified decision
 * that can be appealed (R7), the appeal and legal-aid deadlines are shown prominently (R8), with a
 * form to record the legal-aid dates (R9) and advice to get help from the SPADA or a social worker.
 */
import { isAppealable } from '../../domain/documents.ts';
import type { DocumentView } from '../../use-cases/document-view.ts';
import type { Catalogue } from '../i18n/index.ts';
import { TypeLabel, statusText, timeLeft } from './documents-page.tsx';
import { showDate, showInstantDate } from './format.ts';
import { PostForm } from './form.tsx';
import { Input, Layout } from './layout.tsx';
import type { FieldErrors, PageContext } from './layout.tsx';

export interface DocumentPageProps {
  readonly page: PageContext;
  readonly document: DocumentView;
  readonly errors: FieldErrors;
  readonly values?: Readonly<Record<string, string>>;
  readonly notice?: string;
}

/**
 * A legal-aid date: the browser's own date picker alone (it shows the day, month and year in the
 * reader's order), with no format hint that could contradict it; left to right inside any page.
 */
function DateInput(props: { id: string; label: string; errors: FieldErrors; value: string | undefined; required?: boolean }) {
  return <Input id={props.id} type="date" label={props.label} errors={props.errors} value={props.value} required={props.required} />;
}

function AppealPanel(props: { t: Catalogue; document: DocumentView; errors: FieldErrors; values: Readonly<Record<string, string>> }) {
  const { t, document, errors, values } = props;
  const legalAid = document.legalAid;
  return (
    <section class="panel" aria-labelledby="appeal-title">
      <h2 id="appeal-title">{t.appealTitle}</h2>
      {document.appealDeadline === null || document.appealDeadline === undefined ? (
        <p class="big">{t.appealSuspended}</p>
      ) : (
        <>
          <p>{t.appealDeadlineLabel}</p>
          <p class="big">{showDate(document.appealDeadline)}</p>
          <p>{t.appealExplain}</p>
        </>
      )}
      {document.legalAidDeadline === null || document.legalAidDeadline === undefined ? null : (
        <>
          <p>{t.legalAidDeadlineLabel}</p>
          <p class="big">{showDate(document.legalAidDeadline)}</p>
          <p>{t.legalAidExplain}</p>
        </>
      )}
      <p class="warning">{t.helpAdvice}</p>
      <p>
        {t.watizatAdvice} <a href="https://watizat.org" rel="noreferrer">watizat.org</a>
      </p>

      <h2 id="legal-aid">{t.legalAidFormTitle}</h2>
      <p>{t.legalAidFormIntro}</p>
      <PostForm action={`/documents/${encodeURIComponent(document.id)}/legal-aid`} submit={t.save}>
        <DateInput id="requestedOn" label={t.legalAidRequestedOn} errors={errors} value={values.requestedOn ?? legalAid?.requestedOn} />
        <DateInput
          id="decisionNotifiedOn"
          label={t.legalAidDecisionOn}
          errors={errors}
          value={values.decisionNotifiedOn ?? legalAid?.decisionNotifiedOn ?? undefined}
          required={false}
        />
      </PostForm>
    </section>
  );
}

export function DocumentPage(props: DocumentPageProps) {
  const { t, language } = props.page;
  const document = props.document;
  const notified = document.notificationDate !== null;
  const opened = document.firstOpenedAt !== null;
  // A decision's content (its outcome) is shown only once opened or notified: reading it here
  // must not bypass the recorded first opening (R4).
  const outcome = opened || notified ? document.outcome : undefined;
  const appealable = notified && outcome !== undefined && isAppealable(outcome);
  const href = `/documents/${encodeURIComponent(document.id)}/pdf`;
  return (
    <Layout page={props.page} title={t.docType[document.type]} errors={props.errors} notice={props.notice}>
      <p>
        <a href="/documents">{t.backToDocuments}</a>
      </p>
      <h1>
        <TypeLabel t={t} language={language} document={document} />
      </h1>
      {document.title === null ? null : (
        <p class="muted" lang="fr" dir="ltr">
          {document.title}
        </p>
      )}
      <dl>
        <dt>{t.fieldStatus}</dt>
        <dd class={opened ? undefined : 'unread'}>{statusText(t, document)}</dd>
        <dt>{t.fieldAvailable}</dt>
        <dd>{showInstantDate(document.availableAt)}</dd>
        <dt>{t.fieldIssuer}</dt>
        <dd>{document.issuer}</dd>
        {document.notifiable ? (
          <>
            <dt>{t.fieldNotification}</dt>
            <dd>
              {document.notificationDate === null
                ? t.notYetNotified
                : `${showDate(document.notificationDate)} (${document.notifiedBy === 'deemed' ? t.notifiedByDeemed : t.notifiedByConsultation})`}
            </dd>
          </>
        ) : null}
        {!notified && document.consultationDeadline !== null ? (
          <>
            <dt>{t.fieldConsultationDeadline}</dt>
            <dd>{showDate(document.consultationDeadline)}</dd>
          </>
        ) : null}
        {timeLeft(t, document) === '' ? null : (
          <>
            <dt>{t.fieldDaysLeft}</dt>
            <dd>{timeLeft(t, document)}</dd>
          </>
        )}
        {outcome === undefined ? null : (
          <>
            <dt>{t.fieldOutcome}</dt>
            <dd>{t.outcome[outcome]}</dd>
          </>
        )}
      </dl>
      {!notified && document.consultationDeadline !== null ? (
        <div class="warning">
          <p>{t.openWarning(showDate(document.consultationDeadline))}</p>
          <p>{t.openNotifies}</p>
        </div>
      ) : null}
      <p>
        <a class="button" href={href}>
          {t.openLetter}
        </a>
      </p>
      {appealable ? <AppealPanel t={t} document={document} errors={props.errors} values={props.values ?? {}} /> : null}
    </Layout>
  );
}
