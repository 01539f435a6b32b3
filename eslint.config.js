import js from '@eslint/js';
import { builtinModules } from 'node:module';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Where code may run is enforced here and by the compiler (tsconfig.json's projects): only the
 * Electron adapters may import 'electron'; renderer/ (a browser page) and shared/ (pure domain
 * code) import no Node built-in, under either spelling ('fs' or 'node:fs').
 */
const electronOnly = [
  { name: 'electron', message: 'Only electron/main.ts, electron/preload.ts and their adapters may import electron.' },
  { name: 'electron-store', message: 'Only electron/main.ts picks electron-store; the core takes a store class.' },
];
const nodeBuiltins = (message) => [...builtinModules.filter((name) => !name.startsWith('_')).map((name) => ({ name, message }))];
const restrictImports = ({ paths, patterns = [] }) => ({ 'no-restricted-imports': ['error', { paths, patterns }] });

const rendererMessage = 'renderer/ runs in a browser page: no Node built-ins (ask the service through the API).';
const sharedMessage = 'shared/ is pure: no Node, DOM framework or Electron imports.';

export default tseslint.config(
  { ignores: ['dist/**', 'dist-electron/**', 'dist-web/**', 'release/**', 'test-results/**', 'node_modules/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['electron/service/**', 'electron/storage/**', 'electron/server/**', 'electron/web.ts'],
    rules: restrictImports({ paths: electronOnly }),
  },
  {
    files: ['renderer/**'],
    rules: restrictImports({
      paths: [...electronOnly, ...nodeBuiltins(rendererMessage)],
      patterns: [
        { group: ['node:*'], message: rendererMessage },
        { group: ['**/electron/**'], message: 'renderer/ reaches the Node side only through the API client (renderer/src/api).' },
      ],
    }),
  },
  {
    files: ['shared/**'],
    rules: restrictImports({
      paths: [
        ...electronOnly,
        ...nodeBuiltins(sharedMessage),
        { name: 'react', message: sharedMessage },
        { name: 'react-dom', message: sharedMessage },
      ],
      patterns: [{ group: ['node:*', 'react-dom/*', '**/electron/**', '**/renderer/**'], message: sharedMessage }],
    }),
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'User text is shown as text, never as HTML.' },
      ],
    },
  },
);
