import { Link, useLocation } from 'react-router';
import { PageHeader } from '../components/page-header.tsx';

export function NotFoundPage() {
  const { pathname } = useLocation();
  return (
    <div className="narrow">
      <PageHeader title="Page not found" description={<>There is no page at <code>{pathname}</code>.</>} />
      <p>
        Check the address, or go to the <Link to="/">home page</Link> or your <Link to="/dashboard">dashboard</Link>.
      </p>
    </div>
  );
}
