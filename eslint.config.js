// @ts-check
import js from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
import tseslint from 'typescript-eslint';

/**
 * The layering of docs/architecture.md, as element types (the first pattern that matches a file
 * wins) and the imports each may make. Everything not listed is refused; test/lint/boundaries.test.ts
 * probes each forbidden direction.
 */
const ELEMENTS = [
  { type: 'domain', pattern: 'shared/domain/**', mode: 'full' },
  { type: 'core', pattern: ['shared/ports.ts', 'shared/errors.ts', 'shared/config.ts', 'shared/metrics.ts', 'shared/pdf-content.ts', 'shared/beside-bundle.ts'], mode: 'full' },
  { type: 'use-case', pattern: 'shared/use-cases/**', mode: 'full' },
  { type: 'adapter-aws', pattern: 'shared/adapters/aws/**', mode: 'full' },
  { type: 'adapter-local', pattern: 'shared/adapters/local/**', mode: 'full' },
  { type: 'adapter-memory', pattern: 'shared/adapters/memory/**', mode: 'full' },
  { type: 'adapter-secrets', pattern: 'shared/adapters/secrets/**', mode: 'full' },
  { type: 'adapter-common', pattern: 'shared/adapters/*', mode: 'full' },
  { type: 'http-api', pattern: 'shared/http/api/**', mode: 'full' },
  { type: 'http-pages', pattern: 'shared/http/pages/**', mode: 'full' },
  { type: 'http', pattern: 'shared/http/**', mode: 'full' },
  { type: 'local-root', pattern: 'scripts/local/**', mode: 'full' },
  { type: 'function', pattern: 'functions/**', mode: 'full' },
  { type: 'infra', pattern: ['infra/**', 'cdk.ts'], mode: 'full' },
  { type: 'simulator', pattern: 'simulator/**', mode: 'full' },
  { type: 'tooling', pattern: ['scripts/**', 'bench/**', 'test/**', '*.config.*'], mode: 'full' },
];
const ADAPTERS = ['adapter-aws', 'adapter-local', 'adapter-memory', 'adapter-secrets', 'adapter-common'];
const HTTP = ['http', 'http-api', 'http-pages'];
const INNER = ['domain', 'core', 'use-case'];
const LAYERS = [
  { from: 'domain', allow: ['domain'] },
  { from: 'core', allow: ['domain', 'core'] },
  { from: 'use-case', allow: INNER },
  // An adapter implements a port: it sees the domain and the ports, its own family and the
  // helpers common to all adapters — never a use case, HTTP, or another family's adapter (the
  // local DynamoDB launcher reads the table definition of the AWS family, the one exception).
  { from: 'adapter-aws', allow: ['domain', 'core', 'adapter-aws', 'adapter-common'] },
  { from: 'adapter-local', allow: ['domain', 'core', 'adapter-local', 'adapter-common', 'adapter-aws'] },
  { from: 'adapter-memory', allow: ['domain', 'core', 'adapter-memory', 'adapter-common'] },
  { from: 'adapter-secrets', allow: ['domain', 'core', 'adapter-secrets', 'adapter-common'] },
  { from: 'adapter-common', allow: ['domain', 'core', 'adapter-common'] },
  // HTTP drives the use cases; it is given its adapters, never imports them. Pages and the JSON
  // API are siblings: what both need lives in shared/http itself.
  { from: 'http', allow: [...INNER, ...HTTP] },
  { from: 'http-api', allow: [...INNER, 'http', 'http-api'] },
  { from: 'http-pages', allow: [...INNER, 'http', 'http-pages'] },
  // Composition roots: the Lambdas (functions/) and the local system (scripts/local/) wire
  // adapters into the app. Neither imports the CDK app.
  { from: 'function', allow: [...INNER, ...ADAPTERS, ...HTTP, 'function'] },
  { from: 'local-root', allow: [...INNER, ...ADAPTERS, ...HTTP, 'local-root'] },
  { from: 'simulator', allow: [...INNER, ...ADAPTERS, 'simulator'] },
  { from: 'infra', allow: ['domain', 'core', 'adapter-aws', 'http', 'infra'] },
  { from: 'tooling', allow: ['*'] },
];
/** Reading the wall clock: only the clock adapter may (time is a port). */
const WALL_CLOCK = [
  { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Read the time from the Clock port (deps.clock), not Date.now().' },
  { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Read the time from the Clock port (deps.clock), not new Date().' },
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'cdk.out/**', 'dist/**', '.data/**', 'coverage/**', 'test/e2e/screenshots/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { boundaries },
    settings: {
      'boundaries/root-path': import.meta.dirname,
      'boundaries/elements': ELEMENTS,
      // Re-exports and dynamic imports are dependencies too.
      'boundaries/dependency-nodes': ['import', 'export', 'dynamic-import'],
      'boundaries/include': ['shared/**', 'functions/**', 'infra/**', 'simulator/**', 'scripts/**', 'bench/**', 'test/**'],
      'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js', '.mjs'] } },
    },
    rules: {
      'boundaries/element-types': ['error', { default: 'disallow', rules: LAYERS }],
      'boundaries/no-unknown-files': 'error',
    },
  },
  {
    files: ['shared/**/*.ts', 'shared/**/*.tsx'],
    ignores: ['shared/adapters/system-clock.ts'],
    rules: { 'no-restricted-syntax': ['error', ...WALL_CLOCK] },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['shared/**/*.ts', 'shared/**/*.tsx'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
    },
  },
  {
    // docs/architecture.md: the domain is pure; it imports nothing outside shared/domain (but the
    // time-zone library, node's hashing, the RFC 8785 canonical JSON library, and `#alert-wording`
    // and `#calendar-temporal`: the alert wording of shared/domain/alert-wording/ and
    // calendar-temporal.ts, which the Lambda bundles load from beside themselves, package.json `imports`).
    files: ['shared/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^\\.\\./', message: 'shared/domain imports nothing outside shared/domain.' },
            { regex: '^(?!\\.|temporal-polyfill$|node:crypto$|canonicalize$|#alert-wording$|#calendar-temporal$)', message: 'shared/domain may import only temporal-polyfill, node:crypto, canonicalize, #alert-wording and #calendar-temporal from outside.' },
          ],
        },
      ],
    },
  },
  {
    // docs/architecture.md: use cases see the domain, the ports and the errors — never an adapter, http or infra.
    files: ['shared/use-cases/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '(^|/)(adapters|http|infra|functions|simulator)(/|$)', message: 'Use cases depend on ports, not on adapters or delivery layers.' },
            { regex: '^@aws-sdk/|^hono|^aws-cdk-lib', message: 'Use cases depend on ports, not on SDKs or frameworks.' },
          ],
        },
      ],
    },
  },
);
