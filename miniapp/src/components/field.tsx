import type { ReactNode } from 'react';

/**
 * A labelled form control with a hint, or the message for it (the API's or the form's own)
 * underneath. Styles in field-reports/reports.css (`rp-field`).
 */
export function Field({
  label,
  hint,
  error,
  children,
}: {
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  children: ReactNode;
}) {
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control is `children`, inside the label
    <label className="rp-field">
      <span className="rp-field__label">{label}</span>
      {children}
      {hint && !error ? <span className="rp-field__hint">{hint}</span> : null}
      {error ? (
        <span className="rp-field__error" role="alert">
          {error}
        </span>
      ) : null}
    </label>
  );
}

export const inputClass = (error?: string) => `rp-input${error ? ' rp-input--error' : ''}`;
