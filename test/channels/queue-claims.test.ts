// Claims under a backlog (real SQLite file): which row a claim takes when many are waiting, and
// that the claim statements walk an index in id order instead of collecting and sorting every
// waiting row (the planner's "TEMP B-TREE FOR ORDER BY"), which made each claim cost grow with
// the backlog.
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSqlQueue, type ChannelQueue } from '../../src/channels/index.js';
import type { InboundEvent } from '../../src/channels/types.js';
import { createSqliteDriver } from '../../src/tickets/store-sqlite.js';
import type { SqlDriver } from '../../src/tickets/store-query.js';
import { clock, tempDb, type Clock } from './harness.js';

let path: string;
let c: Clock;
let queue: ChannelQueue;
let statements: { sql: string; params: readonly unknown[] }[];

/** The real SQLite driver, recording each statement the queue runs outside transactions. */
function recording(driver: SqlDriver): SqlDriver {
  return {
    dialect: driver.dialect,
    query: (sql, params = []) => {
      statements.push({ sql, params });
      return driver.query(sql, params);
    },
    transaction: (fn) => driver.transaction(fn),
    migrate: (m) => driver.migrate(m),
    isUniqueViolation: (e) => driver.isUniqueViolation(e),
    close: () => driver.close(),
  };
}

function event(n: number, chat: string): InboundEvent {
  return {
    eventId: `e${n}`,
    channel: 'fake',
    conversationId: `fake:${chat}`,
    userId: `fake:${chat}`,
    kind: 'text',
    text: `câu hỏi ${n}`,
    sentAt: '2026-11-20T02:00:00.000Z',
  };
}

const reply = (chat: string, text: string) => ({ message: { conversationId: `fake:${chat}`, userId: `fake:${chat}`, text } });

beforeEach(async () => {
  path = tempDb();
  c = clock();
  statements = [];
  queue = createSqlQueue(recording(createSqliteDriver({ path })), { now: c.now });
  await queue.migrate();
});
afterEach(() => queue.close());

/** The claim statements since `from` walk `index` in id order: no sort of the whole backlog. */
function expectIndexWalk(from: number, table: string, index: string): void {
  const plans = claimPlans(from, table);
  expect(plans.length).toBeGreaterThan(0);
  for (const plan of plans) {
    expect(plan.join(' | ')).not.toMatch(/TEMP B-TREE/);
    expect(plan.join(' | ')).toMatch(new RegExp(`USING INDEX ${index}\\b`));
  }
}

/** Query plans of the claim statements recorded since `from`. */
function claimPlans(from: number, table: string): string[][] {
  const db = new Database(path, { readonly: true });
  try {
    return statements
      .slice(from)
      .filter((s) => s.sql.includes(`UPDATE ${table} SET status = '${table === 'channel_inbox' ? 'processing' : 'sending'}'`))
      .map((s) => (db.prepare(`EXPLAIN QUERY PLAN ${s.sql}`).all(...s.params) as { detail: string }[]).map((r) => r.detail));
  } finally {
    db.close();
  }
}

describe('claims under a backlog', () => {
  it('inbox: takes the oldest runnable event and never sorts the whole backlog', async () => {
    // 300 finished events, then 300 waiting over 100 conversations.
    await queue.insertInbox(Array.from({ length: 300 }, (_, i) => event(i, `old${i}`)));
    for (let i = 0; i < 300; i++) {
      const row = await queue.claimInbox(60_000);
      await queue.completeInbox(row!, []);
    }
    await queue.insertInbox(Array.from({ length: 300 }, (_, i) => event(1000 + i, `c${i % 100}`)));
    const first = await queue.claimInbox(60_000); // c0's first event, now in flight
    const from = statements.length;
    const second = await queue.claimInbox(60_000);
    expect(first!.eventId).toBe('e1000');
    // c0's next event (e1100) waits for e1000; the next runnable is c1's first.
    expect(second!.eventId).toBe('e1001');
    expectIndexWalk(from, 'channel_inbox', 'channel_inbox_status');
  });

  it('inbox: an event whose lease ran out is taken before newer waiting events', async () => {
    await queue.insertInbox([event(1, 'a'), event(2, 'b'), event(3, 'c')]);
    const a = await queue.claimInbox(1_000);
    c.advance(5_000); // a's worker died; its lease is over
    const again = await queue.claimInbox(1_000);
    expect(again!.eventId).toBe(a!.eventId);
    expect(again!.attempts).toBe(2);
    expect((await queue.claimInbox(1_000))!.eventId).toBe('e2');
  });

  it('outbox: takes the oldest due reply, skips conversations in flight and not-yet-due retries, never sorts', async () => {
    for (let i = 0; i < 200; i++) await queue.enqueueOutbox(reply(`c${i % 50}`, `trả lời ${i}`));
    const first = await queue.claimOutbox(['fake'], 60_000); // c0, in flight
    await queue.markRetry((await queue.claimOutbox(['fake'], 60_000))!, { kind: 'server', message: '503' }, c.now().getTime() + 60_000); // c1 waits
    const from = statements.length;
    const next = await queue.claimOutbox(['fake'], 60_000);
    expect(first!.message.text).toBe('trả lời 0');
    expect(next!.message.text).toBe('trả lời 2'); // c0 in flight, c1 backing off
    expectIndexWalk(from, 'channel_outbox', 'channel_outbox_status_id');
  });

  it('outbox: a send whose lease ran out is retried before newer replies', async () => {
    await queue.enqueueOutbox(reply('a', 'một'));
    await queue.enqueueOutbox(reply('b', 'hai'));
    const a = await queue.claimOutbox(['fake'], 1_000);
    c.advance(5_000);
    const again = await queue.claimOutbox(['fake'], 1_000);
    expect(again!.id).toBe(a!.id);
    expect(again!.attempts).toBe(2);
    expect((await queue.claimOutbox(['fake'], 1_000))!.message.text).toBe('hai');
  });
});

describe('inbox inserts', () => {
  it('stores a batch larger than one statement takes, skipping earlier and in-batch duplicates', async () => {
    await queue.insertInbox([event(5, 'a'), event(700, 'b')]);
    const batch = [...Array.from({ length: 1_200 }, (_, i) => event(i, `c${i % 40}`)), event(3, 'c3')];
    expect(await queue.insertInbox(batch)).toEqual({ inserted: 1_198, duplicates: 3 });
    expect((await queue.counts()).inbox.pending).toBe(1_200);
  });
});
