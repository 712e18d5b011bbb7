import { describe, expect, it } from 'vitest';
import { formatHours, formatInterviewTime, isScheduler, wallTimeToIso } from './interview-format.ts';

describe('wallTimeToIso', () => {
  it('reads a datetime-local value in a zone, across DST', () => {
    expect(wallTimeToIso('2026-03-28T09:00', 'Europe/London')).toBe('2026-03-28T09:00:00.000Z');
    expect(wallTimeToIso('2026-03-30T09:00', 'Europe/London')).toBe('2026-03-30T08:00:00.000Z');
    expect(wallTimeToIso('2026-06-01T12:00', 'Asia/Kolkata')).toBe('2026-06-01T06:30:00.000Z');
  });
  it('refuses incomplete values and unknown zones', () => {
    expect(wallTimeToIso('2026-06-01', 'UTC')).toBeNull();
    expect(wallTimeToIso('2026-06-01T25:00', 'UTC')).toBeNull();
    expect(wallTimeToIso('2026-06-01T10:00', 'Nowhere/Special')).toBeNull();
  });
});

describe('formatInterviewTime', () => {
  it('shows the time in the interview zone, naming it', () => {
    const text = formatInterviewTime('2026-07-01T08:00:00.000Z', '2026-07-01T09:00:00.000Z', 'Europe/Berlin');
    expect(text).toMatch(/10:00/);
    expect(text).toMatch(/11:00/);
    expect(text.endsWith('(Europe/Berlin)')).toBe(true);
  });
  it('survives an unknown zone', () => {
    expect(formatInterviewTime('2026-07-01T08:00:00.000Z', '2026-07-01T09:00:00.000Z', 'Bad/Zone')).toMatch(/08:00|8:00/);
  });
});

describe('small helpers', () => {
  it('formats hours and knows the schedulers', () => {
    expect(formatHours(3.46)).toBe('3.5');
    expect(formatHours(52.4)).toBe('52');
    expect(isScheduler('recruiter')).toBe(true);
    expect(isScheduler('interviewer')).toBe(false);
    expect(isScheduler(undefined)).toBe(false);
  });
});
