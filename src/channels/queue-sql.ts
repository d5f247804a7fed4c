// ChannelQueue over the ticket store's SqlDriver seam (one SQL text for both dialects, `?`
// placeholders). Claims are single UPDATE … WHERE id = (SELECT … LIMIT 1) RETURNING statements:
// atomic in SQLite (one writer at a time) and, with FOR UPDATE SKIP LOCKED, safe in PostgreSQL
// when several instances poll the same tables (a row locked by one claimer is skipped by the rest).
import type { SqlDriver, SqlExecutor } from '../tickets/store-query.js';
import { QUEUE_MIGRATIONS, QUEUE_MIGRATIONS_TABLE } from './queue-migrations.js';
import { channelOf, rowToInbox, rowToOutbox } from './queue-rows.js';
import type { ChannelQueue, InboxRow, NewOutboxMessage, OutboxRow, QueueCounts } from './queue-types.js';
import type { InboundEvent } from './types.js';
import { createSqlTokenStore } from './token-store.js';

export interface QueueDeps {
  /** Clock for received/sent times, leases and due times (inject in tests). */
  now?: () => Date;
}

const INSERT_OUTBOX = `INSERT INTO channel_outbox
  (channel, conversation_id, payload, source, ticket_message_id, inbox_id, status, attempts, next_attempt_at, created_at)
  VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?) RETURNING *`;

/** Events per INSERT statement (5 parameters each; SQLite allows 32,766, PostgreSQL 65,535). */
const INSERT_BATCH = 500;

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

