/**
 * The shape of a message catalogue: whatever the French catalogue defines. Every language file is
 * declared `Catalogue`, so a missing key is a compile error; `test/http/i18n.test.ts` checks the
 * same at run time (and that nothing is left empty).
 */
import type { DecisionOutcome, DocumentType, Language } from '../../domain/types.ts';
import type { fr } from './fr.ts';

type Reference = typeof fr;

/** Nested groups (labels per document type, per rule…) keep their keys; their values are any string. */
export type Catalogue = {
  readonly [K in keyof Reference]: Reference[K] extends string
    ? string
    : Reference[K] extends (...args: never[]) => string
      ? Reference[K]
      : { readonly [P in keyof Reference[K]]: string };
};

export type PasswordRuleName = keyof Reference['passwordRules'];

/** Compile-time guarantee that the French catalogue labels every R2 type and every R7 outcome. */
export type CoversEveryType = Reference['docType'] extends Record<DocumentType, string> ? true : never;
export type CoversEveryOutcome = Reference['outcome'] extends Record<DecisionOutcome, string> ? true : never;
export const catalogueCoverage: [CoversEveryType, CoversEveryOutcome] = [true, true];

/**
 * The languages whose catalogues are not inside the Lambda bundle but shipped next to it and
 * loaded on first use (index.ts explains why); French, the default, is always in the bundle.
 */
export const EXTRA_LANGUAGES = ['en', 'ar', 'prs', 'ps', 'ru', 'tr', 'bn', 'ka', 'ti'] as const satisfies ReadonlyArray<Exclude<Language, 'fr'>>;
export type ExtraLanguage = (typeof EXTRA_LANGUAGES)[number];
