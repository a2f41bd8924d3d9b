/**
 * `#alert-wording` inside a Lambda bundle (esbuild condition `lambda`, see package.json `imports`
 * and infra/bundling.ts): the alert wording of the ten languages (~24 KB) is not part of
 * `index.mjs`. Each shared/domain/alert-wording/<language>.ts is built beside it as
 * `alert-wording/<language>.cjs` and loaded the first time an alert in that language (or its
 * French copy) is composed; the applicant-facing function only needs one for a password-reset code.
 */
import type { Language } from '../domain/types.ts';
import type { AlertWording } from '../domain/alert-wording/wording.ts';
import { requireBesideBundle } from '../beside-bundle.ts';

export function alertWording(language: Language): AlertWording {
  // Node's require caches the file after its first load.
  const module = requireBesideBundle(`./alert-wording/${language}.cjs`) as Partial<Record<Language, AlertWording>>;
  const wording = module[language];
  if (wording === undefined) throw new Error(`The wording file alert-wording/${language}.cjs does not export "${language}".`);
  return wording;
}
