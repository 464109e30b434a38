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
const onlyMainImportsElectron = { name: 'electron', message: 'Only electron/main and electron/preload import electron.' };
// A use case's feature folder may share a layer's name (electron/app/demo): a layer that may
// import electron/app never trips over it.
const group = (...folders) => [...folders.map((f) => `**/${f}/**`), ...(folders.includes('app') ? [] : ['!**/app/**'])];
/** One layer's fence: the folders its files may not import from, and why. */
const fence = (files, folders, message, paths = [onlyMainImportsElectron], ignores = []) => ({
  files,
  ignores,
  rules: {
    'no-restricted-imports': ['error', { paths, patterns: [{ group: group(...folders), message }] }],
    // A dynamic import() crosses the same fence (no-restricted-imports sees only static ones).
    'no-restricted-syntax': ['error', { selector: `ImportExpression > Literal[value=/^(?!.*\\/app\\/)(.*\\/)?(${folders.join('|')})\\//]`, message }],
  },
});
const CLI_LAUNCHER = ['electron/cli/cli-bundle.mjs', 'electron/cli/cli-loader.mjs', 'electron/cli/spare-node.mjs'];
/** What only electron/adapters may import (the shells and app ask an adapter, through app). */
const adapterOnly = (layer, except = []) => [
  ...both(nodeIo.filter((n) => !except.includes(n))).map((name) => ({ name, message: `${layer} does no I/O itself: call (or add) an adapter in electron/adapters.` })),
  { name: 'undici', message: `${layer} does no I/O itself: HTTP goes through electron/adapters/http.` },
  { name: 'keytar', message: `${layer} does no I/O itself: the keychain is electron/adapters/keychain.` },
];

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
  // Use cases are called by the shells, never the other way round; they do no I/O themselves.
  fence(['electron/app/**/*.ts'], ['main', 'cli', 'web', 'renderer', 'preload'], 'electron/app is the engine the shells call: it never imports a shell (main, cli, web, preload, renderer).', [
    onlyMainImportsElectron,
    ...adapterOnly('electron/app'),
  ]),
  // The shells are thin: they call use cases in electron/app and types in shared/, nothing deeper.
  // (The CLI's launcher — keyhive.mjs's helpers cli-bundle.mjs, cli-loader.mjs and spare-node.mjs —
  // runs before any of the engine loads: it checks and builds the cached bundle, loads it with
  // its code cache and starts the spare node for the keychain helper itself.)
  fence(['electron/cli/**/*.{ts,mjs}'], ['core', 'adapters', 'demo', 'main', 'preload', 'renderer'], 'The CLI is a thin shell: call a use case in electron/app (or use a type from shared/), not the core, adapters or demo directly.', [
    onlyMainImportsElectron,
    ...adapterOnly('The CLI'),
  ], CLI_LAUNCHER),
  fence(CLI_LAUNCHER, ['core', 'adapters', 'demo', 'main', 'preload', 'renderer'], 'The CLI is a thin shell: call a use case in electron/app (or use a type from shared/), not the core, adapters or demo directly.'),
  // Web mode IS an HTTP server: node:http is its own part; files, processes and sockets are not.
  fence(['electron/web/**/*.ts'], ['core', 'adapters', 'demo', 'cli', 'main', 'preload', 'renderer'], 'Web mode is a thin shell: call a use case in electron/app (or use shared/), not the core, adapters, demo or another shell.', [
    onlyMainImportsElectron,
    ...adapterOnly('Web mode', ['http']),
  ]),
  fence(['electron/main/**/*.ts'], ['core', 'adapters', 'demo', 'cli', 'web', 'renderer'], 'electron/main is Electron wiring: call use cases in electron/app (the UI files included); adapters are chosen there.', adapterOnly('electron/main')),
  fence(['electron/preload/**/*.ts'], ['app', 'core', 'adapters', 'demo', 'cli', 'web', 'main', 'renderer'], 'The preload only bridges the typed channel map in shared/ to the page.', [
    ...both(nodeBuiltins).map((name) => ({ name, message: 'A sandboxed preload can require only electron.' })),
  ]),
  // The demo's reference servers implement the four systems from their docs, independently of the engine they test.
  fence(['electron/demo/peers/**/*.ts'], ['app', 'core', 'adapters', 'cli', 'web', 'main', 'preload', 'renderer'], "A reference server implements its system from the docs alone: it shares no code with Keyhive's engine (only shared/ types)."),
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
