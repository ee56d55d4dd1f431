import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

/**
 * Layers (docs/ARCHITECTURE.md, « Qui importe quoi »), enforced below with
 * `@typescript-eslint/no-restricted-imports` (regular expressions on the import text):
 * - core/ imports nothing of pipelines/, server/ or web/;
 * - pipelines/ import core/, never server/ or web/;
 * - server/ imports core/; a route module (server/routes/) never imports another route: what two
 *   routes share lives in server/services/ (queries), server/http.ts (envelope, parameters) or
 *   server/tabular.ts (formats); services and middlewares never import a route;
 * - the web app imports only the dependency-free shared modules of core/ listed in SHARED_CORE,
 *   and the server only for types (`import type { AppType }`);
 * - a web feature (web/src/features/<name>/) uses another one only through its entry point
 *   (`../arguments`, i.e. its index.ts), never its inner files; what several features share lives in
 *   web/src/model/, web/src/components/ or web/src/charts/, which import no feature.
 * test/unit/lint-boundaries.test.ts proves that a violation fails `npm run lint`.
 */

/** Modules of core/ without any dependency, safe in the browser bundle. */
const SHARED_CORE = ['levels', 'within', 'text', 'themes', 'places', 'where-to-ask', 'csv', 'flags'];

const rule = (patterns) => ({ '@typescript-eslint/no-restricted-imports': ['error', { patterns }] });

const NOT_SERVER = { regex: '(^|/)server/', message: 'core/ et pipelines/ n’importent pas le serveur.' };
const NOT_WEB = { regex: '(^|/)web/', message: 'Seul web/ importe le tableau de bord.' };
const NOT_PIPELINES = {
  regex: '(^|/)pipelines/',
  message: 'Seules les constructions (pipelines/, scripts) importent les pipelines.',
};
const NO_ROUTE = {
  regex: '(^|/)routes/|(^|/)app(\\.js)?$',
  message:
    'Une route ne s’importe pas : le code partagé va dans server/services/ (requêtes), server/http.ts ou server/tabular.ts.',
};
const WEB_RULES = [
  {
    regex: '(^|/)pipelines/',
    message: 'Le tableau de bord n’importe pas les pipelines (dépendances Node, DuckDB).',
  },
  {
    regex: '(^|/)server/',
    allowTypeImports: true,
    message:
      'Le tableau de bord parle au serveur par le client typé (web/src/api.ts) : `import type` seulement.',
  },
];
const webCore = (allowed) => ({
  regex: `(^|/)core/(?!(${allowed.join('|')})(\\.js)?$)`,
  message: `Le tableau de bord n’importe de core/ que les modules sans dépendance (${allowed.join(', ')}) ; un nouveau module sans dépendance s’ajoute à SHARED_CORE dans eslint.config.js.`,
});

const NOT_INSIDE_FEATURE = {
  message:
    'Une fonctionnalité n’entre pas dans les fichiers d’une autre : passer par son point d’entrée (index.ts, « ../nom »), ou mettre le code partagé dans web/src/model/.',
};

/**
 * Feature files that still reach into another feature's files (some features have no entry point
 * yet): they keep every other web rule. Remove an entry once its imports go through an
 * index.ts.
 */
const FEATURE_INTERNALS_PENDING = [
  'web/src/features/arguments/ArgumentCards.tsx',
  'web/src/features/arguments/generate.ts',
  'web/src/features/demande/DemandBlock.tsx',
  'web/src/features/demande/advocacy.ts',
  'web/src/features/fiche/FichePage.tsx',
  'web/src/features/questions/generate.ts',
  'web/src/features/sources/MethodologyPage.tsx',
];

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'dist/', 'test/artifacts/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['web/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  // Layers.
  { files: ['core/**/*.ts'], rules: rule([NOT_PIPELINES, NOT_SERVER, NOT_WEB]) },
  { files: ['pipelines/**/*.ts'], rules: rule([NOT_SERVER, NOT_WEB]) },
  { files: ['server/**/*.ts'], rules: rule([NOT_PIPELINES, NOT_WEB]) },
  // A route file imports no sibling (`./x`); a route folder imports nothing one level up (`../x`).
  {
    files: ['server/routes/*.ts'],
    rules: rule([NOT_PIPELINES, NOT_WEB, NO_ROUTE, { ...NO_ROUTE, regex: '^\\./' }]),
  },
  {
    files: ['server/routes/*/**/*.ts'],
    rules: rule([NOT_PIPELINES, NOT_WEB, NO_ROUTE, { ...NO_ROUTE, regex: '^\\.\\./(?!\\.\\./)' }]),
  },
  {
    files: ['server/services/**/*.ts', 'server/middleware/**/*.ts'],
    rules: rule([NOT_PIPELINES, NOT_WEB, NO_ROUTE]),
  },
  { files: ['web/src/**/*.{ts,tsx}'], rules: rule([...WEB_RULES, webCore(SHARED_CORE)]) },
  {
    files: ['web/src/features/*/*.{ts,tsx}'],
    ignores: FEATURE_INTERNALS_PENDING,
    rules: rule([...WEB_RULES, webCore(SHARED_CORE), { ...NOT_INSIDE_FEATURE, regex: '^\\.\\./[^./]+/' }]),
  },
  {
    files: ['web/src/features/*/*/**/*.{ts,tsx}'],
    rules: rule([
      ...WEB_RULES,
      webCore(SHARED_CORE),
      { ...NOT_INSIDE_FEATURE, regex: '^\\.\\./\\.\\./[^./]+/' },
    ]),
  },
  {
    files: [
      'web/src/model/**/*.{ts,tsx}',
      'web/src/components/**/*.{ts,tsx}',
      'web/src/charts/**/*.{ts,tsx}',
    ],
    rules: rule([
      ...WEB_RULES,
      webCore(SHARED_CORE),
      {
        regex: '(^|/)features/',
        message: 'Le modèle, les composants et les graphiques partagés n’importent aucune fonctionnalité.',
      },
    ]),
  },
);
