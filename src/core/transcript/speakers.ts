/**
 * Mapping the speaker labels of a transcript to the interview's participants (docs/transcripts.md,
 * "Speaker mapping"). Pure.
 *
 * By name first. A label and a name are compared after folding (lower case, diacritics removed, German
 * ae/oe/ue folded, so "Tobias Grün" ≈ "tobias gruen"), with parentheticals ("(he/him)", "(Acme)") and
 * device suffixes ("Tobias's iPhone") removed. Name score: 1 when the token sets are equal; 0.9 when
 * every label token matches a distinct name token (equal, or an initial "T." matching its first
 * letter) and at least two do; 0.8 for a first name alone; 0.75 for a last name alone; 0.7 when the
 * label is the name's initials ("TG"); otherwise 0.8 × the share of label tokens that match. A label
 * maps by name when its best score is at least `NAME_MATCH_MIN` and no participant of another role
 * scores within 0.05 of it (two people called Tobias stay unresolved).
 *
 * Then by behaviour, for the labels left (and generic ones such as "Speaker 1"): when the candidate is
 * not mapped yet, the label that talks most without asking — the most words × (1 − the share of its
 * sentences that are questions) — is the candidate; the other labels that ask at least one question are
 * interviewers (given the one unmapped interviewer's identity when exactly one is left); labels that
 * neither answer nor ask are interviewers while unmapped interviewers remain, else `other`. Without
 * turns, a single left-over label is the unmapped candidate (or the one unmapped interviewer); the rest
 * are `other`.
 */
import type { ParticipantRole, SpeakerMapping, Turn } from './types.ts';
import { isQuestionSentence } from './exchanges.ts';
import { foldName, sentences, wordCount } from './text.ts';

export interface Participant {
  id: string;
  name: string;
}

export interface Participants {
  interviewers: Participant[];
  candidate: Participant;
}

/** The turns of each label, for the behaviour fallback. */
export type TurnsBySpeaker = Readonly<Record<string, readonly Pick<Turn, 'text'>[]>> | ReadonlyMap<string, readonly Pick<Turn, 'text'>[]>;

export const NAME_MATCH_MIN = 0.6;

const GENERIC = /^(?:unknown[\s_-]*)?(?:speaker|spk|participant|person|guest|unknown|user|caller|attendee|voice|interviewer|candidate|s)[\s_#-]*(?:\d+|[a-z])?$/i;
const DEVICE = /(?:'s|’s)?\s+(?:iphone|ipad|android|galaxy|pixel|macbook(?: pro| air)?|laptop|phone|pc|computer|mac|desktop)\b.*$/i;

function nameTokens(text: string): string[] {
  const cleaned = text.replace(/\([^)]*\)|\[[^\]]*\]/g, ' ').replace(DEVICE, '');
  return foldName(cleaned)
    .split(/[^a-z0-9]+/)
    .filter((t) => t.length > 0);
}

/** How well a speaker label matches a participant's name, 0–1 (see the module comment). */
export function nameSimilarity(label: string, name: string): number {
  const l = nameTokens(label);
  const n = nameTokens(name);
  if (l.length === 0 || n.length === 0) return 0;
  if (l.length === n.length && l.every((t, i) => t === n[i])) return 1;
  if (l.length === 1 && n.length >= 2 && l[0]!.length >= 2 && l[0]!.length === n.length && l[0] === n.map((t) => t[0]).join('')) return 0.7;
  const used = new Set<number>();
  let matched = 0;
  let full = 0;
  for (const t of l) {
    let hit = n.findIndex((x, i) => !used.has(i) && x === t);
    if (hit >= 0) full++;
    else if (t.length === 1) hit = n.findIndex((x, i) => !used.has(i) && x.startsWith(t));
    if (hit >= 0) {
      used.add(hit);
      matched++;
    }
  }
  if (matched === l.length && full === l.length && new Set(l).size === n.length) return 1;
  if (matched === l.length && matched >= 2 && full >= 1) return 0.9;
  if (l.length === 1 && full === 1) return used.has(0) ? 0.8 : 0.75;
  return full === 0 ? 0 : 0.8 * (matched / l.length);
}

