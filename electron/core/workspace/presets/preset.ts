/** What every preset gets besides the scan. */
export interface PresetContext {
  name: string;
  id: string;
}

/** Appended to a service comment when its folder was not found and the conventional name is used. */
export const NOT_FOUND = '\nNot found in this folder: written with the conventional name — adjust dir: if yours differs.';
