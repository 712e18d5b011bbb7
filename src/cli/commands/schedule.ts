import fs from 'node:fs';
import type { Command } from 'commander';
import { z } from 'zod';
import { type LoopRequest, type SearchResult, findSchedules } from '../../core/scheduling/search.ts';
import { isValidZone, localDate, weekdayOf, zoneOffsetMinutes } from '../../core/scheduling/time.ts';
import { AppError, issuesFromZod } from '../../shared/errors.ts';
import { interviewIcs } from '../../modules/scheduling/scheduling.service.ts';
import { asMember, withDatabase } from '../context.ts';
import { output, readJsonFile, usageError } from '../io.ts';

/** An instant with its offset: 2026-03-09T09:00-04:00, 2026-03-09T13:00:00Z (seconds and fractions optional). */
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function parseInstant(s: string): number | null {
  const m = INSTANT.exec(s);
  if (!m) return null;
  const [y, mo, d, h, mi, sec] = m.slice(1, 7).map((x) => Number(x ?? 0)) as number[];
  const check = new Date(Date.UTC(y!, mo! - 1, d!));
  if (check.getUTCMonth() !== mo! - 1 || check.getUTCDate() !== d || h! > 23 || mi! > 59 || sec! > 59) return null;
  const ms = Date.parse(s);
  return Number.isNaN(ms) ? null : ms;
}

const instant = z.string().refine((s) => parseInstant(s) !== null, 'an ISO 8601 date-time with an offset, e.g. 2026-03-09T09:00-04:00 or 2026-03-09T13:00Z');
const interval = z
  .strictObject({ start: instant, end: instant })
  .refine(
    (i) => {
      const [start, end] = [parseInstant(i.start), parseInstant(i.end)];
      return start === null || end === null || end > start;
    },
    { message: 'end must be after start', path: ['end'] },
  );
const zone = z.string().refine(isValidZone, 'an IANA time zone, e.g. America/New_York');
const id = z.string().min(1).max(200);
const count = z.number().int().min(0);
const minuteOfDay = z.number().int().min(0).max(1440);
const span = z.tuple([minuteOfDay, minuteOfDay]).refine(([from, to]) => to > from, 'a span [from, to] in local minutes must end after it starts');
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');
const isoWeek = z.string().regex(/^\d{4}-W\d{2}$/, 'an ISO week, e.g. 2026-W10');
const pool = z.strictObject({ name: z.string().min(1), members: z.array(id).min(1), count: z.number().int().min(1) });

const interviewer = z.strictObject({
  id,
  zone,
  workingHours: z.partialRecord(z.enum(['1', '2', '3', '4', '5', '6', '7']), z.array(span)),
  busy: z.array(interval).default([]),
  maxPerDay: count.optional(),
  existingPerDay: z.record(date, count).optional(),
  maxPerWeek: count.optional(),
  existingPerWeek: z.record(isoWeek, count).optional(),
});

const round = z.strictObject({
  id,
  name: z.string().min(1),
  minutes: z.number().int().min(1).max(24 * 60),
  interviewers: z.array(id).default([]),
  pool: pool.optional(),
  pools: z.array(pool).optional(),
  shadows: z.strictObject({ members: z.array(id), count }).optional(),
  after: z.array(id).optional(),
});

/** The request file: a LoopRequest with ISO 8601 times (docs/scheduling.md). */
export const scheduleRequestSchema = z
  .strictObject({
    rounds: z.array(round).min(1).max(30),
    interviewers: z.array(interviewer).min(1),
    candidate: z.strictObject({ zone, windows: z.array(interval) }),
    horizon: z.strictObject({ start: date.refine((d) => parseInstant(`${d}T00:00Z`) !== null, 'a real calendar date'), days: z.number().int().min(1).max(92) }),
    sameDay: z.boolean().optional(),
    maxDays: z.number().int().min(1).optional(),
    order: z.enum(['fixed', 'any']).optional(),
    minGapMinutes: count.optional(),
    maxGapMinutes: count.optional(),
    stepMinutes: z.number().int().min(1).max(24 * 60).optional(),
    limit: z.number().int().min(1).max(100).optional(),
  })
  .superRefine((req, ctx) => {
    const people = new Set<string>();
    req.interviewers.forEach((i, n) => {
      if (people.has(i.id)) ctx.addIssue({ code: 'custom', path: ['interviewers', n, 'id'], message: `duplicate interviewer id "${i.id}"` });
      people.add(i.id);
    });
    const rounds = new Set<string>();
    req.rounds.forEach((r, n) => {
      if (rounds.has(r.id)) ctx.addIssue({ code: 'custom', path: ['rounds', n, 'id'], message: `duplicate round id "${r.id}"` });
      rounds.add(r.id);
    });
    const known = (ids: string[], path: (string | number)[]) =>
      ids.forEach((x, j) => {
        if (!people.has(x)) ctx.addIssue({ code: 'custom', path: [...path, j], message: `unknown interviewer "${x}"` });
      });
    req.rounds.forEach((r, n) => {
      known(r.interviewers, ['rounds', n, 'interviewers']);
      if (r.pool) known(r.pool.members, ['rounds', n, 'pool', 'members']);
      r.pools?.forEach((p, k) => known(p.members, ['rounds', n, 'pools', k, 'members']));
      if (r.shadows) known(r.shadows.members, ['rounds', n, 'shadows', 'members']);
      r.after?.forEach((a, j) => {
        if (!rounds.has(a)) ctx.addIssue({ code: 'custom', path: ['rounds', n, 'after', j], message: `unknown round "${a}"` });
      });
    });
  });
