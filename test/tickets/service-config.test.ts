// The ticket settings of src/config.ts: defaults, overrides and errors reported together.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('ticket configuration', () => {
  it('defaults to SQLite, the knowledge calendar, documented deadlines and no staff API', () => {
    const c = loadConfig({ KNOWLEDGE_DIR: '/srv/kb' });
    expect(c.databaseUrl).toBeUndefined();
    expect(c.calendarFile).toBe('/srv/kb/calendar/holidays.yaml');
    expect(c.tickets).toEqual({ deadlineDays: {}, dueSoonWorkingHours: 8, liveIdleMinutes: 30 });
    expect(c.staffApiToken).toBeUndefined();
  });

  it('reads overrides', () => {
    const c = loadConfig({
      DATABASE_URL: 'postgres://u:p@db/troly',
      DEADLINE_COMPLAINT_DAYS: '15',
      LIVE_IDLE_MINUTES: '10',
      STAFF_API_TOKEN: 'a-long-enough-token',
      CALENDAR_FILE: '/etc/troly/holidays.yaml',
    });
    expect(c.databaseUrl).toBe('postgres://u:p@db/troly');
    expect(c.tickets.deadlineDays).toEqual({ complaint: 15 });
    expect(c.tickets.liveIdleMinutes).toBe(10);
    expect(c.staffApiToken).toBe('a-long-enough-token');
    expect(c.calendarFile).toBe('/etc/troly/holidays.yaml');
  });

  it('reports every invalid ticket variable at once', () => {
    let err: unknown;
    try {
      loadConfig({ DATABASE_URL: 'mysql://x', STAFF_API_TOKEN: 'short', DEADLINE_QUESTION_DAYS: '0', LIVE_IDLE_MINUTES: 'soon' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const problems = (err as ConfigError).problems.join('\n');
    for (const name of ['DATABASE_URL', 'STAFF_API_TOKEN', 'DEADLINE_QUESTION_DAYS', 'LIVE_IDLE_MINUTES']) expect(problems).toContain(name);
  });
});
