/**
 * `#helper-texts` inside a Lambda bundle (esbuild condition `lambda`, see package.json `imports`
 * and infra/bundling.ts): the helpers' texts ship as `helper-texts.cjs` next to `index.mjs`, built
 * from helper-texts.ts, and are required the first time a page shows them. Node caches it after that.
 */
// Renamed: the bundle's banner (infra/bundling.ts) already declares `createRequire` and `require`.
import { createRequire as requireFrom } from 'node:module';
import type { Language } from '../../domain/types.ts';
import type { AccountHelperTexts, HelperTexts } from './helper-texts.ts';

interface HelperTextsModule {
  helperTextsFor(language: Language): HelperTexts;
  accountHelperTexts(language: Language): AccountHelperTexts;
}

/** Resolves relative to the bundle (`/var/task/index.mjs` in Lambda). */
const requireBesideBundle = requireFrom(import.meta.url);
let loaded: HelperTextsModule | undefined;
const load = (): HelperTextsModule => (loaded ??= requireBesideBundle('./helper-texts.cjs') as HelperTextsModule);

export function helperTextsFor(language: Language): HelperTexts {
  return load().helperTextsFor(language);
}

export function accountHelperTexts(language: Language): AccountHelperTexts {
  return load().accountHelperTexts(language);
}
