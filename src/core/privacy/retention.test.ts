import { describe, expect, it } from 'vitest';
import { addMonthsUtc, classifyRetention, dueFor, policyCovers, type RetentionRule, retentionSchedule } from './retention.ts';

const d = (iso: string) => new Date(iso);
const rejected = (iso: string) => ({ status: 'rejected' as const, decidedAt: d(iso) });
const hired = (iso: string) => ({ status: 'hired' as const, decidedAt: d(iso) });
const rule = (id: string, appliesTo: RetentionRule['appliesTo'], afterMonths: number, action: RetentionRule['action'] = 'erase'): RetentionRule => ({ id, appliesTo, afterMonths, action });

describe('addMonthsUtc', () => {
  it('adds calendar months in UTC, keeping the time of day', () => {
    expect(addMonthsUtc(d('2025-03-15T10:30:00Z'), 12).toISOString()).toBe('2026-03-15T10:30:00.000Z');
    expect(addMonthsUtc(d('2025-11-20T00:00:00Z'), 3).toISOString()).toBe('2026-02-20T00:00:00.000Z');
    expect(addMonthsUtc(d('2025-05-05T08:00:00Z'), 0).toISOString()).toBe('2025-05-05T08:00:00.000Z');
  });

  it('clamps the day to the end of a shorter month, leap years included', () => {
    expect(addMonthsUtc(d('2025-01-31T12:00:00Z'), 1).toISOString()).toBe('2025-02-28T12:00:00.000Z');
    expect(addMonthsUtc(d('2024-01-31T12:00:00Z'), 1).toISOString()).toBe('2024-02-29T12:00:00.000Z');
    expect(addMonthsUtc(d('2025-08-31T00:00:00Z'), 1).toISOString()).toBe('2025-09-30T00:00:00.000Z');
    expect(addMonthsUtc(d('2023-02-28T00:00:00Z'), 12).toISOString()).toBe('2024-02-28T00:00:00.000Z');
    expect(addMonthsUtc(d('2024-02-29T00:00:00Z'), 12).toISOString()).toBe('2025-02-28T00:00:00.000Z');
  });
});

