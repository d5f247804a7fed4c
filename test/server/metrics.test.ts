// GET /metrics on the whole app (start()) with Telegram against a fake Bot API on loopback: after
// some traffic the Prometheus exposition parses and carries the expected names, labels and
// counts; a missing or wrong METRICS_TOKEN gets 401. Plus the renderer's histogram on its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { start, type Running } from '../../src/main.js';
import { createMetricsRecorder } from '../../src/server/metrics.js';
import { createLogger } from '../../src/shared/logger.js';
import { startFakeTelegramApi, type FakeTelegramApi } from '../adapters/telegram-fake-api.js';
import { procedure, tempDir, writeProcedure } from '../knowledge/helpers.js';
import { waitFor } from '../e2e/wait.js';

const SECRET = 'tg-secret-metrics-0123';
const TOKEN = 'metrics-token-0123456789';
let api: FakeTelegramApi;
let running: Running;
let base = '';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** A small parser of the text exposition format: samples plus the declared TYPE of each family. */
function parseExposition(text: string): { samples: Sample[]; types: Map<string, string> } {
  const samples: Sample[] = [];
  const types = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (!line) continue;
    const t = /^# TYPE (\S+) (counter|gauge|histogram|summary|untyped)$/.exec(line);
    if (t) {
      types.set(t[1]!, t[2]!);
      continue;
    }
    if (line.startsWith('# HELP ')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+)$/.exec(line);
    if (!m) throw new Error(`unparseable line: ${line}`);
    const labels: Record<string, string> = {};
    for (const l of (m[3] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]!] = l[2]!;
    samples.push({ name: m[1]!, labels, value: m[4] === '+Inf' ? Infinity : Number(m[4]) });
  }
  return { samples, types };
}

const value = (s: Sample[], name: string, labels: Record<string, string> = {}) =>
  s.find((x) => x.name === name && Object.entries(labels).every(([k, v]) => x.labels[k] === v))?.value;

beforeAll(async () => {
  api = await startFakeTelegramApi();
  const kb = tempDir('metrics-kb-');
  writeProcedure(kb, 'ho-tich/1.000001.md', procedure({ code: '1.000001', title: 'Đăng ký khai sinh', aliases: ['làm giấy khai sinh cho con mới sinh'] }));
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    KNOWLEDGE_DIR: kb,
    DATA_DIR: tempDir('metrics-data-'),
    KB_WATCH: 'false',
    METRICS_TOKEN: TOKEN,
    TELEGRAM_BOT_TOKEN: '123456:TEST-TOKEN',
    TELEGRAM_WEBHOOK_SECRET: SECRET,
    TELEGRAM_API_ROOT: api.url,
    CHANNEL_POLL_INTERVAL_MS: '20',
  });
  running = await start(config, createLogger({ level: 'error', write: () => {} }));
  base = `http://127.0.0.1:${running.port}`;
});

afterAll(async () => {
  await running?.stop();
  await api?.close();
});

