/**
 * `#alert-wording` inside a Lambda bundle (esbuild condition `lambda`, see package.json `imports`
 * and infra/bundling.ts): the alert wording of the ten languages (~24 KB) is not part of
 * `index.mjs`. Each shared/domain/alert-wording/<language>.ts is built beside it as
 * `alert-wording/<language>.cjs` and loaded the first time an alert in that language (or its
 * French copy) is composed; the applicant-facing function only needs one for a password-reset code.
 */
import type { Language } from '../domain/types.ts';
import type { AlertWording } from '../domain/alert-wording/wording.ts';
import { besideBundle } from '../beside-bundle.ts';

const loaders = new Map<Language, () => Partial<Record<Language, AlertWording>>>();

export function alertWording(language: Language): AlertWording {
  let load = loaders.get(language);
  if (load === undefined) {
    load = besideBundle<Partial<Record<Language, AlertWording>>>(`./alert-wording/${language}.cjs`);
    loaders.set(language, load);
  }
  const wording = load()[language];
  if (wording === undefined) throw new Error(`The wording file alert-wording/${language}.cjs does not export "${language}".`);
  return wording;
}
