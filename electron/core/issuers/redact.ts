/**
 * Removes anything shaped like a credential from text that came from elsewhere (a server's
 * error body, an exception message) before Keyhive shows or stores it: issued keys of the three
 * systems and bearer JWTs keep only a short prefix.
 */
const PATTERNS: RegExp[] = [
  /\b(hsk_[A-Za-z0-9]{4})[A-Za-z0-9_-]+/g,
  /\b(tokenhub_[0-9a-f]{4})[0-9a-f]+/g,
  /\b(hf_(?:live|test)_[A-Za-z0-9]{4})[A-Za-z0-9]+/g,
  /\b(eyJ[A-Za-z0-9_-]{4})[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/g,
];

export function redactKeys(text: string, alsoHide: readonly string[] = []): string {
  let out = text;
  for (const secret of alsoHide) if (secret.length >= 8) out = out.split(secret).join(`${secret.slice(0, 4)}…`);
  for (const re of PATTERNS) out = out.replace(re, '$1…');
  return out;
}
