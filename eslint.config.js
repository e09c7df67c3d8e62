// ESLint over the whole tree, with type information from each workspace's tsconfig.
// `npm test` runs `eslint . --max-warnings 0` after `tsc -b` and before Vitest.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['**/node_modules/', '**/dist/', '.tmp/', 'data/', 'bench/results/', 'test-results/', 'coverage/'],
  },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        // vitest.config.ts and the setup's declaration file sit in no workspace's tsconfig.
        projectService: { allowDefaultProject: ['vitest.config.ts', 'scripts/test-global-setup.d.ts'], defaultProject: 'tsconfig.base.json' },
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // A default branch is a decision to cover the rest; switches without one must name every case.
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/await-thenable': 'error',
      // Chinese text is spaced with the ideographic space (U+3000) in templates and comments.
      'no-irregular-whitespace': ['error', { skipTemplates: true, skipComments: true }],
      // Fastify handlers and antd validators are async by contract, with or without an await.
      '@typescript-eslint/require-await': 'off',
      // A leading underscore marks a parameter kept for its position in a signature.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.test.ts', '**/*.test-kit.ts', '**/*.test-support.ts', 'e2e/**'],
    rules: {
      // Tests read responses through inject().json() (typed any) and assert on their shape.
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['apps/web/src/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  // The platform imports no module: modules plug into the platform, never the reverse.
  // Tests are left out: they exercise the assembled app and may use a module's fixtures.
  {
    files: ['apps/server/src/platform/**/*.ts'],
    ignores: ['**/*.test.ts', '**/*.test-support.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/modules/**'],
              message: 'The platform imports no module: register it through the module manifest instead.',
            },
          ],
        },
      ],
    },
  },
  // Plain JavaScript entry points (bin, scripts, the thread bootstrap) are in no tsconfig.
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
);
