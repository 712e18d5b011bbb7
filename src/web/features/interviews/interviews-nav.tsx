import { SubNav } from '../../components/subnav.tsx';
import { useSession } from '../../lib/session.ts';
import { isScheduler } from './interview-format.ts';

/** The sub-navigation of the "Interviews" module ("Waiting on feedback" for those who chase it). */
export function InterviewsNav() {
  const session = useSession();
  const items = [
    { to: '/me/interviews', label: 'My interviews' },
    { to: '/me/availability', label: 'My availability' },
  ];
  if (isScheduler(session.data?.organization?.role)) items.push({ to: '/feedback/waiting', label: 'Waiting on feedback' });
  return <SubNav label="Interviews" items={items} />;
}
