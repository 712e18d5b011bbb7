import { Link } from 'react-router';
import { Alert } from '../../components/alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { LoadError } from '../../components/status.tsx';
import { isApiError } from '../../lib/api.ts';
import { InterviewsNav } from './interviews-nav.tsx';

/**
 * What an interview page shows when its data cannot load: for 400/403/404 a clear page (with the
 * module's navigation and a way back to "your interviews"), otherwise the retryable load error.
 */
export function InterviewLoadError({ error, title, forbidden, what, onRetry }: { error: unknown; title: string; forbidden: string; what: string; onRetry: () => void }) {
  if (isApiError(error) && [400, 403, 404].includes(error.status)) {
    return (
      <>
        <InterviewsNav />
        <PageHeader title={title} />
        <Alert tone="warning" title={error.status === 403 ? forbidden : 'There is no such interview.'}>
          <p>{error.message}</p>
        </Alert>
        <p>
          See <Link to="/me/interviews">your interviews</Link>.
        </p>
      </>
    );
  }
  return <LoadError error={error} what={what} onRetry={onRetry} />;
}
