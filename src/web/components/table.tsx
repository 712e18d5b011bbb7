import type { ReactNode } from 'react';

/**
 * A data table in a scroll container that keyboard users can scroll too (focusable region
 * named after the caption).
 */
export function Table({ caption, captionHidden = false, children }: { caption: string; captionHidden?: boolean; children: ReactNode }) {
  return (
    <div className="table-wrap" role="region" aria-label={caption} tabIndex={0}>
      <table className="table">
        <caption className={captionHidden ? 'visually-hidden' : 'table__caption'}>{caption}</caption>
        {children}
      </table>
    </div>
  );
}
