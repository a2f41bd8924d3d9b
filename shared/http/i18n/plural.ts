/**
 * Counted phrases ("16 days left", "3 unread letters") chosen by `Intl.PluralRules`, never by
 * hand-written rules: Arabic has six forms (16 → `16 يومًا`, 3 → `3 أيام`), Russian four, French
 * counts 0 as singular. Each catalogue gives one text per CLDR category of its language, with
 * `{n}` where the number goes; a missing category is an error when the catalogue loads, so no
 * language silently falls back to its `other` form.
 */
import type { Language } from '../../domain/types.ts';

/** The texts of one counted phrase, by CLDR plural category (`zero`, `one`, `two`, `few`, `many`, `other`). */
export type PluralForms = Readonly<Partial<Record<Intl.LDMLPluralRule, string>>> & { readonly other: string };

/** ICU knows Dari by its macrolanguage, Persian. */
const PLURAL_LOCALE: Partial<Record<Language, string>> = { prs: 'fa' };

const rulesByLanguage = new Map<Language, Intl.PluralRules>();

/** The plural rules of a language (cached: constructing them is the costly part). */
export function pluralRules(language: Language): Intl.PluralRules {
  let rules = rulesByLanguage.get(language);
  if (rules === undefined) {
    rules = new Intl.PluralRules(PLURAL_LOCALE[language] ?? language);
    rulesByLanguage.set(language, rules);
  }
  return rules;
}

/**
 * A counted phrase for a catalogue: `(n) => text`, the text chosen by the language's plural rules.
 * @throws Error at once if `forms` lacks a category the language has.
 * @example counted('fr', { one: '{n} jour', many: '{n} jours', other: '{n} jours' })(0) // '0 jour'
 */
export function counted(language: Language, forms: PluralForms): (n: number) => string {
  const rules = pluralRules(language);
  const missing = rules.resolvedOptions().pluralCategories.filter((category) => forms[category] === undefined);
  if (missing.length > 0) throw new Error(`The ${language} catalogue lacks the plural forms ${missing.join(', ')}.`);
  return (n) => (forms[rules.select(n)] ?? forms.other).replaceAll('{n}', String(n));
}
