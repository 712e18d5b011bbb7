import { memo, useMemo } from 'react';
import type { TranscriptView } from '../../../modules/intelligence/intelligence.contract.ts';
import { formatTimestamp, participantRoleLabel, segmentTurn, speakerOf, type TurnMark, timestampDateTime } from './transcript-format.ts';
import type { TranscriptModel } from './transcript-model.ts';

/** The id of a turn's element in the viewer (jump targets). */
export const turnElementId = (index: number) => `tx-turn-${index}`;

const noMarks: TurnMark[] = [];

/**
 * A turn's text with its marks: risk-flag sentences and evidence quotes, each announced by a
 * visually hidden label where it begins, with the label as a tooltip. Flags also carry a ⚑ sign,
 * so colour is never the only signal.
 */
export function TurnText({ text, marks }: { text: string; marks: readonly TurnMark[] }) {
  const segments = useMemo(() => segmentTurn(text, marks), [text, marks]);
  return (
    <>
      {segments.map((s) => {
        if (s.marks.length === 0) return <span key={s.start}>{s.text}</span>;
        const flag = s.marks.some((m) => m.kind === 'flag');
        const evidence = s.marks.some((m) => m.kind === 'evidence');
        const className = ['tx-mark', flag ? 'tx-mark--flag' : '', evidence ? 'tx-mark--evidence' : ''].filter(Boolean).join(' ');
        return (
          <mark key={s.start} className={className} title={s.marks.map((m) => m.label).join('; ')} data-start={s.start} data-end={s.end}>
            {s.starting.map((m) => (
              <span key={m.key} className="visually-hidden">
                [{m.label}]{' '}
              </span>
            ))}
            {s.starting.some((m) => m.kind === 'flag') ? (
              <span className="tx-mark__sign" aria-hidden="true">
                ⚑{' '}
              </span>
            ) : null}
            {s.text}
          </mark>
        );
      })}
    </>
  );
}

interface TurnItemProps {
  turn: TranscriptView['turns'][number];
  name: string;
  role: string;
  tone: string;
  marks: readonly TurnMark[];
  target: boolean;
}

const TurnItem = memo(function TurnItem({ turn, name, role, tone, marks, target }: TurnItemProps) {
  return (
    <li
      id={turnElementId(turn.index)}
      tabIndex={-1}
      className={['tx-turn', `tx-turn--${tone}`, target ? 'tx-turn--target' : ''].filter(Boolean).join(' ')}
      aria-current={target ? 'location' : undefined}
    >
      <p className="tx-turn__head">
        <time className="tx-turn__time" dateTime={timestampDateTime(turn.startMs)}>
          {formatTimestamp(turn.startMs)}
        </time>{' '}
        <strong className={`tx-speaker tx-speaker--${tone}`}>{name}</strong> <span className="tx-role">{participantRoleLabel(role)}</span>
        {turn.interrupts ? <span className="tx-turn__note"> · talked over the previous speaker</span> : null}
      </p>
      <p className="tx-turn__text">
        <TurnText text={turn.text} marks={marks} />
      </p>
    </li>
  );
});

/** Every turn of the transcript with its time, speaker (coloured by role, with the role in words) and marks. */
export function TranscriptViewer({ view, model, target }: { view: TranscriptView; model: TranscriptModel; target: number | null }) {
  const flagged = view.analysis.flags.length;
  return (
    <section className="tx-viewer" aria-labelledby="tx-viewer-title">
      <h2 id="tx-viewer-title">Conversation</h2>
      <p className="tx-legend muted">
        {view.turns.length} turns.{' '}
        <mark className="tx-mark tx-mark--flag">
          <span aria-hidden="true">⚑ </span>Risky question
        </mark>{' '}
        marks a question that touches a protected characteristic{flagged ? '' : ' (none in this transcript)'};{' '}
        <mark className="tx-mark tx-mark--evidence">evidence</mark> marks what the candidate said that speaks to a competency (hover for which).
      </p>
      <ol className="tx-turns">
        {view.turns.map((t) => {
          const who = speakerOf(model.speakers, t.speaker);
          return (
            <TurnItem key={t.index} turn={t} name={who.name} role={who.role} tone={who.tone} marks={model.marks.get(t.index) ?? noMarks} target={target === t.index} />
          );
        })}
      </ol>
    </section>
  );
}
