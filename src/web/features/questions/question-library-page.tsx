import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect, useId, useState } from 'react';
import {
  type Question,
  retireQuestionRoute,
  searchLibraryQuestionsRoute,
  searchQuestionsRoute,
} from '../../../modules/questions/questions.contract.ts';
import { questionTypes } from '../../../modules/questions/questions.content.ts';
import { Alert } from '../../components/alert.tsx';
import { Button, ButtonLink } from '../../components/button.tsx';
import { Card } from '../../components/card.tsx';
import { LoadMore } from '../../components/load-more.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { SelectField } from '../../components/select-field.tsx';
import { Badge, EmptyState, LoadError, Loading } from '../../components/status.tsx';
import { TextField } from '../../components/text-field.tsx';
import { api } from '../../lib/api.ts';
import { toApiError } from '../../lib/forms.ts';
import { usePagedList } from '../../lib/paging.ts';
import { useSession } from '../../lib/session.ts';
import { competenciesQuery, libraryRolesQuery } from '../roles/queries.ts';
import { HighlightedText } from './highlighted-text.tsx';
import { canWriteQuestions, labelOf, questionTypeLabels, seniorityLabels, sourceLabels } from './question-format.ts';
import { QuestionForm } from './question-form.tsx';
import { QuestionsNav } from './questions-nav.tsx';

type Hit = Question & { highlight?: string };

interface Filters {
  q: string;
  competency: string;
  type: string;
  role: string;
  seniority: string;
  source: string;
}

const noFilters: Filters = { q: '', competency: '', type: '', role: '', seniority: '', source: '' };

function toQuery(f: Filters, member: boolean) {
  return {
    q: f.q.trim() || undefined,
    competency: f.competency || undefined,
    type: (f.type || undefined) as Question['type'] | undefined,
    role: f.role || undefined,
    seniority: (f.seniority || undefined) as 'senior' | 'executive' | undefined,
    source: member && f.source ? (f.source as 'library' | 'org') : undefined,
  };
}

