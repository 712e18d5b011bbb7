import { useEffect, useState } from 'react';
import { type Question, searchQuestionsRoute } from '../../../modules/questions/questions.contract.ts';
import { Button } from '../../components/button.tsx';
import { LoadMore } from '../../components/load-more.tsx';
import { SelectField } from '../../components/select-field.tsx';
import { EmptyState, LoadError, Loading } from '../../components/status.tsx';
import { TextField } from '../../components/text-field.tsx';
import { api } from '../../lib/api.ts';
import { usePagedList } from '../../lib/paging.ts';
import { HighlightedText } from '../questions/highlighted-text.tsx';
import { labelOf, questionTypeLabels } from '../questions/question-format.ts';

/**
 * The inline bank search of one round: the library and the organization's questions, filtered by
 * default to the round's first focus competency; "Add" hands the question to the editor.
 */
export function BankSearch({
  roundName,
  competencies,
  defaultCompetency,
  onAdd,
}: {
  roundName: string;
  competencies: readonly { id: string; name: string }[];
  defaultCompetency: string;
  onAdd: (question: Question) => void;
}) {
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const [competency, setCompetency] = useState(defaultCompetency);
  const [added, setAdded] = useState<string | null>(null);
  useEffect(() => {
    const t = window.setTimeout(() => setQ(typed.trim()), 300);
    return () => window.clearTimeout(t);
  }, [typed]);
  const query = { q: q || undefined, competency: competency || undefined };
  const results = usePagedList(['questions', 'member', 'bank', query], (cursor) => api(searchQuestionsRoute, { query: { ...query, cursor, limit: 10 } }));
  const compName = (id: string) => competencies.find((c) => c.id === id)?.name ?? id;

  return (
    <div className="bank-search">
      <div className="form form--inline" role="search" aria-label={`Question bank, ${roundName}`}>
        <TextField label="Search the bank" type="search" value={typed} onChange={(e) => setTyped(e.target.value)} />
        <SelectField
          label="Competency"
          value={competency}
          onChange={(e) => setCompetency(e.target.value)}
          options={[{ value: '', label: 'Any competency' }, ...competencies.map((c) => ({ value: c.id, label: c.name }))]}
        />
      </div>
      <div role="status" className="bank-search__status">
        {added ? `Added to ${roundName}: ${added}` : ''}
      </div>
      {results.isPending ? <Loading label="Searching the bank…" /> : null}
      {results.isError ? <LoadError error={results.error} what="the question bank" onRetry={() => void results.refetch()} /> : null}
      {results.isSuccess && results.items.length === 0 ? <EmptyState>No questions match.</EmptyState> : null}
      <ul className="bank-search__results">
        {results.items.map((hit) => (
          <li key={hit.ref} className="bank-search__result">
            <div>
              <p className="bank-search__text">
                <HighlightedText highlight={hit.highlight} />
              </p>
              <p className="muted">
                {labelOf(questionTypeLabels, hit.type)} · {hit.competencies.map(compName).join(', ')} · {hit.minutes} minutes
                {hit.source === 'org' ? ' · your organization' : ''}
              </p>
            </div>
            <Button
              variant="secondary"
              size="sm"
              onClick={() => {
                onAdd(hit);
                setAdded(hit.text);
              }}
            >
              Add<span className="visually-hidden">: {hit.text}</span>
            </Button>
          </li>
        ))}
      </ul>
      <LoadMore hasMore={!!results.hasNextPage} isLoading={results.isFetchingNextPage} onLoadMore={() => void results.fetchNextPage()} />
    </div>
  );
}
