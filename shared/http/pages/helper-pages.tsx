/**
 * The helper's pages (docs/api.md "Helpers"): `/helper` (log in, and activation on a first visit),
 * `/helper/applicants` (the people who gave access, soonest deadline first, unread letters with
 * ≤ 5 days left in red) and `/helper/applicants/{agdref}` (each letter's kind, dates and deadlines
 * and what to do next in plain words — never a title, never a link to the content). JS-free, in
 * the shared Layout; French or English.
 */
import { daysBetween, parisDate } from '../../domain/calendar.ts';
import { documentLabel } from '../../domain/documents.ts';
import type { ParisDate } from '../../domain/types.ts';
import { type ApplicantWatch, URGENT_DAYS_LEFT, isUrgent } from '../../domain/watch.ts';
import type { HelperProfile } from '../../use-cases/helper-accounts.ts';
import type { DigestPreference } from '../../use-cases/helper-digest.ts';
import type { HelperDocumentView, WatchedApplicant } from '../../use-cases/helper-views.ts';
import type { HelperTexts } from '../i18n/helper-texts.ts';
import { ConnectionKeyInput, NewPasswordInputs, PostForm } from './form.tsx';
import { showDate, showInstantDate } from './format.ts';
import { Input, Layout, LogOutItem } from './layout.tsx';
import type { FieldErrors, PageContext } from './layout.tsx';

export interface HelperPageContext {
  readonly page: PageContext;
  readonly h: HelperTexts;
}

function typeLabel(ctx: HelperPageContext, document: Pick<HelperDocumentView, 'type'>): string {
  return documentLabel(document.type, ctx.page.language === 'fr' ? 'fr' : 'en');
}

/** The helper's own navigation: the list and log-out (the Layout's header links are the applicant's). */
function HelperNav(props: { ctx: HelperPageContext }) {
  const { h } = props.ctx;
  return (
    <nav aria-label={h.loginTitle}>
      <ul class="nav">
        <li>
          <a href="/helper/applicants">{h.navApplicants}</a>
        </li>
        <LogOutItem action="/helper/logout" label={h.logOut} />
      </ul>
    </nav>
  );
}

export function HelperLoginPage(props: { ctx: HelperPageContext; errors: FieldErrors; email?: string; notice?: string | undefined }) {
  const { page, h } = props.ctx;
  const { t } = page;
  return (
    <Layout page={page} title={h.loginTitle} errors={props.errors} notice={props.notice}>
      <h1>{h.loginTitle}</h1>
      <p>{h.loginIntro}</p>
      <PostForm action="/helper" submit={h.logIn}>
        <Input id="email" type="email" label={h.emailLabel} errors={props.errors} value={props.email} autocomplete="username" inputmode="email" />
        <Input id="password" type="password" label={h.passwordLabel} errors={props.errors} autocomplete="current-password" />
      </PostForm>
      <h2 id="activate">{h.activateTitle}</h2>
      <p>{h.activateIntro}</p>
      <PostForm action="/helper/activate" submit={h.activate}>
        <Input id="activate-email" name="email" type="email" label={h.emailLabel} errors={props.errors} autocomplete="username" inputmode="email" />
        <ConnectionKeyInput t={t} id="activate-connectionKey" errors={props.errors} />
        <NewPasswordInputs t={t} errors={props.errors} policyId="activate-policy" passwordId="activate-password" passwordName="password" confirmId="activate-confirmPassword" />
      </PostForm>
    </Layout>
  );
}

/** What to do next for one person, in plain words, from their summary. */
export function nextStep(h: HelperTexts, watch: ApplicantWatch): string {
  const next = watch.nextDeadline;
  if (next?.kind === 'consultation' && watch.oldestUnreadDaysLeft !== null) return h.todoConsult(watch.oldestUnreadDaysLeft);
  if (next?.kind === 'appeal') return h.todoAppeal(showDate(next.date));
  if (next?.kind === 'legalAid') return h.todoLegalAid(showDate(next.date));
  if (watch.unreadCount > 0) return h.todoUnreadNoDeadline(watch.unreadCount);
  return h.todoNothing;
}

/** The daily e-mail digest: whether it is on, and one button that turns it the other way (JS-free). */
function DigestSection(props: { ctx: HelperPageContext; digest: DigestPreference }) {
  const { h } = props.ctx;
  const on = props.digest.enabled;
  return (
    <section class="panel" aria-labelledby="digest-title">
      <h2 id="digest-title">{h.digestTitle}</h2>
      <p>{h.digestText}</p>
      <p data-testid="digest-status">
        <strong>{on ? h.digestIsOn : h.digestIsOff}</strong>
      </p>
      <PostForm action="/helper/digest" submit={on ? h.digestTurnOff : h.digestTurnOn}>
        <input type="hidden" name="enabled" value={on ? 'false' : 'true'} />
      </PostForm>
    </section>
  );
}

