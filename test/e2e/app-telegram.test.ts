// The whole app (src/main.ts start()) with Telegram configured, over real HTTP on port 0, against
// a fake Telegram Bot API on loopback: a question sent to the webhook is answered at the fake
// API; the same update delivered twice is answered once; an API that fails twice then succeeds
// delivers the reply exactly once; a forged request gets 401 and no reply; a complaint opens a
// ticket and the officer's reply through the staff API reaches the citizen on Telegram.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { start, type Running } from '../../src/main.js';
import { createLogger } from '../../src/shared/logger.js';
import { startFakeTelegramApi, type FakeTelegramApi } from '../adapters/telegram-fake-api.js';
import { procedure, tempDir, writeProcedure } from '../knowledge/helpers.js';
import { waitFor } from './wait.js';

const SECRET = 'tg-secret-0123456789';
const STAFF = 'test-staff-token-0123456789';
let api: FakeTelegramApi;
let running: Running;
let base = '';
let updateId = 1000;

function update(chatId: number, text: string, id = ++updateId) {
  return {
    update_id: id,
    message: { message_id: id, date: 1_780_000_000, chat: { id: chatId, type: 'private' }, from: { id: chatId, is_bot: false, first_name: 'An' }, text },
  };
}

async function post(body: unknown, secret = SECRET): Promise<number> {
  const res = await fetch(`${base}/webhooks/telegram`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
    body: JSON.stringify(body),
  });
  return res.status;
}

const sentTo = (chatId: number) => api.calls('sendMessage').filter((r) => String(r.body.chat_id) === String(chatId));

beforeAll(async () => {
  api = await startFakeTelegramApi();
  const kb = tempDir('app-tg-kb-');
  writeProcedure(kb, 'ho-tich/1.000001.md', procedure({ code: '1.000001', title: 'Đăng ký khai sinh', aliases: ['làm giấy khai sinh cho con mới sinh'] }));
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    KNOWLEDGE_DIR: kb,
    DATA_DIR: tempDir('app-tg-data-'),
    KB_WATCH: 'false',
    STAFF_API_TOKEN: STAFF,
    TELEGRAM_BOT_TOKEN: '123456:TEST-TOKEN',
    TELEGRAM_WEBHOOK_SECRET: SECRET,
    TELEGRAM_API_ROOT: api.url,
    CHANNEL_RETRY_BASE_MS: '20',
    CHANNEL_RETRY_MAX_MS: '100',
    CHANNEL_POLL_INTERVAL_MS: '20',
    STAFF_REPLY_WAIT_MS: '5000',
  });
  running = await start(config, createLogger({ level: 'error', write: () => {} }));
  base = `http://127.0.0.1:${running.port}`;
});

afterAll(async () => {
  await running?.stop();
  await api?.close();
});

describe('whole app with Telegram', () => {
  it('answers a question sent to the webhook at the platform API', async () => {
    expect(await post(update(501, 'lam giay khai sinh cho con can giay to gi'))).toBe(200);
    await waitFor(() => sentTo(501).length > 0);
    expect(String(sentTo(501)[0]!.body.text)).toContain('Đăng ký khai sinh');
  });

  it('answers the same update delivered twice only once', async () => {
    const u = update(502, 'đăng ký khai sinh cần giấy tờ gì');
    expect(await post(u)).toBe(200);
    expect(await post(u)).toBe(200);
    await waitFor(() => sentTo(502).length > 0);
    await new Promise((r) => setTimeout(r, 500));
    expect(sentTo(502).filter((r) => String(r.body.text).includes('Đăng ký khai sinh'))).toHaveLength(1);
  });

  it('delivers exactly once when the platform fails twice and then succeeds', async () => {
    api.script('sendMessage', { status: 500, json: { ok: false, error_code: 500, description: 'Internal' } }, { status: 502, raw: 'bad gateway' });
    expect(await post(update(503, 'làm giấy khai sinh cho con mới sinh'))).toBe(200);
    await waitFor(() => sentTo(503).length >= 3);
    await new Promise((r) => setTimeout(r, 800));
    // The bot's reply is one or more messages; the API saw exactly two failed attempts plus one
    // successful call per message, and nothing after: each message was delivered exactly once.
    const texts = sentTo(503).map((r) => String(r.body.text));
    const distinct = new Set(texts);
    expect(texts.some((t) => t.includes('Đăng ký khai sinh'))).toBe(true);
    expect(texts).toHaveLength(distinct.size + 2);
    const delivered = await running.channels.queue.counts();
    expect(delivered.outbox.dead).toBe(0);
  });

  it('rejects a forged request with 401 and sends nothing', async () => {
    expect(await post(update(504, 'làm giấy khai sinh'), 'wrong-secret')).toBe(401);
    await new Promise((r) => setTimeout(r, 300));
    expect(sentTo(504)).toHaveLength(0);
  });

  it("turns a complaint into a ticket and delivers the officer's reply on Telegram", async () => {
    expect(await post(update(505, 'Tôi phản ánh cán bộ một cửa xã thái độ quát nạt người dân khi nộp hồ sơ'))).toBe(200);
    await waitFor(() => sentTo(505).length > 0);
    const first = String(sentTo(505)[0]!.body.text);
    const code = /Mã phiếu: ([A-Z0-9-]+)/.exec(first)?.[1];
    expect(code).toBeTruthy();
    const res = await fetch(`${base}/api/staff/tickets/${code}/reply`, {
      method: 'POST',
      headers: { authorization: `Bearer ${STAFF}`, 'x-staff-id': 'canbo01', 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'Chúng tôi đã chuyển phản ánh tới UBND xã, sẽ trả lời trong 10 ngày làm việc.' }),
    });
    expect(res.status).toBe(200);
    await waitFor(() => sentTo(505).some((r) => String(r.body.text).includes('chuyển phản ánh tới UBND xã')));
  });
});
