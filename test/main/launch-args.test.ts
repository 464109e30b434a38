import { describe, expect, it } from 'vitest';
import { demoRequested, workspaceArgument } from '../../electron/main/launch-args.js';

describe('workspace launch argument', () => {
  it('reads --workspace=FILE, --workspace FILE, then KEYHIVE_WORKSPACE', () => {
    expect(workspaceArgument(['electron', '.', '--workspace=/w/keyhive.yaml'], {})).toBe('/w/keyhive.yaml');
    expect(workspaceArgument(['electron', '.', '--workspace', '/w/a.yaml'], { KEYHIVE_WORKSPACE: '/b' })).toBe('/w/a.yaml');
    expect(workspaceArgument(['electron', '.'], { KEYHIVE_WORKSPACE: '/env/keyhive.yaml' })).toBe('/env/keyhive.yaml');
    expect(workspaceArgument(['electron', '.'], {})).toBeUndefined();
    expect(workspaceArgument(['electron', '--workspace'], {})).toBeUndefined();
  });
});

describe('demo launch argument', () => {
  it('is --demo anywhere on the command line', () => {
    expect(demoRequested(['/opt/Keyhive/keyhive', '--demo'])).toBe(true);
    expect(demoRequested(['/opt/Keyhive/keyhive'])).toBe(false);
    expect(demoRequested(['/opt/Keyhive/keyhive', '--demo-x'])).toBe(false);
  });
});