export function HelperApplicantsPage(props: {
  ctx: HelperPageContext;
  profile: HelperProfile;
  applicants: readonly WatchedApplicant[];
  digest: DigestPreference;
  notice?: string | undefined;
}) {
  const { ctx } = props;
  const { page, h } = ctx;
  return (
    <Layout page={page} title={h.listTitle} notice={props.notice}>
      <HelperNav ctx={ctx} />
      <h1 id="list-title">{h.listTitle}</h1>
      <p>
        {props.profile.name} · {props.profile.organisation}
      </p>
      <section class="panel" aria-labelledby="code-title">
        <h2 id="code-title">{h.codeTitle}</h2>
        <p class="big" dir="ltr" lang="en" data-testid="grant-code">
          {props.profile.grantCode}
        </p>
        <p>{h.codeText(`${showInstantDate(props.profile.grantCodeExpiresAt)}`)}</p>
      </section>
      <p>{h.listIntro}</p>
      {props.applicants.length === 0 ? (
        <p>{h.noApplicants}</p>
      ) : (
        <table class="cards" aria-labelledby="list-title">
          <thead>
            <tr>
              <th scope="col">{h.colPerson}</th>
              <th scope="col">{h.colUnread}</th>
              <th scope="col">{h.colNext}</th>
              <th scope="col">{h.colTodo}</th>
              <th scope="col">{h.colOpen}</th>
            </tr>
          </thead>
          <tbody>
            {props.applicants.map((applicant) => {
              const urgent = isUrgent(applicant);
              return (
                <tr class={urgent ? 'is-unread' : undefined} data-agdref={applicant.agdref}>
                  <td data-label={h.colPerson}>
                    <strong dir="ltr">{applicant.agdref}</strong>
                  </td>
                  <td data-label={h.colUnread}>{String(applicant.unreadCount)}</td>
                  <td data-label={h.colNext}>
                    {applicant.nextDeadline === null ? h.none : h.nextOn(showDate(applicant.nextDeadline.date), h.kind[applicant.nextDeadline.kind])}
                  </td>
                  <td data-label={h.colTodo} class={urgent ? 'unread' : undefined}>
                    {urgent ? <strong>{h.urgent} — </strong> : null}
                    {nextStep(h, applicant)}
                  </td>
                  <td data-label={h.colOpen}>
                    <a href={`/helper/applicants/${applicant.agdref}`}>
                      {h.open}
                      <span class="vh"> {applicant.agdref}</span>
                    </a>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <DigestSection ctx={ctx} digest={props.digest} />
    </Layout>
  );
}

/** One letter's situation in plain words (R4–R9 as computed in the view). */
export function letterStep(ctx: HelperPageContext, document: HelperDocumentView, today: ParisDate): string {
  const { h } = ctx;
  const type = typeLabel(ctx, document);
  const since = daysBetween(parisDate(document.availableAt), today);
  if (document.firstOpenedAt !== null) return h.letterRead(type, showInstantDate(document.firstOpenedAt));
  if (document.daysLeft !== null) return h.letterConsult(type, since, document.daysLeft);
  if (document.notifiedBy === 'deemed' && document.notificationDate !== null) return h.letterDeemed(type, showDate(document.notificationDate));
  return h.letterUnread(type, since);
}

function deadlinesOf(h: HelperTexts, document: HelperDocumentView): string[] {
  if (document.type !== 'decision' || document.notificationDate === null) return [];
  const lines: string[] = [];
  if (document.legalAidDeadline != null && document.legalAid === undefined) lines.push(h.legalAidUntil(showDate(document.legalAidDeadline)));
  if (document.appealDeadline != null) lines.push(h.appealUntil(showDate(document.appealDeadline)));
  else if (document.legalAid !== undefined && document.legalAid.decisionNotifiedOn === null) lines.push(h.appealSuspended);
  return lines;
}

export function HelperApplicantPage(props: { ctx: HelperPageContext; agdref: string; documents: readonly HelperDocumentView[]; today: ParisDate }) {
  const { ctx } = props;
  const { page, h } = ctx;
  return (
    <Layout page={page} title={h.applicantTitle(props.agdref)}>
      <HelperNav ctx={ctx} />
      <p>
        <a href="/helper/applicants">{h.back}</a>
      </p>
      <h1 id="letters-title">{h.applicantTitle(props.agdref)}</h1>
      <p>{h.applicantIntro}</p>
      {props.documents.length === 0 ? (
        <p>{h.noLetters}</p>
      ) : (
        <table class="cards" aria-labelledby="letters-title">
          <thead>
            <tr>
              <th scope="col">{h.colLetter}</th>
              <th scope="col">{h.colAvailable}</th>
              <th scope="col">{h.colStatus}</th>
              <th scope="col">{h.colTodo}</th>
            </tr>
          </thead>
          <tbody>
            {props.documents.map((document) => {
              const urgent = document.firstOpenedAt === null && document.daysLeft !== null && document.daysLeft <= URGENT_DAYS_LEFT;
              return (
                <tr class={urgent ? 'is-unread' : undefined} data-document={document.id}>
                  <td data-label={h.colLetter}>
                    <strong>{typeLabel(ctx, document)}</strong>
                  </td>
                  <td data-label={h.colAvailable}>{showInstantDate(document.availableAt)}</td>
                  <td data-label={h.colStatus} class={document.firstOpenedAt === null ? 'unread' : undefined}>
                    {document.firstOpenedAt === null ? h.unread : h.readOn(showInstantDate(document.firstOpenedAt))}
                  </td>
                  <td data-label={h.colTodo} class={urgent ? 'unread' : undefined}>
                    {urgent ? <strong>{h.urgent} — </strong> : null}
                    {letterStep(ctx, document, props.today)}
                    {deadlinesOf(h, document).map((line) => (
                      <>
                        <br />
                        {line}
                      </>
                    ))}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </Layout>
  );
}
