// The staff store on PostgreSQL: migrations from two instances at once, accounts, sessions and
// the unanswered-question log. Runs only when TEST_DATABASE_URL is set:
//   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx vitest run test/pg
// Uses a fresh schema (s_<random>), dropped afterwards.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openStaffStore } from '../../src/staff/index.js';
import { dropSchema } from './admin.js';

const url = process.env.TEST_DATABASE_URL;
if (!url) console.warn('PostgreSQL staff store: SKIPPED because TEST_DATABASE_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/test)');

describe.skipIf(!url)('staff store on PostgreSQL', () => {
  it('migrates once from two instances, stores accounts, sessions and questions', async () => {
    const schema = `s_${randomBytes(6).toString('hex')}`;
    const now = () => new Date('2026-11-01T00:00:00Z');
    const [a, b] = await Promise.all([
      openStaffStore({ dataDir: '/nonexistent', databaseUrl: url!, schema, now }),
      openStaffStore({ dataDir: '/nonexistent', databaseUrl: url!, schema, now }),
    ]);
    try {
      const r = await a.createUser({ username: 'an', role: 'admin', passwordHash: 'h' });
      expect(r.ok).toBe(true);
      expect((await b.createUser({ username: 'an', role: 'editor', passwordHash: 'h' })).ok).toBe(false);
      await a.createSession({ id: 'sid', userId: r.ok ? r.user.id : 0, csrfToken: 'tok', expiresAt: '2026-11-02T00:00:00Z', ip: '::1' });
      expect((await b.getSession('sid'))?.csrfToken).toBe('tok');
      await a.addQuestion({ at: '2026-11-01T00:00:00Z', channel: 'web', outcome: 'escalate', text: 'nuôi ong' });
      expect((await b.listQuestions('2026-10-01T00:00:00Z')).map((q) => q.text)).toEqual(['nuôi ong']);
    } finally {
      await a.close();
      await b.close();
      await dropSchema(schema);
    }
  });
});
