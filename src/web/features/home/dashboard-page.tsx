import { roleLabels } from '../../../shared/common.ts';
import { Alert } from '../../components/alert.tsx';
import { CardGrid, LinkCard } from '../../components/card.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { Link } from 'react-router';
import { appModules, isModuleVisible } from '../../app/modules.ts';
import { isOrgAdmin, useSignedInSession } from '../../lib/session.ts';

/** The signed-in landing page: who you are here, and where to go. */
export function DashboardPage() {
  const session = useSignedInSession();
  const org = session.organization;
  return (
    <>
      <PageHeader
        title={`Welcome, ${session.user.name}`}
        description={
          org ? (
            <>
              You are working in <strong>{org.name}</strong> as <strong>{roleLabels[org.role]}</strong>
              {org.compliance ? ' with the compliance grant' : ''}.
            </>
          ) : (
            'You are not a member of any organization right now.'
          )
        }
      />
      {org ? null : (
        <Alert tone="info" title="No organization">
          <p>
            Accept an invitation from a colleague, or <Link to="/settings/organization">create an organization</Link>.
          </p>
        </Alert>
      )}
      <h2>Modules</h2>
      <CardGrid>
        {appModules.filter((m) => isModuleVisible(m, org?.role)).map((m) => (
          <LinkCard key={m.path} to={m.path} title={m.name}>
            <p>{m.summary}</p>
            {m.isBuilt ? null : <p className="muted">Not built yet in this version.</p>}
          </LinkCard>
        ))}
        <LinkCard to="/settings/members" title="Members">
          <p>{isOrgAdmin(session) ? 'Invite colleagues and manage their roles.' : 'See who is in your organization.'}</p>
        </LinkCard>
      </CardGrid>
    </>
  );
}
