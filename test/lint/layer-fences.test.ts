/**
 * The layer fences in eslint.config.js fire: for every layer, a deliberate import across its
 * fence is an error naming the rule's reason, and an allowed import of the same shape is not.
 * Linted with the project's own config, as `npm run lint` does, on text placed at a path inside
 * each layer (nothing is written to the tree).
 */
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: ROOT });

async function restricted(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: `${ROOT}${file}` });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-syntax').map((m) => m.message);
}

const dynamic = (spec: string): string => `export const load = () => import('${spec}');\n`;

const imp = (spec: string): string => `import * as x from '${spec}';\nexport const y = x;\n`;

type Case = { layer: string; file: string; denied: Array<[spec: string, reason: RegExp]>; allowed: string[] };

const cases: Case[] = [
  {
    layer: 'core',
    file: 'electron/core/env/fence-probe.ts',
    denied: [
      ['node:fs', /does no I\/O/],
      ['../../adapters/fs/safe-file.js', /nothing outside the core/],
      ['../../app/sync.js', /nothing outside the core/],
      ['electron', /pure/],
    ],
    allowed: ['../secrets/fingerprint.js', '../../../shared/errors.js'],
  },
  {
    layer: 'adapters',
    file: 'electron/adapters/fs/fence-probe.ts',
    denied: [
      ['../../app/sync.js', /do not depend on use cases/],
      ['../../cli/exit.js', /do not depend on use cases/],
      ['electron', /Only electron\/main/],
    ],
    allowed: ['../../core/env/index.js', 'node:fs'],
  },
  {
    layer: 'app',
    file: 'electron/app/sync/fence-probe.ts',
    denied: [
      ['../../cli/exit.js', /never imports a shell/],
      ['../../web/web-server.js', /never imports a shell/],
      ['../../main/index.js', /never imports a shell/],
      ['electron', /Only electron\/main/],
      ['node:fs', /does no I\/O itself/],
      ['node:fs/promises', /does no I\/O itself/],
      ['fs', /does no I\/O itself/],
      ['node:child_process', /does no I\/O itself/],
      ['node:net', /does no I\/O itself/],
      ['undici', /HTTP goes through electron\/adapters\/http/],
      ['keytar', /the keychain is electron\/adapters\/keychain/],
    ],
    allowed: ['../../core/env/index.js', '../../adapters/fs/safe-file.js', '../demo/set-up-demo.js', 'node:path', 'node:crypto'],
  },
  {
    layer: 'cli',
    file: 'electron/cli/commands/fence-probe.ts',
    denied: [
      ['../../core/env/index.js', /thin shell/],
      ['../../adapters/fs/safe-file.js', /thin shell/],
      ['../../demo/build-peer.js', /thin shell/],
      ['../../main/index.js', /thin shell/],
      ['electron', /Only electron\/main/],
      ['node:fs', /The CLI does no I\/O itself/],
      ['node:child_process', /The CLI does no I\/O itself/],
      ['keytar', /The CLI does no I\/O itself/],
    ],
    allowed: ['../../app/env-file/env-file-commands.js', '../../app/demo/set-up-demo.js', '../../../shared/errors.js', '../../web/run-web-mode.js'],
  },
  {
    layer: 'web',
    file: 'electron/web/fence-probe.ts',
    denied: [
      ['../core/env/index.js', /thin shell/],
      ['../adapters/fs/safe-file.js', /thin shell/],
      ['../cli/exit.js', /thin shell/],
      ['node:fs/promises', /Web mode does no I\/O itself/],
      ['node:net', /Web mode does no I\/O itself/],
      ['undici', /Web mode does no I\/O itself/],
    ],
    allowed: ['../app/keyhive-service.js', '../../shared/errors.js', 'node:http'],
  },
  {
    layer: 'main',
    file: 'electron/main/fence-probe.ts',
    denied: [
      ['../adapters/keychain/keytar-secret-store.js', /Electron wiring/],
      ['../core/env/index.js', /Electron wiring/],
      ['../cli/index.js', /Electron wiring/],
      ['../web/web-server.js', /Electron wiring/],
      ['node:fs', /electron\/main does no I\/O itself/],
      ['node:child_process', /electron\/main does no I\/O itself/],
    ],
    allowed: ['electron', '../app/keyhive-service.js', '../app/ui/ui-files.js'],
  },
  {
    layer: 'preload',
    file: 'electron/preload/fence-probe.ts',
    denied: [
      ['../app/keyhive-service.js', /only bridges/],
      ['node:fs', /only electron/],
    ],
    allowed: ['electron', '../../shared/api.js'],
  },
  {
    layer: 'demo peers',
    file: 'electron/demo/peers/hogsend/fence-probe.ts',
    denied: [
      ['../../../core/keys/formats.js', /from the docs alone/],
      ['../../../app/keys.js', /from the docs alone/],
    ],
    allowed: ['node:http', '../../../../shared/errors.js'],
  },
  {
    layer: 'renderer',
    file: 'renderer/src/features/fence-probe.tsx',
    denied: [
      ['../../../electron/app/keyhive-service.js', /typed API in shared/],
      ['node:fs', /no Node modules/],
      ['electron', /never imports electron/],
    ],
    allowed: ['../../../shared/api.js', 'react'],
  },
  {
    layer: 'shared',
    file: 'shared/fence-probe.ts',
    denied: [
      ['../electron/core/env/index.js', /depends on nothing but zod/],
      ['node:path', /no Node modules/],
    ],
    allowed: ['zod', './errors.js'],
  },
];

describe('the layer fences of `npm run lint`', () => {
  for (const c of cases) {
    it(`${c.layer}: a deliberate import across the fence fails, an allowed one passes`, async () => {
      for (const [spec, reason] of c.denied) {
        const messages = await restricted(c.file, imp(spec));
        expect(messages, `${c.file} importing ${spec}`).toHaveLength(1);
        expect(messages[0]).toMatch(reason);
      }
      for (const spec of c.allowed) expect(await restricted(c.file, imp(spec)), `${c.file} importing ${spec}`).toEqual([]);
    }, 60_000);
  }

  it('a dynamic import() crosses a shell\'s fence just like a static one; one of app/ (even app/demo) does not', async () => {
    const denied: Array<[file: string, spec: string, reason: RegExp]> = [
      ['electron/cli/index-probe.ts', '../adapters/keychain/keytar-helper.js', /thin shell/],
      ['electron/cli/commands/fence-probe.ts', '../../core/env/index.js', /thin shell/],
      ['electron/cli/commands/fence-probe.ts', '../../demo/build-peer.js', /thin shell/],
      ['electron/web/fence-probe.ts', '../adapters/fs/safe-file.js', /thin shell/],
      ['electron/main/fence-probe.ts', '../adapters/keychain/keytar-secret-store.js', /Electron wiring/],
      ['electron/app/sync/fence-probe.ts', '../../cli/exit.js', /never imports a shell/],
    ];
    for (const [file, spec, reason] of denied) {
      const messages = await restricted(file, dynamic(spec));
      expect(messages, `${file} loading ${spec}`).toHaveLength(1);
      expect(messages[0]).toMatch(reason);
    }
    for (const [file, spec] of [
      ['electron/cli/index-probe.ts', '../app/lifecycle/prestart-keychain.js'],
      ['electron/cli/commands/fence-probe.ts', '../../app/demo/open-demo.js'],
      ['electron/main/fence-probe.ts', '../app/ui/ui-files.js'],
    ] as const) {
      expect(await restricted(file, dynamic(spec)), `${file} loading ${spec}`).toEqual([]);
    }
  }, 60_000);
});
