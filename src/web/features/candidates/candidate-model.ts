import { z } from 'zod';
import { isValidZone } from '../../../core/scheduling/time.ts';
import { type Candidate, candidateInputSchema, linkSchema } from '../../../modules/candidates/candidates.contract.ts';
import { interviewInputSchema } from '../../../modules/interviews/interviews.contract.ts';
import { ApiError } from '../../lib/api.ts';
import { wallTimeToIso } from '../interviews/interview-format.ts';

/** Pure pieces of the candidate page: the profile form, the résumé upload and the scheduling form. */

/** Splits the "Links" box into one link per non-blank line. */
export function splitLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}

/**
 * The profile form: the contract's candidate input, with the links typed one per line. A bad link
 * is reported on the "Links" field naming its line.
 */
export const profileFormSchema = candidateInputSchema.extend({
  links: z
    .string()
    .superRefine((text, ctx) => {
      const lines = splitLines(text);
      if (lines.length > 10) ctx.addIssue({ code: 'custom', message: `Give at most 10 links (there are ${lines.length})` });
      lines.forEach((line, i) => {
        const r = linkSchema.safeParse(line);
        if (!r.success) ctx.addIssue({ code: 'custom', message: `Line ${i + 1}: ${r.error.issues[0]?.message ?? 'not a link'}` });
      });
    })
    .transform(splitLines),
});
export type ProfileFormValues = z.input<typeof profileFormSchema>;
export const profileFields = ['name', 'email', 'phone', 'links', 'source', 'notes'] as const;

export function profileDefaults(c: Candidate): ProfileFormValues {
  return { name: c.name, email: c.email, phone: c.phone ?? '', links: c.links.join('\n'), source: c.source ?? '', notes: c.notes ?? '' };
}

/**
 * A copy of a failed call whose issue paths are renamed by `rename` (`links.2` → `links`), so they
 * land on the form's fields; issues renamed to the same field keep the first message.
 */
export function renameIssues(error: ApiError, rename: (path: string) => string): ApiError {
  const issues: Record<string, string> = {};
  for (const [path, message] of Object.entries(error.issues)) {
    const to = rename(path);
    if (!(to in issues)) issues[to] = message;
  }
  return new ApiError({ code: error.code, message: error.message, status: error.status, requestId: error.requestId, issues, details: error.details });
}

export const RESUME_MAX_BYTES = 5 * 1024 * 1024;
export const resumeAccept = '.pdf,.docx,.txt,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/plain';

/** The base64 payload of a `data:` URL as FileReader.readAsDataURL returns it. */
export function base64FromDataUrl(dataUrl: string): string {
  const comma = dataUrl.indexOf(',');
  return comma === -1 ? '' : dataUrl.slice(comma + 1);
}

/** Reads a file as base64 (FileReader, so large files do not block on string building). */
export function readFileAsBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(base64FromDataUrl(typeof reader.result === 'string' ? reader.result : ''));
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read'));
    reader.readAsDataURL(file);
  });
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${Math.round(n / 1024)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

/** The "Schedule interview" form as typed (datetime-local values are wall times in `timeZone`). */
export interface ScheduleValues {
  roundId: string;
  interviewerIds: string[];
  startsAt: string;
  endsAt: string;
  timeZone: string;
  location: string;
}
export type ScheduleField = keyof ScheduleValues;
export type ScheduleErrors = Partial<Record<ScheduleField, string>>;
export type InterviewInput = z.input<typeof interviewInputSchema>;

/** The field an issue path of the interview input belongs to (`interviewerIds.0` → `interviewerIds`). */
export function scheduleFieldOf(path: string): ScheduleField | null {
  const head = path.replace(/^body\./, '').split('.')[0] ?? '';
  return (['roundId', 'interviewerIds', 'startsAt', 'endsAt', 'timeZone', 'location'] as const).find((f) => f === head) ?? null;
}

/**
 * Checks the form and builds the contract's body: start and end are read in the chosen time zone
 * and sent as instants. Returns every problem by field, or the body.
 */
export function scheduleBody(v: ScheduleValues): { body: InterviewInput; errors?: undefined } | { body?: undefined; errors: ScheduleErrors } {
  const errors: ScheduleErrors = {};
  const timeZone = v.timeZone.trim();
  if (!v.roundId) errors.roundId = 'Choose a round';
  if (v.interviewerIds.length === 0) errors.interviewerIds = 'Choose at least one interviewer';
  else if (v.interviewerIds.length > 12) errors.interviewerIds = 'Choose at most 12 interviewers';
  const zoneOk = timeZone !== '' && isValidZone(timeZone);
  if (!zoneOk) errors.timeZone = timeZone ? 'Use an IANA time zone such as Europe/Berlin' : 'Enter a time zone';
  const startsAt = zoneOk ? wallTimeToIso(v.startsAt, timeZone) : null;
  const endsAt = zoneOk ? wallTimeToIso(v.endsAt, timeZone) : null;
  if (!v.startsAt) errors.startsAt = 'Enter the start date and time';
  else if (zoneOk && !startsAt) errors.startsAt = 'Enter a complete date and time';
  if (!v.endsAt) errors.endsAt = 'Enter the end date and time';
  else if (zoneOk && !endsAt) errors.endsAt = 'Enter a complete date and time';
  if (startsAt && endsAt && Date.parse(endsAt) <= Date.parse(startsAt)) errors.endsAt = 'The interview must end after it starts';
  if (v.location.length > 500) errors.location = 'Use at most 500 characters';
  if (Object.keys(errors).length || !startsAt || !endsAt) return { errors };

  const body: InterviewInput = { roundId: v.roundId, interviewerIds: v.interviewerIds, startsAt, endsAt, timeZone, location: v.location.trim() };
  const parsed = interviewInputSchema.safeParse(body);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = scheduleFieldOf(issue.path.map(String).join('.'));
      if (field && !errors[field]) errors[field] = issue.message;
    }
    return { errors: Object.keys(errors).length ? errors : { roundId: parsed.error.issues[0]?.message ?? 'Check the form' } };
  }
  return { body };
}

/** A `datetime-local` value `minutes` after another one (for filling "Ends" from "Starts"). */
export function addMinutesToWallTime(value: string, minutes: number): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) return '';
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  const t = new Date(Date.UTC(y, mo - 1, d, h, mi) + minutes * 60_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}T${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}`;
}
