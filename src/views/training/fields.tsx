// Small form pieces of the training panel: a labelled select and a checkbox, each with a short
// explanation under it for students.
import { useCallback, useId, type ReactNode } from 'react';
import { useApp } from '../AppContext';

/**
 * For a NumberField's onValidity: `checked(key, name)` tells the store while the field shows invalid text,
 * so Train waits for it and can name it.
 */
export function useValidity(): (key: string, name: string) => (valid: boolean) => void {
  const setFieldInvalid = useApp((s) => s.setFieldInvalid);
  return useCallback((key, name) => (valid) => setFieldInvalid(key, valid ? null : name), [setFieldInvalid]);
}

interface SelectProps<T extends string> {
  readonly label: string;
  readonly value: T;
  readonly options: readonly T[];
  readonly optionLabel: (value: T) => string;
  readonly disabled?: boolean;
  readonly help?: ReactNode;
  readonly name: string;
  readonly onChange: (value: T) => void;
}

export function SelectField<T extends string>({ label, value, options, optionLabel, disabled, help, name, onChange }: SelectProps<T>) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} value={value} disabled={disabled} onChange={(e) => onChange(e.target.value as T)}
        aria-describedby={help ? `${id}-help` : undefined}>
        {options.map((o) => <option key={o} value={o}>{optionLabel(o)}</option>)}
      </select>
      {help && <span id={`${id}-help`} className="field-help">{help}</span>}
    </div>
  );
}

interface CheckProps {
  readonly label: string;
  readonly checked: boolean;
  readonly disabled?: boolean;
  readonly help?: ReactNode;
  readonly name: string;
  readonly onChange: (checked: boolean) => void;
}

export function CheckField({ label, checked, disabled, help, name, onChange }: CheckProps) {
  const id = useId();
  return (
    <div className="field check-field">
      <label htmlFor={id}>
        <input id={id} name={name} type="checkbox" checked={checked} disabled={disabled}
          onChange={(e) => onChange(e.target.checked)} aria-describedby={help ? `${id}-help` : undefined} />
        {label}
      </label>
      {help && <span id={`${id}-help`} className="field-help">{help}</span>}
    </div>
  );
}
