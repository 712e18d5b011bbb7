import { Button } from '../../components/button.tsx';
import { TextField } from '../../components/text-field.tsx';
import type { WindowRow, WindowRowErrors } from './scheduling-model.ts';

/**
 * Rows of availability windows ("Date", "From", "To"), each a labelled group with a remove button,
 * and a button that adds a row. The caller owns the rows and their errors.
 */
export function WindowRowsEditor({
  rows,
  errors,
  onChange,
  onAdd,
  addLabel,
  rowLabel,
}: {
  rows: readonly WindowRow[];
  errors: WindowRowErrors;
  onChange: (rows: WindowRow[], changedKey: number) => void;
  onAdd: () => void;
  addLabel: string;
  /** The name of row i ("Time 1"). */
  rowLabel: (index: number) => string;
}) {
  const set = (key: number, patch: Partial<WindowRow>) => onChange(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)), key);
  return (
    <div className="sch-windows">
      <div className="sch-rows">
        {rows.map((r, i) => {
          const e = errors[r.key] ?? {};
          return (
            <div key={r.key} className="sch-row" role="group" aria-label={rowLabel(i)}>
              <TextField label="Date" type="date" value={r.date} error={e.date} onChange={(ev) => set(r.key, { date: ev.target.value })} />
              <TextField label="From" type="time" value={r.from} error={e.from} onChange={(ev) => set(r.key, { from: ev.target.value })} />
              <TextField label="To" type="time" value={r.to} error={e.to} onChange={(ev) => set(r.key, { to: ev.target.value })} />
              {rows.length > 1 ? (
                <Button
                  size="sm"
                  variant="ghost"
                  className="sch-row__remove"
                  aria-label={`Remove ${rowLabel(i).toLowerCase()}`}
                  onClick={() => onChange(rows.filter((x) => x.key !== r.key), r.key)}
                >
                  Remove
                </Button>
              ) : null}
            </div>
          );
        })}
      </div>
      <Button size="sm" variant="secondary" onClick={onAdd}>
        {addLabel}
      </Button>
    </div>
  );
}
