/**
 * Cues → turns: who spoke when, one entry per stretch of one speaker. Pure. See docs/transcripts.md
 * "Parsing" (Turns).
 */
import type { Cue, Turn } from './types.ts';

/** Two cues of one speaker are one turn when the second starts less than this after the turn ends. */
export const TURN_MERGE_GAP_MS = 3000;

interface Building {
  speaker: string | null;
  startMs: number;
  endMs: number;
  parts: string[];
  interrupts: boolean;
}

/**
 * Sorts the cues by start (stable: equal starts keep file order) and merges them into turns:
 * - a cue by the turn's speaker that starts less than 3 s after the turn's end (or overlaps it) joins it;
 * - a cue without a speaker (null) always joins the turn before it (it opens a turn only at the top);
 * - any other cue opens a new turn, which `interrupts` when it starts before the previous turn ends.
 * Texts are joined with a space; a turn ends at the latest end of its cues.
 */
export function toTurns(cues: readonly Cue[]): Turn[] {
  const sorted = [...cues].sort((a, b) => a.startMs - b.startMs); // Array.prototype.sort is stable
  const built: Building[] = [];
  let current: Building | undefined;
  for (const cue of sorted) {
    const joins =
      current !== undefined &&
      (cue.speaker === null || (cue.speaker === current.speaker && cue.startMs - current.endMs < TURN_MERGE_GAP_MS));
    if (current !== undefined && joins) {
      if (cue.text !== '') current.parts.push(cue.text);
      current.endMs = Math.max(current.endMs, cue.endMs);
      continue;
    }
    const interrupts = current !== undefined && cue.speaker !== current.speaker && cue.startMs < current.endMs;
    current = { speaker: cue.speaker, startMs: cue.startMs, endMs: cue.endMs, parts: cue.text === '' ? [] : [cue.text], interrupts };
    built.push(current);
  }
  return built.map((t, index) => ({ index, speaker: t.speaker, startMs: t.startMs, endMs: t.endMs, text: t.parts.join(' '), interrupts: t.interrupts }));
}
