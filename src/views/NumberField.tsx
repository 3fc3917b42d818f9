import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  readonly label: string;
  readonly value: number;
  readonly min: number;
  readonly max: number;
  readonly integer?: boolean;
  readonly disabled?: boolean;
  readonly onChange: (value: number) => void;
  /** Told whether the text shown is a valid value (true again when the field leaves the screen). */
  readonly onValidity?: (valid: boolean) => void;
}

/** A number input that keeps what the user typed, says what is wrong, and only passes on valid values. */
export function NumberField({ label, value, min, max, integer = false, disabled, onChange, onValidity }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useState(String(value));
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    // the value changed from outside (a preset, a link): show it
    setShown(value);
    setText(String(value));
  }
  const parsed = Number(text);
  const valid = text.trim() !== '' && Number.isFinite(parsed) && parsed >= min && parsed <= max &&
    (!integer || Number.isInteger(parsed));
  const report = useRef(onValidity);
  report.current = onValidity;
  useEffect(() => report.current?.(valid), [valid, label]);
  useEffect(() => () => report.current?.(true), []);
  return (
    <div className={`field ${valid ? '' : 'invalid'}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        inputMode="decimal"
        value={text}
        disabled={disabled}
        aria-invalid={!valid}
        aria-describedby={valid ? undefined : `${id}-err`}
        onChange={(e) => {
          setText(e.target.value);
          const n = Number(e.target.value);
          if (e.target.value.trim() !== '' && Number.isFinite(n) && n >= min && n <= max && (!integer || Number.isInteger(n))) {
            setShown(n);
            onChange(n);
          }
        }}
      />
      {!valid && (
        <span id={`${id}-err`} className="field-error" role="alert">
          {t('train.badNumber', { field: label, min, max })}
        </span>
      )}
    </div>
  );
}
