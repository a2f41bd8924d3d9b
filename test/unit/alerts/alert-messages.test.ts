import { describe, expect, it } from 'vitest';
import { alertEmailHtml } from '../../../shared/adapters/email-html.tsx';
import { smsSegments } from '../../../shared/adapters/sms-segments.ts';
import { alertMessage, type AlertMessageKind, type AlertMessageInput } from '../../../shared/domain/alert-messages.ts';
import { DOCUMENT_LABELS } from '../../../shared/domain/documents.ts';
import { LANGUAGES, RTL_LANGUAGES, type Language } from '../../../shared/domain/types.ts';

const PUBLIC_URL = 'https://demat.ofpra.example.fr';
const CODE = '482913';
const KINDS: readonly AlertMessageKind[] = ['deposit', 'reminder', 'resetCode'];
const EVERY_TEMPLATE = LANGUAGES.flatMap((language) => KINDS.map((kind) => ({ language, kind })));

function sms(language: Language, kind: AlertMessageKind, publicUrl = PUBLIC_URL) {
  return alertMessage({ channel: 'sms', kind, language, publicUrl, code: CODE });
}

/** An e-mail as the provider gets it: composed by the domain, its HTML rendered by the e-mail side. */
function emailAsSent(input: Omit<AlertMessageInput, 'channel'>) {
  const message = alertMessage({ ...input, channel: 'email' });
  return { ...message, html: message.body === undefined || message.subject === undefined ? undefined : alertEmailHtml(message.subject, message.body) };
}

function email(language: Language, kind: AlertMessageKind) {
  return emailAsSent({ kind, language, publicUrl: PUBLIC_URL, code: CODE });
}

/** Letter content an alert must never carry: document type labels and decision outcomes (R11). */
const LETTER_CONTENT = [
  ...Object.values(DOCUMENT_LABELS).flatMap((label) => [label.fr, label.en]),
  'rejet',
  'rejection',
  'irrecevab',
  'inadmissib',
  'clôture',
  'closure',
  'réfugié',
  'refugee',
  'protection subsidiaire',
  'subsidiary protection',
];

