/**
 * `#extra-catalogues` inside a Lambda bundle (esbuild condition `lambda`, see package.json
 * `imports` and infra/bundling.ts): each catalogue other than French and English is a small
 * CommonJS file `i18n/<language>.cjs` shipped next to `index.mjs` (built from the same
 * `shared/http/i18n/<language>.ts` by scripts/build.ts and by the CDK bundling's command hook),
 * required synchronously the first time a page or a letter label needs that language. Node
 * caches it after that.
 */
import { requireBesideBundle } from '../../beside-bundle.ts';
import type { Catalogue, ExtraLanguage } from './catalogue.ts';

export function extraCatalogue(language: ExtraLanguage): Catalogue {
  const module = requireBesideBundle(`./i18n/${language}.cjs`) as Partial<Record<ExtraLanguage, Catalogue>>;
  const catalogue = module[language];
  if (catalogue === undefined) throw new Error(`The catalogue file i18n/${language}.cjs does not export "${language}".`);
  return catalogue;
}
