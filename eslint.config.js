// ESLint flat config. Besides the usual TypeScript rules it enforces Keyhive's layers
// (the way VS Code enforces its own): the core is pure, only main/preload import electron,
// and the renderer never reaches into Node or the engine.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = [
  'fs', 'fs/promises', 'path', 'os', 'child_process', 'net', 'http', 'https', 'http2', 'dgram',
  'dns', 'tls', 'cluster', 'worker_threads', 'process', 'stream', 'readline', 'v8', 'vm', 'crypto', 'url', 'util', 'events', 'buffer', 'zlib', 'assert',
];
const nodeIo = ['fs', 'fs/promises', 'child_process', 'net', 'http', 'https', 'http2', 'dgram', 'dns', 'tls', 'cluster', 'worker_threads', 'readline'];
const both = (names) => names.flatMap((n) => [n, `node:${n}`]);

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', '.tmp-*/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // Only Electron wiring may import electron.
    files: ['**/*.{ts,tsx,js,mjs}'],
    ignores: ['electron/main/**', 'electron/preload/**', 'test/main/**', 'test/support/electron-stand-in/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Only electron/main and electron/preload import electron.' }] }],
    },
  },
  {
    // The core is pure domain: no I/O, no electron, no adapters/app.
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          { name: 'electron', message: 'electron/core is pure: no electron.' },
          ...both(nodeIo).map((name) => ({ name, message: 'electron/core does no I/O: put it behind an adapter in electron/adapters.' })),
          { name: 'undici', message: 'electron/core does no I/O.' },
          { name: 'keytar', message: 'electron/core does no I/O.' },
        ],
        patterns: [{ group: ['**/adapters/**', '**/app/**', '**/main/**', '**/cli/**', '**/web/**'], message: 'electron/core depends on nothing outside the core and shared/.' }],
      }],
    },
  },
  {
    // Adapters depend on the core, never on use cases or UI wiring.
    files: ['electron/adapters/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'Only electron/main and electron/preload import electron.' }],
        patterns: [{ group: ['**/app/**', '**/main/**', '**/cli/**', '**/web/**', '**/renderer/**'], message: 'Adapters do not depend on use cases or front ends.' }],
      }],
    },
  },
  {
    // The renderer talks only through the typed API in shared/.
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', {
        paths: [
          { name: 'electron', message: 'The renderer never imports electron: use window.keyhive.' },
          ...both(nodeBuiltins).map((name) => ({ name, message: 'The renderer runs in a sandboxed page: no Node modules.' })),
        ],
        patterns: [{ group: ['**/electron/**', 'keytar', 'undici'], message: 'The renderer talks only through the typed API in shared/.' }],
      }],
    },
  },
  {
    // shared/ is imported by both sides: no Node, no electron.
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          { name: 'electron', message: 'shared/ is imported by the renderer too.' },
          ...both(nodeBuiltins).map((name) => ({ name, message: 'shared/ is imported by the renderer too: no Node modules.' })),
        ],
        patterns: [{ group: ['**/electron/**', '**/renderer/**'], message: 'shared/ depends on nothing but zod.' }],
      }],
    },
  },
);
