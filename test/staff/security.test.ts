// Login rate limiting (its own app: the per-IP count would lock the other suites out), the
// Secure cookie behind a TLS proxy, the live-chat event stream, and the editors' log of
// unanswered questions (masked, no citizen ids).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestApp, type TestApp } from './harness.js';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ TRUST_PROXY: 'loopback' });
  await app.addUser('admin1', 'admin');
  await app.addUser('nhanvien', 'agency', 'ubnd-xa-a');
  await app.addUser('bientap', 'editor');
});

afterAll(async () => {
  await app?.stop();
});

async function chat(conversationId: string, text: string): Promise<string> {
  const res = await fetch(`${app.base}/api/webchat/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ conversationId, text }) });
  return ((await res.json()) as { replies: { text: string }[] }).replies.map((r) => r.text).join('\n');
}

describe('session cookie behind TLS', () => {
  it('marks the cookie Secure when the trusted proxy says the request came over HTTPS', async () => {
    const res = await fetch(`${app.base}/api/staff/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
      body: JSON.stringify({ username: 'admin1', password: 'mat-khau-thu-nghiem-01' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(/; Secure/);
  });
});

describe('live chat events', () => {
  it('streams a citizen message sent during a live chat to the officer', async () => {
    const conv = 'live-conv-0000001';
    const first = await chat(conv, 'Tôi muốn phản ánh đường ấp 5 bị sạt lở nguy hiểm');
    const code = /PA-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(first)?.[0];
    expect(code).toBeTruthy();
    const c = client(app.base);
    await c.login('admin1');
    expect((await c.call('POST', `/tickets/${code}/take`, {})).status).toBe(200);
    const ac = new AbortController();
    const res = await fetch(`${app.base}/api/staff/tickets/${code}/events`, { headers: { cookie: c.cookie }, signal: ac.signal });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    let seen = '';
    const read = (async () => {
      const dec = new TextDecoder();
      while (!seen.includes('Đoạn sạt lở dài khoảng 20 mét')) {
        const { value, done } = await reader.read();
        if (done) break;
        seen += dec.decode(value);
      }
    })();
    // The bot stays silent during the live chat: no reply to the citizen.
    expect(await chat(conv, 'Đoạn sạt lở dài khoảng 20 mét')).toBe('');
    await read;
    ac.abort();
    expect(seen).toContain('event: message');
    expect(seen).toContain('Đoạn sạt lở dài khoảng 20 mét');
  });
});

describe("editors' unanswered questions", () => {
  it('keeps escalated questions masked and grouped, with no conversation or user id', async () => {
    await chat('unans-conv-000001', 'thủ tục nuôi ong mật lấy mật ở đâu, gọi tôi 0987654321');
    await chat('unans-conv-000002', 'thủ tục nuôi ong mật lấy mật thế nào');
    const e = client(app.base);
    await e.login('bientap');
    const r = await e.call('GET', '/unanswered?days=7');
    expect(r.status).toBe(200);
    const body = JSON.stringify(r.body);
    expect(body).not.toContain('0987654321');
    expect(body).not.toContain('unans-conv');
    const group = r.body.groups.find((g: { text: string }) => g.text.includes('nuôi ong'));
    expect(group.count).toBe(2);
    expect(group.suggestedAlias).toBe('thủ tục nuôi ong mật lấy mật thế nào');
    expect(group.firstAt <= group.lastAt).toBe(true);
  });
});

describe('login rate limiting', () => {
  it('blocks a username after 5 failures, even with the right password, with a Vietnamese message', async () => {
    for (let i = 0; i < 5; i++) expect((await client(app.base).login('nhanvien', `sai-${i}-mat-khau`)).status).toBe(401);
    const blocked = await client(app.base).login('nhanvien');
    expect(blocked.status).toBe(429);
    expect(blocked.body.error).toMatch(/Đăng nhập sai quá nhiều lần\. Vui lòng thử lại sau \d+ phút\./);
    expect(blocked.headers.get('retry-after')).toBeTruthy();
  });

  it('blocks the client IP after 5 failures across usernames', async () => {
    // The previous test used up this IP's allowance as well: another user is refused too.
    const r = await client(app.base).login('admin1');
    expect(r.status).toBe(429);
  });
});
