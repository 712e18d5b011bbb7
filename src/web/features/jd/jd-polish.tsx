import { useMutation } from '@tanstack/react-query';
import { rewriteJdRoute } from '../../../modules/jd/jd.contract.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { api } from '../../lib/api.ts';
import { toApiError } from '../../lib/forms.ts';
import type { JdVersionSummary } from './jd-queries.ts';

/**
 * The optional language-model pass: polishes the saved version; the server checks that facts,
 * salary and must-haves survived, and answers with the draft itself when they did not. Nothing is
 * saved: "Use polished text" only puts the text in the editor.
 */
export function PolishPanel({
  jobId,
  llmConfigured,
  version,
  savedMarkdown,
  dirty,
  onUse,
}: {
  jobId: string;
  llmConfigured: boolean;
  version: JdVersionSummary | null;
  savedMarkdown: string;
  dirty: boolean;
  onUse: (markdown: string) => void;
}) {
  const rewrite = useMutation({
    mutationFn: (versionId: string) => api(rewriteJdRoute, { params: { id: jobId }, body: { versionId } }),
  });
  const result = rewrite.data;
  const why = !version ? 'Generate or save a version first.' : dirty ? 'Save your changes first: the language model polishes the saved version.' : null;

  return (
    <section className="card jd-polish" aria-labelledby="jd-polish-title">
      <h2 className="card__title" id="jd-polish-title">
        Language model
      </h2>
      {!llmConfigured ? (
        <p className="muted">No language model configured; the generated text stands. An admin can set LLM_BASE_URL and LLM_MODEL.</p>
      ) : (
        <>
          <p className="muted">A configured language model can smooth the wording; the facts, salary and must-haves are checked afterwards.</p>
          <p className="jd-polish__action">
            <Button
              variant="secondary"
              busy={rewrite.isPending}
              busyLabel="Polishing…"
              disabled={!!why}
              aria-describedby={why ? 'jd-polish-why' : undefined}
              onClick={() => version && rewrite.mutate(version.id)}
            >
              Polish with language model
            </Button>
          </p>
          {why ? (
            <p className="field__hint" id="jd-polish-why">
              {why}
            </p>
          ) : null}
          {rewrite.isError ? <Alert tone="error">{toApiError(rewrite.error).message}</Alert> : null}
          {result && result.status === 'rewritten' ? (
            <>
              {result.notice ? <Alert tone="info">{result.notice}</Alert> : null}
              <div className="compare-columns jd-polish__columns">
                <div className="compare-column">
                  <h3 className="compare-column__title">Current text{version ? ` (version ${version.number})` : ''}</h3>
                  <pre className="jd-pre">{savedMarkdown}</pre>
                </div>
                <div className="compare-column">
                  <h3 className="compare-column__title">Polished text</h3>
                  <p className="muted">Its language check: {result.analysis.score} of 100 points.</p>
                  <pre className="jd-pre">{result.markdown}</pre>
                </div>
              </div>
              <p className="jd-polish__action">
                <Button
                  onClick={() => {
                    onUse(result.markdown);
                    rewrite.reset();
                  }}
                >
                  Use polished text
                </Button>
              </p>
            </>
          ) : null}
          {result && result.status !== 'rewritten' ? (
            <Alert tone="warning" title={result.notice ?? (result.status === 'unconfigured' ? 'No language model is configured.' : 'The polished text did not pass the checks; the draft stands.')}>
              {result.missing.length ? (
                <>
                  <p>What the model’s text lost:</p>
                  <ul>
                    {result.missing.map((m) => (
                      <li key={m}>{m}</li>
                    ))}
                  </ul>
                </>
              ) : null}
            </Alert>
          ) : null}
        </>
      )}
    </section>
  );
}
