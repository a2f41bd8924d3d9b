/**
 * `#style-css` inside a Lambda bundle (esbuild condition `lambda`, package.json `imports`,
 * infra/bundling.ts): the stylesheet ships as `style-css.cjs` next to `index.mjs`, required on the
 * first request for `/assets/style.css` (browsers then keep it: it is served cacheable).
 */
// Renamed: the bundle's banner (infra/bundling.ts) already declares `createRequire` and `require`.
import { createRequire as requireFrom } from 'node:module';

/** Resolves relative to the bundle (`/var/task/index.mjs` in Lambda). */
const requireBesideBundle = requireFrom(import.meta.url);
let loaded: string | undefined;

export function styleCss(): string {
  loaded ??= (requireBesideBundle('./style-css.cjs') as { STYLE_CSS: string }).STYLE_CSS;
  return loaded;
}