/** The question library: full-text search with filters, or browsing by competency; members also see their own questions. */
export function QuestionLibraryPage() {
  const session = useSession();
  const member = !!session.data?.organization;
  const canWrite = canWriteQuestions(session.data?.organization?.role);
  const competencies = useQuery(competenciesQuery);
  const roles = useQuery(libraryRolesQuery);
  const client = useQueryClient();
  const [filters, setFilters] = useState<Filters>(noFilters);
  const [typed, setTyped] = useState('');
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  // The search box searches as you type, a moment after the last key.
  useEffect(() => {
    const t = window.setTimeout(() => setFilters((f) => (f.q === typed ? f : { ...f, q: typed })), 300);
    return () => window.clearTimeout(t);
  }, [typed]);

  const set = (key: keyof Filters) => (e: { target: { value: string } }) => setFilters((f) => ({ ...f, [key]: e.target.value }));
  const compName = (id: string) => competencies.data?.items.find((c) => c.id === id)?.name ?? id;
  const browsing = !filters.q.trim() && !filters.competency;
  const onChanged = (message: string) => {
    setNotice(message);
    void client.invalidateQueries({ queryKey: ['questions'] });
  };

  return (
    <>
      <QuestionsNav />
      <PageHeader
        title="Question library"
        description="Interview questions tied to competencies, each with probes, what a strong answer shows and red flags."
        actions={
          <ButtonLink to="/guides" variant="secondary" size="sm">
            Interview guides
          </ButtonLink>
        }
      />
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      {canWrite ? (
        adding ? (
          <Card title="Add a question">
            {competencies.data ? (
              <QuestionForm
                competencies={competencies.data.items}
                onCancel={() => setAdding(false)}
                onDone={() => {
                  setAdding(false);
                  onChanged('The question was added to your organization’s questions.');
                }}
              />
            ) : (
              <Loading label="Loading the competencies…" />
            )}
          </Card>
        ) : (
          <p>
            <Button
              variant="secondary"
              onClick={() => {
                setNotice(null);
                setAdding(true);
              }}
            >
              Add a question
            </Button>
          </p>
        )
      ) : null}

      <form className="form form--inline question-filters" role="search" aria-label="Find questions" onSubmit={(e) => e.preventDefault()}>
        <TextField label="Search questions" type="search" value={typed} onChange={(e) => setTyped(e.target.value)} />
        <SelectField
          label="Competency"
          value={filters.competency}
          onChange={set('competency')}
          options={[{ value: '', label: 'Any competency' }, ...(competencies.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))]}
        />
        <SelectField
          label="Type"
          value={filters.type}
          onChange={set('type')}
          options={[{ value: '', label: 'Any type' }, ...questionTypes.map((t) => ({ value: t, label: labelOf(questionTypeLabels, t) }))]}
        />
        <SelectField
          label="Role"
          value={filters.role}
          onChange={set('role')}
          options={[{ value: '', label: 'Any role' }, ...(roles.data?.items ?? []).map((r) => ({ value: r.id, label: r.title }))]}
        />
        <SelectField
          label="Seniority"
          value={filters.seniority}
          onChange={set('seniority')}
          options={[{ value: '', label: 'Any seniority' }, ...Object.entries(seniorityLabels).map(([value, label]) => ({ value, label }))]}
        />
        {member ? (
          <SelectField
            label="Source"
            value={filters.source}
            onChange={set('source')}
            options={[
              { value: '', label: 'Library and your organization' },
              { value: 'library', label: 'Library' },
              { value: 'org', label: 'Your organization' },
            ]}
          />
        ) : null}
      </form>

      {competencies.isError ? <LoadError error={competencies.error} what="the competencies" onRetry={() => void competencies.refetch()} /> : null}
      {browsing ? (
        <section className="section-block" aria-labelledby="browse-title">
          <h2 id="browse-title">Browse by competency</h2>
          {competencies.isPending ? <Loading label="Loading the competencies…" /> : null}
          {(competencies.data?.items ?? []).map((c) => (
            <CompetencyGroup
              key={c.id}
              competency={c}
              query={toQuery({ ...filters, competency: c.id }, member)}
              member={member}
              renderHit={(hit) => (
                <QuestionResult hit={hit} compName={compName} canWrite={canWrite} competencies={competencies.data?.items ?? []} onChanged={onChanged} />
              )}
            />
          ))}
        </section>
      ) : (
        <Results
          query={toQuery(filters, member)}
          member={member}
          renderHit={(hit) => <QuestionResult hit={hit} compName={compName} canWrite={canWrite} competencies={competencies.data?.items ?? []} onChanged={onChanged} />}
        />
      )}
    </>
  );
}

type SearchQuery = ReturnType<typeof toQuery>;

function useSearch(query: SearchQuery, member: boolean, enabled = true) {
  return usePagedList(
    ['questions', member ? 'member' : 'library', query],
    (cursor) => api(member ? searchQuestionsRoute : searchLibraryQuestionsRoute, { query: { ...query, cursor, limit: 20 } }),
    enabled,
  );
}

function Results({ query, member, renderHit }: { query: SearchQuery; member: boolean; renderHit: (hit: Hit) => ReactNode }) {
  const results = useSearch(query, member);
  return (
    <section className="section-block" aria-labelledby="results-title">
      <h2 id="results-title">Results</h2>
      {results.isPending ? <Loading label="Searching…" /> : null}
      {results.isError ? <LoadError error={results.error} what="the questions" onRetry={() => void results.refetch()} /> : null}
      {results.isSuccess && results.items.length === 0 ? <EmptyState>No questions match. Try fewer words or other filters.</EmptyState> : null}
      <ul className="question-list">
        {results.items.map((hit) => (
          <li key={hit.ref}>{renderHit(hit)}</li>
        ))}
      </ul>
      <LoadMore hasMore={!!results.hasNextPage} isLoading={results.isFetchingNextPage} onLoadMore={() => void results.fetchNextPage()} />
    </section>
  );
}

