// ESLint over every TypeScript and JavaScript file of ours, with typescript-eslint's type-checked
// rules (floating promises, unused code, needless `any`). Formatting is Prettier's job, not ESLint's.
// `npm run lint` runs it; `npm test` runs it with `prettier --check`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'build/', 'data/', 'test-artifacts/', 'coverage/', '.bench-data/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['eslint.config.js', 'scripts/*.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // `_name` marks a parameter an interface requires, or a field left out of a `...rest` copy.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      // An async method without await still turns a throw into a rejection, which the callers of
      // our Promise-returning interfaces (stores, readers, jobs) rely on.
      '@typescript-eslint/require-await': 'off',
      // We String() unknown values on purpose: form fields, spreadsheet cells, thrown values.
      '@typescript-eslint/no-base-to-string': 'off',
    },
  },
  {
    // Layers (docs/architecture.md): a feature under server/ never reaches up into jobs/ or the
    // CLI; what both need lives in a feature or in domain/. Only the two entry points (the server's
    // index.ts starts the scheduler) and the CLI's own modules (server/cli/) are above them.
    files: ['server/**'],
    ignores: ['server/cli/**', 'server/cli.ts', 'server/index.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '(^|/)jobs/', message: 'A feature must not import jobs/: move what both need down.' },
            { regex: '(^|/)cli/|(^|/)cli\\.ts$', message: 'A feature must not import the CLI.' },
          ],
        },
      ],
    },
  },
  {
    // One helper per concern: the database handle's type is `Db` from server/db/schema.ts, not a
    // local alias in every module.
    files: ['server/**', 'jobs/**'],
    ignores: ['server/db/schema.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "TSTypeAliasDeclaration[id.name='Db']",
          message: 'Import `type Db` from server/db/schema.ts instead of declaring it again.',
        },
      ],
    },
  },
  {
    // domain/ is pure rules: it imports nothing of ours outside domain/.
    files: ['domain/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)(server|jobs|web|cli)/',
              message: 'domain/ imports nothing of ours outside domain/.',
            },
          ],
        },
      ],
    },
  },
  {
    // Lit calls a template's event listeners with `this` bound to the host element.
    files: ['web/src/**'],
    rules: { '@typescript-eslint/unbound-method': 'off' },
  },
  {
    // Migrations are frozen and written against Kysely<any> on purpose (they must not import the
    // app's table types, which change after them); the dialect helpers they call, the migrator and
    // the table-generic copy and checksum address tables by name.
    files: ['server/db/migrations/**', 'server/db/dialect.ts', 'server/db/migrator.ts', 'server/ops/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Tests and benchmarks read untyped JSON bodies (and autocannon's untyped results) and tables the
    // app's types do not know, and assert on them: a wrong shape fails the assertion, so `any` and the
    // no-unsafe-* family are only noise here.
    files: ['test/**', 'bench/**'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    // The few Node globals our plain scripts use (the `globals` package is not installed).
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
