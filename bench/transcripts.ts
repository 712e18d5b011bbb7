// Interview intelligence (src/core/transcript): parse + turns + speaker mapping + analysis of a
// generated 60-minute interview (~9,000 words, WebVTT) against the CTO deep-dive round, in-process.
// Target: median ≤ 50 ms per interview on one core. Also: throughput over 1,000 varied transcripts,
// words per second against a plain tokenisation pass over the same text, and peak memory.
import { analyzeTranscript } from '../src/core/transcript/analyze.ts';
import { parseTranscript } from '../src/core/transcript/parse.ts';
import { roundInput } from '../src/core/transcript/round.ts';
import { mapSpeakers } from '../src/core/transcript/speakers.ts';
import { toTurns } from '../src/core/transcript/turns.ts';
import { guideFor } from '../src/modules/plans/plans.service.ts';
import { library } from '../src/modules/roles/roles.library.ts';

const answers = [
  'When I joined, the platform bill was growing faster than revenue, so I set up a unit-cost dashboard per product line and shared it with every team lead.',
  'We moved batch workloads to spot capacity, renegotiated the reserved instances and retired two data stores nobody owned any more.',
  'As a result cost per transaction fell from 4.1 to 2.6 cents within two quarters while availability stayed above 99.95 percent.',
  'I decided to keep an error budget for every service, and when a team used it up we paused feature work until reliability recovered.',
  'The hardest part was persuading the finance director that the migration would pay back within eighteen months, so I built the business case with her team.',
  'We considered three options, including staying on the managed database, and I wrote down the criteria before we looked at vendors.',
  'Looking back I would have involved the security team earlier, because the audit finding in the second month cost us three weeks.',
  'I hired two engineering managers from outside and promoted one from the team, which changed how the group handled incidents.',
];
const probes = ['How did you measure that?', 'What would you do differently?', 'Who disagreed, and why?', 'What did it cost?'];

const stamp = (ms: number) => {
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor(ms / 60_000) % 60;
  const s = Math.floor(ms / 1000) % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}.${String(ms % 1000).padStart(3, '0')}`;
};

/** A deterministic interview of about `words` words; `variant` rotates the sentences. */
export function generateInterview(words = 9000, variant = 0): string {
  const questions = guideFor('cto').plan.rounds.find((r) => r.id === 'deep-dive')!.questions.map((q) => q.text);
  const lines = ['WEBVTT', ''];
  let t = 0;
  let count = 0;
  let i = variant;
  const cue = (speaker: string, text: string) => {
    const ms = Math.max(2000, text.split(/\s+/).length * 400);
    lines.push(`${stamp(t)} --> ${stamp(t + ms)}`, `<v ${speaker}>${text}`, '');
    t += ms + 300;
    count += text.split(/\s+/).length;
  };
  while (count < words) {
    cue('Marta Lindqvist', i % 5 === 0 ? questions[i % questions.length]! : probes[i % probes.length]!);
    cue('Daniel Okafor', [0, 1, 2, 3].map((k) => answers[(i + k) % answers.length]).join(' '));
    if (i % 17 === 3) cue('Marta Lindqvist', 'Quick aside, what year did you graduate?');
    i++;
  }
  return lines.join('\n');
}

export function benchTranscripts(runs = 30, throughputCount = 1000) {
  const round = roundInput(guideFor('cto').plan, 'deep-dive', library().competencies)!;
  const participants = { interviewers: [{ id: 'i1', name: 'Marta Lindqvist' }], candidate: { id: 'c1', name: 'Daniel Okafor' } };
  const run = (vtt: string) => {
    const parsed = parseTranscript(vtt, { fileName: 'interview.vtt' });
    const turns = toTurns(parsed.cues);
    const labels = [...new Set(turns.map((x) => x.speaker).filter((s): s is string => s !== null))];
    const mapping = mapSpeakers(labels, participants);
    return analyzeTranscript({ turns, mapping, round, candidateName: 'Daniel Okafor' });
  };
  const text = generateInterview();
  const words = text.split(/\s+/).length;
  const minutes = Math.round(parseTranscript(text).cues.at(-1)!.endMs / 60_000);
  for (let i = 0; i < 5; i++) run(text);
  const times: number[] = [];
  let flags = 0;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    flags = run(text).flags.length;
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const pct = (p: number) => Math.round(times[Math.min(times.length - 1, Math.floor((times.length * p) / 100))]! * 100) / 100;

  // Baseline on the same text: a plain tokenisation pass (lower-case, split into words).
  const baseStart = performance.now();
  let tokens = 0;
  for (let i = 0; i < runs; i++) tokens += text.toLowerCase().split(/[^\p{L}\p{N}']+/u).filter(Boolean).length;
  const baseMs = (performance.now() - baseStart) / runs;

  // Throughput and peak memory over many different transcripts (shorter, 15-minute ones).
  const heapBefore = process.memoryUsage().heapUsed;
  let peakRss = process.memoryUsage().rss;
  const inputs = Array.from({ length: 20 }, (_, v) => generateInterview(2200, v));
  const tStart = performance.now();
  for (let i = 0; i < throughputCount; i++) {
    run(inputs[i % inputs.length]!);
    if (i % 50 === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }
  const tSeconds = (performance.now() - tStart) / 1000;
  return {
    interview: { words, minutes, flags, runs, p50Ms: pct(50), p95Ms: pct(95), targetMedianMs: 50 },
    wordsPerSecond: Math.round(words / (pct(50) / 1000)),
    tokenisationBaseline: { msPerPass: Math.round(baseMs * 100) / 100, tokens: tokens / runs, analysisToTokenisationRatio: Math.round((pct(50) / baseMs) * 10) / 10 },
    throughput: { transcripts: throughputCount, wordsEach: 2200, perSecond: Math.round(throughputCount / tSeconds), seconds: Math.round(tSeconds * 10) / 10 },
    memory: { peakRssMiB: Math.round(peakRss / 2 ** 20), heapGrowthMiB: Math.round((process.memoryUsage().heapUsed - heapBefore) / 2 ** 20) },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(benchTranscripts(), null, 2));
}
