// Lint rules for the whole repository. Formatting is Prettier's job (npm run format); this file
// holds correctness rules and the import boundaries that keep the layers apart.
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const features = ['admin', 'attendee', 'moderator', 'screen', 'speaker', 'start'];

/** Import patterns a file may not use, with the reason shown in the finding. */
function forbid(groups, message) {
  return { group: groups, message };
}

export default tseslint.config(
  {
    ignores: ['node_modules/', 'client/dist/', 'data/', 'bench/results/', 'tests/artifacts/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    // shared/ is imported by both sides and imports neither (nor Node's built-ins, which the
    // browser bundle cannot load).
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            forbid(
              ['**/server/**', '**/client/**'],
              'shared/ may not import server or client code.',
            ),
            forbid(['node:*'], 'shared/ runs in the browser too: no Node built-ins.'),
          ],
        },
      ],
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [forbid(['**/client/**'], 'The server may not import browser code.')] },
      ],
    },
  },
  {
    files: ['client/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // A rule the browser needs lives in a zod-free module of shared/ (question-rules.ts …):
      // schemas reach the client as types only, so no phone downloads the schema library.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['zod', '**/shared/schemas/*', '**/shared/socket-events.ts'],
              allowTypeImports: true,
              message:
                'The browser app takes types from the zod schemas; import a rule from its zod-free module in shared/.',
            },
          ],
        },
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            forbid(['**/server/**'], 'The browser app may not import server code.'),
            forbid(['node:*'], 'The browser app cannot load Node built-ins.'),
          ],
        },
      ],
    },
  },
  // A feature folder (one screen of the product) imports lib/ and shared/, never another feature:
  // what two screens share belongs in lib/.
  ...features.map((feature) => ({
    files: [`client/src/${feature}/**/*.{ts,tsx}`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            forbid(['**/server/**'], 'The browser app may not import server code.'),
            forbid(['node:*'], 'The browser app cannot load Node built-ins.'),
            forbid(
              features.filter((other) => other !== feature).map((other) => `../${other}/*`),
              `client/src/${feature} may not import another feature folder; move shared code to lib/.`,
            ),
          ],
        },
      ],
    },
  })),
  {
    files: ['tests/**/*.ts', 'bench/**/*.ts'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
