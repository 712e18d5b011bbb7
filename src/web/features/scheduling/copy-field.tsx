import { useState } from 'react';
import { Button } from '../../components/button.tsx';
import { TextField } from '../../components/text-field.tsx';

/** A read-only URL with a copy button (the field is selected on focus, for copying by hand). */
export function CopyField({ label, value, hint }: { label: string; value: string; hint?: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <div className="sch-copy">
      <TextField label={label} hint={hint} value={value} readOnly onFocus={(e) => e.currentTarget.select()} />
      <Button variant="secondary" size="sm" onClick={() => void copy()}>
        {copied ? 'Copied' : 'Copy'}
      </Button>
    </div>
  );
}
