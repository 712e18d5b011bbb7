import type { ReactNode } from 'react';
import { PageHeader } from '../../components/page-header.tsx';

/** The narrow frame of the sign-up, log-in and reset pages. */
export function AuthCard({ title, description, children }: { title: string; description?: ReactNode; children: ReactNode }) {
  return (
    <div className="narrow">
      <div className="auth-card">
        <PageHeader title={title} description={description} />
        {children}
      </div>
    </div>
  );
}
