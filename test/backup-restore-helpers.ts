// Shared by the backup/restore tests (SQLite and PostgreSQL): data written through the real store
// APIs, the npm-script CLIs run as child processes, and the check that a restore holds the data.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { ChannelQueue, InboundEvent } from '../src/channels/index.js';
import type { TicketStore } from '../src/tickets/index.js';

const ROOT = join(import.meta.dirname, '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

/** Runs src/cli/<name>.ts like `npm run <name> -- args` with the given database settings. */
export function runCli(name: 'backup' | 'restore', args: string[], env: Record<string, string>): { status: number; out: string } {
  const base = { ...process.env };
  for (const k of ['DATABASE_URL', 'DATABASE_SCHEMA', 'DATA_DIR']) delete base[k];
  try {
    const out = execFileSync(TSX, [join(ROOT, 'src', 'cli', `${name}.ts`), ...args], { env: { ...base, ...env }, cwd: ROOT, encoding: 'utf8', stdio: 'pipe' });
    return { status: 0, out };
  } catch (err) {
    const e = err as { status?: number; stderr?: string; stdout?: string };
    return { status: e.status ?? -1, out: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

const event = (id: string, text: string): InboundEvent => ({
  eventId: id,
  channel: 'telegram',
  conversationId: 'telegram:42',
  userId: 'telegram:42',
  kind: 'text',
  text,
  sentAt: '2026-11-28T01:00:00.000Z',
});

export interface Seeded {
  code: string;
  ticketId: string;
}

/** A ticket with a message, and two inbox events, written through the store APIs. */
export async function seed(store: TicketStore, queue: ChannelQueue): Promise<Seeded> {
  const t = await store.createTicket({
    type: 'question',
    channel: 'telegram',
    conversationId: 'telegram:42',
    citizenUserId: 'telegram:42',
    agencyId: 'so-tu-phap',
    summary: 'Hỏi thủ tục cấp lại thẻ tư vấn viên pháp luật',
    dueAt: '2026-12-02T10:00:00.000Z',
  });
  const added = await store.addMessage(t.id, { author: 'citizen', text: 'Cần giấy tờ gì ạ?' });
  expect(added.ok).toBe(true);
  expect(await queue.insertInbox([event('bk-1', 'xin chào'), event('bk-2', 'thủ tục khai sinh')])).toMatchObject({ inserted: 2 });
  return { code: t.code, ticketId: t.id };
}

/** The restored database holds the seeded ticket, its message and the two inbox events. */
export async function expectSeeded(store: TicketStore, queue: ChannelQueue, seeded: Seeded): Promise<void> {
  const t = await store.getTicketByCode(seeded.code);
  expect(t?.id).toBe(seeded.ticketId);
  expect(t?.summary).toBe('Hỏi thủ tục cấp lại thẻ tư vấn viên pháp luật');
  expect((await store.listMessages(seeded.ticketId)).map((m) => m.text)).toContain('Cần giấy tờ gì ạ?');
  // The inbox deduplicates by event id: a re-sent event after restore is not stored twice.
  expect(await queue.insertInbox([event('bk-1', 'xin chào')])).toMatchObject({ inserted: 0, duplicates: 1 });
  const inbox = (await queue.counts()).inbox;
  expect(Object.values(inbox).reduce((a, b) => a + b, 0)).toBe(2);
}
