/**
 * The layering of docs/architecture.md is held by the linter (eslint.config.js): each probe below
 * is a file that a careless change could add, linted at that path as `npm run lint` would lint it.
 * Every forbidden direction must be refused with the rule that guards it, and the allowed
 * directions next to them must pass, so a rule that refuses everything fails this test too.
 */
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

interface Probe {
  readonly at: string;
  readonly code: string;
  /** The rule that must refuse it, or null when the import is allowed. */
  readonly refusedBy: 'boundaries/element-types' | 'boundaries/no-unknown-files' | 'no-restricted-syntax' | null;
}

const imports = (specifier: string): string => `import * as probe from '${specifier}';\nexport const used = probe;\n`;

const FORBIDDEN: readonly (Probe & { readonly why: string })[] = [
  { why: 'domain → use cases', at: 'shared/domain/probe.ts', code: imports('../use-cases/index.ts'), refusedBy: 'boundaries/element-types' },
  { why: 'domain → ports', at: 'shared/domain/probe.ts', code: imports('../ports.ts'), refusedBy: 'boundaries/element-types' },
  { why: 'ports → use cases', at: 'shared/ports.ts', code: imports('./use-cases/index.ts'), refusedBy: 'boundaries/element-types' },
  { why: 'use cases → adapters', at: 'shared/use-cases/probe.ts', code: imports('../adapters/system-clock.ts'), refusedBy: 'boundaries/element-types' },
  { why: 'use cases → http', at: 'shared/use-cases/probe.ts', code: imports('../http/create-app.ts'), refusedBy: 'boundaries/element-types' },
  { why: 'adapters → use cases', at: 'shared/adapters/aws/probe.ts', code: imports('../../use-cases/index.ts'), refusedBy: 'boundaries/element-types' },
  { why: 'adapters → http', at: 'shared/adapters/aws/probe.ts', code: imports('../../http/create-app.ts'), refusedBy: 'boundaries/element-types' },
  { why: 'local adapters → http (a composition root inside adapters)', at: 'shared/adapters/local/probe.ts', code: imports('../../http/create-app.ts'), refusedBy: 'boundaries/element-types' },
  { why: 'AWS adapters → in-memory adapters', at: 'shared/adapters/aws/probe.ts', code: imports('../memory/memory-repositories.ts'), refusedBy: 'boundaries/element-types' },
  { why: 'in-memory adapters → AWS adapters', at: 'shared/adapters/memory/probe.ts', code: imports('../aws/dynamodb-repositories.ts'), refusedBy: 'boundaries/element-types' },
  { why: 'common adapter helpers → a family', at: 'shared/adapters/probe.ts', code: imports('./aws/dynamodb-items.ts'), refusedBy: 'boundaries/element-types' },
  { why: 'http → adapters', at: 'shared/http/probe.ts', code: imports('../adapters/system-clock.ts'), refusedBy: 'boundaries/element-types' },
  { why: 'pages → JSON API', at: 'shared/http/pages/probe.tsx', code: imports('../api/applicant-routes.ts'), refusedBy: 'boundaries/element-types' },
  { why: 'JSON API → pages', at: 'shared/http/api/probe.ts', code: imports('../pages/layout.tsx'), refusedBy: 'boundaries/element-types' },
  { why: 'functions → infra', at: 'functions/probe.ts', code: imports('../infra/config.ts'), refusedBy: 'boundaries/element-types' },
  { why: 'infra → functions', at: 'infra/probe.ts', code: imports('../functions/api.ts'), refusedBy: 'boundaries/element-types' },
  { why: 'infra → use cases', at: 'infra/probe.ts', code: imports('../shared/use-cases/index.ts'), refusedBy: 'boundaries/element-types' },
  { why: 'simulator → http', at: 'simulator/probe.ts', code: imports('../shared/http/create-app.ts'), refusedBy: 'boundaries/element-types' },
  { why: 'simulator → functions', at: 'simulator/probe.ts', code: imports('../functions/deps.ts'), refusedBy: 'boundaries/element-types' },
  { why: 'population mode (a simulator sub-folder) → http', at: 'simulator/population/probe.ts', code: imports('../../shared/http/create-app.ts'), refusedBy: 'boundaries/element-types' },
  { why: 'adapters → use cases by a re-export', at: 'shared/adapters/probe.ts', code: "export { depositDocument } from '../use-cases/deposit-document.ts';\n", refusedBy: 'boundaries/element-types' },
  { why: 'use cases → adapters by a dynamic import', at: 'shared/use-cases/probe.ts', code: "export const load = () => import('../adapters/system-clock.ts');\n", refusedBy: 'boundaries/element-types' },
  { why: 'a file outside every layer', at: 'shared/probe.ts', code: 'export const x = 1;\n', refusedBy: 'boundaries/no-unknown-files' },
  { why: 'the wall clock in a use case (Date.now)', at: 'shared/use-cases/probe.ts', code: 'export const at = Date.now();\n', refusedBy: 'no-restricted-syntax' },
  { why: 'the wall clock in the domain (new Date())', at: 'shared/domain/probe.ts', code: 'export const at = new Date();\n', refusedBy: 'no-restricted-syntax' },
  { why: 'the wall clock in an adapter', at: 'shared/adapters/aws/probe.ts', code: 'export const at = Date.now();\n', refusedBy: 'no-restricted-syntax' },
];

