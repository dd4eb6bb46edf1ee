// Type-checked lint for what tsc does not catch: promises left floating or passed where a callback
// is expected, non-exhaustive switches, `any` in domain and library code, and module boundaries
// (services never import each other; libraries never import services).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const SERVICES = ['intake', 'routing', 'departmental-approval', 'document-issuance', 'notification', 'supervision'];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'libs/proto/src/generated/**', '.local/**', '**/*.mjs', '**/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': 'off', // tsc's noUnused* does this
      '@typescript-eslint/no-require-imports': 'off',
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
  { files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', '**/test/**/*.ts'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
  {
    files: ['libs/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/services/**'], message: 'Libraries never import services.' }] }],
    },
  },
  ...SERVICES.map((svc) => ({
    files: [`services/${svc}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: SERVICES.filter((s) => s !== svc).map((s) => `**/${s}/**`), message: 'Services never import each other: share through libs/ or events.' },
            // The tracing entry point is the one deep import: main.ts loads it before anything it instruments.
            { group: ['@onewindow/*/*', '!@onewindow/platform/tracing', '**/libs/**'], message: 'Import libraries from their root (@onewindow/<lib>), never by deep path.' },
          ],
        },
      ],
    },
  })),
);