export type ScheduleRequestFile = z.input<typeof scheduleRequestSchema>;

/** Validates a request file and converts its ISO times to epoch milliseconds; AppError `invalid` (exit 2) names every bad field. */
export function parseScheduleRequest(raw: unknown): LoopRequest {
  const r = scheduleRequestSchema.safeParse(raw);
  if (!r.success) throw AppError.invalid('Invalid scheduling request', issuesFromZod(r.error));
  const req = r.data;
  const ms = (i: { start: string; end: string }) => ({ start: parseInstant(i.start)!, end: parseInstant(i.end)! });
  return {
    ...req,
    interviewers: req.interviewers.map((i) => ({ ...i, workingHours: i.workingHours as LoopRequest['interviewers'][number]['workingHours'], busy: i.busy.map(ms) })),
    candidate: { zone: req.candidate.zone, windows: req.candidate.windows.map(ms) },
  };
}

/** An instant as ISO 8601 in `zone`'s offset: 2026-03-09T09:00:00-04:00 (Z in UTC). */
export function isoInZone(instant: number, zone: string): string {
  const off = zoneOffsetMinutes(zone, instant);
  const local = new Date(instant + off * 60_000).toISOString().slice(0, 19);
  if (off === 0) return `${local}Z`;
  const abs = Math.abs(off);
  return `${local}${off < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** The search result as a document: times as ISO strings in the candidate's zone, round names alongside ids. */
export function scheduleDocument(req: LoopRequest, res: SearchResult) {
  const zone = req.candidate.zone;
  const names = new Map(req.rounds.map((r) => [r.id, r.name]));
  return {
    candidateZone: zone,
    schedules: res.schedules.map((s, i) => ({
      rank: i + 1,
      score: s.score,
      days: s.days,
      gapMinutes: s.gapMinutes,
      rounds: s.rounds.map((r) => ({ roundId: r.roundId, name: names.get(r.roundId)!, start: isoInZone(r.start, zone), end: isoInZone(r.end, zone), interviewers: r.interviewers, shadows: r.shadows })),
    })),
    explanation: res.explanation,
    ...(res.truncated ? { truncated: true } : {}),
  };
}

function scheduleText(req: LoopRequest, res: SearchResult): string {
  const zone = req.candidate.zone;
  if (res.schedules.length === 0) return ['No schedule fits:', ...res.explanation.map((e) => `  - ${e}`)].join('\n');
  const names = new Map(req.rounds.map((r) => [r.id, r.name]));
  const width = Math.max(...req.rounds.map((r) => r.name.length));
  const hhmm = (t: number) => isoInZone(t, zone).slice(11, 16);
  const lines = [`${res.schedules.length} schedule${res.schedules.length === 1 ? '' : 's'}, best first (times in ${zone}):`];
  for (const [i, s] of res.schedules.entries()) {
    lines.push('', `#${i + 1}  score ${s.score} · ${s.days} day${s.days === 1 ? '' : 's'} · gaps ${s.gapMinutes} min`);
    for (const r of s.rounds) {
      const day = localDate(zone, r.start);
      const who = r.interviewers.join(', ') + (r.shadows.length ? ` (shadows: ${r.shadows.join(', ')})` : '');
      lines.push(`  ${WEEKDAYS[weekdayOf(day) - 1]} ${day} ${hhmm(r.start)}–${hhmm(r.end)}  ${names.get(r.roundId)!.padEnd(width)}  ${who}`);
    }
  }
  if (res.truncated) lines.push('', 'The search stopped at its work budget; more schedules may exist.');
  return lines.join('\n');
}

/** Offline: `rubric schedule find --input request.json`. */
export function registerScheduleCommands(program: Command): void {
  const schedule = program.command('schedule').description('Interview loop scheduling: `find` is offline, `ics` reads the database');
  schedule
    .command('find')
    .description('Rank schedules for an interview loop from a request file (docs/scheduling.md); an impossible request exits 0 with the reasons')
    .requiredOption('--input <file>', 'JSON request file (or - for standard input)')
    .option('--format <format>', 'json or text', 'text')
    .action((opts: { input: string; format: string }) => {
      if (opts.format !== 'json' && opts.format !== 'text') throw usageError('--format must be json or text');
      const req = parseScheduleRequest(readJsonFile(opts.input));
      const res = findSchedules(req);
      output(opts.format, scheduleDocument(req, res), () => scheduleText(req, res));
    });
  schedule
    .command('ics')
    .description("Print an interview as an iCalendar file (its current UID and SEQUENCE); a data command")
    .requiredOption('--interview <id>', 'interview id')
    .requiredOption('--org <slug>', 'organization slug')
    .requiredOption('--as <email>', 'act as this member')
    .option('--out <file>', 'write to a file instead of standard output')
    .action(async (opts: { interview: string; org: string; as: string; out?: string }) => {
      if (!z.uuid().safeParse(opts.interview).success) throw usageError('--interview must be an interview id (a UUID)');
      const file = await withDatabase(async (ctx) => interviewIcs(await asMember(ctx, opts.org, opts.as), opts.interview));
      if (opts.out) fs.writeFileSync(opts.out, file.body);
      else process.stdout.write(file.body);
    });
}
