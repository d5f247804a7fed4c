// Child process for the SQLite multi-process test: migrate a shared file and create tickets
// while other processes do the same. Prints one JSON line with what it did.
import { createSqliteStore } from '../../src/tickets/index.js';

const [path, countArg] = process.argv.slice(2);
const store = createSqliteStore({ path: path!, busyTimeoutMs: 20_000 });
const migrated = await store.migrate();
const codes: string[] = [];
for (let i = 0; i < Number(countArg); i++) {
  const t = await store.createTicket({
    type: 'question',
    channel: 'webchat',
    conversationId: `w:${process.pid}:${i}`,
    citizenUserId: String(process.pid),
    agencyId: 'trung-tam-1022',
    summary: 'Hỏi thủ tục cấp đổi giấy phép lái xe',
    dueAt: '2026-03-10T00:00:00.000Z',
  });
  codes.push(t.code);
}
await store.close();
process.stdout.write(`${JSON.stringify({ applied: migrated.applied, codes })}\n`);
