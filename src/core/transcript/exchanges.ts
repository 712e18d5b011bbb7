/**
 * Segmenting turns into question–answer exchanges (docs/transcripts.md, "Exchanges"). Pure.
 *
 * An interviewer turn that contains a job question starts an exchange. A sentence is a question when it
 * ends with "?", or starts (after discourse markers such as "so", "okay", "and") with an interrogative
 * followed by an auxiliary ("what did…", "how would…", "how many…"), an auxiliary followed by a
 * pronoun ("can you…", "did you…") or an imperative prompt ("tell me about", "walk me through",
 * "describe", "talk me through", "give me an example"), also after a colon ("Let's start: tell me
 * about…"). The question text runs from the first
 * sentence of the turn that is not an acknowledgement ("Great, thanks.") to the last question
 * sentence, so context sentences before the question belong to it; small-talk and "could you repeat
 * that" sentences are left out. The answer is the candidate's text until the next interviewer
 * question; interviewer back-channel ("Mm-hm.", "Interesting.") does not end it.
 *
 * Small talk is not an exchange: a question sentence is small talk when it matches the stop list
 * (`SMALL_TALK` below: "how are you", "how was your weekend", "can you hear me", "shall we start",
 * "do you have any questions for us"…) or when it has at most 8 words, at least one content word and
 * every content word is in the small-talk vocabulary (weekend, weather, coffee, audio, screen…). A
 * small-talk question after an answer ends that answer. "Could you repeat that?" is ignored.
 *
 * A follow-up probe is a question of at most 12 words asked right after a candidate answer (no small
 * talk between) that refers back ("that", "it", "then", "why", "what did you learn", "how did you
 * measure…") or has at most 3 words ("Such as?"); it is its own exchange with `followUp: true`.
 */
import type { ParticipantRole, Turn } from './types.ts';
import { contentStems, sentences, stem, timeAt, type Span, wordCount } from './text.ts';

export interface Exchange {
  index: number;
  /** Speaker label of the interviewer who asked. */
  askedBy: string;
  /** The question sentences (with their context sentences), joined with a space across turns. */
  question: string;
  questionStartMs: number;
  /** The candidate's text until the next interviewer question (turns joined with a space); '' when unanswered. */
  answer: string;
  /** Start of the first answer turn; the end of the question when unanswered. */
  answerStartMs: number;
  answerEndMs: number;
  followUp: boolean;
  /** For a follow-up, the exchange it probes (the last exchange that is not a follow-up); otherwise null. */
  followUpOf: number | null;
  /** Every question sentence is closed (yes/no) with no open interrogative. */
  closed: boolean;
  leading: boolean;
}

/** Where each candidate turn sits in `answer`. */
export interface AnswerSegment {
  turnIndex: number;
  /** Offset of the turn's text in `answer`. */
  offset: number;
  length: number;
  startMs: number;
  endMs: number;
}

export interface ExchangeDetail extends Exchange {
  segments: AnswerSegment[];
  /** Indexes (into the input array) of the interviewer turns that make up the question. */
  questionTurns: number[];
}

export type SentenceKind = 'question' | 'smalltalk' | 'clarify' | 'ack' | 'statement';

