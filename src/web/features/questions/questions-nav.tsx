import { questionsSections } from '../../app/modules.ts';
import { SubNav } from '../../components/subnav.tsx';
import { useSession } from '../../lib/session.ts';

/** Questions / Guides / Plans: the sub-navigation of the "Questions & guides" pages. */
export function QuestionsNav() {
  const session = useSession();
  const items = questionsSections.filter((s) => !s.signedIn || !!session.data);
  return <SubNav label="Questions and guides" items={items} />;
}
