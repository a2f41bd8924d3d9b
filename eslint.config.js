// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'cdk.out/**', 'dist/**', '.data/**', 'coverage/**', 'test/e2e/screenshots/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
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
