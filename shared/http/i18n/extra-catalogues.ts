/**
 * `#extra-catalogues` when running from the sources (`npm start`, tests, the CDK app): the
 * catalogues of the languages other than French, imported like any module. The
 * Lambda bundles resolve the same import to extra-catalogues-lambda.ts instead (package.json
 * `imports`, esbuild condition `lambda`).
 */
import { ar } from './ar.ts';
import { bn } from './bn.ts';
import type { Catalogue, ExtraLanguage } from './catalogue.ts';
import { en } from './en.ts';
import { ka } from './ka.ts';
import { prs } from './prs.ts';
import { ps } from './ps.ts';
import { ru } from './ru.ts';
import { ti } from './ti.ts';
import { tr } from './tr.ts';

const EXTRA: Readonly<Record<ExtraLanguage, Catalogue>> = { en, ar, prs, ps, ru, tr, bn, ka, ti };

export function extraCatalogue(language: ExtraLanguage): Catalogue {
  return EXTRA[language];
}
