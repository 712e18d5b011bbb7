import { NavLink } from 'react-router';

/** A row of section links under a page's module (the current one marked with aria-current). */
export function SubNav({ label, items }: { label: string; items: readonly { to: string; label: string }[] }) {
  return (
    <nav aria-label={label} className="subnav">
      <ul>
        {items.map((i) => (
          <li key={i.to}>
            <NavLink to={i.to}>{i.label}</NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
