/**
 * `--html`: one self-contained page (inline CSS and SVG, no script, no external asset). For
 * timeline files, a chart per applicant: one row per document with its deposit, consultation
 * window, first opening, deemed transition, alerts (SMS/e-mail, failed ones in red), legal-aid
 * events, and the appeal and legal-aid deadlines. For a population, bar charts of its report.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { startOfParisDay } from '../shared/domain/calendar.ts';
import { escapeHtml } from '../shared/domain/text.ts';
import type { CampaignReport, ChannelFigures } from './campaign.ts';
import type { PopulationReport } from './population/index.ts';
import type { Failure } from './expectations.ts';
import type { ApplicantResult, DocumentResult, FileResult, RunResult } from './runner.ts';

const DAY_MS = 86_400_000;
const CHART_WIDTH = 1100;
const LABEL_WIDTH = 170;
const ROW_HEIGHT = 34;
const AXIS_HEIGHT = 28;

const COLOURS = {
  window: '#cfe3f7',
  deposit: '#1f4e79',
  opened: '#2e7d32',
  deemed: '#e65100',
  sms: '#6a1b9a',
  email: '#00838f',
  failed: '#c62828',
  appeal: '#c62828',
  legalAid: '#8d6e00',
  legalAidEvent: '#8d6e00',
} as const;

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px;color:#1a1a1a;max-width:1200px}
h1{font-size:22px}h2{font-size:18px;margin-top:32px;border-bottom:1px solid #ddd}h3{font-size:15px;margin:20px 0 6px}
table{border-collapse:collapse;margin:8px 0 16px;font-size:13px}th,td{border:1px solid #ddd;padding:3px 7px;text-align:left}
th{background:#f4f4f4}td.failed{background:#fde7e9;outline:2px solid #c62828;font-weight:700}td.failed:target{outline-width:4px}
.summary{border:3px solid #c62828;padding:8px 14px;margin:12px 0 20px}.summary h2{margin-top:4px;border:0}.paris{display:block;color:#555;font-size:12px}
.fail{color:#c62828}.ok{color:#2e7d32}.muted{color:#666}code{font-size:12px}
.legend span{display:inline-block;margin-right:14px}.legend i{display:inline-block;width:12px;height:12px;margin-right:4px;vertical-align:-1px}
svg text{font:11px system-ui,sans-serif}
`;

function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta name="viewport" content="width=device-width,initial-scale=1"><style>${STYLE}</style></head>
<body>${body}</body></html>
`;
}

function legend(): string {
  const item = (colour: string, text: string): string => `<span><i style="background:${colour}"></i>${escapeHtml(text)}</span>`;
  return `<p class="legend">${[
    item(COLOURS.window, 'consultation window (15 days)'),
    item(COLOURS.deposit, 'deposit'),
    item(COLOURS.opened, 'first opening'),
    item(COLOURS.deemed, 'deemed notified'),
    item(COLOURS.sms, 'SMS sent'),
    item(COLOURS.email, 'e-mail sent'),
    item(COLOURS.failed, 'alert failed'),
    item(COLOURS.legalAidEvent, 'legal aid requested / decided'),
    item(COLOURS.appeal, 'appeal deadline'),
    item(COLOURS.legalAid, 'legal-aid deadline (dashed)'),
  ].join('')}</p>`;
}

/** End of a Paris date (start of the next day), for drawing a deadline that lasts the whole day. */
function endOfDateMs(date: string): number {
  return Date.parse(startOfParisDay(date)) + DAY_MS;
}

