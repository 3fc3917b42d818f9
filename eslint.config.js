import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// A relative import that passes through one of these folders, at any depth ('../store/x', '../../store/a/b').
const appFolders = (names) => `(^|/)(${names.join('|')})(/|$)`;
// The worker side of src/train: every folder of src/train except src/train/api.
const workerSide = '(^|/)train/(?!api(/|$))';
const noUi = ['react', 'react-dom', 'react/*', 'zustand', 'zustand/*'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'public/**', '.cache/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.worker } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // The built app runs under a Content-Security-Policy without 'unsafe-eval' (vite.config.ts).
      'no-eval': 'error', 'no-new-func': 'error', 'no-implied-eval': 'error',
    },
  },
  {
    // The model core is pure: the network as data, nothing of the app, no tfjs, no React, no d3. So are the
    // block kinds' and tasks' pure sides (their tfjs sides live in src/train/blocks and src/train/tasks).
    files: ['src/model/**/*.ts', 'src/blocks/**/*.ts', 'src/tasks/**/*.ts',
      'src/detection/**/*.ts'], // box geometry: IoU, non-maximum suppression, mAP
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['@tensorflow/*', 'react', 'react-dom', 'd3', 'd3-*', 'zustand', 'zustand/*'], message: 'src/model, src/blocks and src/tasks are pure: no tfjs, React, d3 or store.' },
          { regex: appFolders(['store', 'views', 'train', 'data', 'metrics', 'i18n', 'paint']), message: 'src/model, src/blocks and src/tasks import nothing of the app.' },
        ],
      }],
    },
  },
  {
    files: ['src/views/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['@tensorflow/*'], message: 'Views never touch tensors: talk to the training client.' },
          { regex: workerSide, message: 'Views import training only through src/train/api.' },
        ],
      }],
    },
  },
  {
    // The worker side: tfjs, never React, the store or the views (at any depth).
    files: ['src/train/**/*.ts'],
    ignores: ['src/train/api/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: noUi, message: 'src/train runs in the worker: no React or store.' },
          { regex: appFolders(['store', 'views']), message: 'src/train never imports the store or views.' },
        ],
      }],
    },
  },
  {
    // What the main thread may import from training: no tfjs, and nothing of the worker side.
    files: ['src/train/api/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['@tensorflow/*', ...noUi], message: 'src/train/api is loaded by the page: no tfjs, React or store.' },
          { regex: appFolders(['store', 'views']), message: 'src/train/api never imports the store or views.' },
          { regex: '^\\.\\./(?!\\.\\./)', message: 'src/train/api never imports the worker side of src/train.' },
          { regex: workerSide, message: 'src/train/api never imports the worker side of src/train.' },
        ],
      }],
    },
  },
  {
    // The rest of the app reaches training only through src/train/api (tests and the lessons' test rig may
    // drive the engine directly).
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/train/**', 'src/model/**', 'src/blocks/**', 'src/tasks/**', 'src/detection/**', 'src/views/**', '**/*.test.ts', 'src/lessons/testRig.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ regex: workerSide, message: 'Only src/train/api may be imported outside the worker.' }],
      }],
    },
  },
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
);
