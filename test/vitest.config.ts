import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('..', import.meta.url));

// `npm run test:time-travel` (.ci/time-travel): with KEYHIVE_TEST_FAKETIME=<offset> the test
// workers — and every process they start — run under libfaketime at that calendar offset; the
// main process (and so the keyring and Docker engine of the global set-up) stays on real time.
// Monotonic time is left alone, so timers run at real speed.
function timeTravelEnv(): Record<string, string> {
  const offset = process.env.KEYHIVE_TEST_FAKETIME;
  const lib = process.env.KEYHIVE_TEST_FAKETIME_LIB;
  if (!offset || !lib) return {};
  const preload = [lib, process.env.LD_PRELOAD].filter(Boolean).join(':');
  // The real time the run started at, so test/support/time-travel.test.ts can prove the shift took.
  return { LD_PRELOAD: preload, FAKETIME: offset, FAKETIME_DONT_FAKE_MONOTONIC: '1', KEYHIVE_TEST_REAL_START: String(Date.now()) };
}
const workerEnv = timeTravelEnv();

// One run, three projects:
//  - node:     core, adapters, app, cli, peers, main + preload (stand-in electron), web — real files, keychain, Docker, HTTP
//  - renderer: React component tests in happy-dom
//  - e2e:      the UI in Debian's Chromium through `keyhive web`, on the real engine
// The global set-up starts a private Secret Service (gnome-keyring on its own D-Bus)
// and a private Docker engine once for the whole run, and stops them after.
export default defineConfig({
  root,
  test: {
    globalSetup: ['test/support/global-setup.ts'],
    env: workerEnv,
    reporters: ['default', './test/support/summary-reporter.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          // electron/main and the preload are tested against a recording stand-in for `electron`.
          alias: [{ find: /^electron$/, replacement: `${root}test/support/electron-stand-in/index.ts` }],
          include: ['test/{core,adapters,app,cli,peers,main,preload,web,support,lint}/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        plugins: [react()],
        test: {
          name: 'renderer',
          environment: 'happy-dom',
          include: ['test/renderer/**/*.test.{ts,tsx}'],
          setupFiles: ['test/renderer/setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
