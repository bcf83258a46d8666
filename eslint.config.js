import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';

export default ts.config(
  {
    ignores: [
      '**/node_modules/',
      'web/build/',
      'web/.svelte-kit/',
      'web/src/lib/paraglide/',
      'drizzle/',
      'data/',
      'test-results/',
      'playwright-report/',
      '.i3-web/',
    ],
  },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs['flat/recommended'],
  prettier,
  ...svelte.configs['flat/prettier'],
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The data layer is asynchronous on both databases (server/src/db/client.ts): queries are awaited.
    // better-sqlite3's synchronous finishers and its raw client do not exist on PostgreSQL.
    files: ['server/src/**/*.ts', 'server/test/**/*.ts'],
    // Typed rules: a query or a transaction not awaited runs out of order, and its error is lost.
    languageOptions: { parserOptions: { project: './server/tsconfig.json', tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "CallExpression[arguments.length=0] > MemberExpression.callee[object.type='CallExpression'][property.name=/^(get|all|run)$/]",
          message:
            'Await the query instead (`const [row] = await db.select()…limit(1)`): .get/.all/.run are SQLite-only.',
        },
        {
          // Only on a query builder's chain: a Map's or an awareness's values() are fine.
          selector:
            "CallExpression[arguments.length=0] > MemberExpression.callee[property.name='values'][object.callee.property.name=/^(from|where|limit|offset|orderBy|groupBy|having|returning|innerJoin|leftJoin)$/]",
          message: 'Await the query instead: .values() is SQLite-only.',
        },
        {
          selector: "MemberExpression.callee[property.name='limit'][object.callee.property.name='returning']",
          message: 'UPDATE or DELETE with LIMIT is SQLite-only; narrow the WHERE clause instead.',
        },
        {
          selector: "MemberExpression[property.name='$client']",
          message: 'The raw database client is engine-specific; use the Db of server/src/db/client.ts.',
        },
      ],
    },
  },
  {
    // hc puts path parameters into the URL as they are (honojs/hono#3933), so an id holding a slash
    // would name another route: every `param:` of an API call in the web app goes through param().
    files: ['web/src/**/*.ts', 'web/src/**/*.svelte'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "Property[key.name='param']:not([value.type='CallExpression'][value.callee.name='param'])",
          message: 'Pass path parameters through param() from $lib/api: hc does not percent-encode them.',
        },
      ],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'] } },
  },
);
