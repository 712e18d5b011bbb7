import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { analyzeJobDescription } from '../../../core/language/analyze.ts';
import type { Finding } from '../../../core/language/types.ts';
import {
  generateJdRoute,
  JD_MARKDOWN_MAX,
  type JdSettings,
  type JdView,
  restoreJdRoute,
  saveJdRoute,
} from '../../../modules/jd/jd.contract.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { FormActions } from '../../components/form.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { Badge, LoadError, Loading } from '../../components/status.tsx';
import { TextField } from '../../components/text-field.tsx';
import { api, isApiError } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { toApiError } from '../../lib/forms.ts';
import { applyReplacement, findingMatches, replacementOf } from './highlight.ts';
import { ContextFormCard } from './jd-context-form.tsx';
import { AnalysisPanel, type HighlightHandle, HighlightedTextArea } from './jd-editor.tsx';
import { type ContextForm, fieldErrors, firstLocation, formFromSettings, issuesByPath, settingsFromForm } from './jd-format.ts';
import { PolishPanel } from './jd-polish.tsx';
import { ExportLinks, PublishPanel } from './jd-publish.tsx';
import { adoptJdView, fetchLatestJd, type JdVersionSummary, jdQuery, jdVersionsKey } from './jd-queries.ts';
import { JdVersions } from './jd-versions.tsx';

/**
 * A job's description (`/jobs/:id/description`): generate it from the company context, edit the
 * Markdown with the live language check highlighted in the text, polish it with a language model
 * when one is configured, keep versions, and publish it to the careers page.
 */
export function JobDescriptionPage() {
  const { id = '' } = useParams();
  const jd = useQuery(jdQuery(id));
  if (jd.isPending) return <Loading label="Loading the job description…" />;
  if (jd.isError) {
    if (isApiError(jd.error) && (jd.error.status === 404 || jd.error.status === 400)) {
      return (
        <>
          <PageHeader title="Job not found" />
          <Alert tone="warning" title="This job does not exist or you cannot see it." />
          <p>
            <Link to="/jobs">All jobs</Link>
          </p>
        </>
      );
    }
    return <LoadError error={jd.error} what="the job description" onRetry={() => void jd.refetch()} />;
  }
  return <Workspace key={id} view={jd.data} />;
}

interface Draft {
  title: string;
  markdown: string;
}

interface StoredDraft extends Draft {
  baseVersionId: string | null;
  baseNumber: number | null;
}

const draftKey = (jobId: string) => `rubric:jd-draft:${jobId}`;

/** Unsaved text left in this tab earlier (navigated away, reloaded); null when none or the same as saved. */
function readStoredDraft(view: JdView): StoredDraft | null {
  try {
    const raw = window.sessionStorage.getItem(draftKey(view.jobId));
    if (!raw) return null;
    const d = JSON.parse(raw) as Partial<StoredDraft>;
    if (typeof d.title !== 'string' || typeof d.markdown !== 'string') return null;
    if (d.title === (view.body?.title ?? view.jobTitle) && d.markdown === (view.body?.markdown ?? '')) return null;
    return { title: d.title, markdown: d.markdown, baseVersionId: d.baseVersionId ?? null, baseNumber: d.baseNumber ?? null };
  } catch {
    return null;
  }
}

type ConflictSource = 'save' | 'generate' | 'restore';

function ConflictAlert({ source, busy, onLoad }: { source: ConflictSource; busy: boolean; onLoad: () => void }) {
  return (
    <Alert tone="error" title="Someone saved a newer version while you were editing.">
      <p>
        {source === 'generate' ? 'Nothing was generated. ' : source === 'restore' ? 'Nothing was restored. ' : 'Your text was not saved. '}
        Your text stays in the editor; load the latest version, then save on top of it.
      </p>
      <Button variant="secondary" size="sm" busy={busy} busyLabel="Loading…" onClick={onLoad}>
        Load the latest version
      </Button>
    </Alert>
  );
}

/**
 * The editor keeps a draft (title and Markdown) on top of `base`, the view whose version it
 * started from; `view` is the latest the server said (publication, permissions). A save names the
 * base version: when someone saved in between, the server answers 409 and the draft stays.
 */
