// computeReport on a seeded SQLite store: every figure the seed implies (report-fixtures.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkingCalendar, type WorkingCalendar } from '../../src/tickets/calendar.js';
import { createSqliteStore, type Ticket, type TicketStore } from '../../src/tickets/index.js';
import { answerInstant, computeReport, median, periodBounds } from '../../src/tickets/report.js';
import { buildReport, loadReportData, parseReportQuery } from '../../src/tickets/report-load.js';
import type { ReportGroupRow, TicketReport } from '../../src/tickets/report-types.js';
import { loadRealCalendar } from './deadlines-helpers.js';
import { EXPECTED, PERIOD, seedReportStore, vn } from './report-fixtures.js';

const NOW = new Date('2026-11-28T06:00:00Z');
const NAMES = { 'so-tu-phap': 'Sở Tư pháp tỉnh Đồng Tháp', 'so-noi-vu': 'Sở Nội vụ tỉnh Đồng Tháp' };

let dir: string;
let store: TicketStore;
let calendar: WorkingCalendar;
let seeded: Record<string, Ticket>;
let report: TicketReport;

const pick = (rows: ReportGroupRow[], key: string) => {
  const row = rows.find((r) => r.key === key);
  if (!row) throw new Error(`no row ${key}`);
  const { key: _k, label: _l, ...figures } = row;
  return figures;
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'troly-report-'));
  store = createSqliteStore({ path: join(dir, 'report.sqlite') });
  await store.migrate();
  seeded = await seedReportStore(store);
  calendar = createWorkingCalendar({ calendar: await loadRealCalendar() });
  report = await buildReport(store, { period: PERIOD, now: NOW, calendar, agencyNames: NAMES });
});

afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('computeReport on the seeded store', () => {
  it('states the period in local time and the reference instant', () => {
    expect(report.period).toEqual({ ...PERIOD, startsAt: '2025-12-31T17:00:00.000Z', endsAt: '2026-03-31T17:00:00.000Z' });
    expect(report.asOf).toBe('2026-03-31T17:00:00.000Z');
    expect(report.generatedAt).toBe(NOW.toISOString());
    expect(report.agency).toBeUndefined();
  });

  it('totals: received, answered, on time, late, open, overdue, working-hour medians', () => {
    expect(report.totals).toEqual(EXPECTED.totals);
  });

  it('by type (always the three types in order)', () => {
    expect(report.byType.map((r) => [r.key, r.label])).toEqual([
      ['question', 'hỏi thông tin'],
      ['complaint', 'phản ánh'],
      ['petition', 'kiến nghị'],
    ]);
    for (const [type, figures] of Object.entries(EXPECTED.byType)) expect(pick(report.byType, type), type).toEqual(figures);
  });

  it('by channel, most received first', () => {
    expect(report.byChannel.map((r) => r.key)).toEqual(EXPECTED.channelOrder);
    for (const [ch, figures] of Object.entries(EXPECTED.byChannel)) expect(pick(report.byChannel, ch), ch).toEqual(figures);
  });

  it('by agency, with names from the directory and the id when unknown', () => {
    expect(report.byAgency.map((r) => r.key)).toEqual(EXPECTED.agencyOrder);
    expect(report.byAgency.map((r) => r.label)).toEqual(['Sở Tư pháp tỉnh Đồng Tháp', 'Sở Nội vụ tỉnh Đồng Tháp', 'so-xay-dung']);
    for (const [a, figures] of Object.entries(EXPECTED.byAgency)) expect(pick(report.byAgency, a), a).toEqual(figures);
  });

  it('satisfaction counts ratings of tickets answered in the period only', () => {
    expect(report.satisfaction).toEqual(EXPECTED.satisfaction);
  });

  it('bot figures from the conversation log', () => {
    expect(report.bot).toEqual(EXPECTED.bot);
  });

  it('an agency report keeps that agency only and leaves the line-wide bot figures out', async () => {
    const r = await buildReport(store, { period: PERIOD, agencyId: 'so-xay-dung', now: NOW, calendar });
    expect(r.agency).toEqual({ id: 'so-xay-dung', name: 'so-xay-dung' });
    expect(r.totals).toEqual(EXPECTED.byAgency['so-xay-dung']);
    expect(r.byAgency.map((g) => g.key)).toEqual(['so-xay-dung']);
    // D (rated 4) is answered in the period; G's rating falls after it.
    expect(r.satisfaction).toMatchObject({ count: 1, average: 4 });
    expect(r.bot).toBeNull();
  });

  it('open and overdue are counted at `now` when the period has not ended', async () => {
    // On 20/03 at noon: E (due 27/03) is open but not overdue yet; G and F do not exist yet.
    const now = new Date(vn('2026-03-20 12:00'));
    const r = await buildReport(store, { period: PERIOD, now, calendar });
    expect(r.asOf).toBe(now.toISOString());
    expect(r.totals.openAtEnd).toBe(1);
    expect(r.totals.openOverdue).toBe(0);
    // A day with no event at all gives zeros and nulls, not NaN.
    const quiet = await buildReport(store, { period: { from: '2026-03-01', to: '2026-03-01' }, now: NOW, calendar });
    expect(quiet.totals).toMatchObject({ received: 0, answered: 0, onTimeRate: null, medianResolutionHours: null });
  });

  it('loads every ticket received before the period end across pages', async () => {
    const data = await loadReportData(store, PERIOD, undefined, 3);
    expect(data.tickets.map((t) => t.code).sort()).toEqual(
      ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'I', 'J', 'K'].map((k) => seeded[k]!.code).sort(),
    );
    expect(data.conversationLog).toHaveLength(14);
    // The pure function gives the same answer as buildReport.
    expect(computeReport({ ...data, period: PERIOD, now: NOW, calendar, agencyNames: NAMES })).toEqual(report);
  });
});

