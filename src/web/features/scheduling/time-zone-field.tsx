import { useId } from 'react';
import { TextField, type TextFieldProps } from '../../components/text-field.tsx';
import { commonTimeZones } from './scheduling-model.ts';

/** A text field for an IANA time zone, suggesting common ones (any zone may be typed). */
export function TimeZoneField(props: Omit<TextFieldProps, 'list'>) {
  const listId = `tz${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  return (
    <>
      <TextField spellCheck={false} autoCapitalize="none" autoComplete="off" {...props} list={listId} />
      <datalist id={listId}>
        {commonTimeZones.map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
    </>
  );
}
