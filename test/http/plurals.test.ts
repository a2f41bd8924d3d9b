/**
 * Counted phrases in every language follow the language's own plural rules (Intl.PluralRules):
 * each language's table for 0, 1, 2, 3, 11, 16 and 100, as a reader of that language writes it.
 */
import { describe, expect, it } from 'vitest';
import type { Language } from '../../shared/domain/types.ts';
import { LANGUAGES } from '../../shared/domain/types.ts';
import { CATALOGUES } from '../../shared/http/i18n/index.ts';
import { counted, pluralRules } from '../../shared/http/i18n/plural.ts';

const COUNTS = [0, 1, 2, 3, 11, 16, 100] as const;

/** "days left" for 0, 1, 2, 3, 11, 16, 100. */
const DAYS_LEFT: Readonly<Record<Language, readonly string[]>> = {
  fr: ['0 jour', '1 jour', '2 jours', '3 jours', '11 jours', '16 jours', '100 jours'],
  en: ['0 days', '1 day', '2 days', '3 days', '11 days', '16 days', '100 days'],
  ar: ['0 يوم', 'يوم واحد', 'يومان', '3 أيام', '11 يومًا', '16 يومًا', '100 يوم'],
  prs: ['0 روز', '1 روز', '2 روز', '3 روز', '11 روز', '16 روز', '100 روز'],
  ps: ['0 ورځې', '1 ورځ', '2 ورځې', '3 ورځې', '11 ورځې', '16 ورځې', '100 ورځې'],
  ru: ['0 дней', '1 день', '2 дня', '3 дня', '11 дней', '16 дней', '100 дней'],
  tr: ['0 gün', '1 gün', '2 gün', '3 gün', '11 gün', '16 gün', '100 gün'],
  bn: ['0 দিন', '1 দিন', '2 দিন', '3 দিন', '11 দিন', '16 দিন', '100 দিন'],
  ka: ['0 დღე', '1 დღე', '2 დღე', '3 დღე', '11 დღე', '16 დღე', '100 დღე'],
  ti: ['0 መዓልቲ', '1 መዓልቲ', '2 መዓልቲ', '3 መዓልቲ', '11 መዓልቲ', '16 መዓልቲ', '100 መዓልቲ'],
};

/** The unread banner where the noun changes with the count. */
const UNREAD: Partial<Record<Language, readonly string[]>> = {
  fr: [
    'Vous avez 0 nouveau courrier non lu.',
    'Vous avez 1 nouveau courrier non lu.',
    'Vous avez 2 nouveaux courriers non lus.',
    'Vous avez 3 nouveaux courriers non lus.',
    'Vous avez 11 nouveaux courriers non lus.',
    'Vous avez 16 nouveaux courriers non lus.',
    'Vous avez 100 nouveaux courriers non lus.',
  ],
  ar: [
    'ليس لديك رسائل جديدة غير مقروءة.',
    'لديك رسالة جديدة واحدة غير مقروءة.',
    'لديك رسالتان جديدتان غير مقروءتين.',
    'لديك 3 رسائل جديدة غير مقروءة.',
    'لديك 11 رسالة جديدة غير مقروءة.',
    'لديك 16 رسالة جديدة غير مقروءة.',
    'لديك 100 رسالة جديدة غير مقروءة.',
  ],
  ru: [
    'У вас 0 новых непрочитанных писем.',
    'У вас 1 новое непрочитанное письмо.',
    'У вас 2 новых непрочитанных письма.',
    'У вас 3 новых непрочитанных письма.',
    'У вас 11 новых непрочитанных писем.',
    'У вас 16 новых непрочитанных писем.',
    'У вас 100 новых непрочитанных писем.',
  ],
  ti: [
    '0 ሓድሽ ዘይተነበበ ደብዳቤ ኣሎካ።',
    '1 ሓድሽ ዘይተነበበ ደብዳቤ ኣሎካ።',
    '2 ሓደስቲ ዘይተነበቡ ደብዳበታት ኣለዉኻ።',
    '3 ሓደስቲ ዘይተነበቡ ደብዳበታት ኣለዉኻ።',
    '11 ሓደስቲ ዘይተነበቡ ደብዳበታት ኣለዉኻ።',
    '16 ሓደስቲ ዘይተነበቡ ደብዳበታት ኣለዉኻ።',
    '100 ሓደስቲ ዘይተነበቡ ደብዳበታት ኣለዉኻ።',
  ],
};

describe('counted phrases (Intl.PluralRules)', () => {
  it.each(LANGUAGES)('%s: days left for 0, 1, 2, 3, 11, 16, 100', (language) => {
    expect(COUNTS.map((n) => CATALOGUES[language].daysLeft(n))).toEqual(DAYS_LEFT[language]);
  });

  it.each(Object.keys(UNREAD) as Language[])('%s: unread letters for 0, 1, 2, 3, 11, 16, 100', (language) => {
    expect(COUNTS.map((n) => CATALOGUES[language].unreadBanner(n))).toEqual(UNREAD[language]);
  });

  it.each(LANGUAGES)('%s: every counted phrase has a distinct text for each form its language distinguishes', (language) => {
    const t = CATALOGUES[language];
    const categories = pluralRules(language).resolvedOptions().pluralCategories;
    for (const phrase of [t.daysLeft, t.unreadBanner, t.errTooManyAttempts, t.attemptsLeft]) {
      // One representative count per category among 0…200; each renders and names its count when it shows digits.
      for (const category of categories) {
        const n = Array.from({ length: 201 }, (_, i) => i).find((i) => pluralRules(language).select(i) === category);
        if (n === undefined) continue;
        const text = phrase(n);
        expect(text.trim()).not.toBe('');
        expect(text).not.toContain('{n}');
      }
    }
  });

  it('Arabic uses its six forms: 16 days is "16 يومًا", not "16 أيام"', () => {
    expect(CATALOGUES.ar.daysLeft(16)).toBe('16 يومًا');
    expect(pluralRules('ar').resolvedOptions().pluralCategories).toHaveLength(6);
  });

  it('refuses a catalogue that lacks a form its language has', () => {
    expect(() => counted('ar', { one: 'x', other: 'y' })).toThrow(/zero|two|few|many/);
    expect(() => counted('ru', { one: 'x', other: 'y' })).toThrow(/few/);
  });
});