function Workspace({ view }: { view: JdView }) {
  const client = useQueryClient();
  const jobId = view.jobId;
  const [base, setBase] = useState<JdView>(view);
  const baseTitle = base.body?.title ?? base.jobTitle;
  const baseMarkdown = base.body?.markdown ?? '';
  const [title, setTitle] = useState(baseTitle);
  const [markdown, setMarkdown] = useState(baseMarkdown);
  const [note, setNote] = useState('');
  const [form, setForm] = useState<ContextForm>(() => formFromSettings(view.defaults, view.competencies.map((c) => c.id)));
  const [contextIssues, setContextIssues] = useState<Record<string, string>>({});
  const [contextProblem, setContextProblem] = useState<string | null>(null);
  const [editorIssues, setEditorIssues] = useState<Record<string, string>>({});
  const [editorProblem, setEditorProblem] = useState<string | null>(null);
  const [conflict, setConflict] = useState<ConflictSource | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  /** Unsaved text a generate, restore, polish or discard replaced: one click brings it back. */
  const [stash, setStash] = useState<Draft | null>(null);
  const [recovered, setRecovered] = useState<StoredDraft | null>(() => (view.canEdit ? readStoredDraft(view) : null));
  const [loadingLatest, setLoadingLatest] = useState(false);
  const highlightRef = useRef<HighlightHandle>(null);
  const pendingSelect = useRef<{ start: number; end: number } | null>(null);

  const dirty = title !== baseTitle || markdown !== baseMarkdown;
  const location = firstLocation(form, view.defaults);
  // Typing stays responsive on long texts: the check runs on the latest text React has time for.
  const checkedText = useDeferredValue(markdown);
  const analysis = useMemo(() => analyzeJobDescription(checkedText, { location }), [checkedText, location]);
  const context = fieldErrors(contextIssues);

  // Keep unsaved text in this tab's storage, so leaving the page or reloading does not lose it.
  useEffect(() => {
    if (!view.canEdit) return;
    try {
      if (dirty) {
        const stored: StoredDraft = { title, markdown, baseVersionId: base.currentVersion?.id ?? null, baseNumber: base.currentVersion?.number ?? null };
        window.sessionStorage.setItem(draftKey(jobId), JSON.stringify(stored));
      } else if (!recovered) {
        window.sessionStorage.removeItem(draftKey(jobId));
      }
    } catch {
      // Storage full or disabled: the draft still lives in the editor.
    }
  }, [view.canEdit, dirty, title, markdown, base, jobId, recovered]);

  // After a replacement, select the new words once the textarea holds the new text.
  useEffect(() => {
    const span = pendingSelect.current;
    if (!span) return;
    pendingSelect.current = null;
    highlightRef.current?.select(span.start, span.end);
  }, [markdown]);

  // Mutation callbacks run with the render they started from: read the draft as it is now, so text
  // typed while a request was on its way is stashed rather than silently replaced.
  const latest = useRef({ title, markdown, dirty });
  latest.current = { title, markdown, dirty };

  const replaceDraft = (next: Draft) => {
    const now = latest.current;
    if (now.dirty && (now.title !== next.title || now.markdown !== next.markdown)) setStash({ title: now.title, markdown: now.markdown });
    setTitle(next.title);
    setMarkdown(next.markdown);
  };

  const adopt = (next: JdView, message: string) => {
    replaceDraft({ title: next.body?.title ?? next.jobTitle, markdown: next.body?.markdown ?? '' });
    setBase(next);
    setNote('');
    setConflict(null);
    setEditorIssues({});
    setEditorProblem(null);
    setNotice(message);
    void adoptJdView(client, next, true);
  };

  const onConflictOr = (source: ConflictSource, other: (e: ReturnType<typeof toApiError>) => void) => (e: unknown) => {
    const err = toApiError(e);
    if (err.status === 409) setConflict(source);
    else other(err);
  };

  const generate = useMutation({
    mutationFn: (settings: JdSettings) => api(generateJdRoute, { params: { id: jobId }, body: { settings, baseVersionId: view.currentVersion?.id ?? null } }),
    onSuccess: (next) => adopt(next, `Generated version ${next.currentVersion?.number ?? ''}. The language check below is live as you edit.`),
    onError: onConflictOr('generate', (err) => {
      setContextIssues(err.issues);
      setContextProblem(err.message);
    }),
  });

  const onGenerate = () => {
    setNotice(null);
    setConflict(null);
    setContextProblem(null);
    const parsed = generateJdRoute.body!.safeParse({ settings: settingsFromForm(form), baseVersionId: view.currentVersion?.id ?? null });
    if (!parsed.success) {
      setContextIssues(issuesByPath(parsed.error.issues));
      return;
    }
    setContextIssues({});
    generate.mutate(parsed.data.settings);
  };

  const save = useMutation({
    mutationFn: (body: { baseVersionId: string | null; title: string; markdown: string; note?: string | undefined }) => api(saveJdRoute, { params: { id: jobId }, body }),
    onSuccess: (next) => adopt(next, `Saved version ${next.currentVersion?.number ?? ''}.`),
    onError: onConflictOr('save', (err) => {
      setEditorIssues(err.issues);
      setEditorProblem(err.issues.title || err.issues.markdown ? null : err.message);
    }),
  });

  const onSave = () => {
    setNotice(null);
    setEditorProblem(null);
    if (!dirty && base.currentVersion) {
      setEditorIssues({});
      setNotice(`Nothing to save: the text is the same as version ${base.currentVersion.number}.`);
      return;
    }
    const parsed = saveJdRoute.body!.safeParse({ baseVersionId: base.currentVersion?.id ?? null, title, markdown, note: note.trim() || undefined });
    if (!parsed.success) {
      setEditorIssues(issuesByPath(parsed.error.issues));
      return;
    }
    setEditorIssues({});
    save.mutate(parsed.data);
  };

  const restore = useMutation({
    mutationFn: (v: JdVersionSummary) =>
      api(restoreJdRoute, { params: { id: jobId }, body: { versionId: v.id, baseVersionId: (base.currentVersion ?? view.currentVersion)!.id } }),
    onMutate: () => setNotice(null),
    onSuccess: (next, v) => adopt(next, `Version ${v.number} was restored as version ${next.currentVersion?.number ?? ''}.`),
    onError: onConflictOr('restore', () => undefined),
  });

  const loadLatest = async () => {
    setLoadingLatest(true);
    try {
      const latest = await fetchLatestJd(client, jobId);
      setBase(latest);
      setConflict(null);
      const n = latest.currentVersion?.number;
      setNotice(
        n
          ? `Loaded version ${n}, saved by ${latest.currentVersion?.createdByName ?? 'someone'}. Your text is still in the editor: save to put it on top of version ${n}, or discard your changes to see that version.`
          : 'Loaded the latest state. Your text is still in the editor.',
      );
      void client.invalidateQueries({ queryKey: jdVersionsKey(jobId) });
    } catch (e) {
      setEditorProblem(toApiError(e).message);
    } finally {
      setLoadingLatest(false);
    }
  };

  const onSelect = (f: Finding) => {
    if (findingMatches(markdown, f)) highlightRef.current?.select(f.start, f.end);
  };

  const onReplace = (f: Finding) => {
    const next = applyReplacement(markdown, f);
    if (next === null) {
      setEditorProblem(`“${f.text}” is no longer at that place in the text; the check is being run again.`);
      return;
    }
    setEditorProblem(null);
    pendingSelect.current = { start: f.start, end: f.start + (replacementOf(f) ?? '').length };
    setMarkdown(next);
  };

  const conflictAlert = (source: ConflictSource) =>
    conflict === source ? <ConflictAlert source={source} busy={loadingLatest} onLoad={() => void loadLatest()} /> : null;

  return (
    <>
      <PageHeader
        title="Job description"
        description={
          <>
            <span className="jd-eyebrow">{view.jobTitle}</span> · <Link to={`/jobs/${jobId}`}>Back to the job</Link>
          </>
        }
      />
      <div className="jd-status">
        {notice ? <Alert tone="success">{notice}</Alert> : null}
        {recovered ? (
          <Alert tone="warning" title="You left unsaved changes to this description.">
            <p>
              They were made on {recovered.baseNumber ? `version ${recovered.baseNumber}` : 'a new description'}
              {base.currentVersion && recovered.baseVersionId && recovered.baseVersionId !== base.currentVersion.id ? ` (the current version is ${base.currentVersion.number})` : ''}.
            </p>
            <div className="form__actions">
              <Button
                size="sm"
                variant="secondary"
                onClick={() => {
                  replaceDraft(recovered);
                  setRecovered(null);
                }}
              >
                Bring back my changes
              </Button>
              <Button size="sm" variant="ghost" onClick={() => setRecovered(null)}>
                Discard them
              </Button>
            </div>
          </Alert>
        ) : null}
        {stash ? (
          <Alert tone="info" title="Your unsaved text was replaced.">
            <div className="form__actions">
              <Button
                size="sm"
                variant="secondary"
                onClick={() => {
                  const s = stash;
                  setStash(null);
                  setTitle(s.title);
                  setMarkdown(s.markdown);
                }}
              >
                Put my unsaved text back in the editor
              </Button>
              <Button size="sm" variant="ghost" onClick={() => setStash(null)}>
                Dismiss
              </Button>
            </div>
          </Alert>
        ) : null}
      </div>

      {view.canEdit ? null : <Alert tone="info">You can read this description; the job’s managers can edit and generate it.</Alert>}

      {view.canEdit ? (
        <>
          {conflictAlert('generate')}
          <ContextFormCard
            form={form}
            onChange={(patch) => setForm((f) => ({ ...f, ...patch }))}
            competencies={view.competencies}
            errors={context.fields}
            otherErrors={context.other}
            problem={contextProblem}
            busy={generate.isPending}
            exists={view.exists}
            onGenerate={onGenerate}
          />
        </>
      ) : null}

      <div className="jd-workspace">
        <section className="card jd-editor" aria-labelledby="jd-editor-title">
          <h2 className="card__title" id="jd-editor-title">
            Editor {dirty ? <Badge tone="warning">Unsaved changes</Badge> : null}
          </h2>
          <p className="muted">
            {base.currentVersion
              ? `Editing from version ${base.currentVersion.number}, saved by ${base.currentVersion.createdByName ?? 'someone'} on ${formatDateTime(base.currentVersion.createdAt)}.`
              : view.canEdit
                ? 'No version yet: generate one from the company context, or write it here.'
                : 'No description yet.'}
          </p>
          <div className="form">
            <TextField label="Title" value={title} readOnly={!view.canEdit} maxLength={200} error={editorIssues.title} onChange={(e) => setTitle(e.target.value)} />
            <HighlightedTextArea
              label="Description (Markdown)"
              hint="Flagged wording is highlighted as you type: warm for masculine-coded and exclusionary words, cool for feminine-coded ones."
              value={markdown}
              onChange={setMarkdown}
              findings={analysis.findings}
              readOnly={!view.canEdit}
              maxLength={JD_MARKDOWN_MAX}
              error={editorIssues.markdown}
              handleRef={highlightRef}
            />
            {view.canEdit ? (
              <>
                {conflictAlert('save')}
                {editorProblem ? <Alert tone="error">{editorProblem}</Alert> : null}
                <TextField label="Version note" hint="Optional: what changed and why, for the history." value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
                <FormActions>
                  <Button busy={save.isPending} busyLabel="Saving…" onClick={onSave}>
                    Save version
                  </Button>
                  {dirty ? (
                    <Button
                      variant="secondary"
                      onClick={() => {
                        replaceDraft({ title: baseTitle, markdown: baseMarkdown });
                        setNotice(null);
                        setEditorIssues({});
                        setEditorProblem(null);
                      }}
                    >
                      Discard my changes
                    </Button>
                  ) : null}
                </FormActions>
              </>
            ) : null}
          </div>
        </section>
        <AnalysisPanel analysis={analysis} onSelect={onSelect} onReplace={onReplace} canReplace={view.canEdit} />
      </div>

      {view.canEdit ? (
        <PolishPanel
          jobId={jobId}
          llmConfigured={view.llmConfigured}
          version={base.currentVersion}
          savedMarkdown={baseMarkdown}
          dirty={dirty}
          onUse={(polished) => {
            replaceDraft({ title, markdown: polished });
            setNotice('The polished text is in the editor, not saved yet: review it, then save a version.');
          }}
        />
      ) : null}

      <PublishPanel view={view} dirty={dirty} />

      <JdVersions
        jobId={jobId}
        currentId={base.currentVersion?.id ?? view.currentVersion?.id ?? null}
        canEdit={view.canEdit}
        restoringId={restore.isPending ? (restore.variables?.id ?? null) : null}
        alert={
          conflict === 'restore' ? (
            conflictAlert('restore')
          ) : restore.isError && toApiError(restore.error).status !== 409 ? (
            <Alert tone="error">{toApiError(restore.error).message}</Alert>
          ) : null
        }
        onRestore={(v) => {
          setConflict(null);
          restore.mutate(v);
        }}
      />

      {view.exists ? <ExportLinks jobId={jobId} /> : null}
    </>
  );
}
