import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const noApp = ['**/store/**', '**/views/**', '**/train/**', '**/data/**', '**/metrics/**', '**/i18n/**'];

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
    // The model core is pure: the network as data, nothing of the app, no tfjs, no React, no d3.
    files: ['src/model/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['@tensorflow/*', 'react', 'react-dom', 'd3', 'd3-*', 'zustand', 'zustand/*'], message: 'src/model is pure: no tfjs, React, d3 or store.' },
          { group: noApp.map((p) => p.replace('**/', '../').replace('/**', '/*')), message: 'src/model imports nothing of the app.' },
        ],
      }],
    },
  },
  {
    files: ['src/views/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['@tensorflow/*'], message: 'Views never touch tensors: talk to the training client.' }],
      }],
    },
  },
  {
    files: ['src/train/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['react', 'react-dom', 'zustand', 'zustand/*'], message: 'src/train runs in the worker: no React or store.' },
          { group: ['../store/*', '../views/*'], message: 'src/train never imports the store or views.' },
        ],
      }],
    },
  },
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
);
