import type { ComponentProps, ReactNode } from 'react';
import { Alert } from './alert.tsx';

/** A form that leaves validation messages to us (no browser bubbles) and lays fields out in one column. */
export function Form({ children, className, ...rest }: ComponentProps<'form'>) {
  return (
    <form noValidate {...rest} className={['form', className ?? ''].filter(Boolean).join(' ')}>
      {children}
    </form>
  );
}

/** The form-level error (anything the server said that is not about one field). */
export function FormAlert({ message }: { message: string | undefined }) {
  if (!message) return null;
  return <Alert tone="error">{message}</Alert>;
}

export function FormActions({ children }: { children: ReactNode }) {
  return <div className="form__actions">{children}</div>;
}
