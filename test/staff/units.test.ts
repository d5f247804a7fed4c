// Units of the staff module: scrypt hashing, the login limiter, masking and grouping of
// unanswered questions, the staff store (accounts, sessions, expiry) on SQLite.
import { describe, expect, it } from 'vitest';
import { createLoginLimiter, groupQuestions, hashPassword, maskQuestion, openMemoryStaffStore, passwordProblem, suggestAlias, verifyPassword } from '../../src/staff/index.js';

describe('passwords', () => {
  it('hashes with scrypt and a per-user salt, and verifies only the right password', async () => {
    const a = await hashPassword('mot-mat-khau-dai');
    const b = await hashPassword('mot-mat-khau-dai');
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('mot-mat-khau-dai', a)).toBe(true);
    expect(await verifyPassword('mot-mat-khau-dai!', a)).toBe(false);
    expect(await verifyPassword('x', 'not-a-hash')).toBe(false);
  });

  it('refuses short passwords', () => {
    expect(passwordProblem('ngan')).toContain('ít nhất 10 ký tự');
    expect(passwordProblem('du-muoi-ky-tu')).toBeUndefined();
  });
});

describe('login limiter', () => {
  it('blocks after 5 failures in 15 minutes, per username and per IP, and forgets after the window', () => {
    let t = 0;
    const l = createLoginLimiter({ now: () => t });
    for (let i = 0; i < 4; i++) l.fail('An', `10.0.0.${i}`);
    expect(l.blockedMinutes('an', '10.0.0.9')).toBe(0);
    l.fail('an', '10.0.0.5');
    expect(l.blockedMinutes('AN', '10.0.0.9')).toBe(15);
    expect(l.blockedMinutes('binh', '10.0.0.9')).toBe(0);
    for (let i = 0; i < 5; i++) l.fail(`u${i}`, '10.0.0.7');
    expect(l.blockedMinutes('binh', '10.0.0.7')).toBeGreaterThan(0);
    t += 15 * 60_000 + 1;
    expect(l.blockedMinutes('an', '10.0.0.7')).toBe(0);
  });

  it('clears the username count on success', () => {
    const l = createLoginLimiter({ now: () => 0 });
    for (let i = 0; i < 4; i++) l.fail('an', `ip${i}`);
    l.succeed('an');
    l.fail('an', 'ip9');
    expect(l.blockedMinutes('an', 'ip10')).toBe(0);
  });
});

describe('unanswered questions', () => {
  it('masks phone, CCCD and e-mail before storing', () => {
    const m = maskQuestion('gọi 0912 345 678 hoặc mail an.nguyen@gmail.com, CCCD 079123456789');
    expect(m).not.toMatch(/345 678|an\.nguyen|079123456789/);
    expect(m).toContain('***@***');
  });

  it('suggests an alias without masked parts or punctuation', () => {
    expect(suggestAlias('Thủ tục nuôi ong mật ở đâu? gọi 091***78')).toBe('thủ tục nuôi ong mật ở đâu gọi');
  });

  it('groups similar questions with counts and dates, largest first', () => {
    const q = (id: number, text: string, at: string) => ({ id, at, channel: 'web', outcome: 'escalate', text });
    const groups = groupQuestions(
      [
        q(1, 'thủ tục nuôi ong mật', '2026-11-02T00:00:00Z'),
        q(2, 'thu tuc nuoi ong mat the nao', '2026-11-01T00:00:00Z'),
        q(3, 'cấp phép bay flycam', '2026-11-03T00:00:00Z'),
        q(4, 'thủ tục nuôi ong mật', '2026-11-04T00:00:00Z'),
      ],
      undefined,
    );
    expect(groups).toHaveLength(2);
    expect(groups[0]).toMatchObject({ count: 3, firstAt: '2026-11-01T00:00:00Z', lastAt: '2026-11-04T00:00:00Z', text: 'thủ tục nuôi ong mật' });
    expect(groups[1]!.count).toBe(1);
  });
});

describe('staff store (SQLite)', () => {
  it('creates unique accounts, keeps sessions until they expire, and drops them for disabled users', async () => {
    let now = new Date('2026-11-01T00:00:00Z');
    const s = await openMemoryStaffStore(() => now);
    const r = await s.createUser({ username: 'an', role: 'agency', agencyId: 'so-xay-dung', passwordHash: 'h' });
    expect(r.ok).toBe(true);
    expect((await s.createUser({ username: 'an', role: 'editor', passwordHash: 'h' })).ok).toBe(false);
    const user = r.ok ? r.user : undefined;
    await s.createSession({ id: 'sid-1', userId: user!.id, csrfToken: 'tok', expiresAt: '2026-11-01T12:00:00Z', ip: '127.0.0.1' });
    expect((await s.getSession('sid-1'))?.user).toMatchObject({ username: 'an', agencyId: 'so-xay-dung', role: 'agency' });
    expect(await s.getSession('sid-2')).toBeUndefined();
    await s.setActive('an', false);
    expect(await s.getSession('sid-1')).toBeUndefined();
    await s.setActive('an', true);
    now = new Date('2026-11-01T12:00:01Z');
    expect(await s.getSession('sid-1')).toBeUndefined();
    expect(await s.pruneSessions()).toBe(1);
    await s.close();
  });

  it('refuses an agency account without an agency (schema check)', async () => {
    const s = await openMemoryStaffStore();
    await expect(s.createUser({ username: 'x', role: 'agency', passwordHash: 'h' })).rejects.toThrow();
    await s.close();
  });
});
