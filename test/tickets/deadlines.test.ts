import { beforeAll, describe, expect, it } from 'vitest';
import { createWorkingCalendar, type WorkingCalendar } from '../../src/tickets/calendar.js';
import {
  DEFAULT_DEADLINE_RULES,
  createDeadlinePolicy,
  deadlineState,
  type DeadlinePolicy,
} from '../../src/tickets/deadlines.js';
import { loadRealCalendar, vn } from './deadlines-helpers.js';

let cal: WorkingCalendar;
let policy: DeadlinePolicy;
beforeAll(async () => {
  cal = createWorkingCalendar({ calendar: await loadRealCalendar() });
  policy = createDeadlinePolicy({ calendar: cal });
});

describe('deadline rules', () => {
  it('defaults: phản ánh and kiến nghị 10 working days, questions 2', () => {
    expect(DEFAULT_DEADLINE_RULES.complaint.workingDays).toBe(10);
    expect(DEFAULT_DEADLINE_RULES.petition.workingDays).toBe(10);
    expect(DEFAULT_DEADLINE_RULES.question.workingDays).toBe(2);
  });

  it('computes dueAt per type from the receipt time', () => {
    const r = policy.dueAt('complaint', vn('2026-02-13 10:00'));
    expect(r).toEqual({ ok: true, dueAt: vn('2026-03-06 17:00'), workingDays: 10, receiptDay: '2026-02-13' });
    const q = policy.dueAt('question', '2026-03-09T17:30:00+07:00');
    expect(q.ok && q.dueAt).toEqual(vn('2026-03-12 17:00'));
    expect(q.ok && q.receiptDay).toBe('2026-03-10');
  });

  it('unknown types are a value, not an exception', () => {
    expect(policy.dueAt('small_talk', vn('2026-03-09 10:00'))).toEqual({ ok: false, reason: 'unknown_type', type: 'small_talk' });
  });

  it('rules can be overridden per deployment', () => {
    const p = createDeadlinePolicy({ calendar: cal, rules: { complaint: 15, question: { workingDays: 1 } } });
    expect(p.rules.complaint).toEqual({ workingDays: 15, basis: 'Configured' });
    expect(p.rules.petition.workingDays).toBe(10);
    const q = p.dueAt('question', vn('2026-03-09 10:00'));
    expect(q.ok && q.dueAt).toEqual(vn('2026-03-10 17:00'));
    expect(() => createDeadlinePolicy({ calendar: cal, rules: { petition: 0 } })).toThrow(RangeError);
  });

  it('measures response time in working hours', () => {
    expect(policy.responseWorkingHours(vn('2026-03-06 15:00'), vn('2026-03-09 09:00'))).toBe(3.5);
  });
});

describe('deadlineState', () => {
  const dueAt = vn('2026-03-11 17:00'); // Wednesday

  it('open tickets: on_track → due_soon → overdue', () => {
    expect(policy.state({ dueAt }, vn('2026-03-09 10:00'))).toBe('on_track'); // 26 h left
    expect(policy.state({ dueAt }, vn('2026-03-10 16:00'))).toBe('on_track'); // 10.5 h
    expect(policy.state({ dueAt }, vn('2026-03-11 08:30'))).toBe('on_track'); // 8.5 h
    expect(policy.state({ dueAt }, vn('2026-03-11 09:00'))).toBe('due_soon'); // 8 h
    expect(policy.state({ dueAt }, vn('2026-03-11 17:00'))).toBe('due_soon'); // at the deadline
    expect(policy.state({ dueAt }, vn('2026-03-11 17:01'))).toBe('overdue');
  });

  it('due_soon counts working hours, not wall-clock hours', () => {
    // 68 clock hours but only 5.5 working hours (Fri 16–17, Mon 7:30–12) remain.
    const ticket = { dueAt: vn('2026-03-09 12:00') };
    expect(policy.state(ticket, vn('2026-03-06 16:00'))).toBe('due_soon');
    // 08:00 → 17:00 on the same working day is 9 working hours: more than the 8-hour window.
    expect(policy.state({ dueAt: vn('2026-03-10 17:00') }, vn('2026-03-10 08:00'))).toBe('on_track');
  });

  it('answered or closed tickets: met or missed', () => {
    expect(policy.state({ dueAt, answeredAt: vn('2026-03-11 16:00') }, vn('2026-03-20 10:00'))).toBe('met');
    expect(policy.state({ dueAt, answeredAt: vn('2026-03-12 09:00') }, vn('2026-03-20 10:00'))).toBe('missed');
    expect(policy.state({ dueAt, closedAt: '2026-03-10T10:00:00+07:00' }, vn('2026-03-20 10:00'))).toBe('met');
    // The earlier of answer and closure decides.
    expect(
      policy.state({ dueAt, answeredAt: vn('2026-03-13 09:00'), closedAt: vn('2026-03-11 10:00') }, vn('2026-03-20 10:00')),
    ).toBe('met');
    expect(policy.state({ dueAt, answeredAt: null, closedAt: null }, vn('2026-03-12 10:00'))).toBe('overdue');
  });

  it('standalone deadlineState honours a custom due-soon window', () => {
    const ticket = { dueAt: dueAt.toISOString() };
    expect(deadlineState(ticket, vn('2026-03-10 16:00'), { calendar: cal })).toBe('on_track');
    expect(deadlineState(ticket, vn('2026-03-10 16:00'), { calendar: cal, dueSoonWorkingHours: 16 })).toBe('due_soon');
  });
});
