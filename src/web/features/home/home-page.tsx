import { Link } from 'react-router';
import { ButtonLink } from '../../components/button.tsx';
import { useDocumentTitle } from '../../components/page-header.tsx';
import { useMeta, useSession } from '../../lib/session.ts';

const capabilities = [
  {
    title: 'Know the role before you hire for it',
    text: 'A knowledge base of senior roles: what a Chief Product Officer and a Chief Technology Officer are accountable for, where the two overlap, and where they differ, so the team agrees on the job before anyone writes an advert.',
  },
  {
    title: 'Job descriptions checked for bias',
    text: 'Compose a job description from the role and its competencies, then see gender-coded words, exclusionary phrases and readability flagged in the text before it is published.',
  },
  {
    title: 'Question bank and interview guides',
    text: 'Questions tied to competencies, with probes and scoring anchors, assembled into printable guides so every candidate is asked about the same things.',
  },
  {
    title: 'Interview loops with independent scorecards',
    text: 'Plan the rounds, assign interviewers, and collect scorecards each interviewer submits before seeing anyone else’s, so the first loud opinion does not set the outcome.',
  },
  {
    title: 'Interview intelligence',
    text: 'Attach a transcript and see the evidence it holds for each competency, and any question that strayed into areas interviewers should not ask about.',
  },
  {
    title: 'Statistically honest analytics',
    text: 'Rater agreement, funnel conversion and adverse impact reported with intervals, sample sizes and suppression of small groups, never a bare percentage that overstates what the data can say.',
  },
];

/** The public front page: what Rubric is, and the way in. */
export function HomePage() {
  useDocumentTitle('Rubric');
  const meta = useMeta();
  const session = useSession();
  const isSignedIn = !!session.data;

  return (
    <>
      <section className="hero" aria-labelledby="home-title">
        <h1 id="home-title">Structured hiring for the leaders who shape your company</h1>
        <p className="hero__lead">
          Rubric helps a hiring team decide who should be your next Chief Product Officer or Chief Technology Officer on evidence rather
          than impressions: a shared definition of the role, the same questions for every candidate, independent scorecards, and numbers
          that say how sure they are.
        </p>
        <p className="hero__lead">It is open source and self-hosted: your candidates’ data stays on your own server.</p>
        <div className="hero__actions">
          {isSignedIn ? (
            <ButtonLink to="/dashboard">Open your workspace</ButtonLink>
          ) : (
            <>
              {meta.data?.signupOpen ? <ButtonLink to="/signup">Sign up</ButtonLink> : null}
              <ButtonLink to="/login" variant={meta.data?.signupOpen ? 'secondary' : 'primary'}>
                Log in
              </ButtonLink>
            </>
          )}
        </div>
        {!isSignedIn && meta.data && !meta.data.signupOpen ? (
          <p className="muted">Sign-up is by invitation on this server; ask an administrator for an invitation.</p>
        ) : null}
      </section>

      <section className="section explore" aria-labelledby="home-explore">
        <h2 id="home-explore">Explore the roles, no account needed</h2>
        <p>
          Read what each senior product and technology role owns, see two roles side by side, or answer a few questions to find out which
          leader your organization needs, or which path fits you.
        </p>
        <div className="hero__actions">
          <ButtonLink to="/compare/cpo/cto">Compare CPO and CTO</ButtonLink>
          <ButtonLink to="/roles" variant="secondary">
            Browse the role library
          </ButtonLink>
        </div>
        <ul className="link-row">
          <li>
            <Link to="/advisor/organization" className="link-row__item">
              Which leader do we need?
            </Link>
          </li>
          <li>
            <Link to="/advisor/individual" className="link-row__item">
              Which path fits me?
            </Link>
          </li>
          <li>
            <Link to="/guides" className="link-row__item">
              Interview guides
            </Link>
          </li>
          <li>
            <Link to="/questions" className="link-row__item">
              Question library
            </Link>
          </li>
        </ul>
      </section>

      <section className="section" aria-labelledby="home-what">
        <h2 id="home-what">What a hiring team gets</h2>
        <ul className="feature-list">
          {capabilities.map((c) => (
            <li key={c.title}>
              <h3>{c.title}</h3>
              <p>{c.text}</p>
            </li>
          ))}
        </ul>
      </section>

      <section className="section" aria-labelledby="home-host">
        <h2 id="home-host">Runs where you run it</h2>
        <p>
          One Node.js process with an embedded database for a trial, PostgreSQL for production. Email goes through your own SMTP server,
          and until one is configured every message waits in an outbox you can read. Nothing is sent to a third party unless you connect
          one.
        </p>
      </section>
    </>
  );
}
