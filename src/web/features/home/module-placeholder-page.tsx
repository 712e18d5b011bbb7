import { Link, useLocation } from 'react-router';
import { findModule } from '../../app/modules.ts';
import { Alert } from '../../components/alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';

/** The page of a module this version does not ship yet: says so plainly, shows no invented data. */
export function ModulePlaceholderPage() {
  const { pathname } = useLocation();
  const module = findModule(pathname.replace(/\/+$/, ''));
  const name = module?.name ?? 'This module';
  return (
    <>
      <PageHeader title={name} description={module?.summary} />
      <Alert tone="info" title="Not built yet">
        <p>{name} is not built yet in this version of Rubric. There is nothing to show here, and no sample data is made up to fill the page.</p>
      </Alert>
      <p>
        Back to the <Link to="/dashboard">dashboard</Link>.
      </p>
    </>
  );
}