export function createSqlQueue(driver: SqlDriver, deps: QueueDeps & { schema?: string } = {}): ChannelQueue {
  const now = () => (deps.now ?? (() => new Date()))().getTime();
  const dialect = driver.dialect;
  const lock = dialect === 'postgres' ? ' FOR UPDATE SKIP LOCKED' : '';
  /**
   * One claim of `table`: leases the first runnable row (none of its conversation's earlier rows
   * still pending or `working`) and marks it `working`. Rows whose lease ran out (`expired`, their
   * worker died) come first, then due work (`due`), in one statement: COALESCE runs the second
   * walk only when the first finds nothing, and each walk goes through (status, id) in id order,
   * stopping at the first runnable row (migration v4). Parameters: lease end, then each walk's.
   */
  const claimSql = (table: 'channel_inbox' | 'channel_outbox', working: 'processing' | 'sending', expired: string, due: string) => {
    const walk = (where: string) => `(SELECT r.id FROM ${table} r
             WHERE ${where}
               AND NOT EXISTS (SELECT 1 FROM ${table} e WHERE e.conversation_id = r.conversation_id
                               AND e.id < r.id AND e.status IN ('pending', '${working}'))
             ORDER BY r.id LIMIT 1${lock})`;
    return `UPDATE ${table} SET status = '${working}', attempts = attempts + 1, locked_until = ?
         WHERE id = COALESCE(${walk(expired)}, ${walk(due)})
         RETURNING *`;
  };

  const insertOutbox = async (ex: SqlExecutor, m: NewOutboxMessage, at: number, inboxId: number | null): Promise<OutboxRow> => {
    const res = await ex.query(INSERT_OUTBOX, [
      m.channel ?? channelOf(m.message.conversationId),
      m.message.conversationId,
      JSON.stringify(m.message),
      m.source ?? 'bot',
      m.ticketMessageId ?? null,
      inboxId,
      at,
      at,
    ]);
    return rowToOutbox(res.rows[0] ?? {});
  };

  /** Guarded update of a claimed row: only the latest claim (same attempts) may finish it. */
  const finishOutbox = async (row: OutboxRow, set: string, params: unknown[]): Promise<boolean> => {
    const res = await driver.query(
      `UPDATE channel_outbox SET ${set}, locked_until = NULL WHERE id = ? AND status = 'sending' AND attempts = ?`,
      [...params, row.id, row.attempts],
    );
    return res.changes > 0;
  };

  return {
    dialect,

    migrate: () =>
      driver.transaction(async (tx) => {
        if (dialect === 'postgres') {
          await tx.query('SELECT pg_advisory_xact_lock(hashtext(?))', [`troly1022.channel-migrations.${deps.schema ?? ''}`]);
          if (deps.schema) await tx.query(`CREATE SCHEMA IF NOT EXISTS "${deps.schema}"`);
        }
        await tx.query(`CREATE TABLE IF NOT EXISTS ${QUEUE_MIGRATIONS_TABLE} (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)`);
        const done = new Set((await tx.query(`SELECT version FROM ${QUEUE_MIGRATIONS_TABLE}`)).rows.map((r) => Number(r.version)));
        const list = QUEUE_MIGRATIONS[dialect];
        const newest = Math.max(0, ...done);
        const known = Math.max(0, ...list.map((m) => m.version));
        if (newest > known) throw new Error(`channel queue schema version ${newest} is newer than this build knows (${known})`);
        const applied: number[] = [];
        for (const m of list) {
          if (done.has(m.version)) continue;
          for (const sql of m.statements) await tx.query(sql);
          await tx.query(`INSERT INTO ${QUEUE_MIGRATIONS_TABLE} (version, name, applied_at) VALUES (?, ?, ?)`, [m.version, m.name, Date.now()]);
          applied.push(m.version);
        }
        return { applied, version: Math.max(newest, ...applied) };
      }),

    insertInbox: async (events) => {
      if (events.length === 0) return { inserted: 0, duplicates: 0 };
      const at = now();
      // Multi-row statements: one is atomic on its own and one round trip on PostgreSQL (a webhook
      // is acknowledged only after it returns); a very large batch is split into several inside
      // one transaction to stay under the bound-parameter limits. Earlier deliveries are skipped.
      const insert = async (ex: SqlExecutor, batch: readonly InboundEvent[]) => {
        const params: unknown[] = [];
        for (const e of batch) params.push(e.channel, e.eventId, e.conversationId, JSON.stringify(e), at);
        const res = await ex.query(
          `INSERT INTO channel_inbox (channel, event_id, conversation_id, payload, received_at, status, attempts)
           VALUES ${batch.map(() => "(?, ?, ?, ?, ?, 'pending', 0)").join(', ')}
           ON CONFLICT (channel, event_id) DO NOTHING`,
          params,
        );
        return res.changes;
      };
      const inserted =
        events.length <= INSERT_BATCH
          ? await insert(driver, events)
          : await driver.transaction(async (tx) => {
              let n = 0;
              for (let i = 0; i < events.length; i += INSERT_BATCH) n += await insert(tx, events.slice(i, i + INSERT_BATCH));
              return n;
            });
      return { inserted, duplicates: events.length - inserted };
    },

    claimInbox: async (leaseMs) => {
      const t = now();
      const res = await driver.query(
        claimSql('channel_inbox', 'processing', `r.status = 'processing' AND r.locked_until <= ?`, `r.status = 'pending' AND (r.locked_until IS NULL OR r.locked_until <= ?)`),
        [t + leaseMs, t, t],
      );
      return res.rows[0] ? rowToInbox(res.rows[0]) : undefined;
    },

    completeInbox: async (row, replies) => {
      const at = now();
      const done = `UPDATE channel_inbox SET status = 'done', processed_at = ?, locked_until = NULL, last_error = NULL
           WHERE id = ? AND status = 'processing' AND attempts = ?`;
      if (replies.length === 0) return (await driver.query(done, [at, row.id, row.attempts])).changes > 0;
      if (dialect === 'postgres') {
        // One statement, one round trip: the replies are inserted only when the guarded update
        // matched (the claim still holds), in the order given (the sender keeps id order).
        const params: unknown[] = [at, row.id, row.attempts];
        const values = replies.map((m, i) => {
          params.push(i, m.channel ?? channelOf(m.message.conversationId), m.message.conversationId, JSON.stringify(m.message), m.source ?? 'bot', m.ticketMessageId ?? null);
          return '(?::int, ?::text, ?::text, ?::jsonb, ?::text, ?::bigint)';
        });
        params.push(at, at);
        const res = await driver.query(
          `WITH done AS (${done} RETURNING id)
           INSERT INTO channel_outbox
             (channel, conversation_id, payload, source, ticket_message_id, inbox_id, status, attempts, next_attempt_at, created_at)
           SELECT v.channel, v.conversation_id, v.payload, v.source, v.ticket_message_id, done.id, 'pending', 0, ?, ?
           FROM done CROSS JOIN (VALUES ${values.join(', ')}) AS v(ord, channel, conversation_id, payload, source, ticket_message_id)
           ORDER BY v.ord
           RETURNING id`,
          [...params.slice(0, 3), ...params.slice(-2), ...params.slice(3, -2)],
        );
        return res.rows.length > 0; // no rows: claim lost, another worker owns the event now
      }
      return driver.transaction(async (tx) => {
        if ((await tx.query(done, [at, row.id, row.attempts])).changes === 0) return false; // claim lost
        for (const m of replies) await insertOutbox(tx, m, at, row.id);
        return true;
      });
    },

    failInbox: async (row, error, retryAt) => {
      const res = await driver.query(
        `UPDATE channel_inbox SET status = ?, locked_until = ?, last_error = ?, processed_at = ?
         WHERE id = ? AND status = 'processing' AND attempts = ?`,
        [retryAt === undefined ? 'failed' : 'pending', retryAt ?? null, error.slice(0, 500), retryAt === undefined ? now() : null, row.id, row.attempts],
      );
      return res.changes > 0;
    },

    inboxOutcome: async (channel, eventId) => {
      const res = await driver.query('SELECT id, status FROM channel_inbox WHERE channel = ? AND event_id = ?', [channel, eventId]);
      const row = res.rows[0];
      if (!row) return undefined;
      const replies = await driver.query('SELECT * FROM channel_outbox WHERE inbox_id = ? ORDER BY id', [Number(row.id)]);
      return { status: String(row.status) as InboxRow['status'], replies: replies.rows.map(rowToOutbox) };
    },

    markDelivered: async (ids) => {
      if (ids.length === 0) return 0;
      const res = await driver.query(
        `UPDATE channel_outbox SET status = 'sent', sent_at = ? WHERE status = 'pending' AND id IN (${placeholders(ids.length)})`,
        [now(), ...ids],
      );
      return res.changes;
    },

    latestInboxEvent: async (conversationId) => {
      const res = await driver.query('SELECT * FROM channel_inbox WHERE conversation_id = ? ORDER BY id DESC LIMIT 1', [conversationId]);
      return res.rows[0] ? rowToInbox(res.rows[0]).event : undefined;
    },

    enqueueOutbox: (m) => insertOutbox(driver, m, now(), null),

    claimOutbox: async (channels, leaseMs) => {
      if (channels.length === 0) return undefined;
      const t = now();
      const ofChannels = ` AND r.channel IN (${placeholders(channels.length)})`;
      const res = await driver.query(
        claimSql('channel_outbox', 'sending', `r.status = 'sending' AND r.locked_until <= ?${ofChannels}`, `r.status = 'pending' AND r.next_attempt_at <= ?${ofChannels}`),
        [t + leaseMs, t, ...channels, t, ...channels],
      );
      return res.rows[0] ? rowToOutbox(res.rows[0]) : undefined;
    },

    markSent: (row, ids) => finishOutbox(row, `status = 'sent', sent_at = ?, platform_message_ids = ?, failure_kind = NULL`, [now(), JSON.stringify(ids)]),
    markRetry: (row, error, nextAt) =>
      finishOutbox(row, `status = 'pending', next_attempt_at = ?, last_error = ?, failure_kind = ?`, [nextAt, error.message.slice(0, 500), error.kind]),
    markDead: (row, error) =>
      finishOutbox(row, `status = 'dead', last_error = ?, failure_kind = ?`, [error.message.slice(0, 500), error.kind ?? null]),

    getOutbox: async (id) => {
      const res = await driver.query('SELECT * FROM channel_outbox WHERE id = ?', [id]);
      return res.rows[0] ? rowToOutbox(res.rows[0]) : undefined;
    },

    listDeadLetters: async (filter = {}) => {
      const where = [`status = 'dead'`];
      const params: unknown[] = [];
      if (filter.channel) {
        where.push('channel = ?');
        params.push(filter.channel);
      }
      if (filter.conversationId) {
        where.push('conversation_id = ?');
        params.push(filter.conversationId);
      }
      const limit = Math.min(Math.max(Math.trunc(filter.limit ?? 50), 1), 500);
      const offset = Math.max(Math.trunc(filter.offset ?? 0), 0);
      const res = await driver.query(`SELECT * FROM channel_outbox WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT ? OFFSET ?`, [
        ...params,
        limit,
        offset,
      ]);
      return res.rows.map(rowToOutbox);
    },

    requeue: async (id) => {
      const res = await driver.query(
        `UPDATE channel_outbox SET status = 'pending', attempts = 0, next_attempt_at = ?, failure_kind = NULL WHERE id = ? AND status = 'dead'`,
        [now(), id],
      );
      return res.changes > 0;
    },

    nextOutboxDue: async (channels) => {
      if (channels.length === 0) return undefined;
      const t = now();
      const res = await driver.query(
        `SELECT MIN(CASE WHEN status = 'pending' THEN next_attempt_at ELSE locked_until END) AS due FROM channel_outbox
         WHERE ((status = 'pending' AND next_attempt_at > ?) OR (status = 'sending' AND locked_until > ?))
           AND channel IN (${placeholders(channels.length)})`,
        [t, t, ...channels],
      );
      const due = res.rows[0]?.due;
      return due === null || due === undefined ? undefined : Number(due);
    },

    counts: async () => {
      const inboxZero = (): QueueCounts['inbox'] => ({ pending: 0, processing: 0, done: 0, failed: 0 });
      const outboxZero = (): QueueCounts['outbox'] => ({ pending: 0, sending: 0, sent: 0, dead: 0 });
      const out: QueueCounts = { inbox: inboxZero(), outbox: outboxZero(), byChannel: { inbox: {}, outbox: {} } };
      for (const r of (await driver.query('SELECT channel, status, COUNT(*) AS n FROM channel_inbox GROUP BY channel, status')).rows) {
        const status = String(r.status) as InboxRow['status'];
        const ch = (out.byChannel.inbox[String(r.channel)] ??= inboxZero());
        ch[status] = Number(r.n);
        out.inbox[status] += Number(r.n);
      }
      for (const r of (await driver.query('SELECT channel, status, COUNT(*) AS n FROM channel_outbox GROUP BY channel, status')).rows) {
        const status = String(r.status) as OutboxRow['status'];
        const ch = (out.byChannel.outbox[String(r.channel)] ??= outboxZero());
        ch[status] = Number(r.n);
        out.outbox[status] += Number(r.n);
      }
      return out;
    },

    pruneInbox: async (before) =>
      (await driver.query(`DELETE FROM channel_inbox WHERE status IN ('done', 'failed') AND received_at < ?`, [before])).changes,
    pruneOutbox: async (before) => (await driver.query(`DELETE FROM channel_outbox WHERE status = 'sent' AND sent_at < ?`, [before])).changes,

    ping: async () => {
      try {
        await driver.query('SELECT 1 AS ok');
        return true;
      } catch {
        return false;
      }
    },
    tokenStore: (platform, accountId) => createSqlTokenStore(driver, { platform, accountId, ...(deps.now ? { now: deps.now } : {}) }),
    close: () => driver.close(),
  };
}
