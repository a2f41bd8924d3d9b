/**
 * Message catalogues, one file per language (fr defines the keys), and how a request's language
 * is chosen: the account's language once logged in, else the `lang` cookie, else the browser's
 * `Accept-Language`, else French.
 */
import { LANGUAGES, RTL_LANGUAGES } from '../../domain/types.ts';
import type { DocumentType, Language } from '../../domain/types.ts';
import { ar } from './ar.ts';
import { bn } from './bn.ts';
import type { Catalogue } from './catalogue.ts';
import { en } from './en.ts';
import { fr } from './fr.ts';
import { ka } from './ka.ts';
import { prs } from './prs.ts';
import { ps } from './ps.ts';
import { ru } from './ru.ts';
import { ti } from './ti.ts';
import { tr } from './tr.ts';

export type { Catalogue } from './catalogue.ts';

export const CATALOGUES: Readonly<Record<Language, Catalogue>> = { fr, en, ar, prs, ps, ru, tr, bn, ka, ti };

/** Languages whose native speakers have reviewed the catalogue (TRANSLATIONS.md lists the others). */
export const REVIEWED_LANGUAGES: readonly Language[] = ['fr', 'en'];

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

export function catalogueFor(language: Language): Catalogue {
  return CATALOGUES[language];
}

export function directionOf(language: Language): 'rtl' | 'ltr' {
  return RTL_LANGUAGES.includes(language) ? 'rtl' : 'ltr';
}

/** The type label in a language (R6); the API's Document carries it for the chosen language. */
export function typeLabel(type: DocumentType, language: Language): string {
  return CATALOGUES[language].docType[type];
}

/**
 * Browsers say `fa-AF` or `fa` for Dari (ISO 639-3 `prs`), `ps-AF` for Pashto, and so on.
 */
const ALIASES: Readonly<Record<string, Language>> = { fa: 'prs', prs: 'prs', 'fa-af': 'prs' };

/** The best supported language of an `Accept-Language` header, or null. */
export function negotiateLanguage(acceptLanguage: string | undefined): Language | null {
  if (acceptLanguage === undefined) return null;
  const ranked = acceptLanguage
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const quality = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((q) => q !== undefined);
      return { tag: tag.trim(), quality: quality === undefined ? 1 : Number(quality), index };
    })
    .filter((entry) => entry.tag !== '' && entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const { tag } of ranked) {
    const alias = ALIASES[tag] ?? ALIASES[tag.split('-')[0] ?? ''];
    if (alias !== undefined) return alias;
    const primary = tag.split('-')[0];
    if (isLanguage(primary)) return primary;
  }
  return null;
}
