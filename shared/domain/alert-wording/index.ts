/**
 * `#alert-wording` when running from the sources (`npm start`, tests, the simulator, the CDK
 * app): the alert wording of every language, imported like any module. The Lambda bundles
 * resolve the same import to shared/adapters/alert-wording-beside-bundle.ts instead (package.json
 * `imports`, esbuild condition `lambda`), which loads `alert-wording/<language>.cjs`, built from
 * these same files, on first use.
 */
import { ar } from './ar.ts';
import { bn } from './bn.ts';
import { en } from './en.ts';
import { fr } from './fr.ts';
import { ka } from './ka.ts';
import { prs } from './prs.ts';
import { ps } from './ps.ts';
import { ru } from './ru.ts';
import { ti } from './ti.ts';
import { tr } from './tr.ts';
import type { AlertWording } from './wording.ts';

const WORDING = { fr, en, ar, prs, ps, ru, tr, bn, ka, ti } as const satisfies Readonly<Record<string, AlertWording>>;

/** The wording of one language (the languages are shared/domain/types.ts `LANGUAGES`). */
export function alertWording(language: keyof typeof WORDING): AlertWording {
  return WORDING[language];
}
