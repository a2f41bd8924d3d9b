/**
 * Message catalogues, one file per language (fr defines the keys), and how a request's language
 * is chosen: the account's language once logged in, else the `lang` cookie, else the browser's
 * `Accept-Language`, else French.
 *
 * Bundle budget (test/infra/bundle-budget.test.ts): French, the default, is imported here, so
 * it is inside every bundle that renders a page or an error. The nine other catalogues
 * (~105 KB minified) come through `#extra-catalogues`: from the
 * sources that is a plain module importing them all; in the Lambda bundles it resolves to a
 * loader that requires `i18n/<language>.cjs` from beside `index.mjs` on first use. Those files
 * are built by scripts/build.ts and by the CDK bundling with the same options (infra/bundling.ts),
 * so the measured `index.mjs` is the deployed one and the catalogues are deployed next to it;
 * a request only pays for the language it is answered in. The language switch needs every
 * language's own name, hence LANGUAGE_NAMES here (test/http/i18n.test.ts checks it against the
 * catalogues).
 */
import { extraCatalogue } from '#extra-catalogues';
import { LANGUAGES, RTL_LANGUAGES } from '../../domain/types.ts';
import type { DocumentType, Language } from '../../domain/types.ts';
import type { Catalogue } from './catalogue.ts';
import { EXTRA_LANGUAGES } from './catalogue.ts';
import { fr } from './fr.ts';

export type { Catalogue } from './catalogue.ts';

/** Each language's name in that language, for the language switch (equal to each catalogue's `languageName`). */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = {
  fr: 'Français',
  en: 'English',
  ar: 'العربية',
  prs: 'دری',
  ps: 'پښتو',
  ru: 'Русский',
  tr: 'Türkçe',
  bn: 'বাংলা',
  ka: 'ქართული',
  ti: 'ትግርኛ',
};

/** Languages whose native speakers have reviewed the catalogue (TRANSLATIONS.md lists the others). */
export const REVIEWED_LANGUAGES: readonly Language[] = ['fr', 'en'];

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

export function catalogueFor(language: Language): Catalogue {
  if (language === 'fr') return fr;
  return extraCatalogue(language);
}

/** Every catalogue by language; the ones outside the bundle are loaded when first read. */
export const CATALOGUES: Readonly<Record<Language, Catalogue>> = Object.defineProperties(
  { fr } as Record<Language, Catalogue>,
  Object.fromEntries(EXTRA_LANGUAGES.map((language) => [language, { enumerable: true, get: () => extraCatalogue(language) }])),
);

export function directionOf(language: Language): 'rtl' | 'ltr' {
  return RTL_LANGUAGES.includes(language) ? 'rtl' : 'ltr';
}

/** The type label in a language (R6); the API's Document carries it for the chosen language. */
export function typeLabel(type: DocumentType, language: Language): string {
  return catalogueFor(language).docType[type];
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
