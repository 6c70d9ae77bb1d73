// Lint for correctness and for the layers of ../shared/DESIGN.md ("Shape"); Prettier formats.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** I/O and frameworks: what the domain may never import. */
const IO_MODULES = [
  'node:*',
  'fs',
  'path',
  'fastify',
  '@fastify/*',
  'kysely',
  'better-sqlite3',
  'pg',
  'nodemailer',
  'playwright-core',
  'preact*',
];

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'src/web/static/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      // Text repair and sanitizing match control characters on purpose.
      'no-control-regex': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    // Routes and views reach data only through the application layer (src/app); store types are fine.
    files: ['src/web/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/store/*', '**/store/**'],
              allowTypeImports: true,
              message: 'src/web reads and writes through src/app; import only types from src/store.',
            },
          ],
        },
      ],
    },
  },
  {
    // Routes call use cases; the works index is the application layer's (and the hooks' that keep it current).
    files: ['src/web/routes/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[property.name='search'][object.property.name='quire']",
          message: 'Routes search through app.quire.archive (src/app), not the works index.',
        },
        {
          selector: "VariableDeclarator[init.property.name='quire'] > ObjectPattern > Property[key.name='search']",
          message: 'Routes search through app.quire.archive (src/app), not the works index.',
        },
      ],
    },
  },
  {
    // The domain is pure rules: no I/O, no framework, no other layer.
    files: ['src/domain/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: IO_MODULES, message: 'src/domain is pure: no I/O or framework imports.' },
            {
              group: [
                '**/store/**',
                '**/web/**',
                '**/app/**',
                '**/search/**',
                '**/formats/**',
                '**/jobs/**',
                '**/cli/**',
              ],
              allowTypeImports: true,
              message: 'src/domain depends on no other layer (types excepted).',
            },
          ],
        },
      ],
    },
  },
  {
    // The application layer never sees HTTP.
    files: ['src/app/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['fastify', '@fastify/*', '**/web/**'], message: 'src/app never sees Fastify or the web layer.' },
          ],
        },
      ],
    },
  },
);
