import { describeOrientation, formatSigned, orientationPercent } from './role-format.ts';

/**
 * A role's orientation on the −1 (internal, technology) … +1 (external, market) scale: a small
 * track with a marker for the eye, and the same in words for everyone.
 */
export function OrientationScale({ value, label = 'Orientation', compact = false }: { value: number; label?: string; compact?: boolean }) {
  return (
    <div className="orientation">
      <p className="orientation__text">
        <span className="orientation__label">{label}:</span> {describeOrientation(value)} ({formatSigned(value)}
        {compact ? <span className="visually-hidden"> on a scale from −1 internal and technology to +1 external and market</span> : ' on a scale from −1 internal and technology to +1 external and market'})
      </p>
      <div className="orientation__scale" aria-hidden="true">
        <span className="orientation__end">Internal / technology</span>
        <span className="orientation__track">
          <span className="orientation__mid" />
          <span className="orientation__marker" style={{ left: `${orientationPercent(value)}%` }} />
        </span>
        <span className="orientation__end">External / market</span>
      </div>
    </div>
  );
}
