import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { Link } from 'react-router';
import {
  getIntelligenceSettingsRoute,
  searchTranscriptsRoute,
  updateIntelligenceSettingsRoute,
} from '../../../modules/intelligence/intelligence.contract.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { Card } from '../../components/card.tsx';
import { Form, FormActions } from '../../components/form.tsx';
import { LoadMore } from '../../components/load-more.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { EmptyState, LoadError, Loading } from '../../components/status.tsx';
import { TextField } from '../../components/text-field.tsx';
import { api } from '../../lib/api.ts';
import { toApiError } from '../../lib/forms.ts';
import { usePagedList } from '../../lib/paging.ts';
import { useSession } from '../../lib/session.ts';
import { intelligenceSettingsKey } from './intelligence-queries.ts';
import { canManageIntelligence, formatTimestamp, parseSnippet, transcriptHref } from './transcript-format.ts';

const MIN_QUERY = 2;
const SEARCH_DELAY_MS = 300;

/** The snippet of a search hit: the text with the matches («…») in <mark>; no HTML is interpreted. */
export function Snippet({ snippet }: { snippet: string }) {
  return (
    <>
      {parseSnippet(snippet).map((p, i) => (p.marked ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}
    </>
  );
}

/** Interview intelligence (`/intelligence`): search across the transcripts you may see, and the organization's consent setting. */
export function IntelligencePage() {
  const session = useSession();
  const canManage = canManageIntelligence(session.data?.organization?.role);
  return (
    <>
      <PageHeader
        title="Interview intelligence"
        description="Transcripts tied back to the rubric: evidence per competency, questions that should not have been asked, and what was said, searchable."
      />
      <p className="muted">
        Add a transcript from an interview’s kit (“Transcript”). Only the job’s managers and the interview’s panel see an interview’s transcript.
      </p>
      <TranscriptSearch />
      {canManage ? <SettingsCard /> : null}
    </>
  );
}

function TranscriptSearch() {
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  // Searches as you type, a moment after the last key.
  useEffect(() => {
    const t = window.setTimeout(() => setQ(typed.trim()), SEARCH_DELAY_MS);
    return () => window.clearTimeout(t);
  }, [typed]);
  const ready = q.length >= MIN_QUERY;
  const hits = usePagedList(
    ['transcript-search', q],
    (cursor) => api(searchTranscriptsRoute, { query: { q, cursor, limit: 20 } }),
    ready,
  );
  const tooShort = typed.trim().length > 0 && typed.trim().length < MIN_QUERY;
  return (
    <section className="section-block" aria-labelledby="intel-search-title">
      <h2 id="intel-search-title">Search what was said</h2>
      <form className="form intel-search" role="search" aria-label="Transcripts" onSubmit={(e) => {
          e.preventDefault();
          setQ(typed.trim());
        }}
      >
        <TextField
          label="Search transcripts"
          type="search"
          hint="Words or phrases from any transcript you may see; at least 2 characters."
          value={typed}
          maxLength={200}
          onChange={(e) => setTyped(e.target.value)}
        />
      </form>
      <div role="status" className="intel-search__status">
        {tooShort ? <p className="muted">Type at least 2 characters.</p> : null}
        {ready && hits.isSuccess ? (
          hits.items.length === 0 ? (
            <EmptyState>No transcript passage matches “{q}”.</EmptyState>
          ) : (
            <p className="muted">
              {hits.items.length}
              {hits.hasNextPage ? '+' : ''} {hits.items.length === 1 ? 'passage' : 'passages'} found.
            </p>
          )
        ) : null}
      </div>
      {ready && hits.isPending ? <Loading label="Searching…" /> : null}
      {ready && hits.isError ? <LoadError error={hits.error} what="the search results" onRetry={() => void hits.refetch()} /> : null}
      {ready && hits.items.length ? (
        <ol className="intel-hits">
          {hits.items.map((h) => (
            <li key={`${h.interviewId}-${h.turnIndex}`} className="intel-hit">
              <p className="intel-hit__title">
                <Link to={transcriptHref(h.interviewId, h.startMs)}>
                  {h.candidateName} · {h.roundName} at {formatTimestamp(h.startMs)}
                </Link>
              </p>
              <p className="intel-hit__meta muted">
                {h.jobTitle} · said by {h.speaker ?? 'an unknown speaker'}
              </p>
              <p className="intel-hit__snippet">
                <Snippet snippet={h.snippet} />
              </p>
            </li>
          ))}
        </ol>
      ) : null}
      {ready ? <LoadMore hasMore={!!hits.hasNextPage} isLoading={hits.isFetchingNextPage} onLoadMore={() => void hits.fetchNextPage()} /> : null}
    </section>
  );
}

function SettingsCard() {
  const client = useQueryClient();
  const settings = useQuery({ queryKey: intelligenceSettingsKey, queryFn: () => api(getIntelligenceSettingsRoute) });
  const [value, setValue] = useState<boolean | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const checkId = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const requireConsent = value ?? settings.data?.requireConsent ?? true;

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setProblem(null);
    setSaved(false);
    try {
      const next = await api(updateIntelligenceSettingsRoute, { body: { requireConsent } });
      client.setQueryData(intelligenceSettingsKey, next);
      setValue(null);
      setSaved(true);
    } catch (err) {
      setProblem(toApiError(err).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title="Consent settings">
      {settings.isPending ? <Loading label="Loading the settings…" /> : null}
      {settings.isError ? <LoadError error={settings.error} what="the settings" onRetry={() => void settings.refetch()} /> : null}
      {settings.isSuccess ? (
        <Form onSubmit={(e) => void save(e)} aria-label="Interview intelligence settings">
          {saved ? <Alert tone="success">Saved.</Alert> : null}
          {problem ? <Alert tone="error">{problem}</Alert> : null}
          <div className="field">
            <label className="choice" htmlFor={checkId}>
              <input
                id={checkId}
                type="checkbox"
                checked={requireConsent}
                aria-describedby={`${checkId}-hint`}
                onChange={(e) => {
                  setSaved(false);
                  setValue(e.target.checked);
                }}
              />
              <span className="choice__label">Require recording consent before transcripts are added</span>
            </label>
            <p className="field__hint" id={`${checkId}-hint`}>
              When on, a transcript can be added only after the candidate’s consent to recording is recorded on the interview. Recommended; required in
              many places.
            </p>
          </div>
          <FormActions>
            <Button type="submit" busy={busy} busyLabel="Saving…">
              Save settings
            </Button>
          </FormActions>
        </Form>
      ) : null}
    </Card>
  );
}
