/** The presets `keyhive init --preset` offers, by name. */
import type { WorkspaceDraft } from '../draft.js';
import type { ProjectScan } from '../project-scan.js';
import { hiveforgePreset } from './hiveforge.js';
import { hivecfmPreset } from './hivecfm.js';
import { hogsendPreset } from './hogsend.js';
import type { PresetContext } from './preset.js';
import { tokenhubPreset } from './tokenhub.js';

export const PRESET_NAMES = ['hivecfm', 'hogsend', 'tokenhub', 'hiveforge'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

export const PRESETS: Record<PresetName, (scan: ProjectScan, ctx: PresetContext) => WorkspaceDraft> = {
  hivecfm: hivecfmPreset,
  hogsend: hogsendPreset,
  tokenhub: tokenhubPreset,
  hiveforge: hiveforgePreset,
};

export function isPresetName(name: string): name is PresetName {
  return (PRESET_NAMES as readonly string[]).includes(name);
}

export type { PresetContext } from './preset.js';
