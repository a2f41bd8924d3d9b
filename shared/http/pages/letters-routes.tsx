/**
 * The applicant's letters (logged in): the list, one letter with its dates and deadlines, its PDF
 * (R4: the first opening is recorded), and the legal-aid dates of a negative decision (R9).
 */
import { Hono } from 'hono';
import type { Context } from 'hono';
import { asciiDigits } from '../../domain/identity.ts';
import { LegalAidDateError, NotAppealableError, NotFoundError } from '../../errors.ts';
import type { Deps } from '../../ports.ts';
import type { Profile } from '../../use-cases/get-profile.ts';
import { getDocument } from '../../use-cases/get-document.ts';
import { listDocuments } from '../../use-cases/list-documents.ts';
import { recordLegalAid } from '../../use-cases/record-legal-aid.ts';
import { catalogueFor } from '../i18n/index.ts';
import type { Catalogue } from '../i18n/index.ts';
import { sendLetterContent } from '../letter-content.ts';
import { LegalAidBody } from '../schemas.ts';
import { DocumentPage } from './document-page.tsx';
import { DocumentsPage } from './documents-page.tsx';
import { hasErrors, readForm, type Status, tooLongErrors } from './form-checks.ts';
import { showDate } from './format.ts';
import { pageContext, renderPage } from './frame.ts';
import type { FieldErrors } from './layout.tsx';
import { MessagePage } from './message-page.tsx';
import { type PagesEnv, requireViewer } from './viewer.ts';

/**
 * A date as typed: the picker's `YYYY-MM-DD`, or `DD/MM/YYYY` (also with `.` or `-`) where a
 * browser shows a plain text box; digits of any script. Null when it is not a calendar date (the
 * API's `LegalAidRequest` date shape).
 */
function dateFrom(typed: string): string | null {
  const text = asciiDigits(typed).trim();
  const dayFirst = /^([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})$/.exec(text);
  const iso = dayFirst === null ? text : `${dayFirst[3]}-${dayFirst[2]?.padStart(2, '0')}-${dayFirst[1]?.padStart(2, '0')}`;
  return LegalAidBody().shape.requestedOn.safeParse(iso).success ? iso : null;
}

/** R9's refusals, each in its own words: in the future, before the notification, a decision before its request. */
function legalAidDateErrors(t: Catalogue, error: LegalAidDateError): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const [field, { problem, date }] of Object.entries(error.problems)) {
    const id = field === 'decisionNotifiedOn' ? 'decisionNotifiedOn' : 'requestedOn';
    const shown = date === undefined ? '' : showDate(date);
    errors[id] = [
      problem === 'future'
        ? t.errDateFuture
        : problem === 'beforeNotification'
          ? t.errDateBeforeNotification(shown)
          : problem === 'beforeRequest'
            ? t.errDecisionBeforeRequest
            : problem === 'alreadyRecorded'
              ? t.errDateAlreadyRecorded
              : t.errDate,
    ];
  }
  return errors;
}

export function letterPages(deps: Deps): Hono<PagesEnv> {
  const pages = new Hono<PagesEnv>();
  const viewer = requireViewer(deps);

  pages.get('/documents', viewer, async (c) => {
    const profile = await c.var.viewer.profile();
    const documents = await listDocuments(deps, { agdref: profile.agdref });
    const page = pageContext(c, profile.language, profile);
    return renderPage(
      c,
      <DocumentsPage
        page={page}
        documents={documents}
        unreadCount={profile.unreadCount}
        hasContact={profile.phone !== null || profile.email !== null}
        paperDerogation={profile.paperDerogation}
        notice={c.req.query('notice') === 'activated' ? page.t.activatedWelcome : undefined}
      />,
    );
  });

  async function documentPage(
    c: Context,
    profile: Profile,
    id: string,
    extra: { errors?: FieldErrors; values?: Readonly<Record<string, string>>; status?: Status } = {},
  ): Promise<Response> {
    const page = pageContext(c, profile.language, profile);
    try {
      const document = await getDocument(deps, { agdref: profile.agdref, documentId: id });
      const notice = c.req.query('saved') === 'legal-aid' ? page.t.legalAidSaved : undefined;
      return renderPage(
        c,
        <DocumentPage page={page} document={document} errors={extra.errors ?? {}} values={extra.values ?? {}} notice={notice} />,
        extra.status ?? 200,
      );
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      const { t } = page;
      return renderPage(
        c,
        <MessagePage page={page} title={t.notFoundTitle} text={t.notFoundText} link={{ href: '/documents', text: t.backToDocuments }} />,
        404,
      );
    }
  }

  pages.get('/documents/:id', viewer, async (c) => documentPage(c, await c.var.viewer.profile(), c.req.param('id')));

  pages.get('/documents/:id/pdf', viewer, (c) => sendLetterContent(c, deps, c.var.viewer.agdref, c.req.param('id')));

  pages.post('/documents/:id/legal-aid', viewer, async (c) => {
    const profile = await c.var.viewer.profile();
    const id = c.req.param('id');
    const form = await readForm(c);
    const t = catalogueFor(profile.language);
    const typedRequest = (form.requestedOn ?? '').trim();
    const typedDecision = (form.decisionNotifiedOn ?? '').trim();
    const requestedOn = dateFrom(typedRequest);
    const decisionNotifiedOn = dateFrom(typedDecision);
    const errors: Record<string, string[]> = tooLongErrors(t, form, {
      requestedOn: ['requestedOn', t.legalAidRequestedOn],
      decisionNotifiedOn: ['decisionNotifiedOn', t.legalAidDecisionOn],
    });
    if (errors.requestedOn === undefined) {
      if (typedRequest === '') errors.requestedOn = [t.required];
      else if (requestedOn === null) errors.requestedOn = [t.errDate];
    }
    if (errors.decisionNotifiedOn === undefined && typedDecision !== '' && decisionNotifiedOn === null) errors.decisionNotifiedOn = [t.errDate];
    const values = { requestedOn: requestedOn ?? typedRequest, decisionNotifiedOn: decisionNotifiedOn ?? typedDecision };
    if (hasErrors(errors) || requestedOn === null) return documentPage(c, profile, id, { errors, values, status: 400 });
    try {
      await recordLegalAid(deps, {
        agdref: profile.agdref,
        documentId: id,
        requestedOn,
        ...(decisionNotifiedOn === null ? {} : { decisionNotifiedOn }),
      });
      return c.redirect(`/documents/${encodeURIComponent(id)}?saved=legal-aid#appeal-title`, 303);
    } catch (error) {
      if (error instanceof NotAppealableError) {
        return documentPage(c, profile, id, { errors: { requestedOn: [t.errNotAppealable] }, values, status: 409 });
      }
      if (error instanceof LegalAidDateError) return documentPage(c, profile, id, { errors: legalAidDateErrors(t, error), values, status: 400 });
      throw error;
    }
  });

  return pages;
}
