/** Every port of the bundled demo on a free one: runs in parallel (and `npm start`) use the defaults. */
import { DEFAULT_DEMO_PORTS, type DemoPorts } from '../../electron/app/demo/demo-workspace.js';
import { freePort } from './free-port.js';

export async function freeDemoPorts(fixed: Partial<DemoPorts> = {}): Promise<DemoPorts> {
  const out = { ...DEFAULT_DEMO_PORTS };
  for (const k of Object.keys(out) as (keyof DemoPorts)[]) out[k] = fixed[k] ?? (await freePort());
  return out;
}
