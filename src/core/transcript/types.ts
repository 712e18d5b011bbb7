/**
 * Types of interview intelligence (issue 8): parsed transcripts, turns and the analysis. Times are
 * milliseconds from the start of the recording; offsets in `text` fields are UTF-16 code units.
 */

export const transcriptFormats = ['vtt', 'srt', 'text', 'json'] as const;
export type TranscriptFormat = (typeof transcriptFormats)[number];

/** One cue as the file has it (DECISIONS 25: file order, not merged). */
export interface Cue {
  startMs: number;
  endMs: number;
  /** From a voice tag, a `Name: ` prefix (removed from text) or the JSON field; null when unknown. */
  speaker: string | null;
  /** Plain text: tags and entities removed, whitespace collapsed. */
  text: string;
}

export interface ParseWarning {
  /** 1-based line of the input (for JSON: the 1-based segment index). */
  line: number;
  message: string;
}

export interface ParsedTranscript {
  format: TranscriptFormat;
  cues: Cue[];
  warnings: ParseWarning[];
}

/** Consecutive cues of one speaker merged. */
export interface Turn {
  index: number;
  speaker: string | null;
  startMs: number;
  endMs: number;
  text: string;
  /** True when this turn started before the previous speaker's turn ended (talking over them). */
  interrupts: boolean;
}

export type ParticipantRole = 'interviewer' | 'candidate' | 'other';

/** speaker label in the file → who it is. */
export interface SpeakerMapping {
  speaker: string;
  role: ParticipantRole;
  /** The participant's id (user id for interviewers, candidate id) when known. */
  participantId: string | null;
  /** The participant's display name when mapped. */
  name: string | null;
  /** How the mapping was made. */
  source: 'name' | 'behaviour' | 'user';
}
