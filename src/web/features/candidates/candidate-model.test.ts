import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/api.ts';
import {
  addMinutesToWallTime,
  base64FromDataUrl,
  formatBytes,
  profileFormSchema,
  renameIssues,
  scheduleBody,
  scheduleFieldOf,
  type ScheduleValues,
  splitLines,
} from './candidate-model.ts';

const valid: ScheduleValues = {
  roundId: 'deep-dive',
  interviewerIds: ['7f0c8c39-4a55-4f4e-9d4f-2f3c1d0a9b11'],
  startsAt: '2026-07-01T10:00',
  endsAt: '2026-07-01T11:15',
  timeZone: 'Europe/Berlin',
  location: '  Room 4  ',
};

describe('scheduleBody', () => {
  it('reads the wall times in the chosen zone and sends instants', () => {
    const r = scheduleBody(valid);
    expect(r.errors).toBeUndefined();
    // Berlin is UTC+2 in July.
    expect(r.body).toEqual({
      roundId: 'deep-dive',
      interviewerIds: valid.interviewerIds,
      startsAt: '2026-07-01T08:00:00.000Z',
      endsAt: '2026-07-01T09:15:00.000Z',
      timeZone: 'Europe/Berlin',
      location: 'Room 4',
    });
    const ny = scheduleBody({ ...valid, timeZone: 'America/New_York', startsAt: '2026-01-15T09:30', endsAt: '2026-01-15T10:30' });
    expect(ny.body?.startsAt).toBe('2026-01-15T14:30:00.000Z');
  });

  it('names every missing or wrong field', () => {
    const r = scheduleBody({ roundId: '', interviewerIds: [], startsAt: '', endsAt: '', timeZone: 'Mars/Olympus', location: '' });
    expect(r.body).toBeUndefined();
    expect(r.errors).toEqual({
      roundId: 'Choose a round',
      interviewerIds: 'Choose at least one interviewer',
      timeZone: 'Use an IANA time zone such as Europe/Berlin',
      startsAt: 'Enter the start date and time',
      endsAt: 'Enter the end date and time',
    });
  });

  it('refuses an end before the start', () => {
    expect(scheduleBody({ ...valid, endsAt: '2026-07-01T09:00' }).errors).toEqual({ endsAt: 'The interview must end after it starts' });
  });

  it('reports what the contract schema rejects on its field', () => {
    expect(scheduleBody({ ...valid, interviewerIds: ['not-a-uuid'] }).errors?.interviewerIds).toBeTruthy();
  });
});

describe('scheduleFieldOf', () => {
  it('maps issue paths to the form fields', () => {
    expect(scheduleFieldOf('interviewerIds.0')).toBe('interviewerIds');
    expect(scheduleFieldOf('body.startsAt')).toBe('startsAt');
    expect(scheduleFieldOf('roundId')).toBe('roundId');
    expect(scheduleFieldOf('applicationId')).toBeNull();
  });
});

describe('addMinutesToWallTime', () => {
  it('adds across midnight and month ends', () => {
    expect(addMinutesToWallTime('2026-07-01T10:00', 60)).toBe('2026-07-01T11:00');
    expect(addMinutesToWallTime('2026-01-31T23:30', 60)).toBe('2026-02-01T00:30');
    expect(addMinutesToWallTime('', 60)).toBe('');
  });
});

describe('profile form', () => {
  it('turns the links box into the contract array and blank optional fields into null', () => {
    const r = profileFormSchema.safeParse({ name: ' Ada ', email: 'ADA@Example.com', phone: '', links: 'https://a.example\n\n  https://b.example/x  ', source: '', notes: '' });
    expect(r.success).toBe(true);
    expect(r.data).toEqual({ name: 'Ada', email: 'ada@example.com', phone: null, links: ['https://a.example', 'https://b.example/x'], source: null, notes: null });
  });

  it('names the line of a bad link', () => {
    const r = profileFormSchema.safeParse({ name: 'Ada', email: 'ada@example.com', links: 'https://ok.example\nftp://nope.example' });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['links', 'Line 2: Use an http(s) link']]);
  });

  it('splits lines and drops blanks', () => {
    expect(splitLines(' a \r\n\r\nb\n')).toEqual(['a', 'b']);
  });
});

describe('renameIssues', () => {
  it('moves item issues onto their field, keeping the first message', () => {
    const e = new ApiError({ code: 'invalid', status: 400, message: 'Invalid body', issues: { 'links.1': 'Use an http(s) link', 'links.3': 'Too long', email: 'Taken' } });
    const renamed = renameIssues(e, (p) => (p.startsWith('links.') ? 'links' : p));
    expect(renamed.issues).toEqual({ links: 'Use an http(s) link', email: 'Taken' });
    expect(renamed.message).toBe('Invalid body');
    expect(renamed.status).toBe(400);
  });
});

describe('résumé helpers', () => {
  it('takes the payload of a data URL', () => {
    expect(base64FromDataUrl('data:application/pdf;base64,JVBERi0=')).toBe('JVBERi0=');
    expect(base64FromDataUrl('nonsense')).toBe('');
  });
  it('formats sizes', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(2048)).toBe('2 KB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5.0 MB');
  });
});
