/** An 8-hex fingerprint (never the value), or a dash when there is none. */
export function Fingerprint({ value, label }: { value: string | null; label?: string }) {
  if (!value) return <span className="fp fp-none" aria-label={label ? `${label}: none` : 'no value'}>—</span>;
  return (
    <code className="fp" aria-label={label ? `${label}: ${value}` : undefined} title="Fingerprint (keyed hash), not the value">
      {value}
    </code>
  );
}
