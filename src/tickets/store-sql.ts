// TicketStore logic shared by both dialects, written against the small SqlDriver seam. The
// dialect files only open connections, lock, and translate placeholders and errors.
import { randomUUID } from 'node:crypto';
import type { ConversationState, ConversationStateStore } from '../core/ports.js';
import { generateTicketCode, normalizeTicketCode } from './codes.js';
import { MIGRATIONS } from './migrations.js';
import { buildTicketQuery, type SqlDriver, type SqlExecutor } from './store-query.js';
import { parseStateJson, rowToAudit, rowToLogEntry, rowToMessage, rowToTicket } from './store-rows.js';
import type { AuditInput, NewTicket, NewTicketMessage, TicketStore, UpdateResult } from './store-types.js';
import { checkNewTicket, patchColumns, requireTime, storedSummary } from './store-validate.js';
import { OPEN_TICKET_STATUSES, type Ticket, type TicketType } from './types.js';

export interface StoreDeps {
  /** Clock for createdAt / updatedAt / audit times (inject in tests). */
  now?: () => Date;
  /** Code generator (inject in tests to force collisions). */
  generateCode?: (type: TicketType) => string;
  /** Attempts at a fresh code when the unique index reports a collision. Default 8. */
  maxCodeAttempts?: number;
}

const TICKET_INSERT_COLUMNS = [
  'id', 'code', 'type', 'status', 'channel', 'conversation_id', 'citizen_user_id', 'citizen_name',
  'citizen_phone', 'agency_id', 'procedure_code', 'summary', 'created_at', 'due_at', 'live',
  'live_until', 'needs_callback', 'updated_at', 'version',
];

const INSERT_TICKET = `INSERT INTO tickets (${TICKET_INSERT_COLUMNS.join(', ')})
  VALUES (${TICKET_INSERT_COLUMNS.map(() => '?').join(', ')}) RETURNING *`;

const INSERT_MESSAGE = `INSERT INTO ticket_messages (ticket_id, at, author, staff_id, text, delivery)
  VALUES (?, ?, ?, ?, ?, ?) RETURNING *`;

const INSERT_AUDIT = 'INSERT INTO ticket_audit (ticket_id, at, actor, action, detail) VALUES (?, ?, ?, ?, ?)';

