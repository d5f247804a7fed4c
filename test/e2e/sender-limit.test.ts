// Per-sender rate limit in the whole app (start(), SENDER_RATE_LIMIT=3/60s): a citizen flooding
// the Telegram webhook gets the answers up to the limit and then ONE polite slow-down message,
// while another citizen sending at the same time is answered normally; the web chat gets the
// same limit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SLOW_DOWN_REPLY } from '../../src/channels/sender-limit.js';
import { loadConfig } from '../../src/config.js';
import { start, type Running } from '../../src/main.js';
import { createLogger } from '../../src/shared/logger.js';
import { tempDir } from '../knowledge/helpers.js';
import { appEnv, knowledgeDir, post, startGatedTelegramApi, waitFor, type GatedTelegramApi } from './crash-process.js';

let api: GatedTelegramApi;
let running: Running;
let base = '';

const message = (updateId: number, chatId: number, text: string) => ({
  update_id: updateId,
  message: { message_id: updateId, date: 1_780_000_000, chat: { id: chatId, type: 'private' }, from: { id: chatId, is_bot: false, first_name: 'An' }, text },
});

beforeAll(async () => {
  api = await startGatedTelegramApi();
  const env = appEnv(api.url, { KNOWLEDGE_DIR: knowledgeDir(), DATA_DIR: tempDir('limit-data-'), SENDER_RATE_LIMIT: '3/60s' });
  running = await start(loadConfig(env), createLogger({ level: 'error', write: () => {} }));
  base = `http://127.0.0.1:${running.port}`;
});

afterAll(async () => {
  await running?.stop();
  await api?.close();
});

describe('per-sender rate limit in the whole app', () => {
  it('slows down a flooding Telegram user once and leaves others unaffected', async () => {
    const flood = 61_001;
    const calm = 61_002;
    for (let i = 0; i < 8; i++) {
      expect(await post(base, message(5000 + i, flood, `làm giấy khai sinh cần giấy tờ gì ${i}`))).toBe(200);
      if (i % 4 === 0) expect(await post(base, message(6000 + i, calm, 'làm giấy khai sinh cho con mới sinh'))).toBe(200);
    }
    await waitFor(() => (api.delivered.get(String(flood)) ?? []).includes(SLOW_DOWN_REPLY) && (api.delivered.get(String(calm)) ?? []).length >= 2, 15_000);
    await new Promise((r) => setTimeout(r, 500));
    const floodTexts = api.delivered.get(String(flood))!;
    expect(floodTexts.filter((t) => t === SLOW_DOWN_REPLY)).toHaveLength(1);
    expect(floodTexts.filter((t) => t.includes('Đăng ký khai sinh')).length).toBeGreaterThan(0);
    const calmTexts = api.delivered.get(String(calm))!;
    expect(calmTexts).not.toContain(SLOW_DOWN_REPLY);
    expect(calmTexts.filter((t) => t.includes('Đăng ký khai sinh')).length).toBeGreaterThanOrEqual(2);
  });

  it('applies the same limit to the web chat', async () => {
    const ask = async (conversationId: string) => {
      const res = await fetch(`${base}/api/webchat/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ conversationId, text: 'làm giấy khai sinh cần giấy tờ gì' }),
      });
      return ((await res.json()) as { replies: { text: string }[] }).replies.map((r) => r.text);
    };
    for (let i = 0; i < 3; i++) expect(await ask('web-flood-0001')).not.toContain(SLOW_DOWN_REPLY);
    expect(await ask('web-flood-0001')).toEqual([SLOW_DOWN_REPLY]);
    expect(await ask('web-flood-0001')).toEqual([]);
    expect(await ask('web-calm-00001')).not.toContain(SLOW_DOWN_REPLY);
  });
});