/** One competency's questions, fetched when its disclosure opens. */
function CompetencyGroup({
  competency,
  query,
  member,
  renderHit,
}: {
  competency: { id: string; name: string };
  query: SearchQuery;
  member: boolean;
  renderHit: (hit: Hit) => ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const results = useSearch(query, member, open);
  return (
    <details className="question-group" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="question-group__summary">{competency.name}</summary>
      {open ? (
        <>
          {results.isPending ? <Loading label={`Loading questions on ${competency.name}…`} /> : null}
          {results.isError ? <LoadError error={results.error} what="the questions" onRetry={() => void results.refetch()} /> : null}
          {results.isSuccess && results.items.length === 0 ? <EmptyState>No questions on this competency match the filters.</EmptyState> : null}
          <ul className="question-list">
            {results.items.map((hit) => (
              <li key={hit.ref}>{renderHit(hit)}</li>
            ))}
          </ul>
          <LoadMore hasMore={!!results.hasNextPage} isLoading={results.isFetchingNextPage} onLoadMore={() => void results.fetchNextPage()} />
        </>
      ) : null}
    </details>
  );
}

function QuestionResult({
  hit,
  compName,
  canWrite,
  competencies,
  onChanged,
}: {
  hit: Hit;
  compName: (id: string) => string;
  canWrite: boolean;
  competencies: readonly { id: string; name: string }[];
  onChanged: (message: string) => void;
}) {
  const detailsId = useId();
  const [expanded, setExpanded] = useState(false);
  const [editing, setEditing] = useState(false);
  const retire = useMutation({
    mutationFn: () => api(retireQuestionRoute, { params: { ref: hit.ref } }),
    onSuccess: () => onChanged('The question was retired: it no longer shows in search, and plans that use it keep their copy.'),
  });
  const own = hit.source === 'org';

  if (editing) {
    return (
      <article className="question-result">
        <h3 className="question-result__edit-title">Edit the question</h3>
        <QuestionForm
          competencies={competencies}
          question={hit}
          onCancel={() => setEditing(false)}
          onDone={(saved) => {
            setEditing(false);
            onChanged(`The question was saved as version ${saved.currentVersion.number}.`);
          }}
        />
      </article>
    );
  }

  return (
    <article className="question-result">
      <p className="question-result__text">
        <HighlightedText highlight={hit.highlight ?? hit.text} />
      </p>
      <p className="question-result__meta">
        <Badge tone="info">{labelOf(questionTypeLabels, hit.type)}</Badge>{' '}
        {own ? <Badge tone="success">{sourceLabels.org}</Badge> : null}{' '}
        <span className="muted">
          {hit.competencies.map(compName).join(', ')} · {hit.minutes} minutes
        </span>
      </p>
      <div className="question-result__actions">
        <Button variant="ghost" size="sm" aria-expanded={expanded} aria-controls={detailsId} onClick={() => setExpanded((x) => !x)}>
          {expanded ? 'Hide details' : 'Show details'}
        </Button>
        {own && canWrite ? (
          <>
            <Button variant="secondary" size="sm" onClick={() => setEditing(true)}>
              Edit
            </Button>
            <Button
              variant="danger"
              size="sm"
              busy={retire.isPending}
              busyLabel="Retiring…"
              onClick={() => {
                if (window.confirm('Retire this question? It disappears from search; plans that use it keep their copy.')) retire.mutate();
              }}
            >
              Retire
            </Button>
          </>
        ) : null}
      </div>
      {retire.isError ? <Alert tone="error">{toApiError(retire.error).message}</Alert> : null}
      <div id={detailsId} hidden={!expanded} className="question-result__details">
        <h3>Probes</h3>
        <ul>
          {hit.probes.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
        <h3>What a strong answer shows</h3>
        <ul>
          {hit.strongAnswer.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
        <h3>Red flags</h3>
        <ul>
          {hit.redFlags.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      </div>
    </article>
  );
}
