import { PASSWORD_MAX, PASSWORD_MIN } from '../../domain/accounts.ts';
import type { ComponentChildren } from 'preact';

export type FieldErrors = Record<string, string>;

/** Shows a live character count near a field's limit, on fields marked data-max-length. */
export const CHAR_COUNT_SCRIPT = '/static/char-count.js';

/** Errors listed at the top of a rejected form, each linking to its field. */
export function ErrorSummary({ errors, labels }: { errors: FieldErrors; labels: Record<string, string> }) {
  const entries = Object.entries(errors);
  if (entries.length === 0) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1}>
      <h2 id="error-summary-title">
        {entries.length === 1 ? 'There is a problem' : `There are ${entries.length} problems`}
      </h2>
      <ul>
        {entries.map(([field, message]) => (
          <li>{labels[field] ? <a href={`#field-${field}`}>{message}</a> : message}</li>
        ))}
      </ul>
    </div>
  );
}

interface TextFieldProps {
  name: string;
  label: string;
  value?: string;
  error?: string;
  type?: 'text' | 'email' | 'password' | 'search';
  autocomplete?: string;
  hint?: string;
  required?: boolean;
  /**
   * The field's length limit, for the live count (src/web/static/char-count.js, which the page
   * must load: CHAR_COUNT_SCRIPT). Never an HTML maxlength: browsers cut pasted text silently.
   */
  maxLength?: number;
  multiline?: boolean;
  /** Extra attributes for the input itself, e.g. data-tag-kind for tag suggestions. */
  inputAttributes?: Record<string, string>;
}

/** A labelled input with its hint and error tied to it for screen readers. */
export function TextField(props: TextFieldProps) {
  const id = `field-${props.name}`;
  const describedBy =
    [props.hint ? `${id}-hint` : '', props.error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    name: props.name,
    required: props.required,
    'data-max-length': props.maxLength === undefined ? undefined : String(props.maxLength),
    'aria-invalid': props.error ? ('true' as const) : undefined,
    'aria-describedby': describedBy,
    ...props.inputAttributes,
  };
  return (
    <div class={`field${props.error ? ' field--error' : ''}`}>
      <label for={id}>{props.label}</label>
      {props.hint ? (
        <p class="field__hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {props.error ? (
        <p class="field__error" id={`${id}-error`}>
          {props.error}
        </p>
      ) : null}
      {props.multiline ? (
        <textarea {...common} rows={5}>
          {props.value ?? ''}
        </textarea>
      ) : (
        <input
          {...common}
          type={props.type ?? 'text'}
          value={props.type === 'password' ? undefined : (props.value ?? '')}
          autoComplete={props.autocomplete}
        />
      )}
    </div>
  );
}

export function Checkbox({ name, label, checked }: { name: string; label: string; checked?: boolean }) {
  return (
    <div class="field field--checkbox">
      <input type="checkbox" id={`field-${name}`} name={name} value="1" checked={checked} />
      <label for={`field-${name}`}>{label}</label>
    </div>
  );
}

export function Actions({ children }: { children: ComponentChildren }) {
  return <div class="actions">{children}</div>;
}

/** A new password and its confirmation, as sign-up, password reset and password change ask for them. */
export function NewPasswordFields({
  errors,
  label = 'New password',
  confirmLabel = 'Confirm new password',
  hintAfter = '',
}: {
  errors: FieldErrors;
  label?: string;
  confirmLabel?: string;
  /** Said after the length rule. */
  hintAfter?: string;
}) {
  return (
    <>
      <TextField
        name="password"
        label={label}
        type="password"
        error={errors.password}
        autocomplete="new-password"
        required
        hint={`${PASSWORD_MIN} to ${PASSWORD_MAX} characters.${hintAfter ? ` ${hintAfter}` : ''}`}
      />
      <TextField
        name="passwordConfirmation"
        label={confirmLabel}
        type="password"
        error={errors.passwordConfirmation}
        autocomplete="new-password"
        required
      />
    </>
  );
}