function applicantChart(applicant: ApplicantResult, startMs: number, untilMs: number): string {
  const documents = applicant.documents;
  const from = Math.min(startMs, ...documents.map((d) => Date.parse(d.availableAt))) - DAY_MS;
  const deadlineEnds = documents.flatMap((d) => [d.appealDeadline, d.legalAidDeadline]).filter((x): x is string => typeof x === 'string');
  const to = Math.max(untilMs, ...deadlineEnds.map(endOfDateMs)) + DAY_MS;
  const span = Math.max(to - from, DAY_MS);
  const plotWidth = CHART_WIDTH - LABEL_WIDTH - 10;
  const x = (ms: number): number => LABEL_WIDTH + ((ms - from) / span) * plotWidth;
  const height = AXIS_HEIGHT + Math.max(documents.length, 1) * ROW_HEIGHT + 6;
  const parts: string[] = [];

  // Month ticks along the top.
  const first = new Date(from);
  for (let m = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 1)); m.getTime() < to; m = new Date(Date.UTC(m.getUTCFullYear(), m.getUTCMonth() + 1, 1))) {
    const px = x(m.getTime());
    parts.push(`<line x1="${px.toFixed(1)}" y1="${AXIS_HEIGHT - 6}" x2="${px.toFixed(1)}" y2="${height}" stroke="#eee"/>`);
    if (px < CHART_WIDTH - 50) parts.push(`<text x="${px.toFixed(1)}" y="${AXIS_HEIGHT - 10}" fill="#666">${m.toISOString().slice(0, 7)}</text>`);
  }
  const untilX = x(untilMs).toFixed(1);
  parts.push(`<line x1="${untilX}" y1="${AXIS_HEIGHT - 6}" x2="${untilX}" y2="${height}" stroke="#999" stroke-dasharray="2,3"><title>until ${new Date(untilMs).toISOString()}</title></line>`);

  documents.forEach((document, row) => {
    const y = AXIS_HEIGHT + row * ROW_HEIGHT;
    const mid = y + ROW_HEIGHT / 2;
    parts.push(`<text x="4" y="${mid + 4}">${escapeHtml(truncate(`${document.doc} · ${document.type}`, 26))}<title>${escapeHtml(`${document.doc} (${document.documentId})`)}</title></text>`);
    parts.push(`<line x1="${LABEL_WIDTH}" y1="${mid}" x2="${CHART_WIDTH - 10}" y2="${mid}" stroke="#f0f0f0"/>`);
    const available = Date.parse(document.availableAt);
    if (document.windowEnd !== null) {
      const x1 = x(available);
      const x2 = x(Date.parse(document.windowEnd));
      parts.push(`<rect x="${x1.toFixed(1)}" y="${y + 8}" width="${Math.max(x2 - x1, 1).toFixed(1)}" height="${ROW_HEIGHT - 16}" fill="${COLOURS.window}"><title>consultation window until ${escapeHtml(String(document.consultationDeadline))} (ends ${escapeHtml(document.windowEnd)})</title></rect>`);
    }
    parts.push(diamond(x(available), mid, COLOURS.deposit, `deposited ${withParisTime(document.availableAt)}`));
    if (document.firstOpenedAt !== null) {
      parts.push(`<circle cx="${x(Date.parse(String(document.firstOpenedAt))).toFixed(1)}" cy="${mid}" r="5" fill="${COLOURS.opened}"><title>first opened ${escapeHtml(withParisTime(String(document.firstOpenedAt)))}</title></circle>`);
    }
    for (const event of document.evidence) {
      const ex = x(Date.parse(event.at));
      if (event.event === 'deemedNotified') {
        parts.push(`<path d="M${(ex - 5).toFixed(1)},${mid - 5} L${(ex + 5).toFixed(1)},${mid + 5} M${(ex + 5).toFixed(1)},${mid - 5} L${(ex - 5).toFixed(1)},${mid + 5}" stroke="${COLOURS.deemed}" stroke-width="2.5"><title>deemed notified ${escapeHtml(withParisTime(event.at))}</title></path>`);
      } else if (event.event === 'alertSent' || event.event === 'alertFailed') {
        const colour = event.event === 'alertFailed' ? COLOURS.failed : event.channel === 'sms' ? COLOURS.sms : COLOURS.email;
        const top = event.channel === 'sms' ? y + 2 : mid + 6;
        const label = `${event.event === 'alertFailed' ? 'FAILED ' : ''}${event.channel ?? ''} ${event.kind ?? ''}${event.day === undefined ? '' : ` day ${event.day}`} at ${withParisTime(event.at)}`;
        parts.push(`<rect x="${(ex - 1.5).toFixed(1)}" y="${top}" width="3" height="9" fill="${colour}"><title>${escapeHtml(label)}</title></rect>`);
      } else if (event.event === 'legalAidRequested' || event.event === 'legalAidDecided') {
        parts.push(`<rect x="${(ex - 4).toFixed(1)}" y="${mid - 4}" width="8" height="8" fill="none" stroke="${COLOURS.legalAidEvent}" stroke-width="2"><title>${escapeHtml(`${event.event} ${event.date ?? ''} (recorded ${event.at})`)}</title></rect>`);
      }
    }
    if (typeof document.legalAidDeadline === 'string') {
      const lx = x(endOfDateMs(document.legalAidDeadline)).toFixed(1);
      parts.push(`<line x1="${lx}" y1="${y + 3}" x2="${lx}" y2="${y + ROW_HEIGHT - 3}" stroke="${COLOURS.legalAid}" stroke-width="2" stroke-dasharray="4,2"><title>legal-aid deadline ${escapeHtml(document.legalAidDeadline)}</title></line>`);
    }
    if (typeof document.appealDeadline === 'string') {
      const ax = x(endOfDateMs(document.appealDeadline)).toFixed(1);
      parts.push(`<line x1="${ax}" y1="${y + 3}" x2="${ax}" y2="${y + ROW_HEIGHT - 3}" stroke="${COLOURS.appeal}" stroke-width="2.5"><title>appeal deadline ${escapeHtml(document.appealDeadline)}</title></line>`);
    }
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${CHART_WIDTH}" height="${height}" viewBox="0 0 ${CHART_WIDTH} ${height}" role="img" aria-label="timeline of applicant ${escapeHtml(applicant.id)}">${parts.join('')}</svg>`;
}

function diamond(cx: number, cy: number, colour: string, title: string): string {
  return `<path d="M${cx.toFixed(1)},${cy - 6} L${(cx + 6).toFixed(1)},${cy} L${cx.toFixed(1)},${cy + 6} L${(cx - 6).toFixed(1)},${cy} Z" fill="${colour}"><title>${escapeHtml(title)}</title></path>`;
}

function truncate(text: string, n: number): string {
  return text.length <= n ? text : `${text.slice(0, n - 1)}…`;
}

/** Paris wall time as `2023-04-20 10:00:00` (Swedish conventions are ISO-like). */
const PARIS_TIME = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris', dateStyle: 'short', timeStyle: 'medium' });

/** An instant as the file gives it (UTC), with Paris wall time next to it: `2023-04-20T08:00:00.000Z (Paris 2023-04-20 10:00:00)`. */
export function withParisTime(instant: string): string {
  const ms = Date.parse(instant);
  return Number.isNaN(ms) ? instant : `${instant} (Paris ${PARIS_TIME.format(ms)})`;
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T/;

/** A table cell; an instant shows its Paris time under the UTC one; a failed check is highlighted with its expected value. */
function cell(value: unknown, failure?: { readonly id: string; readonly failure: Failure }): string {
  const text = value === null || value === undefined ? '<span class="muted">—</span>' : escapeHtml(String(value));
  const paris = typeof value === 'string' && INSTANT.test(value) ? `<span class="paris">Paris ${escapeHtml(PARIS_TIME.format(Date.parse(value)))}</span>` : '';
  if (failure === undefined) return `<td>${text}${paris}</td>`;
  const expected = `expected ${String(failure.failure.expected)}`;
  return `<td class="failed" id="${failure.id}" title="${escapeHtml(expected)}">${text}${paris}<span class="paris">${escapeHtml(expected)}</span></td>`;
}

/** The columns of the document table and the expectation field each one shows (the `doc` column takes the others, e.g. `evidence`). */
const COLUMNS: ReadonlyArray<readonly [string, string, (d: DocumentResult) => unknown]> = [
  ['doc', 'doc', (d) => d.doc],
  ['type', 'type', (d) => (d.outcome === null ? d.type : `${d.type} (${d.outcome})`)],
  ['available', 'availableAt', (d) => d.availableAt],
  ['first opened', 'firstOpenedAt', (d) => d.firstOpenedAt],
  ['notified', 'notificationDate', (d) => d.notificationDate],
  ['by', 'notifiedBy', (d) => d.notifiedBy],
  ['consultation deadline', 'consultationDeadline', (d) => d.consultationDeadline],
  ['legal-aid deadline', 'legalAidDeadline', (d) => d.legalAidDeadline],
  ['appeal deadline', 'appealDeadline', (d) => d.appealDeadline],
  ['SMS', 'sms', (d) => d.sms],
  ['e-mail', 'email', (d) => d.email],
];

/** The anchor of a failure's cell: unique in the report, stable for a given file, applicant, document and field. */
export function failureAnchor(fileIndex: number, failure: Failure): string {
  const column = COLUMNS.some(([, field]) => field === failure.field) ? failure.field : 'doc';
  return `fail-${fileIndex}-${encodeURIComponent(failure.applicant)}-${encodeURIComponent(failure.doc)}-${column}`.replace(/%/g, '_');
}

function documentTable(fileIndex: number, applicant: ApplicantResult, failures: readonly Failure[]): string {
  const rows = applicant.documents.map((d) => {
    const mine = failures.filter((f) => f.applicant === applicant.id && f.doc === d.doc);
    const cells = COLUMNS.map(([, field, read]) => {
      const failure = mine.find((f) => f.field === field) ?? (field === 'doc' ? mine.find((f) => !COLUMNS.some(([, known]) => known === f.field)) : undefined);
      return cell(read(d), failure === undefined ? undefined : { id: failureAnchor(fileIndex, failure), failure });
    });
    return `<tr>${cells.join('')}</tr>`;
  });
  return `<table><tr>${COLUMNS.map(([h]) => `<th>${h}</th>`).join('')}</tr>${rows.join('')}</table>`;
}

function failureText(f: Failure): string {
  const shown = (value: unknown): string => (typeof value === 'string' && INSTANT.test(value) ? withParisTime(value) : String(value));
  return `${f.applicant} / ${f.doc} / ${f.field}: expected ${shown(f.expected)}, actual ${shown(f.actual)}${f.note === undefined ? '' : ` (${f.note})`}`;
}

/** At the top of the report: every failure of every file, each linking to its highlighted cell. */
function failureSummary(result: RunResult): string {
  if (result.failed === 0) return '';
  const items = result.files.flatMap((file, index) =>
    file.failures.map((f) => `<li><a href="#${failureAnchor(index, f)}">${escapeHtml(`${basename(file.file)}: ${failureText(f)}`)}</a></li>`),
  );
  return `<section class="summary" aria-labelledby="failures"><h2 id="failures" class="fail">${result.failed} failed expectation${result.failed === 1 ? '' : 's'}</h2><ol>${items.join('')}</ol></section>`;
}

function fileSection(file: FileResult, fileIndex: number): string {
  const startMs = Date.parse(file.start);
  const untilMs = Date.parse(file.until);
  const failures =
    file.failures.length === 0
      ? `<p class="ok">All ${file.passed} expectations hold.</p>`
      : `<p class="fail">${file.failed} failed, ${file.passed} passed:</p><ul>${file.failures
          .map((f) => `<li class="fail"><a class="fail" href="#${failureAnchor(fileIndex, f)}">${escapeHtml(failureText(f))}</a></li>`)
          .join('')}</ul>`;
  const faults = file.faults.length === 0 ? 'none' : file.faults.map((f) => JSON.stringify(f)).join(', ');
  const applicants = file.applicants
    .map((applicant) => {
      const refused =
        applicant.refused.length === 0
          ? ''
          : `<p class="fail">Refused events: ${applicant.refused.map((r) => escapeHtml(`${r.do}${r.doc === undefined ? '' : ` ${r.doc}`} at ${r.at}: ${r.error}`)).join('; ')}</p>`;
      return `<h3>Applicant ${escapeHtml(applicant.id)} <span class="muted">(AGDREF ${escapeHtml(applicant.agdref)})</span></h3>
${applicantChart(applicant, startMs, untilMs)}
${documentTable(fileIndex, applicant, file.failures)}${refused}`;
    })
    .join('\n');
  return `<h2>${escapeHtml(basename(file.file))}</h2>
<p>${escapeHtml(file.name)}</p>
<p class="muted"><code>${escapeHtml(file.file)}</code> · from ${escapeHtml(withParisTime(file.start))} until ${escapeHtml(withParisTime(file.until))} · faults: ${escapeHtml(faults)} · seed ${escapeHtml(file.seed)}</p>
${failures}
${file.undeliveredAlerts.length === 0 ? '' : `<p class="fail">Undelivered alerts: ${file.undeliveredAlerts.map((a) => escapeHtml(`${a.applicant}/${a.doc} ${a.id} (${a.status}, ${a.attempts} attempts)`)).join('; ')}</p>`}
${applicants}`;
}

export function renderTimelineReport(result: RunResult): string {
  const summary = `<p class="${result.failed === 0 ? 'ok' : 'fail'}">${result.passed} passed, ${result.failed} failed</p>`;
  return page('Timeline simulation', `<h1>Timeline simulation</h1>${summary}${failureSummary(result)}${legend()}${result.files.map(fileSection).join('\n')}`);
}

// ---------------------------------------------------------------- population

function barChart(title: string, rows: ReadonlyArray<readonly [string, number]>, format: (n: number) => string = (n) => n.toLocaleString('en')): string {
  const max = Math.max(1, ...rows.map(([, n]) => n));
  const barHeight = 22;
  const labelWidth = 220;
  const width = 760;
  const height = rows.length * barHeight + 8;
  const bars = rows
    .map(([label, n], i) => {
      const y = 4 + i * barHeight;
      const w = ((width - labelWidth - 110) * n) / max;
      return `<text x="0" y="${y + 15}">${escapeHtml(label)}</text><rect x="${labelWidth}" y="${y + 3}" width="${Math.max(w, n > 0 ? 1 : 0).toFixed(1)}" height="${barHeight - 6}" fill="#1f4e79"/><text x="${(labelWidth + w + 6).toFixed(1)}" y="${y + 15}">${escapeHtml(format(n))}</text>`;
    })
    .join('');
  return `<h3>${escapeHtml(title)}</h3><svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(title)}">${bars}</svg>`;
}

export function renderPopulationReport(report: PopulationReport): string {
  const notified = Object.entries(report.documents.byNotification) as Array<[string, number]>;
  const daysLeft = report.rejections.daysLeftToAppealAtFirstOpening.buckets.map((b) => [b.label, b.count] as const);
  const alerts = [
    ['SMS deposit alerts', report.alerts.sms.deposit],
    ['SMS reminders', report.alerts.sms.reminder],
    ['e-mail deposit alerts', report.alerts.email.deposit],
    ['e-mail reminders', report.alerts.email.reminder],
  ] as const;
  const segments = Object.entries(report.sms.byLanguage).map(([language, s]) => [`${language} (${s.encoding})`, s.segments] as const);
  const body = `<h1>Population simulation</h1>
<p>${report.applicants.toLocaleString('en')} applicants, seed <code>${escapeHtml(report.seed)}</code>, from ${escapeHtml(report.start)} until ${escapeHtml(report.until)}.
${report.documents.total.toLocaleString('en')} letters simulated in ${report.throughput.wallSeconds.toFixed(1)} s (${Math.round(report.throughput.lettersPerSecond).toLocaleString('en')} letters/s).</p>
${barChart('Documents by how they were notified', notified)}
${barChart(`Days left to appeal when a rejection is first opened (${report.rejections.firstOpened.toLocaleString('en')} opened, ${report.rejections.neverOpened.toLocaleString('en')} never)`, daysLeft)}
<p>Appealable decisions first opened after their legal-aid deadline: <strong>${(report.appealableDecisions.shareOpenedAfterLegalAidDeadline * 100).toFixed(1)} %</strong>
(${report.appealableDecisions.openedAfterLegalAidDeadline.toLocaleString('en')} of ${report.appealableDecisions.total.toLocaleString('en')}; never opened: ${report.appealableDecisions.neverOpened.toLocaleString('en')}).</p>
${barChart('Alerts accepted by the providers', alerts)}
${barChart('SMS segments by language', segments)}
<p>SMS: ${report.sms.messages.toLocaleString('en')} messages, ${report.sms.segments.toLocaleString('en')} segments (GSM-7 ${report.sms.gsm7Segments.toLocaleString('en')}, UCS-2 ${report.sms.ucs2Segments.toLocaleString('en')}),
projected cost <strong>${report.sms.projectedCostEur.toFixed(2)} €</strong> at ${report.sms.costPerSegmentEur} € per segment.</p>`;
  return page('Population simulation', body);
}

// ---------------------------------------------------------------- campaign

export function renderCampaignReport(report: CampaignReport): string {
  const c = report.campaign;
  const seconds = (n: number | null): string => (n === null ? '—' : `${n.toFixed(1)} s`);
  const row = (name: string, f: ChannelFigures, bound: number, ratio: number | null): string => {
    const ok = f.lost === 0 && f.duplicated === 0 && ratio !== null && ratio <= 1.1;
    return `<tr><th>${escapeHtml(name)}</th><td>${f.accepted}</td><td class="${f.lost === 0 ? 'ok' : 'fail'}">${f.lost}</td><td class="${f.duplicated === 0 ? 'ok' : 'fail'}">${f.duplicated}</td><td>${f.throttled}</td><td>${seconds(f.lastAcceptedAfterSeconds)}</td><td>${seconds(bound)}</td><td class="${ok ? 'ok' : 'fail'}">${ratio === null ? '—' : `×${ratio.toFixed(3)}`}</td></tr>`;
  };
  const body = `<h1>Campaign simulation</h1>
<p>${c.letters.toLocaleString('en')} convocations deposited over ${c.overMinutes} min from ${escapeHtml(report.firstDepositAt)}, seed <code>${escapeHtml(report.seed)}</code>.
Quotas: SMS ${c.rates.sms}/s, e-mail ${c.rates.email}/s, scheduler ${c.rates.scheduler} creations/s. Simulated in ${report.runSeconds.toFixed(1)} s.</p>
<h2>Deposit alerts</h2>
<table><tr><th>channel</th><th>accepted</th><th>lost</th><th>duplicated</th><th>throttled sends</th><th>last accepted after</th><th>quota's lower bound</th><th>ratio (goal ≤ 1.1)</th></tr>
${row('SMS', c.sms, c.lowerBoundSeconds.sms, c.ratioToBound.sms)}
${row('e-mail', c.email, c.lowerBoundSeconds.email, c.ratioToBound.email)}</table>
<p>Scheduler: ${c.scheduler.throttled} throttled creations. Per deposit: ${report.perDeposit.createScheduleCalls.toFixed(2)} CreateSchedule calls,
${report.perDeposit.smsCalls.toFixed(2)} SMS and ${report.perDeposit.emailCalls.toFixed(2)} e-mail provider calls.
Deposits: ${report.deposits.done} done, ${report.deposits.refused} refused. Alert-queue messages consumed: ${report.queue.messages} (${report.queue.throttled} throttled).</p>`;
  return page('Campaign simulation', body);
}

export async function writeHtml(path: string, html: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, html, 'utf8');
}
