// The whole app (src/main.ts start()) with Messenger configured, over real HTTP on port 0,
// against a fake Graph API on loopback (test/e2e/messenger-fake-graph.ts): the GET verification
// handshake returns the challenge; a correctly signed question (X-Hub-Signature-256 over the raw
// body with the app secret) is answered at the fake Send API; the same event (same mid) delivered
// twice is answered once; a Send API that fails twice (500) then succeeds delivers exactly once;
// a forged signature gets 403 and no reply; an echo of our own message gets no reply.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { start, type Running } from '../../src/main.js';
import { createLogger } from '../../src/shared/logger.js';
import { procedure, tempDir, writeProcedure } from '../knowledge/helpers.js';
import { startFakeGraphApi, type FakeGraphApi } from './messenger-fake-graph.js';
import { waitFor } from './wait.js';

const APP_SECRET = 'e2e-messenger-app-secret';
const VERIFY = 'e2e-verify-token';
const PAGE_TOKEN = 'e2e-page-token';
const PAGE_ID = '112233445566778';
let graph: FakeGraphApi;
let running: Running;
let base = '';
let mid = 0;

/** A Messenger webhook body with one text message from `psid` (timestamp now: inside the 24 h window). */
function textEvent(psid: string, text: string, id = `m_e2e_${++mid}`): Buffer {
  const now = Date.now();
  return Buffer.from(
    JSON.stringify({
      object: 'page',
      entry: [{ id: PAGE_ID, time: now, messaging: [{ sender: { id: psid }, recipient: { id: PAGE_ID }, timestamp: now, message: { mid: id, text } }] }],
    }),
    'utf8',
  );
}

const sign = (body: Buffer, secret = APP_SECRET) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

async function post(body: Buffer, signature = sign(body)): Promise<number> {
  const res = await fetch(`${base}/webhooks/messenger`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature },
    body,
  });
  await res.arrayBuffer();
  return res.status;
}

beforeAll(async () => {
  graph = await startFakeGraphApi();
  const kb = tempDir('app-ms-kb-');
  writeProcedure(kb, 'ho-tich/1.000001.md', procedure({ code: '1.000001', title: 'Đăng ký khai sinh', aliases: ['làm giấy khai sinh cho con mới sinh'] }));
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    KNOWLEDGE_DIR: kb,
    DATA_DIR: tempDir('app-ms-data-'),
    KB_WATCH: 'false',
    MESSENGER_PAGE_ACCESS_TOKEN: PAGE_TOKEN,
    MESSENGER_APP_SECRET: APP_SECRET,
    MESSENGER_VERIFY_TOKEN: VERIFY,
    MESSENGER_GRAPH_API_BASE: graph.url,
    CHANNEL_RETRY_BASE_MS: '20',
    CHANNEL_RETRY_MAX_MS: '100',
    CHANNEL_POLL_INTERVAL_MS: '20',
  });
  running = await start(config, createLogger({ level: 'error', write: () => {} }));
  base = `http://127.0.0.1:${running.port}`;
});

afterAll(async () => {
  await running?.stop();
  await graph?.close();
});

describe('whole app with Messenger', () => {
  it('answers the GET verification handshake with the challenge, and refuses a wrong verify token', async () => {
    const ok = await fetch(`${base}/webhooks/messenger?hub.mode=subscribe&hub.verify_token=${VERIFY}&hub.challenge=1158201444`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('1158201444');
    const wrong = await fetch(`${base}/webhooks/messenger?hub.mode=subscribe&hub.verify_token=not-${VERIFY}&hub.challenge=1158201444`);
    expect(wrong.status).toBe(403);
    expect(await wrong.text()).not.toContain('1158201444');
  });

  it('answers a correctly signed question at the Send API with the page token', async () => {
    expect(await post(textEvent('9000000000000001', 'lam giay khai sinh cho con can giay to gi'))).toBe(200);
    await waitFor(() => graph.textsTo('9000000000000001').length > 0);
    expect(graph.textsTo('9000000000000001')[0]).toContain('Đăng ký khai sinh');
    const call = graph.requests.find((r) => String(r.body.recipient?.id) === '9000000000000001')!;
    expect(call.query.get('access_token')).toBe(PAGE_TOKEN);
    expect(call.body.messaging_type).toBe('RESPONSE');
  });

  it('answers the same event (same mid) delivered twice only once', async () => {
    const body = textEvent('9000000000000002', 'đăng ký khai sinh cần giấy tờ gì');
    expect(await post(body)).toBe(200);
    expect(await post(body)).toBe(200);
    await waitFor(() => graph.textsTo('9000000000000002').length > 0);
    await new Promise((r) => setTimeout(r, 500));
    expect(graph.textsTo('9000000000000002').filter((t) => t.includes('Đăng ký khai sinh'))).toHaveLength(1);
  });

  it('delivers exactly once when the Send API fails twice (500) and then succeeds', async () => {
    const failure = { status: 500, body: { error: { message: 'An unexpected error has occurred. Please retry your request later.', type: 'OAuthException', code: 2, is_transient: true } } };
    graph.script(failure, failure);
    expect(await post(textEvent('9000000000000003', 'làm giấy khai sinh cho con mới sinh'))).toBe(200);
    await waitFor(() => graph.textsTo('9000000000000003').length >= 3);
    await new Promise((r) => setTimeout(r, 800));
    // Two failed attempts plus one accepted call per message of the reply, and nothing after.
    const texts = graph.textsTo('9000000000000003');
    expect(texts.some((t) => t.includes('Đăng ký khai sinh'))).toBe(true);
    expect(texts).toHaveLength(new Set(texts).size + 2);
    expect((await running.channels.queue.counts()).outbox.dead).toBe(0);
  });

  it('rejects a forged signature with 403 and sends nothing', async () => {
    const body = textEvent('9000000000000004', 'làm giấy khai sinh');
    expect(await post(body, sign(body, 'not-the-app-secret'))).toBe(403);
    // Signed over different bytes than those delivered: also forged.
    expect(await post(body, sign(Buffer.concat([body, Buffer.from(' ')])))).toBe(403);
    // A valid event afterwards is answered, so "nothing sent" below is not just a stalled pipeline.
    expect(await post(textEvent('9000000000000005', 'đăng ký khai sinh'))).toBe(200);
    await waitFor(() => graph.textsTo('9000000000000005').length > 0);
    expect(graph.requests.filter((r) => String(r.body.recipient?.id) === '9000000000000004')).toHaveLength(0);
  });

  it('does not answer an echo of the page’s own message (is_echo)', async () => {
    const now = Date.now();
    const echo = Buffer.from(
      JSON.stringify({
        object: 'page',
        entry: [{
          id: PAGE_ID,
          time: now,
          messaging: [{ sender: { id: PAGE_ID }, recipient: { id: '9000000000000006' }, timestamp: now, message: { mid: 'm_e2e_echo', is_echo: true, app_id: 1517776481860111, text: 'đăng ký khai sinh cần giấy tờ gì' } }],
        }],
      }),
    );
    expect(await post(echo)).toBe(200);
    // Then a real message from another citizen: once it is answered, the echo has had its turn.
    expect(await post(textEvent('9000000000000007', 'đăng ký khai sinh'))).toBe(200);
    await waitFor(() => graph.textsTo('9000000000000007').length > 0);
    await new Promise((r) => setTimeout(r, 300));
    expect(graph.requests.filter((r) => [PAGE_ID, '9000000000000006'].includes(String(r.body.recipient?.id)))).toHaveLength(0);
  });
});