const ALLOWED: readonly (Probe & { readonly why: string })[] = [
  { why: 'use cases → domain and ports', at: 'shared/use-cases/probe.ts', code: imports('../domain/index.ts') + imports('../ports.ts').replaceAll('probe', 'ports'), refusedBy: null },
  { why: 'local adapters → the AWS table definition', at: 'shared/adapters/local/probe.ts', code: imports('../aws/table-definition.ts'), refusedBy: null },
  { why: 'http → use cases', at: 'shared/http/probe.ts', code: imports('../use-cases/index.ts'), refusedBy: null },
  { why: 'functions → adapters and http (composition root)', at: 'functions/probe.ts', code: imports('./deps.ts'), refusedBy: null },
  { why: 'the local composition root → http', at: 'scripts/local/probe.ts', code: imports('../../shared/http/create-app.ts'), refusedBy: null },
  { why: 'simulator → in-memory adapters', at: 'simulator/probe.ts', code: imports('../shared/adapters/memory/memory-repositories.ts'), refusedBy: null },
  { why: 'population mode → the engine and the use cases', at: 'simulator/population/probe.ts', code: imports('../engine.ts') + imports('../../shared/use-cases/document-view.ts').replaceAll('probe', 'view'), refusedBy: null },
  { why: 'the clock adapter reads the wall clock', at: 'shared/adapters/system-clock.ts', code: 'export const at = Date.now();\n', refusedBy: null },
  { why: 'converting an instant is not reading the clock', at: 'shared/domain/probe.ts', code: 'export const at = new Date(0).toISOString();\n', refusedBy: null },
  { why: 'tests see everything', at: 'test/unit/probe.test.ts', code: imports('../../shared/adapters/aws/dynamodb-repositories.ts'), refusedBy: null },
];

const GUARDS = new Set(['boundaries/element-types', 'boundaries/no-unknown-files', 'no-restricted-syntax']);

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: process.cwd() });
});

async function guardsHit(probe: Probe): Promise<string[]> {
  const [result] = await eslint.lintText(probe.code, { filePath: probe.at });
  if (result === undefined) throw new Error(`no lint result for ${probe.at}`);
  const fatal = result.messages.filter((m) => m.fatal === true);
  expect(fatal, `${probe.at} must parse`).toEqual([]);
  return result.messages.flatMap((m) => (m.ruleId !== null && GUARDS.has(m.ruleId) ? [m.ruleId] : []));
}

describe('npm run lint holds the layering', () => {
  it.each(FORBIDDEN)('refuses $why ($at)', async (probe) => {
    expect(await guardsHit(probe)).toContain(probe.refusedBy);
  });

  it.each(ALLOWED)('allows $why ($at)', async (probe) => {
    expect(await guardsHit(probe)).toEqual([]);
  });
});
