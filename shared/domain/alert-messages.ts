/**
 * R11: how an alert is composed — which words, in which order, with the URL and the code — for
 * one channel, kind and language. The words themselves are content, one file per language in
 * shared/domain/alert-wording/ (`#alert-wording`: inside the Lambda bundles they are loaded from
 * beside the bundle on first use). An e-mail is composed as its plain text and its body's
 * structure (sections of paragraphs); its HTML is rendered by the e-mail side,
 * shared/adapters/email-html.ts, and SMS segments are counted by shared/adapters/sms-segments.ts.
 */
import { alertWording } from '#alert-wording';
import { CODE_PLACEHOLDER } from './alert-wording/wording.ts';
import { BoundedCache } from './bounded-cache.ts';
import type { AlertChannel, Language } from './types.ts';
import { LANGUAGES } from './types.ts';

/** What the alert is about: a new letter (R11), a reminder (R11) or a password-reset code. */
export type AlertMessageKind = 'deposit' | 'reminder' | 'resetCode';

export interface AlertMessageInput {
  readonly channel: AlertChannel;
  readonly kind: AlertMessageKind;
  readonly language: Language;
  /** The space's public URL, e.g. `https://demat.ofpra.example.fr` (AppConfig.publicUrl). */
  readonly publicUrl: string;
  /** The six-digit code, for `resetCode` only. */
  readonly code?: string;
}

/** One paragraph of an e-mail: plain text, text with one part in bold (the reset code), or the space's URL as a link. */
export type EmailParagraph =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'emphasis'; readonly text: string; readonly emphasis: string }
  | { readonly kind: 'link'; readonly url: string };

/** The e-mail in one language; `heading` introduces every section but the first (the French copy). */
export interface EmailSection {
  readonly language: Language;
  readonly heading?: string;
  readonly paragraphs: readonly EmailParagraph[];
}

/** What an e-mail says, section by section: the applicant's language, then (other languages) a French copy. */
export interface EmailBody {
  readonly language: Language;
  readonly sections: readonly EmailSection[];
}

/** SMS: `text` only. E-mail: `subject`, `text` and `body` (from which the e-mail side renders HTML). */
export interface AlertMessage {
  readonly text: string;
  readonly subject?: string;
  readonly body?: EmailBody;
}

const RESET_CODE = /^\d{6}$/;

/**
 * The alert for one channel, kind and language (R11).
 *
 * @example
 * alertMessage({ channel: 'sms', kind: 'deposit', language: 'fr', publicUrl: 'https://demat.ofpra.example.fr' }).text
 * // 'OFPRA : un nouveau courrier vous attend dans votre espace personnel. Connectez-vous pour le lire :\nhttps://demat.ofpra.example.fr'
 */
export function alertMessage(input: AlertMessageInput): AlertMessage {
  // Deposit and reminder alerts depend only on channel, kind, language and URL: each is composed
  // once and then copied; reset codes differ every time.
  const { channel, kind, language, publicUrl } = input;
  const cacheable =
    (channel === 'sms' || channel === 'email') && (kind === 'deposit' || kind === 'reminder') && LANGUAGES.includes(language);
  if (!cacheable) return composedMessage(input);
  const key = `${channel}|${kind}|${language}|${publicUrl}`;
  const known = composedByKey.get(key) ?? composedByKey.set(key, composedMessage(input));
  return { ...known };
}

/** Deposit and reminder alerts already composed, by `channel|kind|language|publicUrl` (the first three never hold a `|`). */
const composedByKey = new BoundedCache<string, AlertMessage>(1_000);

function composedMessage(input: AlertMessageInput): AlertMessage {
  const url = normalizedUrl(input.publicUrl);
  const code = input.kind === 'resetCode' ? checkedCode(input.code) : '';
  const wording = alertWording(input.language);
  if (input.channel === 'sms') {
    // The URL goes on its own line so that right-to-left text cannot reorder it.
    const sms = wording.sms;
    const text =
      input.kind === 'resetCode'
        ? withCode(sms.resetCode, code)
        : `${input.kind === 'deposit' ? sms.deposit : sms.reminder}\n${url}`;
    return { text };
  }
  const sections = [emailSection(input.language, input.kind, url, code)];
  // A French copy lets the people who help applicants (SPADA, social workers) read the message too.
  if (input.language !== 'fr') sections.push({ ...emailSection('fr', input.kind, url, code), heading: wording.email.frenchCopy });
  const subject = wording.email.subject[input.kind];
  const text = sections
    .map((section) =>
      [section.heading === undefined ? [] : [`--- ${section.heading} ---`], ...section.paragraphs.map((p) => [paragraphText(p)])]
        .flat()
        .join('\n\n'),
    )
    .join('\n\n\n');
  return { subject, text, body: { language: input.language, sections } };
}

function paragraphText(paragraph: EmailParagraph): string {
  return paragraph.kind === 'link' ? paragraph.url : paragraph.text;
}

function withCode(wording: string, code: string): string {
  return wording.replaceAll(CODE_PLACEHOLDER, code);
}

function emailSection(language: Language, kind: AlertMessageKind, url: string, code: string): EmailSection {
  const email = alertWording(language).email;
  const plain = (text: string): EmailParagraph => ({ kind: 'text', text });
  // The link shows the address itself, so that the reader can check where it leads.
  const link: EmailParagraph = { kind: 'link', url };
  const paragraphs: EmailParagraph[] =
    kind === 'resetCode'
      ? [
          plain(email.greeting),
          ...email.resetCode.map((line, index): EmailParagraph =>
            index === 0 ? { kind: 'emphasis', text: withCode(line, code), emphasis: code } : plain(withCode(line, code)),
          ),
          link,
          ...email.securityFooter.map(plain),
        ]
      : [plain(email.greeting), ...(kind === 'deposit' ? email.deposit : email.reminder).map(plain), link, plain(email.noticeFooter), ...email.securityFooter.map(plain)];
  return { language, paragraphs };
}

function normalizedUrl(publicUrl: string): string {
  let parsed: URL;
  try {
    parsed = new URL(publicUrl);
  } catch {
    throw new RangeError(`publicUrl is not a URL: ${publicUrl}`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new RangeError(`publicUrl must be an http(s) URL: ${publicUrl}`);
  }
  if (parsed.username !== '' || parsed.password !== '') throw new RangeError('publicUrl must not carry credentials');
  return publicUrl.trim().replace(/\/+$/, '');
}

function checkedCode(code: string | undefined): string {
  if (code === undefined || !RESET_CODE.test(code)) throw new RangeError('a resetCode alert needs a six-digit code');
  return code;
}
