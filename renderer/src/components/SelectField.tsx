/**
 * A labelled drop-down: the label names the field for screen readers and tests, the options are
 * plain strings, and `allLabel` adds a first "everything" option whose value is the empty string.
 */
export interface SelectFieldProps {
  label: string;
  value: string;
  options: readonly string[];
  onChange: (value: string) => void;
  allLabel?: string;
}

export function SelectField({ label, value, options, onChange, allLabel }: SelectFieldProps) {
  return (
    <label className="field">
      <span>{label}</span>
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        {allLabel !== undefined && <option value="">{allLabel}</option>}
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </label>
  );
}
