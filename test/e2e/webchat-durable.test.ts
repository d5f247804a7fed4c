// The portal web chat through the durable inbox, on the whole app. In process: the same message
// id sent twice (one after the other, and both at once) is handled once and gets the same
// replies. As a real child process on SQLite: a burst of web chat complaints, the process killed
// with SIGKILL in the middle, restarted, and every message resent with its id (as the page does
// after a network error): one ticket per message, and every message the page had an answer for
// gets the same ticket code again.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { start, type Running } from '../../src/main.js';
import { createLogger } from '../../src/shared/logger.js';
import { openTicketStore } from '../../src/tickets/index.js';
import { tempDir } from '../knowledge/helpers.js';
import { appEnv, killAll, knowledgeDir, pool, spawnApp, startGatedTelegramApi, waitFor, type AppProcess, type GatedTelegramApi } from './crash-process.js';

const CODE = /\b(PA|KN|HT)-[0-9A-Z]{4}-[0-9A-Z]{4}\b/;

interface WebMessage {
  conversationId: string;
  messageId: string;
  text: string;
}

/** POSTs one web chat message: status, reply text and the ticket code in it ('' if none); undefined when the connection failed. */
async function postWeb(base: string, m: WebMessage): Promise<{ status: number; code: string; text: string } | undefined> {
  try {
    const res = await fetch(`${base}/api/webchat/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(m),
      signal: AbortSignal.timeout(10_000),
    });
    const body = (await res.json()) as { replies?: { text: string }[] };
    const text = (body.replies ?? []).map((r) => r.text).join('\n');
    return { status: res.status, code: CODE.exec(text)?.[0] ?? '', text };
  } catch {
    return undefined;
  }
}

const complaint = (i: number): WebMessage => ({
  conversationId: `web-crash-${String(i).padStart(4, '0')}`,
  messageId: `msg-${String(i).padStart(8, '0')}`,
  text: `Đèn đường hẻm ${i + 1} bị hư cả tuần nay, tối đi lại rất nguy hiểm`,
});

describe('web chat in process: the same message id twice', () => {
  let running: Running;
  let base = '';
  beforeAll(async () => {
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', KNOWLEDGE_DIR: knowledgeDir(), DATA_DIR: tempDir('webchat-durable-'), KB_WATCH: 'false', CHANNEL_POLL_INTERVAL_MS: '20' });
    running = await start(config, createLogger({ level: 'error', write: () => {} }));
    base = `http://127.0.0.1:${running.port}`;
  });
  afterAll(() => running?.stop());

  it('answers once: a resend gets the same replies and opens no second ticket', async () => {
    const m = complaint(1);
    const a = await postWeb(base, m);
    const b = await postWeb(base, m);
    expect(a).toMatchObject({ status: 200, code: expect.stringMatching(CODE) });
    expect(b).toEqual(a); // the same text: a second handling would answer "added to your ticket"
    const first = (await running.store.getTicketByCode(a!.code))!;
    expect((await running.store.listMessages(first.id)).filter((x) => x.author === 'citizen')).toHaveLength(1);
    const [c, d] = await Promise.all([postWeb(base, complaint(2)), postWeb(base, complaint(2))]);
    expect(c!.code).toMatch(CODE);
    expect(d).toEqual(c);
    expect((await running.store.listTickets({ limit: 1 })).total).toBe(2);
    // A new message id is a new message, even with the same words (here from another citizen).
    const e = await postWeb(base, { ...complaint(1), conversationId: 'web-another-citizen', messageId: 'msg-another-one' });
    expect(e!.status).toBe(200);
    expect(e!.code).toMatch(CODE);
    expect(e!.code).not.toBe(a!.code);
    expect((await running.store.listTickets({ limit: 1 })).total).toBe(3);
  });

  it('refuses a malformed message id with 400', async () => {
    const res = await fetch(`${base}/api/webchat/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...complaint(4), messageId: 'short' }),
    });
    expect(res.status).toBe(400);
  });
});

describe('web chat: process killed with SIGKILL mid-burst', () => {
  let api: GatedTelegramApi | undefined;
  const apps: AppProcess[] = [];
  afterEach(async () => {
    await killAll(apps);
    await api?.close();
  });

  it('one ticket per message after the page resends them all; answered messages keep their code', { timeout: 60_000 }, async () => {
    api = await startGatedTelegramApi(); // the app needs a platform; this test only uses the web chat
    const env = appEnv(api.url, { KNOWLEDGE_DIR: knowledgeDir(), DATA_DIR: tempDir('webchat-crash-') });
    const first = await spawnApp(env);
    apps.push(first);
    const messages = Array.from({ length: 40 }, (_, i) => complaint(i));
    const codes = new Map<string, string>();
    const texts = new Map<string, string>();
    const burst = pool(
      messages,
      4,
      async (m) => {
        const r = await postWeb(first.base, m);
        if (r?.status === 200 && r.code) {
          codes.set(m.messageId, r.code);
          texts.set(m.messageId, r.text);
        }
      },
      50, // paced, so the kill lands mid-burst
    );
    await waitFor(() => codes.size >= 10, 20_000, 'a quarter answered');
    first.child.kill('SIGKILL');
    await first.exited;
    await burst;
    expect(codes.size).toBeLessThan(messages.length); // the kill really happened mid-burst
    const answeredBefore = new Map(codes);

    const second = await spawnApp(env);
    apps.push(second);
    for (const m of messages) {
      const r = await postWeb(second.base, m);
      expect(r?.status).toBe(200);
      expect(r!.code).toMatch(CODE);
      // The very same answer (a second handling would say "added to your ticket" instead).
      if (answeredBefore.has(m.messageId)) expect(r!.text).toBe(texts.get(m.messageId));
      codes.set(m.messageId, r!.code);
    }
    expect(new Set(codes.values()).size).toBe(messages.length);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    const store = await openTicketStore({ dataDir: env.DATA_DIR! });
    try {
      const all = await store.listTickets({ limit: 100 });
      expect(all.total).toBe(messages.length);
      for (const t of all.items) expect((await store.listMessages(t.id)).filter((x) => x.author === 'citizen')).toHaveLength(1);
    } finally {
      await store.close();
    }
  });
});
