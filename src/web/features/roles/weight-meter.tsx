import { barPercent, weightScaleMax } from './weight-chart.ts';

/** A competency weight as a number and a short bar on the 0–5 scale (the number is the content). */
export function WeightMeter({ value, max = weightScaleMax }: { value: number; max?: number }) {
  return (
    <span className="weight-meter">
      <span className="weight-meter__value">{value}</span>
      <span className="weight-meter__track" aria-hidden="true">
        <span className="weight-meter__bar" style={{ width: `${barPercent(value, max)}%` }} />
      </span>
    </span>
  );
}
