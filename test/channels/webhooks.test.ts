// Webhook routes over real HTTP (express on port 0): raw body, verify before anything is stored,
// 400 / 413, one route per configured adapter, handshake answers; and the queue living in the
// ticket store's SQLite file.
import { mkdtempSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleWebhook, openChannelQueue, type ChannelAdapter, type ChannelQueue } from '../../src/channels/index.js';
import { mountWebhooks } from '../../src/server/webhooks.js';
import { openTicketStore, SQLITE_FILE_NAME } from '../../src/tickets/index.js';
import { createFakeAdapter, FAKE_SIGNATURE_HEADER, signFake } from './fake-adapter.js';
import { clock, openQueue, SECRET, signed, tempDb, wire } from './harness.js';

let server: Server;
let base: string;
let queue: ChannelQueue;
let ingested = 0;

const handshake: ChannelAdapter = {
  channel: 'messenger',
  maxTextLength: 2000,
  verify: (req) =>
    req.method === 'GET'
      ? req.query['hub.verify_token'] === 'vt'
        ? { ok: true, respond: { status: 200, body: req.query['hub.challenge'] ?? '' } }
        : { ok: false, status: 403, reason: 'verify token' }
      : { ok: false, status: 401, reason: 'test adapter accepts no POST' },
  parse: () => ({ ok: true, events: [] }),
  send: async () => ({ ok: true, platformMessageIds: [] }),
};

beforeAll(async () => {
  const c = clock();
  queue = await openQueue(tempDb(), c);
  const app = express();
  const mounted = mountWebhooks(app, [createFakeAdapter({ secret: SECRET, apiBase: 'http://127.0.0.1:9' }, { fetch, now: c.now }), handshake], {
    queue,
    onIngested: (n) => void (ingested += n),
  });
  expect(mounted).toEqual(['/webhooks/fake', '/webhooks/messenger']);
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  await queue.close();
});

const post = (body: string, headers: Record<string, string>) => fetch(`${base}/webhooks/fake`, { method: 'POST', headers, body });
const stored = async () => Object.values((await queue.counts()).inbox).reduce((a, b) => a + b, 0);

describe('webhook routes', () => {
  it('stores a signed event and acknowledges with 200', async () => {
    const body = JSON.stringify({ events: [wire('w1', 'c1', 'xin chào')] });
    // The signature covers the exact bytes, whatever the content type says.
    const res = await post(body, { 'content-type': 'text/plain', [FAKE_SIGNATURE_HEADER]: signFake(SECRET, body) });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, stored: 1 });
    expect(ingested).toBe(1);
    expect(await stored()).toBe(1);
  });

  it('refuses a forged or unsigned request with 403 / 401 and stores nothing', async () => {
    const before = await stored();
    const body = JSON.stringify({ events: [wire('w2', 'c1', 'giả mạo')] });
    expect((await post(body, { 'content-type': 'application/json', [FAKE_SIGNATURE_HEADER]: signFake('wrong', body) })).status).toBe(403);
    expect((await post(body, { 'content-type': 'application/json' })).status).toBe(401);
    expect(await stored()).toBe(before);
  });

  it('answers malformed JSON with 400 and stores nothing', async () => {
    const before = await stored();
    const body = '{"events": [';
    const res = await post(body, { 'content-type': 'application/json', [FAKE_SIGNATURE_HEADER]: signFake(SECRET, body) });
    expect(res.status).toBe(400);
    expect(await stored()).toBe(before);
  });

  it('answers a body over 1 MB with 413 and stores nothing', async () => {
    const before = await stored();
    const body = JSON.stringify({ events: [wire('w3', 'c1', 'x'.repeat(1024 * 1024 + 10))] });
    const res = await post(body, { 'content-type': 'application/json', [FAKE_SIGNATURE_HEADER]: signFake(SECRET, body) });
    expect(res.status).toBe(413);
    expect(await stored()).toBe(before);
  });

  it('has no route for a channel without an adapter', async () => {
    expect((await fetch(`${base}/webhooks/telegram`, { method: 'POST', body: '{}' })).status).toBe(404);
    expect((await fetch(`${base}/api/messages`, { method: 'POST', body: '{}' })).status).toBe(404);
  });

  it('answers a platform handshake (GET) directly', async () => {
    const ok = await fetch(`${base}/webhooks/messenger?hub.mode=subscribe&hub.verify_token=vt&hub.challenge=12345`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('12345');
    expect((await fetch(`${base}/webhooks/messenger?hub.mode=subscribe&hub.verify_token=no&hub.challenge=1`)).status).toBe(403);
  });
});

describe('queue storage', () => {
  it('lives in the ticket store database with its own migration table, idempotently', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'channels-shared-'));
    const store = await openTicketStore({ dataDir });
    const q = await openChannelQueue({ dataDir });
    expect((await q.migrate()).applied).toEqual([]);
    await q.close();
    await store.close();
    const db = new Database(join(dataDir, SQLITE_FILE_NAME), { readonly: true });
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
    const journal = db.pragma('journal_mode', { simple: true });
    db.close();
    expect(tables).toEqual(expect.arrayContaining(['channel_inbox', 'channel_outbox', 'channel_migrations', 'schema_migrations', 'tickets']));
    expect(journal).toBe('wal');
  });
});

describe('asynchronous verification (verifyAsync, as the Bot Framework adapter has)', () => {
  const make = (accept: boolean) => {
    const checked = new WeakSet<object>();
    const inner = createFakeAdapter({ secret: SECRET, apiBase: 'http://127.0.0.1:9' }, { fetch, now: () => new Date() });
    return {
      ...inner,
      verifyAsync: async (req: object) => {
        if (!accept) return { ok: false as const, status: 401 as const, reason: 'jwt' };
        checked.add(req);
        return { ok: true as const };
      },
      parse: (req: Parameters<typeof inner.parse>[0]) => (checked.has(req) ? inner.parse(req) : { ok: false as const, status: 400 as const, reason: 'not verified' }),
    };
  };

  it('awaits verifyAsync before parsing, with the same request object', async () => {
    const q = await openQueue(tempDb(), clock());
    const req = signed([wire('va1', 'c1', 'x')]);
    expect((await handleWebhook(make(true), req, { queue: q })).status).toBe(200);
    expect((await handleWebhook(make(false), signed([wire('va2', 'c1', 'x')]), { queue: q })).status).toBe(401);
    expect((await q.counts()).inbox.pending).toBe(1);
    await q.close();
  });
});
