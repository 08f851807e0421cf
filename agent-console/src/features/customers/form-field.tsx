import type { ReactNode } from 'react';

/** Id of the element showing a field's error, for aria-describedby. */
export const errorIdFor = (inputId: string) => `${inputId}-error`;

/** The DOM id of a field's input, from the form id and the issue path. */
export const inputIdFor = (formId: string, path: string) => `${formId}-${path.replace(/\./g, '-')}`;

/** The aria attributes that tie an input to its inline error. */
export function errorProps(inputId: string, error: string | undefined) {
  return error ? { 'aria-invalid': true as const, 'aria-describedby': errorIdFor(inputId) } : {};
}

/** A label, its input, and the inline error under it. */
export function FormField({ id, label, error, children }: { id: string; label: string; error: string | undefined; children: ReactNode }) {
  return (
    <div className={error ? 'field field--invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children}
      <FieldError id={id} error={error} />
    </div>
  );
}

/** The inline error text; the ⚠ keeps it recognisable without colour. */
export function FieldError({ id, error }: { id: string; error: string | undefined }) {
  if (!error) return null;
  return (
    <p id={errorIdFor(id)} className="error-text">
      <span aria-hidden="true">⚠ </span>
      {error}
    </p>
  );
}
