import type { ParticipantRole, Turn } from './types.ts';

/**
 * The abstractive summary a language model may write (docs/transcripts.md, "Cited summary"): the
 * model sees the turns numbered `[T0]`, `[T1]`, … and must end every sentence with the turns it rests
 * on. `checkCitedSummary` keeps the summary only when every sentence cites at least one turn that
 * exists; otherwise the caller falls back to the extractive summary. Pure.
 */

export const CITED_SUMMARY_RULES = [
  'You summarise a job interview for the hiring team, in plain English, in at most 8 sentences.',
  'Every sentence must end with the numbers of the transcript turns it is based on, in square brackets, like [T3] or [T3, T7]. Never write a sentence without a citation.',
  'Report what the candidate said and showed about the job; do not guess, do not rate, and do not mention age, family, health, religion, origin or other personal characteristics.',
  'Answer with the summary sentences only.',
].join('\n');

export function citedSummaryPrompt(turns: readonly Turn[], roleOf: (speaker: string | null) => ParticipantRole): string {
  const label = (t: Turn) => {
    const role = roleOf(t.speaker);
    return role === 'candidate' ? 'Candidate' : role === 'interviewer' ? `Interviewer${t.speaker ? ` (${t.speaker})` : ''}` : (t.speaker ?? 'Unknown');
  };
  return turns.map((t) => `[T${t.index}] ${label(t)}: ${t.text}`).join('\n');
}

export interface CitedSentence {
  text: string;
  turns: number[];
}

export interface CitedSummaryCheck {
  ok: boolean;
  sentences: CitedSentence[];
  problems: string[];
}

const CITATION = /\[\s*T\s*\d+(?:\s*[,;]\s*T?\s*\d+)*\s*\]/gi;

/** Splits the model's text into sentences with their cited turns; every sentence must cite real turns. */
export function checkCitedSummary(text: string, turnCount: number): CitedSummaryCheck {
  const cleaned = text
    .replace(/^\s*[-*•]\s+/gm, '')
    .replace(/\s+/g, ' ')
    .trim();
  // A sentence ends at . ! or ? followed by space (so "4.1" stays whole), after any citation block
  // that follows it: "… in Q3. [T4, T6] Next" or "… in Q3 [T4]. Next".
  const parts = cleaned.split(/(?<=[.!?](?:\s*\[[^\]]*\])*)\s+(?!\[)/);
  const sentences: CitedSentence[] = [];
  const problems: string[] = [];
  for (const raw of parts.map((p) => p.trim()).filter((p) => /\w/.test(p))) {
    const cites = [...raw.matchAll(CITATION)].flatMap((m) => [...m[0].matchAll(/\d+/g)].map((d) => Number(d[0])));
    const body = raw.replace(CITATION, '').replace(/\s+([.!?])/g, '$1').trim();
    if (!/\w/.test(body)) {
      // A citation block on its own belongs to the previous sentence.
      const prev = sentences.at(-1);
      if (prev) prev.turns = [...new Set([...prev.turns, ...cites])].sort((a, b) => a - b);
      continue;
    }
    if (cites.length === 0) problems.push(`No citation: "${body}"`);
    const bad = cites.filter((c) => !Number.isInteger(c) || c < 0 || c >= turnCount);
    if (bad.length) problems.push(`Cites turns that do not exist (${bad.map((b) => `T${b}`).join(', ')}): "${body}"`);
    sentences.push({ text: body, turns: [...new Set(cites)].sort((a, b) => a - b) });
  }
  if (sentences.length === 0) problems.push('The summary is empty');
  return { ok: problems.length === 0, sentences, problems };
}
