import type { ReactNode } from 'react';
import { Link } from 'react-router';

export function Card({ title, children, footer, headingLevel = 2 }: { title?: ReactNode; children?: ReactNode; footer?: ReactNode; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section className="card">
      {title ? <Heading className="card__title">{title}</Heading> : null}
      <div className="card__body">{children}</div>
      {footer ? <div className="card__footer">{footer}</div> : null}
    </section>
  );
}

/** A card whose title is a link; the whole card is a click target but only one tab stop. */
export function LinkCard({ to, title, children }: { to: string; title: string; children?: ReactNode }) {
  return (
    <article className="card card--link">
      <h3 className="card__title">
        <Link to={to} className="card__link">
          {title}
        </Link>
      </h3>
      {children ? <div className="card__body">{children}</div> : null}
    </article>
  );
}

export function CardGrid({ children }: { children: ReactNode }) {
  return <div className="card-grid">{children}</div>;
}
