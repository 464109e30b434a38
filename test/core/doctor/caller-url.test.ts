import { describe, expect, it } from 'vitest';
import { checkCallerUrl } from '../../../electron/core/doctor/caller-url.js';

const serverUrls = { docker: 'http://hivecfm-hub-api:8080', native: 'http://localhost:8090' };
const check = (runMode: 'docker' | 'native', value: string | null) => checkCallerUrl({ runMode, urlVar: 'HIVECFM_HUB_URL', value, serverUrls });

describe('checkCallerUrl', () => {
  it('docker: the Compose name is right, localhost is wrong', () => {
    expect(check('docker', 'http://hivecfm-hub-api:8080').severity).toBe('ok');
    const v = check('docker', 'http://localhost:8090');
    expect(v.severity).toBe('error');
    expect(v.why).toMatch(/container itself/);
    expect(v.fix).toContain('HIVECFM_HUB_URL=http://hivecfm-hub-api:8080');
    expect(check('docker', 'http://127.0.0.1:8090').severity).toBe('error');
  });
  it('native: the host port is right, the Docker name is wrong, another port is suspicious', () => {
    expect(check('native', 'http://localhost:8090').severity).toBe('ok');
    expect(check('native', 'http://127.0.0.1:8090/').severity).toBe('ok');
    const v = check('native', 'http://hivecfm-hub-api:8080');
    expect(v.severity).toBe('error');
    expect(v.why).toMatch(/only resolve inside the Compose network/);
    expect(check('native', 'http://localhost:9999').severity).toBe('warning');
  });
  it('unset or invalid URLs are errors', () => {
    expect(check('native', null).severity).toBe('error');
    expect(check('native', 'not a url').severity).toBe('error');
  });
});