export function createSqlStore(driver: SqlDriver, deps: StoreDeps = {}): TicketStore {
  const now = deps.now ?? (() => new Date());
  const nowIso = () => now().toISOString();
  const generateCode = deps.generateCode ?? ((type: TicketType) => generateTicketCode(type));
  const maxAttempts = Math.max(1, deps.maxCodeAttempts ?? 8);

  const insertAudit = (tx: SqlExecutor, ticketId: string, at: string, audit: AuditInput) =>
    tx.query(INSERT_AUDIT, [ticketId, at, audit.actor, audit.action, JSON.stringify(audit.detail ?? {})]);

  const insertMessage = async (tx: SqlExecutor, ticketId: string, m: NewTicketMessage, at: string) => {
    const res = await tx.query(INSERT_MESSAGE, [
      ticketId,
      m.at === undefined ? at : requireTime(m.at, 'message.at'),
      m.author,
      m.staffId ?? null,
      m.text.normalize('NFC'),
      m.delivery ?? null,
    ]);
    return rowToMessage(res.rows[0] ?? {});
  };

  const selectTicket = async (ex: SqlExecutor, id: string): Promise<Ticket | undefined> => {
    const res = await ex.query('SELECT * FROM tickets WHERE id = ?', [id]);
    return res.rows[0] ? rowToTicket(res.rows[0]) : undefined;
  };

  const insertTicketOnce = (input: NewTicket, code: string, actor: string): Promise<Ticket> =>
    driver.transaction(async (tx) => {
      const at = nowIso();
      const createdAt = input.createdAt === undefined ? at : requireTime(input.createdAt, 'createdAt');
      const res = await tx.query(INSERT_TICKET, [
        randomUUID(),
        code,
        input.type,
        input.status ?? 'new',
        input.channel,
        input.conversationId,
        input.citizenUserId,
        input.citizenName ?? null,
        input.citizenPhone ?? null,
        input.agencyId,
        input.procedureCode ?? null,
        storedSummary(input.summary),
        createdAt,
        requireTime(input.dueAt, 'dueAt'),
        input.live ?? false,
        input.liveUntil === undefined ? null : requireTime(input.liveUntil, 'liveUntil'),
        false,
        at,
        1,
      ]);
      const ticket = rowToTicket(res.rows[0] ?? {});
      if (input.firstMessage) await insertMessage(tx, ticket.id, input.firstMessage, createdAt);
      // The audit detail names what the ticket is, never who the citizen is.
      await insertAudit(tx, ticket.id, at, {
        actor,
        action: 'created',
        detail: { code, type: input.type, channel: input.channel, agencyId: input.agencyId },
      });
      return ticket;
    });

  const conversations: ConversationStateStore = {
    async get(conversationId) {
      const res = await driver.query('SELECT state FROM conversation_states WHERE conversation_id = ?', [conversationId]);
      const row = res.rows[0];
      return row ? (parseStateJson(row.state) as ConversationState) : undefined;
    },
    async set(conversationId, state) {
      await driver.query(
        `INSERT INTO conversation_states (conversation_id, state, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (conversation_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
        [conversationId, JSON.stringify(state), nowIso()],
      );
    },
  };

  return {
    dialect: driver.dialect,
    migrate: () => driver.migrate(MIGRATIONS[driver.dialect]),

    async createTicket(input, audit) {
      checkNewTicket(input);
      for (let attempt = 1; ; attempt++) {
        const code = generateCode(input.type);
        try {
          return await insertTicketOnce(input, code, audit?.actor ?? 'bot');
        } catch (err) {
          // 40 random bits make a clash rare; the unique index catches it and we draw again.
          if (!driver.isUniqueViolation(err) || attempt >= maxAttempts) throw err;
        }
      }
    },

    getTicket: (id) => selectTicket(driver, id),

    async getTicketByCode(code) {
      const canonical = normalizeTicketCode(code);
      if (!canonical) return undefined;
      const res = await driver.query('SELECT * FROM tickets WHERE code = ?', [canonical]);
      return res.rows[0] ? rowToTicket(res.rows[0]) : undefined;
    },

    async listTickets(filter = {}) {
      const q = buildTicketQuery(filter);
      const [page, count] = await Promise.all([
        driver.query(`SELECT * FROM tickets ${q.where} ${q.orderLimit}`, [...q.params, ...q.pageParams]),
        driver.query(`SELECT COUNT(*) AS n FROM tickets ${q.where}`, q.params),
      ]);
      return { items: page.rows.map(rowToTicket), total: Number(count.rows[0]?.n ?? 0) };
    },

    async updateTicket(id, patch, options): Promise<UpdateResult> {
      const cols = patchColumns(patch);
      if (!cols.ok) return { ok: false, reason: 'invalid', message: cols.message };
      if (!Number.isInteger(options.expectedVersion)) {
        return { ok: false, reason: 'invalid', message: 'expectedVersion must be an integer' };
      }
      return driver.transaction(async (tx): Promise<UpdateResult> => {
        const at = nowIso();
        const sets = [...cols.sets.map((c) => `${c.column} = ?`), 'updated_at = ?', 'version = version + 1'];
        const res = await tx.query(`UPDATE tickets SET ${sets.join(', ')} WHERE id = ? AND version = ? RETURNING *`, [
          ...cols.sets.map((c) => c.value),
          at,
          id,
          options.expectedVersion,
        ]);
        const row = res.rows[0];
        if (!row) {
          const current = await selectTicket(tx, id);
          return current ? { ok: false, reason: 'conflict', current } : { ok: false, reason: 'not-found' };
        }
        const fields = Object.keys(patch).filter((k) => patch[k as keyof typeof patch] !== undefined);
        await insertAudit(tx, id, at, { actor: options.actor, action: options.action, detail: { fields, ...(options.detail ?? {}) } });
        return { ok: true, ticket: rowToTicket(row) };
      });
    },

    async findOpenTicketForConversation(conversationId, types) {
      const params: unknown[] = [conversationId, ...OPEN_TICKET_STATUSES];
      let sql = `SELECT * FROM tickets WHERE conversation_id = ? AND status IN (${OPEN_TICKET_STATUSES.map(() => '?').join(', ')})`;
      if (types && types.length > 0) {
        sql += ` AND type IN (${types.map(() => '?').join(', ')})`;
        params.push(...types);
      }
      const res = await driver.query(`${sql} ORDER BY created_at DESC, id DESC LIMIT 1`, params);
      return res.rows[0] ? rowToTicket(res.rows[0]) : undefined;
    },

    addMessage: (ticketId, message) =>
      driver.transaction(async (tx) => {
        const at = nowIso();
        const touched = await tx.query('UPDATE tickets SET updated_at = ? WHERE id = ?', [at, ticketId]);
        if (touched.changes === 0) return { ok: false, reason: 'not-found' } as const;
        return { ok: true, message: await insertMessage(tx, ticketId, message, at) } as const;
      }),

    async listMessages(ticketId) {
      const res = await driver.query('SELECT * FROM ticket_messages WHERE ticket_id = ? ORDER BY id', [ticketId]);
      return res.rows.map(rowToMessage);
    },

    async setMessageDelivery(messageId, delivery) {
      const res = await driver.query('UPDATE ticket_messages SET delivery = ? WHERE id = ?', [delivery, messageId]);
      return res.changes > 0;
    },

    async listAudit(ticketId) {
      const res = await driver.query('SELECT * FROM ticket_audit WHERE ticket_id = ? ORDER BY id', [ticketId]);
      return res.rows.map(rowToAudit);
    },

    conversations,

    async pruneConversationStates(before) {
      const res = await driver.query('DELETE FROM conversation_states WHERE updated_at < ?', [requireTime(before, 'before')]);
      return res.changes;
    },

    async appendConversationLog(...entries) {
      if (entries.length === 0) return;
      const params = entries.flatMap((e) => [
        e.conversationId,
        e.channel,
        requireTime(e.at, 'at'),
        e.direction,
        e.outcome,
        e.intent,
        e.procedureCode ?? null,
        e.ticketCode ?? null,
      ]);
      await driver.query(
        `INSERT INTO conversation_log (conversation_id, channel, at, direction, outcome, intent, procedure_code, ticket_code)
         VALUES ${entries.map(() => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
        params,
      );
    },

    async queryConversationLog(q) {
      const params: unknown[] = [requireTime(q.from, 'from'), requireTime(q.to, 'to')];
      let sql = 'SELECT * FROM conversation_log WHERE at >= ? AND at < ?';
      if (q.channel !== undefined) {
        sql += ' AND channel = ?';
        params.push(q.channel);
      }
      const res = await driver.query(`${sql} ORDER BY at, id`, params);
      return res.rows.map(rowToLogEntry);
    },

    async ping() {
      try {
        await driver.query('SELECT 1 AS ok');
        return true;
      } catch {
        return false;
      }
    },

    close: () => driver.close(),
  };
}
