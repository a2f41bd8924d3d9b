/**
 * `#helper-texts` inside a Lambda bundle (esbuild condition `lambda`, see package.json `imports`
 * and infra/bundling.ts): the helpers' texts ship as `helper-texts.cjs` next to `index.mjs`, built
 * from helper-texts.ts, and are required the first time a page shows them.
 */
import type { Language } from '../../domain/types.ts';
import { besideBundle } from '../../beside-bundle.ts';
import type * as HelperTextsModule from './helper-texts.ts';
import type { AccountHelperTexts, HelperTexts } from './helper-texts.ts';

const module = besideBundle<typeof HelperTextsModule>('./helper-texts.cjs');

export function helperTextsFor(language: Language): HelperTexts {
  return module().helperTextsFor(language);
}

export function accountHelperTexts(language: Language): AccountHelperTexts {
  return module().accountHelperTexts(language);
}
