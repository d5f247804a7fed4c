// The staff console's API over real HTTP on the whole app: login and session cookie, CSRF on
// every state change, roles (admin, agency, editor), agency scoping enforced by the API, the
// audit actor, masked phone numbers, security headers, KB search, reports, accounts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestApp, type TestApp } from './harness.js';

let app: TestApp;
let ticketA = '';
let ticketB = '';

beforeAll(async () => {
  app = await startTestApp({ STAFF_API_TOKEN: 'script-token-0123456789' });
  await app.addUser('admin1', 'admin');
  await app.addUser('canbo.a', 'agency', 'ubnd-xa-a');
  await app.addUser('canbo.b', 'agency', 'so-xay-dung');
  await app.addUser('bientap', 'editor');
  ticketA = await app.ticket('ubnd-xa-a', 'Hỏi về hồ sơ khai sinh của con', { citizenPhone: '0912345678', citizenName: 'Nguyễn Văn An' });
  ticketB = await app.ticket('so-xay-dung', 'Phản ánh công trình xây dựng lấn chiếm vỉa hè');
});

afterAll(async () => {
  await app?.stop();
});

describe('console page and headers', () => {
  it('serves /staff with a CSP without inline scripts, no framing and no sniffing', async () => {
    const res = await fetch(`${app.base}/staff`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<script type="module" src="/staff/assets/app.js"></script>');
    expect(html).not.toMatch(/<script>(?!<\/script>)/);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('serves the console scripts as JavaScript from the app and 404s anything else', async () => {
    const js = await fetch(`${app.base}/staff/assets/app.js`);
    expect(js.headers.get('content-type')).toContain('text/javascript');
    expect((await fetch(`${app.base}/staff/assets/..%2F..%2Fpackage.json`)).status).toBe(404);
  });
});

describe('login and sessions', () => {
  it('refuses a wrong password with a Vietnamese message and no cookie', async () => {
    const r = await client(app.base).login('admin1', 'sai-mat-khau-roi');
    expect(r.status).toBe(401);
    expect(r.body.error).toBe('Sai tên đăng nhập hoặc mật khẩu.');
    expect(r.headers.get('set-cookie')).toBeNull();
  });

  it('sets an httpOnly SameSite session cookie (not Secure over plain HTTP) and returns a CSRF token', async () => {
    const c = client(app.base);
    const r = await c.login('admin1');
    expect(r.status).toBe(200);
    const cookie = r.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toMatch(/Secure/);
    expect(r.body.csrfToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    const me = await c.call('GET', '/me');
    expect(me.body.user).toMatchObject({ username: 'admin1', role: 'admin' });
    expect(me.body.csrfToken).toBe(r.body.csrfToken);
  });

  it('answers 401 without a session and after logout', async () => {
    expect((await fetch(`${app.base}/api/staff/tickets`)).status).toBe(401);
    const c = client(app.base);
    await c.login('admin1');
    expect((await c.call('GET', '/tickets')).status).toBe(200);
    expect((await c.call('POST', '/logout')).status).toBe(200);
    expect((await c.call('GET', '/tickets')).status).toBe(401);
  });

  it('takes login as JSON only (no cross-site form posts)', async () => {
    const res = await fetch(`${app.base}/api/staff/login`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'username=admin1&password=x' });
    expect(res.status).toBe(415);
  });
});

describe('CSRF', () => {
  it('rejects every state-changing request without the token, or with a wrong one, with 403', async () => {
    const c = client(app.base);
    await c.login('admin1');
    const none = await c.call('POST', `/tickets/${ticketA}/note`, { text: 'ghi chú' }, { csrf: null });
    expect(none.status).toBe(403);
    expect(none.body.error).toContain('CSRF');
    expect((await c.call('POST', `/tickets/${ticketA}/note`, { text: 'ghi chú' }, { csrf: 'x'.repeat(43) })).status).toBe(403);
    expect((await c.call('POST', '/logout', {}, { csrf: null })).status).toBe(403);
    expect((await c.call('POST', '/users', { username: 'x1' }, { csrf: null })).status).toBe(403);
    const other = client(app.base);
    await other.login('admin1');
    // Another session's token is not this session's token.
    expect((await c.call('POST', `/tickets/${ticketA}/note`, { text: 'ghi chú' }, { csrf: other.csrf })).status).toBe(403);
    const detail = await c.call('GET', `/tickets/${ticketA}`);
    expect(detail.body.thread.filter((m: { author: string }) => m.author === 'note')).toHaveLength(0);
    expect((await c.call('POST', `/tickets/${ticketA}/note`, { text: 'ghi chú hợp lệ' })).status).toBe(200);
  });
});

describe('roles and agency scoping', () => {
  it("lists only the agency's own tickets, whatever agency filter is asked for", async () => {
    const a = client(app.base);
    await a.login('canbo.a');
    const list = await a.call('GET', '/tickets');
    const codes = list.body.items.map((t: { code: string }) => t.code);
    expect(codes).toContain(ticketA);
    expect(codes).not.toContain(ticketB);
    const asked = await a.call('GET', '/tickets?agency=so-xay-dung');
    expect(asked.body.items.map((t: { code: string }) => t.code)).not.toContain(ticketB);
    const total = Object.values(list.body.counts.byStatus as Record<string, number>).reduce((x, y) => x + y, 0);
    expect(total).toBe(list.body.total);
  });

  it("answers 403 for another agency's ticket: detail, actions, live events", async () => {
    const a = client(app.base);
    await a.login('canbo.a');
    expect((await a.call('GET', `/tickets/${ticketB}`)).status).toBe(403);
    expect((await a.call('POST', `/tickets/${ticketB}/reply`, { text: 'trả lời' })).status).toBe(403);
    expect((await a.call('POST', `/tickets/${ticketB}/close`, { reason: 'x' })).status).toBe(403);
    expect((await a.call('GET', `/tickets/${ticketB}/events`)).status).toBe(403);
    const b = await app.running.store.getTicketByCode(ticketB);
    expect(b?.status).toBe('assigned');
  });

  it('keeps editors away from tickets and users, and agency staff away from the editors page', async () => {
    const e = client(app.base);
    await e.login('bientap');
    expect((await e.call('GET', '/tickets')).status).toBe(403);
    expect((await e.call('GET', `/tickets/${ticketA}`)).status).toBe(403);
    expect((await e.call('GET', '/users')).status).toBe(403);
    expect((await e.call('GET', '/unanswered')).status).toBe(200);
    const a = client(app.base);
    await a.login('canbo.a');
    expect((await a.call('GET', '/unanswered')).status).toBe(403);
    expect((await a.call('GET', '/users')).status).toBe(403);
  });

  it("records the officer's username in the audit log and masks the citizen's phone", async () => {
    const a = client(app.base);
    await a.login('canbo.a');
    expect((await a.call('POST', `/tickets/${ticketA}/status`, { status: 'in_progress' })).status).toBe(200);
    const d = await a.call('GET', `/tickets/${ticketA}`);
    expect(d.body.audit.some((x: { actor: string; action: string }) => x.actor === 'canbo.a' && x.action === 'status')).toBe(true);
    expect(d.body.ticket.citizenPhone).toBe('091****678');
    expect(JSON.stringify(d.body)).not.toContain('0912345678');
    expect(d.body.ticket.citizenName).toBe('Nguyễn Văn An');
  });

  it('still serves scripts with the bearer token (no CSRF token needed)', async () => {
    const res = await fetch(`${app.base}/api/staff/tickets/${ticketB}/note`, {
      method: 'POST',
      headers: { authorization: 'Bearer script-token-0123456789', 'x-staff-id': 'script01', 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'ghi chú từ script' }),
    });
    expect(res.status).toBe(200);
  });
});

describe('console data', () => {
  it('searches the knowledge base and renders a procedure section for the reply box', async () => {
    const c = client(app.base);
    await c.login('canbo.a');
    const s = await c.call('GET', `/kb/search?q=${encodeURIComponent('đăng ký kết hôn')}`);
    expect(s.body.results[0].code).toBe('1.000002');
    const sec = await c.call('GET', '/kb/section?code=1.000002&section=documents');
    expect(sec.body.text).toContain('Tờ khai đăng ký kết hôn');
    expect((await c.call('GET', '/kb/section?code=9.999999&section=documents')).status).toBe(404);
  });

  it('gives reports as JSON, CSV and text; agency staff get their own agency only', async () => {
    const c = client(app.base);
    await c.login('admin1');
    const today = new Date().toISOString().slice(0, 10);
    const json = await c.call('GET', `/reports?from=2020-01-01&to=${today}&format=json`);
    expect(json.status).toBe(200);
    expect(json.body.totals.received).toBeGreaterThanOrEqual(2);
    const csv = await c.call('GET', `/reports?from=2020-01-01&to=${today}&format=csv`);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toContain('attachment');
    const md = await c.call('GET', `/reports?from=2020-01-01&to=${today}&format=md`);
    expect(String(md.body)).toContain('BÁO CÁO');
    expect((await c.call('GET', '/reports?from=bad&to=2020-01-01')).status).toBe(400);
    const a = client(app.base);
    await a.login('canbo.a');
    const mine = await a.call('GET', `/reports?from=2020-01-01&to=${today}&format=json&agency=so-xay-dung`);
    expect(mine.body.agency.id).toBe('ubnd-xa-a');
  });

  it('lets an admin add an account that can then log in, and refuses weak or duplicate ones', async () => {
    const c = client(app.base);
    await c.login('admin1');
    expect((await c.call('POST', '/users', { username: 'moi.canbo', role: 'agency', agencyId: 'so-xay-dung', password: 'ngan' })).status).toBe(400);
    expect((await c.call('POST', '/users', { username: 'moi.canbo', role: 'agency', agencyId: 'khong-co', password: 'mat-khau-du-dai-01' })).status).toBe(400);
    expect((await c.call('POST', '/users', { username: 'moi.canbo', role: 'agency', agencyId: 'so-xay-dung', password: 'mat-khau-du-dai-01' })).status).toBe(201);
    expect((await c.call('POST', '/users', { username: 'moi.canbo', role: 'editor', password: 'mat-khau-du-dai-01' })).status).toBe(409);
    const n = client(app.base);
    expect((await n.login('moi.canbo', 'mat-khau-du-dai-01')).status).toBe(200);
    expect((await n.call('GET', `/tickets/${ticketB}`)).status).toBe(200);
    expect((await c.call('POST', '/users/moi.canbo/active', { active: false })).status).toBe(200);
    expect((await n.call('GET', '/tickets')).status).toBe(401);
  });
});
