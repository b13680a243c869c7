import { Slot } from 'radix-ui';
import { type ReactElement, type ReactNode, useId } from 'react';
import { cn } from '../cn';

export interface FormFieldProps {
  /** Visible label, associated with the control through htmlFor/id. */
  label: ReactNode;
  /** Exactly one control element (Input, Select, Textarea, Checkbox…); it receives id and ARIA wiring. */
  children: ReactElement;
  /** Help text under the control, linked with aria-describedby. */
  description?: ReactNode;
  /** Error message; when present the control is aria-invalid and describes itself with it. */
  error?: ReactNode;
  /** Marks the label as required (the control should carry `required` itself). */
  required?: boolean;
  /** Use an existing id for the control instead of a generated one. */
  id?: string;
  /** Put the label after the control on one row (checkboxes). */
  inline?: boolean;
  className?: string;
}

/** Label + control + description + error, wired for assistive technology. */
export function FormField({ label, children, description, error, required, id, inline, className }: FormFieldProps) {
  const generated = useId();
  const controlId = id ?? `field-${generated}`;
  const descriptionId = description ? `${controlId}-description` : undefined;
  const errorId = error ? `${controlId}-error` : undefined;
  const describedBy = [descriptionId, errorId].filter(Boolean).join(' ') || undefined;

  const labelNode = (
    <label htmlFor={controlId} className={cn('text-sm font-medium text-foreground', inline && 'font-normal')}>
      {label}
      {required ? (
        <span aria-hidden="true" className="ml-0.5 text-error">
          *
        </span>
      ) : null}
    </label>
  );
  const control = (
    <Slot.Root id={controlId} aria-describedby={describedBy} aria-invalid={error ? true : undefined}>
      {children}
    </Slot.Root>
  );

  return (
    <div className={cn('flex flex-col gap-1.5', className)}>
      {inline ? (
        <div className="flex items-center gap-2">
          {control}
          {labelNode}
        </div>
      ) : (
        <>
          {labelNode}
          {control}
        </>
      )}
      {description ? (
        <p id={descriptionId} className="text-xs text-muted-foreground">
          {description}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="text-xs font-medium text-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
