/**
 * `#style-css` inside a Lambda bundle (esbuild condition `lambda`, package.json `imports`,
 * infra/bundling.ts): the stylesheet ships as `style-css.cjs` next to `index.mjs`, required on the
 * first request for `/assets/style.css` (browsers then keep it: it is served cacheable).
 */
import { besideBundle } from '../../beside-bundle.ts';

const stylesheet = besideBundle<{ readonly STYLE_CSS: string }>('./style-css.cjs');

export function styleCss(): string {
  return stylesheet().STYLE_CSS;
}