describe('GET /metrics', () => {
  it('exposes message counters, the latency histogram, backlog and ticket gauges after traffic', async () => {
    for (const [i, chat] of [601, 602, 603].entries()) {
      const res = await fetch(`${base}/webhooks/telegram`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
        body: JSON.stringify({
          update_id: 9000 + i,
          message: { message_id: 9000 + i, date: 1_780_000_000, chat: { id: chat, type: 'private' }, from: { id: chat, is_bot: false, first_name: 'An' }, text: 'làm giấy khai sinh cho con mới sinh' },
        }),
      });
      expect(res.status).toBe(200);
    }
    const web = await fetch(`${base}/api/webchat/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ conversationId: 'metrics-web-01', text: 'đăng ký khai sinh cần giấy tờ gì' }),
    });
    expect(web.status).toBe(200);
    await waitFor(() => api.calls('sendMessage').length >= 3);
    for (let c = await running.channels.queue.counts(); c.outbox.pending + c.outbox.sending > 0; c = await running.channels.queue.counts()) {
      await new Promise((r) => setTimeout(r, 20)); // the last send's 'sent' mark lands just after the API call
    }
    const sent = api.calls('sendMessage').length;

    const res = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const { samples, types } = parseExposition(await res.text());

    expect(types.get('troly1022_messages_in_total')).toBe('counter');
    expect(value(samples, 'troly1022_messages_in_total', { channel: 'telegram' })).toBe(3);
    expect(value(samples, 'troly1022_messages_in_total', { channel: 'web' })).toBe(1);
    expect(value(samples, 'troly1022_messages_out_total', { channel: 'telegram' })).toBeGreaterThanOrEqual(3);

    expect(types.get('troly1022_answer_duration_seconds')).toBe('histogram');
    expect(value(samples, 'troly1022_answer_duration_seconds_count', { channel: 'telegram' })).toBe(3);
    expect(value(samples, 'troly1022_answer_duration_seconds_bucket', { channel: 'telegram', le: '+Inf' })).toBe(3);
    const buckets = samples.filter((s) => s.name === 'troly1022_answer_duration_seconds_bucket' && s.labels.channel === 'telegram').map((s) => s.value);
    expect(buckets).toEqual([...buckets].sort((a, b) => a - b)); // cumulative

    expect(types.get('troly1022_platform_sends_total')).toBe('counter');
    expect(value(samples, 'troly1022_platform_sends_total', { channel: 'telegram', outcome: 'sent' })).toBe(sent);
    expect(value(samples, 'troly1022_platform_sends_total', { channel: 'telegram', outcome: 'dead' })).toBeUndefined();

    expect(types.get('troly1022_inbox_events')).toBe('gauge');
    expect(value(samples, 'troly1022_inbox_events', { channel: 'telegram', status: 'done' })).toBe(3);
    expect(value(samples, 'troly1022_inbox_events', { channel: 'telegram', status: 'pending' })).toBe(0);
    expect(value(samples, 'troly1022_outbox_messages', { channel: 'telegram', status: 'sent' })).toBe(sent);
    expect(value(samples, 'troly1022_outbox_messages', { channel: 'telegram', status: 'dead' })).toBe(0);
    for (const state of ['new', 'assigned', 'in_progress', 'answered', 'closed']) expect(value(samples, 'troly1022_tickets', { state })).toBe(0);
    expect(value(samples, 'troly1022_tickets_overdue')).toBe(0);
    expect(value(samples, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    // No LLM configured: no LLM series.
    expect(samples.some((s) => s.name.startsWith('troly1022_llm_'))).toBe(false);
  });

  it('answers 401 without the token or with a wrong one', async () => {
    expect((await fetch(`${base}/metrics`)).status).toBe(401);
    const wrong = await fetch(`${base}/metrics`, { headers: { authorization: 'Bearer not-the-token' } });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toBe('Bearer');
  });
});

describe('metrics recorder', () => {
  it('fills the cumulative histogram buckets and escapes label values', () => {
    const r = createMetricsRecorder();
    r.observeHandled('zalo', 0.004, 1);
    r.observeHandled('zalo', 0.3, 2);
    r.observeFailed('we"ird\\ch', 20);
    const text = r.render();
    expect(text).toContain('troly1022_answer_duration_seconds_bucket{channel="zalo",le="0.005"} 1');
    expect(text).toContain('troly1022_answer_duration_seconds_bucket{channel="zalo",le="0.25"} 1');
    expect(text).toContain('troly1022_answer_duration_seconds_bucket{channel="zalo",le="0.5"} 2');
    expect(text).toContain('troly1022_answer_duration_seconds_bucket{channel="zalo",le="+Inf"} 2');
    expect(text).toContain('troly1022_messages_out_total{channel="zalo"} 3');
    expect(text).toContain('troly1022_bot_errors_total{channel="we\\"ird\\\\ch"} 1');
    expect(text).toContain('troly1022_answer_duration_seconds_bucket{channel="we\\"ird\\\\ch",le="10"} 0');
  });
});