describe('retention rules', () => {
  it('covers closed statuses only, any_closed both of them', () => {
    expect([policyCovers('rejected', 'rejected'), policyCovers('rejected', 'hired'), policyCovers('hired', 'hired')]).toEqual([true, false, true]);
    expect([policyCovers('any_closed', 'rejected'), policyCovers('any_closed', 'hired'), policyCovers('any_closed', 'active')]).toEqual([true, true, false]);
  });

  it('takes the latest date when policies overlap: rejected 6 months + any closed 12 months → 12 months', () => {
    const rules = [rule('p6', 'rejected', 6), rule('p12', 'any_closed', 12)];
    const due = dueFor({ applications: [rejected('2025-01-10T09:00:00Z')], interviewDataPurgedAt: null }, rules, 'erase');
    expect(due).toEqual({ action: 'erase', dueAt: d('2026-01-10T09:00:00Z'), policyIds: ['p12'] });
  });

  it('takes the latest over every application and names every policy reaching that date', () => {
    const rules = [rule('b', 'rejected', 6), rule('a', 'any_closed', 6)];
    const subject = { applications: [rejected('2025-01-10T09:00:00Z'), rejected('2025-04-02T09:00:00Z')], interviewDataPurgedAt: null };
    expect(dueFor(subject, rules, 'erase')).toEqual({ action: 'erase', dueAt: d('2025-10-02T09:00:00Z'), policyIds: ['a', 'b'] });
  });

  it('applies an action only when every application is covered: rejected-only erase never erases someone also hired', () => {
    const rules = [rule('rej', 'rejected', 12)];
    const subject = { applications: [rejected('2024-01-01T00:00:00Z'), hired('2024-02-01T00:00:00Z')], interviewDataPurgedAt: null };
    expect(dueFor(subject, rules, 'erase')).toBeNull();
    expect(classifyRetention({ ...subject, legalHold: false }, rules, d('2030-01-01T00:00:00Z'))).toEqual({ due: [], held: [], upcoming: [] });
    // Covering the hired application too makes it apply, at the later of the two dates.
    const both = [...rules, rule('hir', 'hired', 24)];
    expect(dueFor(subject, both, 'erase')).toEqual({ action: 'erase', dueAt: d('2026-02-01T00:00:00Z'), policyIds: ['hir'] });
  });

  it('schedules nothing while any application is active, nor without applications or a decision time', () => {
    const rules = [rule('any', 'any_closed', 1), rule('pur', 'any_closed', 1, 'purge_interview_data')];
    const withActive = { applications: [rejected('2020-01-01T00:00:00Z'), { status: 'active' as const, decidedAt: null }], interviewDataPurgedAt: null };
    expect(retentionSchedule(withActive, rules)).toEqual([]);
    expect(retentionSchedule({ applications: [], interviewDataPurgedAt: null }, rules)).toEqual([]);
    expect(retentionSchedule({ applications: [{ status: 'rejected', decidedAt: null }], interviewDataPurgedAt: null }, rules)).toEqual([]);
  });

  it('lets erase win over purge when both are due, and keeps an earlier purge until the erasure is due', () => {
    const rules = [rule('er', 'any_closed', 24), rule('pu', 'any_closed', 6, 'purge_interview_data')];
    const subject = { applications: [rejected('2024-01-15T00:00:00Z')], interviewDataPurgedAt: null, legalHold: false };
    expect(retentionSchedule(subject, rules).map((s) => [s.action, s.dueAt.toISOString()])).toEqual([
      ['purge_interview_data', '2024-07-15T00:00:00.000Z'],
      ['erase', '2026-01-15T00:00:00.000Z'],
    ]);
    // Between the two dates only the purge is due; the erasure is upcoming within 90 days.
    const mid = classifyRetention(subject, rules, d('2025-11-01T00:00:00Z'));
    expect(mid.due.map((s) => s.action)).toEqual(['purge_interview_data']);
    expect(mid.upcoming.map((s) => s.action)).toEqual(['erase']);
    // Once both are due (purge never ran), erase alone.
    const late = classifyRetention(subject, rules, d('2026-02-01T00:00:00Z'));
    expect(late.due.map((s) => s.action)).toEqual(['erase']);
    // A purge due no earlier than the erasure is dropped from the schedule altogether.
    expect(retentionSchedule(subject, [rule('er', 'any_closed', 6), rule('pu', 'any_closed', 6, 'purge_interview_data')]).map((s) => s.action)).toEqual(['erase']);
    // A purge already done is not due again.
    const purged = classifyRetention({ ...subject, interviewDataPurgedAt: d('2024-08-01T00:00:00Z') }, rules, d('2025-11-01T00:00:00Z'));
    expect(purged).toEqual({ due: [], held: [], upcoming: [{ action: 'erase', dueAt: d('2026-01-15T00:00:00Z'), policyIds: ['er'] }] });
  });

  it('reports due items under a legal hold as held, with nothing due or upcoming', () => {
    const rules = [rule('er', 'rejected', 12)];
    const subject = { applications: [rejected('2024-01-15T00:00:00Z')], interviewDataPurgedAt: null };
    const free = classifyRetention({ ...subject, legalHold: false }, rules, d('2025-03-01T00:00:00Z'));
    expect(free.due).toEqual([{ action: 'erase', dueAt: d('2025-01-15T00:00:00Z'), policyIds: ['er'] }]);
    const held = classifyRetention({ ...subject, legalHold: true }, rules, d('2025-03-01T00:00:00Z'));
    expect(held).toEqual({ due: [], held: free.due, upcoming: [] });
  });

  it('lists upcoming items within 90 days only, and a date exactly at asOf as due', () => {
    const rules = [rule('er', 'rejected', 12)];
    const subject = { applications: [rejected('2025-06-01T00:00:00Z')], interviewDataPurgedAt: null, legalHold: false };
    expect(classifyRetention(subject, rules, d('2026-03-04T00:00:00Z')).upcoming).toHaveLength(1); // 89 days ahead
    expect(classifyRetention(subject, rules, d('2026-03-02T00:00:00Z')).upcoming).toEqual([]); // 91 days ahead
    expect(classifyRetention(subject, rules, d('2026-06-01T00:00:00Z')).due).toHaveLength(1);
  });
});
