// The TicketStore contract against PostgreSQL. Runs only when TEST_DATABASE_URL is set, e.g.
//   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx vitest run test/pg
// Each test gets a fresh schema (t_<random>), dropped afterwards.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createPostgresStore, openTicketStore } from '../../src/tickets/index.js';
import { newTicket, runStoreContract } from '../tickets/store-contract.js';
import { adminQuery, dropSchema } from './admin.js';

const url = process.env.TEST_DATABASE_URL;


const freshSchema = () => `t_${randomBytes(6).toString('hex')}`;

const SKIP_NOTE =
  'PostgreSQL store: SKIPPED because TEST_DATABASE_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/test)';
if (!url) console.warn(SKIP_NOTE);

describe.skipIf(!url)(url ? 'PostgreSQL store' : SKIP_NOTE, () => {
  runStoreContract('PostgreSQL (fresh schema per test)', async () => {
    const schema = freshSchema();
    await adminQuery(`CREATE SCHEMA ${schema}`);
    return {
      open: (deps) => createPostgresStore({ connectionString: url!, schema, ...deps }),
      cleanup: async () => void (await dropSchema(schema)),
    };
  });

  it('creates its schema when missing and keeps tables out of public', async () => {
    const schema = freshSchema();
    const store = createPostgresStore({ connectionString: url!, schema });
    try {
      expect((await store.migrate()).applied).toEqual([1]);
      await store.createTicket(newTicket());
      const rows = await adminQuery(`SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name`, [schema]);
      expect(rows.map((r) => r.table_name)).toEqual([
        'conversation_log',
        'conversation_states',
        'schema_migrations',
        'ticket_audit',
        'ticket_messages',
        'tickets',
      ]);
    } finally {
      await store.close();
      await dropSchema(schema);
    }
  });

  it('openTicketStore with a database URL opens a migrated PostgreSQL store', async () => {
    const schema = freshSchema();
    const store = await openTicketStore({ dataDir: '/nonexistent', databaseUrl: url!, schema });
    try {
      expect(store.dialect).toBe('postgres');
      expect(await store.ping()).toBe(true);
      const t = await store.createTicket(newTicket());
      expect((await store.getTicketByCode(t.code))?.id).toBe(t.id);
    } finally {
      await store.close();
      await dropSchema(schema);
    }
  });

  it('rejects an unsafe schema name', () => {
    expect(() => createPostgresStore({ connectionString: url!, schema: 'x; DROP TABLE y' })).toThrow(RangeError);
  });
});
