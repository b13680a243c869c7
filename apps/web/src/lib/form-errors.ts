import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { isTrpcError } from './trpc';

/** The API's per-field messages (`error.data.fieldErrors`), or null when it sent none. */
export function serverFieldErrors(error: unknown): Record<string, string[]> | null {
  if (!isTrpcError(error)) return null;
  const fieldErrors = (error.data as { fieldErrors?: Record<string, string[]> | null } | undefined)
    ?.fieldErrors;
  return fieldErrors && Object.keys(fieldErrors).length > 0 ? fieldErrors : null;
}

/**
 * Puts the API's field errors onto a react-hook-form form. `fields` lists the form's field names
 * (and may rename: `{ password: 'newPassword' }` maps the API's `password` onto the form's
 * `newPassword`). Returns the message to show above the form for whatever did not land on a
 * field — the error's own message when nothing did — or null when every error found its field.
 *
 *   onError: (error) => setFormError(applyServerErrors(error, form.setError, ['email', 'password']))
 */
export function applyServerErrors<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  fields: readonly Path<T>[] | Partial<Record<string, Path<T>>>,
): string | null {
  const fieldErrors = serverFieldErrors(error);
  const message = error instanceof Error ? error.message : 'Something went wrong. Try again.';
  if (!fieldErrors) return message;
  const mapping: Partial<Record<string, Path<T>>> = Array.isArray(fields)
    ? Object.fromEntries((fields as readonly Path<T>[]).map((name) => [name, name]))
    : (fields as Partial<Record<string, Path<T>>>);
  const leftover: string[] = [];
  let first = true;
  for (const [key, messages] of Object.entries(fieldErrors)) {
    const target = mapping[key];
    const text = messages.join(' ');
    if (target) {
      setError(target, { type: 'server', message: text }, { shouldFocus: first });
      first = false;
    } else {
      leftover.push(text);
    }
  }
  if (leftover.length) return leftover.join(' ');
  return null;
}