function turnsOf(turns: TurnsBySpeaker | undefined, label: string): readonly Pick<Turn, 'text'>[] | undefined {
  if (!turns) return undefined;
  return turns instanceof Map ? turns.get(label) : (turns as Readonly<Record<string, readonly Pick<Turn, 'text'>[]>>)[label];
}

interface Behaviour {
  words: number;
  questions: number;
  sentences: number;
}

function behaviour(turns: readonly Pick<Turn, 'text'>[] | undefined): Behaviour {
  const b: Behaviour = { words: 0, questions: 0, sentences: 0 };
  for (const t of turns ?? []) {
    b.words += wordCount(t.text);
    for (const s of sentences(t.text)) {
      b.sentences++;
      if (isQuestionSentence(s.text)) b.questions++;
    }
  }
  return b;
}

/** Speaker labels → participants: by name, then by behaviour (see the module comment). */
export function mapSpeakers(labels: readonly string[], participants: Participants, turnsBySpeaker?: TurnsBySpeaker): SpeakerMapping[] {
  const people: { p: Participant; role: ParticipantRole }[] = [
    ...participants.interviewers.map((p) => ({ p, role: 'interviewer' as const })),
    { p: participants.candidate, role: 'candidate' as const },
  ];
  const unique = [...new Set(labels)];
  const result = new Map<string, SpeakerMapping>();

  for (const label of unique) {
    if (GENERIC.test(label.trim())) continue;
    const scored = people
      .map((x, i) => ({ ...x, i, score: x.p.name ? nameSimilarity(label, x.p.name) : 0 }))
      .sort((a, b) => b.score - a.score || a.i - b.i);
    const best = scored[0];
    if (!best || best.score < NAME_MATCH_MIN) continue;
    const rival = scored.find((x) => x !== best && x.role !== best.role && x.score >= best.score - 0.05);
    if (rival) continue;
    result.set(label, { speaker: label, role: best.role, participantId: best.p.id, name: best.p.name, source: 'name' });
  }

  const left = unique.filter((l) => !result.has(l));
  const mappedIds = new Set([...result.values()].map((m) => m.participantId));
  const freeInterviewers = participants.interviewers.filter((p) => !mappedIds.has(p.id));
  const candidateMapped = [...result.values()].some((m) => m.role === 'candidate');
  const set = (label: string, role: ParticipantRole, p: Participant | null): void => {
    result.set(label, { speaker: label, role, participantId: p?.id ?? null, name: p?.name ?? null, source: 'behaviour' });
    if (p && role === 'interviewer') freeInterviewers.splice(freeInterviewers.indexOf(p), 1);
  };

  if (!turnsBySpeaker) {
    if (left.length === 1) {
      if (!candidateMapped) set(left[0]!, 'candidate', participants.candidate);
      else if (freeInterviewers.length === 1) set(left[0]!, 'interviewer', freeInterviewers[0]!);
    }
  } else {
    const stats = new Map(left.map((l) => [l, behaviour(turnsOf(turnsBySpeaker, l))]));
    if (!candidateMapped) {
      let pick: string | null = null;
      let bestScore = 0;
      for (const l of left) {
        const b = stats.get(l)!;
        const score = b.words * (1 - (b.sentences ? b.questions / b.sentences : 0));
        if (score > bestScore) {
          bestScore = score;
          pick = l;
        }
      }
      if (pick !== null) set(pick, 'candidate', participants.candidate);
    }
    const askers = left.filter((l) => !result.has(l) && stats.get(l)!.questions > 0);
    askers.sort((a, b) => stats.get(b)!.questions - stats.get(a)!.questions || unique.indexOf(a) - unique.indexOf(b));
    const identify = freeInterviewers.length === 1 && askers.length === 1;
    for (const l of askers) set(l, 'interviewer', identify ? freeInterviewers[0]! : null);
    for (const l of left) {
      if (result.has(l)) continue;
      if (freeInterviewers.length > 0) set(l, 'interviewer', freeInterviewers.length === 1 ? freeInterviewers[0]! : null);
    }
  }
  for (const l of unique) {
    if (!result.has(l)) result.set(l, { speaker: l, role: 'other', participantId: null, name: null, source: 'behaviour' });
  }
  return unique.map((l) => result.get(l)!);
}