describe('alertMessage', () => {
  it.each(EVERY_TEMPLATE)('R11: the $kind SMS in $language names OFPRA, as the French one does', ({ language, kind }) => {
    expect(sms(language, kind).text).toContain('OFPRA');
  });

  it.each(['ar', 'prs', 'ps'] as const)('R11: the %s SMS starts with right-to-left text, so OFPRA does not turn the message left to right', (language) => {
    for (const kind of ['deposit', 'reminder', 'resetCode'] as const) {
      expect(sms(language, kind).text).toMatch(/^[\u0600-\u06FF]/);
    }
  });

  it.each(EVERY_TEMPLATE)('R11: the $kind SMS in $language fits one segment with the URL', ({ language, kind }) => {
    // Arrange
    const message = sms(language, kind);

    // Act
    const { encoding, segments, length } = smsSegments(message.text);

    // Assert
    expect(segments).toBe(1);
    expect(length).toBeLessThanOrEqual(encoding === 'GSM-7' ? 160 : 70);
  });

  it.each(LANGUAGES.flatMap((language) => (['deposit', 'reminder'] as const).map((kind) => ({ language, kind }))))(
    'R11: the $kind alerts in $language give the URL of the personal space',
    ({ language, kind }) => {
      const text = sms(language, kind).text;
      const mail = email(language, kind);

      expect(text.endsWith(`\n${PUBLIC_URL}`)).toBe(true);
      expect(mail.text).toContain(PUBLIC_URL);
      expect(mail.html).toContain(`<a href="${PUBLIC_URL}">${PUBLIC_URL}</a>`);
    },
  );

  it.each(LANGUAGES)('R11: the reminder in %s says the 15-day time limit', (language) => {
    const fifteen = /15|১৫/;

    expect(email(language, 'reminder').text).toMatch(fifteen);
    expect(sms(language, 'reminder').text).toMatch(fifteen);
  });

  it.each(EVERY_TEMPLATE)('leaves no placeholder unfilled in the $kind alerts in $language', ({ language, kind }) => {
    const messages = [{ ...sms(language, kind), html: undefined }, email(language, kind)];

    for (const message of messages) {
      for (const part of [message.text, message.subject ?? '', message.html ?? '']) {
        expect(part).not.toMatch(/[{}]|\$\{|%s|%d|\bundefined\b|\bnull\b|\bNaN\b|\[object /);
      }
    }
  });

  it.each(EVERY_TEMPLATE)('R11: the $kind alerts in $language carry no letter content', ({ language, kind }) => {
    const all = [{ ...sms(language, kind), html: undefined }, email(language, kind)]
      .flatMap((message) => [message.text, message.subject ?? '', message.html ?? ''])
      .join('\n')
      .toLowerCase();

    for (const word of LETTER_CONTENT) expect(all).not.toContain(word.toLowerCase());
  });

  it.each(LANGUAGES)('gives every e-mail in %s a subject, a text and an HTML body', (language) => {
    for (const kind of KINDS) {
      const message = email(language, kind);
      expect(message.subject?.length).toBeGreaterThan(10);
      expect(message.text.length).toBeGreaterThan(100);
      expect(message.html).toMatch(/^<!DOCTYPE html>/);
    }
  });

  it('writes the French alerts completely, in the GSM-7 alphabet for SMS', () => {
    expect(sms('fr', 'deposit').text).toBe(
      `OFPRA : un nouveau courrier vous attend dans votre espace personnel. Connectez-vous pour le lire :\n${PUBLIC_URL}`,
    );
    expect(sms('fr', 'reminder').text).toContain('15 jours');
    expect(email('fr', 'reminder').text).toContain('considéré comme notifié');
    expect(email('fr', 'deposit').subject).toBe('Un nouveau courrier vous attend dans votre espace personnel OFPRA');
    for (const kind of KINDS) expect(smsSegments(sms('fr', kind).text).encoding).toBe('GSM-7');
  });

  it('writes the English alerts completely, in the GSM-7 alphabet for SMS', () => {
    expect(sms('en', 'deposit').text).toBe(
      `OFPRA: a new letter is waiting for you in your personal space. Log in to read it:\n${PUBLIC_URL}`,
    );
    expect(sms('en', 'reminder').text).toContain('within 15 days');
    expect(email('en', 'reminder').text).toContain('considered notified');
    expect(email('en', 'resetCode').subject).toBe('Your OFPRA password reset code');
    for (const kind of KINDS) expect(smsSegments(sms('en', kind).text).encoding).toBe('GSM-7');
  });

  it('adds a French copy to e-mails in other languages, for the people who help applicants', () => {
    const message = email('ar', 'deposit');

    expect(message.text).toContain("Un nouveau courrier de l'OFPRA a été déposé");
    expect(message.html).toContain('<div lang="fr" dir="ltr">');
    expect(email('fr', 'deposit').text).not.toContain('---');
  });

  it.each(LANGUAGES)('marks the e-mail in %s with its language and direction', (language) => {
    const html = email(language, 'deposit').html ?? '';

    expect(html).toContain(`<html lang="${language}" dir="${RTL_LANGUAGES.includes(language) ? 'rtl' : 'ltr'}">`);
  });

  it.each(LANGUAGES)('puts the reset code in the %s SMS and e-mail', (language) => {
    expect(sms(language, 'resetCode').text).toContain(CODE);
    expect(email(language, 'resetCode').html).toContain(`<strong>${CODE}</strong>`);
  });

  it('refuses a reset-code alert without a six-digit code', () => {
    expect(() => alertMessage({ channel: 'sms', kind: 'resetCode', language: 'fr', publicUrl: PUBLIC_URL })).toThrow(
      RangeError,
    );
    expect(() =>
      alertMessage({ channel: 'sms', kind: 'resetCode', language: 'fr', publicUrl: PUBLIC_URL, code: '12<b>' }),
    ).toThrow(RangeError);
  });

  it('refuses a public URL that is not http(s)', () => {
    expect(() => sms('fr', 'deposit', 'javascript:alert(1)')).toThrow(RangeError);
    expect(() => sms('fr', 'deposit', 'not a url')).toThrow(RangeError);
  });

  it('drops a trailing slash from the public URL', () => {
    expect(sms('en', 'deposit', `${PUBLIC_URL}/`).text.endsWith(`\n${PUBLIC_URL}`)).toBe(true);
  });

  it('escapes the URL in the HTML body', () => {
    const html = emailAsSent({
      kind: 'deposit',
      language: 'fr',
      publicUrl: 'https://demat.ofpra.example.fr/?a=1&b=2',
    }).html;

    expect(html).toContain('<a href="https://demat.ofpra.example.fr/?a=1&amp;b=2">');
  });
});