const MARKERS = /^(?:(?:so|and|okay|ok|alright|all right|right|great|now|well|then|but|also|cool|perfect|sure|good|thanks|thank you|excellent|interesting|got it|i see|mm-?hm|yeah|yes|lovely|nice|fine)\b[,.!]?\s+)+/i;
const IMPERATIVE = /^(?:please\s+)?(?:tell (?:me|us)\b|walk (?:me|us) through|talk (?:me|us) through|take (?:me|us) through|run (?:me|us) through|describe\b|explain\b|give (?:me|us) (?:an? |some )?(?:example|sense|idea|overview)|share (?:an? |some )?(?:example|story|time)|help (?:me|us) understand|i(?:'d| would) (?:like|love) (?:you )?to (?:hear|know|understand|learn)|i(?:'m| am) curious (?:about|how|what|why|whether))/i;
const WH_AUX = /^(?:what|why|how|when|where|which|who)(?:'s|'re|\s+(?:do|did|does|are|is|was|were|have|has|had|can|could|would|will|should|made|makes|happened|went|kind|sort|type|part|role|many|much|long|often|exactly|else|specifically))\b/i;
const AUX_PRONOUN = /^(?:can|could|would|will|do|did|does|are|is|was|were|have|has|had|should)\s+(?:you|we|i|they|there|it|that|this|your|the)\b/i;
/** "Don't you think…?" is as closed as "Do you think…?". */
const CLOSED_START = /^(?:do|did|does|are|is|was|were|have|has|had|can|could|would|will|should|don't|didn't|doesn't|aren't|isn't|wasn't|weren't|haven't|hasn't|can't|couldn't|wouldn't|won't|shouldn't)(?![\w'])/i;
const OPEN_ANYWHERE = /\b(?:what|why|how|which|when|where|who|whom|describe|explain|tell (?:me|us)|walk (?:me|us) through|talk (?:me|us) through|take (?:me|us) through|example|elaborate)\b/i;
const LEADING =
  /\b(?:don't you (?:think|agree|feel)|do you not (?:think|agree)|wouldn't you (?:agree|say)|would you not agree|isn't it (?:true|fair to say)|is it not true|isn't that (?:right|true)|i (?:assume|presume|take it|imagine) (?:that )?you|i'm (?:assuming|sure) (?:that )?you|surely|you(?:'d| would) agree|am i right)\b|,\s*(?:right|correct|yes|no|isn't it|didn't you|don't you)\?\s*$/i;

/** Small-talk and logistics questions (the stop list). */
const SMALL_TALK: RegExp[] = [
  /^how (?:are|r) (?:you|things)(?: doing)?(?: today| this (?:morning|afternoon|evening))?\W*$/i,
  /^how(?:'s| is| was| has| have) (?:your|the|you|it) (?:day|week|weekend|morning|afternoon|evening|trip|journey|commute|holiday|holidays|vacation|summer|weather|been|going)\b/i,
  /^how(?:'s| is) it going\b/i,
  /^(?:did|do|have) you (?:have|had) a (?:good|nice|great|lovely) (?:day|week|weekend|trip|holiday|break|morning)\b/i,
  /\bcan you (?:hear|see) (?:me|us|my screen|the screen|everything)\b/i,
  /\b(?:is|can you hear) my (?:audio|video|sound|mic|microphone|camera|connection)\b/i,
  /\b(?:am i|are you|is it) (?:on mute|muted|frozen|breaking up)\b/i,
  /\bshall we (?:start|begin|get started|kick off|dive in|get going)\b/i,
  /^(?:are you )?ready(?: to (?:start|begin|go|get started|dive in))?\W*$/i,
  /\b(?:ready|good|okay|ok) to (?:start|begin|go|get started|get going)\b/i,
  /\bdid you find (?:us|the (?:office|place|building|link|room))\b/i,
  /\bcan i get you (?:a|some|anything)\b|\b(?:would|do) you (?:like|want) (?:a|some) (?:coffee|tea|water|drink)\b/i,
  /\bis (?:now|this) (?:still )?a good time\b/i,
  /\b(?:do you have|are there) any (?:other |final |more )?questions for (?:me|us)\b|\bany (?:other |final |more )?questions for (?:me|us)\b/i,
  /\bhow much time do (?:we|you) have\b/i,
  /\bwhat (?:questions|else) (?:do you have|can i answer) for (?:me|us)\b/i,
];
const SMALL_TALK_VOCAB: ReadonlySet<string> = new Set(
  'weekend weather holiday vacation trip journey commute coffee tea water drink audio video sound mic microphone camera screen connection internet wifi link mute hear see ready start begin kick traffic morning afternoon evening day week today tonight rain sunny cold hot nice good fine great lovely going doing settle settled find parking office building'
    .split(' ')
    .map(stem),
);
const CLARIFY = /^(?:sorry,?\s*)?(?:(?:can|could|would) you (?:repeat|say) (?:that|it|the (?:last|first) part)|(?:sorry|pardon|come again|say again)\W*$)|\byou (?:cut|broke) (?:out|up)\b|\bdidn't (?:quite )?catch (?:that|it|the last)\b/i;
const ACK_WORDS: ReadonlySet<string> = new Set(
  "ok okay great thanks thank you that that's this is was it's very really super so quite helpful interesting good nice cool perfect right sure got it i see understood makes sense wow fantastic excellent brilliant lovely mm hmm mhm mm-hm yeah yes alright all fair enough appreciate awesome fascinating amazing and well wonderful noted".split(' '),
);
const BACK_REFERENCE = /\b(?:that|this|it|those|these|they|them|then|there|else|more|further|why|result|outcome|learn|learned|learnt|measure|measured|differently|next|happened|after|afterwards|instead|example|specifically|exactly)\b/i;

const TRANSITION = /^(?:moving on|next(?: question)?|now|switching gears|changing (?:the )?(?:topic|subject)|(?:on )?a different (?:topic|note)|let's move on|one more(?: question)?|last question|final question)\s*[:,.;–—-]\s*/i;
const GREETING = /^(?:hi|hello|hey|good (?:morning|afternoon|evening))(?:\s+(?:there|again|everyone|all|\p{Lu}[\p{L}'-]*))?\s*[,!.]?\s+/iu;

/** The sentence with a leading greeting ("Hi Sam,") and discourse markers ("So, okay, and…") removed. */
function core(sentence: string): string {
  return sentence.trim().replace(GREETING, '').replace(MARKERS, '').replace(TRANSITION, '').replace(MARKERS, '').trim();
}

/** Is this sentence a question (by punctuation or by its opening words)? */
export function isQuestionSentence(sentence: string): boolean {
  const s = sentence.trim();
  if (/\?["'”’)]*$/.test(s)) return true;
  const opens = (text: string): boolean => {
    const c = core(text);
    return IMPERATIVE.test(c) || WH_AUX.test(c) || AUX_PRONOUN.test(c);
  };
  // "Let's start: tell me about…" — the prompt may follow a colon.
  const colon = s.lastIndexOf(':');
  return opens(s) || (colon > 0 && opens(s.slice(colon + 1)));
}

function isSmallTalk(sentence: string): boolean {
  const c = core(sentence);
  if (SMALL_TALK.some((re) => re.test(c) || re.test(sentence))) return true;
  if (wordCount(c) > 8) return false;
  const stems = contentStems(c);
  return stems.length > 0 && stems.every((s) => SMALL_TALK_VOCAB.has(s));
}

function isAck(sentence: string): boolean {
  const words = sentence.toLowerCase().replace(/’/g, "'").match(/[a-z'-]+/g) ?? [];
  return words.length > 0 && words.length <= 6 && words.every((w) => ACK_WORDS.has(w));
}

export function classifySentence(sentence: string): SentenceKind {
  if (CLARIFY.test(core(sentence))) return 'clarify';
  if (isQuestionSentence(sentence)) return isSmallTalk(sentence) ? 'smalltalk' : 'question';
  if (isSmallTalk(sentence) && /^(?:shall|ready|are you ready|let's (?:start|begin|get started))/i.test(core(sentence))) return 'smalltalk';
  return isAck(sentence) ? 'ack' : 'statement';
}

/** Closed: starts with an auxiliary ("did you…", "is it…") and has no open interrogative. */
export function isClosedQuestion(sentence: string): boolean {
  const c = core(sentence);
  return CLOSED_START.test(c) && !OPEN_ANYWHERE.test(c);
}

export function isLeadingQuestion(text: string): boolean {
  return LEADING.test(text.replace(/’/g, "'"));
}

interface TurnQuestion {
  /** Selected sentences (context + question), in order. */
  parts: Span[];
  questionSentences: string[];
  smallTalk: boolean;
}

/** The job question in an interviewer turn, if any, and whether the turn holds small talk. */
function questionOf(text: string): TurnQuestion {
  const spans = sentences(text);
  const kinds = spans.map((s) => classifySentence(s.text));
  const smallTalk = kinds.includes('smalltalk');
  const last = kinds.lastIndexOf('question');
  if (last < 0) return { parts: [], questionSentences: [], smallTalk };
  let first = 0;
  while (first < last && (kinds[first] === 'ack' || kinds[first] === 'smalltalk' || kinds[first] === 'clarify')) first++;
  const parts: Span[] = [];
  const questionSentences: string[] = [];
  for (let i = first; i <= last; i++) {
    const k = kinds[i]!;
    if (k === 'smalltalk' || k === 'clarify') continue;
    parts.push(spans[i]!);
    if (k === 'question') questionSentences.push(spans[i]!.text);
  }
  return { parts, questionSentences, smallTalk };
}

function isFollowUpQuestion(question: string): boolean {
  const n = wordCount(question);
  return n > 0 && n <= 12 && (n <= 3 || BACK_REFERENCE.test(question));
}

/**
 * Exchanges of a transcript. `roleOf` gives each speaker's role; turns of other roles are ignored
 * (they neither ask nor answer).
 */
export function segmentExchanges(turns: readonly Turn[], roleOf: (speaker: string | null) => ParticipantRole): ExchangeDetail[] {
  const out: ExchangeDetail[] = [];
  let current: (ExchangeDetail & { questionSentences: string[] }) | null = null;
  let answerOpen = false;
  let lastMain: number | null = null;

  const finish = (): void => {
    if (!current) return;
    const { questionSentences, ...rest } = current;
    rest.closed = questionSentences.length > 0 && questionSentences.every(isClosedQuestion);
    rest.leading = isLeadingQuestion(rest.question);
    out.push(rest);
    current = null;
  };

  turns.forEach((turn, ti) => {
    const role = roleOf(turn.speaker);
    if (role === 'interviewer') {
      const q = questionOf(turn.text);
      if (q.parts.length === 0) {
        if (q.smallTalk && current && current.answer !== '') answerOpen = false;
        return;
      }
      const text = q.parts.map((p) => p.text).join(' ');
      const startMs = timeAt(turn.startMs, turn.endMs, q.parts[0]!.start, turn.text.length);
      if (current && current.answer === '' && answerOpen) {
        // Asked again (or added to by a second interviewer) before any answer: one exchange.
        current.question = `${current.question} ${text}`;
        current.questionSentences.push(...q.questionSentences);
        current.questionTurns.push(ti);
        current.answerStartMs = current.answerEndMs = turn.endMs;
        return;
      }
      const followUp = current !== null && answerOpen && current.answer !== '' && lastMain !== null && isFollowUpQuestion(text);
      finish();
      const index = out.length;
      if (!followUp) lastMain = index;
      current = {
        index,
        askedBy: turn.speaker ?? '',
        question: text,
        questionStartMs: startMs,
        answer: '',
        answerStartMs: turn.endMs,
        answerEndMs: turn.endMs,
        followUp,
        followUpOf: followUp ? lastMain : null,
        closed: false,
        leading: false,
        segments: [],
        questionTurns: [ti],
        questionSentences: q.questionSentences,
      };
      answerOpen = true;
      return;
    }
    if (role === 'candidate' && current && answerOpen) {
      const text = turn.text.trim() === '' ? '' : turn.text;
      if (text === '') return;
      const c: ExchangeDetail = current;
      if (c.answer === '') c.answerStartMs = turn.startMs;
      const offset = c.answer === '' ? 0 : c.answer.length + 1;
      c.answer = c.answer === '' ? text : `${c.answer} ${text}`;
      c.segments.push({ turnIndex: ti, offset, length: text.length, startMs: turn.startMs, endMs: turn.endMs });
      c.answerEndMs = Math.max(c.answerEndMs, turn.endMs);
    }
  });
  finish();
  return out;
}

/** The time at an offset of an exchange's answer, proportional within the candidate turn it falls in. */
export function answerTimeAt(exchange: ExchangeDetail, offset: number): number {
  let seg = exchange.segments[0];
  for (const s of exchange.segments) {
    if (s.offset <= offset) seg = s;
    else break;
  }
  if (!seg) return exchange.answerStartMs;
  return timeAt(seg.startMs, seg.endMs, offset - seg.offset, seg.length);
}
