import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Where code may run is enforced here: only the Electron adapters may import 'electron'. */
const noElectron = {
  'no-restricted-imports': [
    'error',
    {
      paths: [
        { name: 'electron', message: 'Only electron/main.ts, electron/preload.ts and their adapters may import electron.' },
        { name: 'electron-store', message: 'Only electron/main.ts picks electron-store; the core takes a store class.' },
      ],
    },
  ],
};

export default tseslint.config(
  { ignores: ['dist/**', 'dist-electron/**', 'release/**', 'test-results/**', 'node_modules/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  { files: ['shared/**', 'renderer/**', 'electron/service/**', 'electron/storage/**', 'electron/server/**', 'electron/web.ts'], rules: noElectron },
  {
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['node:*', 'fs', 'path', 'os', 'react', 'react-dom', 'electron', '../electron/*', '../renderer/*'], message: 'shared/ is pure: no Node, DOM framework or Electron imports.' }] },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules, 'no-restricted-syntax': ['error', { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'User text is shown as text, never as HTML.' }] },
  },
);