describe('report helpers', () => {
  it('median of odd and even counts, null when empty', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([28.5, 2, 3, 10.5, 9.5, 3])).toBe(6.25);
    expect(median([])).toBeNull();
  });

  it('periodBounds uses Vietnamese midnight', () => {
    const b = periodBounds({ from: '2026-02-01', to: '2026-02-28' });
    expect(b.start.toISOString()).toBe('2026-01-31T17:00:00.000Z');
    expect(b.end.toISOString()).toBe('2026-02-28T17:00:00.000Z');
  });

  it('answerInstant falls back to closedAt for a ticket closed without an answer', () => {
    expect(answerInstant(seeded.J!)).toBe(vn('2026-02-03 09:00'));
    expect(answerInstant(seeded.E!)).toBeUndefined();
    expect(answerInstant(seeded.A!)).toBe(vn('2026-03-09 09:30'));
  });

  it('parseReportQuery validates dates, order and format, reporting every problem', () => {
    expect(parseReportQuery({ from: '2026-01-01', to: '2026-03-31' })).toEqual({
      ok: true,
      query: { period: { from: '2026-01-01', to: '2026-03-31' }, format: 'md' },
    });
    expect(parseReportQuery({ from: '2026-01-01', to: '2026-01-01', agency: 'so-noi-vu', format: 'csv' })).toMatchObject({
      ok: true,
      query: { agencyId: 'so-noi-vu', format: 'csv' },
    });
    const bad = parseReportQuery({ from: '2026-02-30', format: 'pdf' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.errors).toHaveLength(3);
      expect(bad.errors.join('\n')).toMatch(/--from "2026-02-30" không phải ngày hợp lệ/);
      expect(bad.errors.join('\n')).toMatch(/Thiếu --to/);
      expect(bad.errors.join('\n')).toMatch(/--format "pdf"/);
    }
    const reversed = parseReportQuery({ from: '2026-03-31', to: '2026-01-01' });
    expect(reversed.ok === false && reversed.errors[0]).toMatch(/--from 2026-03-31 sau --to 2026-01-01/);
    const api = parseReportQuery({ from: '2026-01-01', to: 'hôm nay' }, '');
    expect(api.ok === false && api.errors).toEqual(['to "hôm nay" không phải ngày hợp lệ dạng YYYY-MM-DD / is not a valid date YYYY-MM-DD']);
  });
});
