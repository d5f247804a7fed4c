// The staff console in a real browser (Debian's Chromium via playwright-core) against the whole
// app with Telegram configured and a fake Telegram Bot API on loopback: log in; a citizen
// message sent to the Telegram webhook appears in the inbox; the officer replies and the fake
// API receives the reply; transfer; close. Agency staff get 403 for another agency's ticket and
// do not see it; a <script> message renders as text; a POST without the CSRF token is refused.
// Screenshots of the inbox, a ticket and the reports page go to test-output/screenshots/.
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeTelegramApi, type FakeTelegramApi } from '../adapters/telegram-fake-api.js';
import { PASSWORD, startTestApp, type TestApp } from '../staff/harness.js';
import { SCREENSHOTS, launchContext } from './chromium.js';

const SECRET = 'tg-secret-0123456789';
const CHAT = 7001;
let api: FakeTelegramApi;
let app: TestApp;
let ctx: BrowserContext;
let page: Page;
let updateId = 5000;
let code = '';
let xss = '';

async function telegram(chatId: number, text: string): Promise<void> {
  const id = ++updateId;
  const res = await fetch(`${app.base}/webhooks/telegram`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
    body: JSON.stringify({ update_id: id, message: { message_id: id, date: 1_780_000_000, chat: { id: chatId, type: 'private' }, from: { id: chatId, is_bot: false, first_name: 'Bình' }, text } }),
  });
  expect(res.status).toBe(200);
}

const sentTo = (chatId: number) => api.calls('sendMessage').filter((r) => String(r.body.chat_id) === String(chatId)).map((r) => String(r.body.text));

async function waitFor<T>(check: () => T | undefined | false | Promise<T | undefined | false>, ms = 15_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function login(p: Page, username: string): Promise<void> {
  await p.goto(`${app.base}/staff`);
  await p.fill('input[name=username]', username);
  await p.fill('input[name=password]', PASSWORD);
  await p.press('input[name=password]', 'Enter');
  await p.waitForSelector('#nav a');
}

beforeAll(async () => {
  api = await startFakeTelegramApi();
  app = await startTestApp({ TELEGRAM_BOT_TOKEN: '123456:TEST-TOKEN', TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_API_ROOT: api.url });
  await app.addUser('admin1', 'admin');
  await app.addUser('canbo.a', 'agency', 'ubnd-xa-a');
  await app.addUser('bientap', 'editor');
  ctx = await launchContext();
  page = await ctx.newPage();
});

afterAll(async () => {
  await ctx?.close();
  await app?.stop();
  await api?.close();
});

describe('staff console in Chromium', () => {
  it('logs in with the keyboard and shows the inbox', async () => {
    await login(page, 'admin1');
    await page.waitForSelector('h1:has-text("Hộp phiếu")');
    expect(await page.textContent('#who')).toContain('admin1');
  });

  it('shows a citizen message sent to the Telegram webhook in the inbox', async () => {
    await telegram(CHAT, 'Tôi phản ánh cán bộ một cửa xã thái độ quát nạt người dân khi nộp hồ sơ');
    const first = await waitFor(() => sentTo(CHAT)[0]);
    code = /Mã phiếu: ([A-Z0-9-]+)/.exec(first)?.[1] ?? '';
    expect(code).toMatch(/^PA-/);
    await page.goto(`${app.base}/staff#/inbox?channel=telegram`);
    await page.waitForSelector('#filters select[name=channel] option[value=telegram]:checked', { state: 'attached' });
    await page.waitForSelector(`#tickets a:has-text("${code}")`);
    expect(await page.textContent('#tickets')).toContain('quát nạt người dân');
    await page.screenshot({ path: join(SCREENSHOTS, 'inbox.png'), fullPage: true });
  });

  it('replies from the ticket page and the fake Telegram API receives the reply', async () => {
    await page.click(`#tickets a:has-text("${code}")`);
    await page.waitForSelector('#ticket-code');
    expect(await page.textContent('#thread')).toContain('quát nạt');
    // Bot answers are part of the thread too.
    expect(await page.locator('#thread .msg.citizen').count()).toBeGreaterThan(0);
    expect(await page.textContent('#thread .msg.bot')).toContain(code);
    // An interim answer: the ticket stays in progress, so it can still be transferred.
    await page.uncheck('#reply-form input[name=answered]');
    await page.fill('textarea[name=reply]', 'Chúng tôi đã chuyển phản ánh tới UBND xã, sẽ trả lời trong 10 ngày làm việc.');
    await page.press('textarea[name=reply]', 'Control+Enter');
    await waitFor(() => sentTo(CHAT).some((t) => t.includes('chuyển phản ánh tới UBND xã')));
    await page.waitForSelector('#thread .msg.staff');
    await page.screenshot({ path: join(SCREENSHOTS, 'ticket.png'), fullPage: true });
  });

  it('transfers the ticket to another agency', async () => {
    await page.selectOption('#transfer-form select[name=agencyId]', 'ubnd-xa-a');
    await page.fill('#transfer-form input[name=reason]', 'Thuộc thẩm quyền xã');
    await page.click('#transfer-form button[type=submit]');
    await waitFor(async () => (await app.running.store.getTicketByCode(code))?.agencyId === 'ubnd-xa-a');
    await page.waitForSelector('dd:has-text("UBND xã A")');
  });

  it('closes the ticket with a reason', async () => {
    await page.fill('#close-form input[name=closeReason]', 'Đã trả lời người dân');
    await page.click('#close-form button[type=submit]');
    await waitFor(async () => (await app.running.store.getTicketByCode(code))?.status === 'closed');
    await page.waitForSelector('#reopen-form');
    const t = await app.running.store.getTicketByCode(code);
    expect(t?.closeReason).toBe('Đã trả lời người dân');
  });

  it('renders a <script> message as text', async () => {
    await telegram(CHAT + 1, 'Tôi phản ánh <script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2"> cán bộ thu tiền sai quy định');
    const first = await waitFor(() => sentTo(CHAT + 1)[0]);
    xss = /Mã phiếu: ([A-Z0-9-]+)/.exec(first)?.[1] ?? '';
    await page.goto(`${app.base}/staff#/ticket/${xss}`);
    await page.waitForSelector('#thread .msg.citizen');
    expect(await page.textContent('#thread')).toContain('<script>window.__pwned = 1</script>');
    expect(await page.locator('#thread script, #thread img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await page.goto(`${app.base}/staff#/inbox`);
    await page.waitForSelector(`#tickets a:has-text("${xss}")`);
    expect(await page.locator('#tickets script, #tickets img').count()).toBe(0);
  });

  it('inserts a procedure section found from the reply box', async () => {
    await page.goto(`${app.base}/staff#/ticket/${xss}`);
    await page.waitForSelector('#reply-form');
    await page.click('.kb summary');
    await page.fill('input[name=kbq]', 'đăng ký kết hôn');
    await page.press('input[name=kbq]', 'Enter');
    await page.selectOption('.kb select[name=section]', 'documents');
    await page.click('#kb-results button:has-text("Đăng ký kết hôn")');
    await waitFor(async () => (await page.inputValue('textarea[name=reply]')).includes('Tờ khai đăng ký kết hôn'));
  });

  it('takes over a live chat: citizen messages appear as they arrive, the bot stays silent until release', async () => {
    await page.click('#take');
    await page.waitForSelector('#release');
    const before = sentTo(CHAT + 1).length;
    await telegram(CHAT + 1, 'Tôi vẫn đang chờ, cán bộ xem giúp với');
    await page.waitForSelector('#thread .msg.citizen:has-text("Tôi vẫn đang chờ")');
    await new Promise((r) => setTimeout(r, 300));
    expect(sentTo(CHAT + 1)).toHaveLength(before);
    await page.click('#release');
    await page.waitForSelector('#take');
    expect((await app.running.store.getTicketByCode(xss))?.live).toBe(false);
  });

  it('rejects a POST without the CSRF token, from the logged-in page itself', async () => {
    const status = await page.evaluate(async (c) => {
      const res = await fetch(`/api/staff/tickets/${c}/note`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'không có mã CSRF' }) });
      return res.status;
    }, code);
    expect(status).toBe(403);
  });

  it('shows the reports page with tables, charts and the text report', async () => {
    await page.goto(`${app.base}/staff#/reports?from=2020-01-01`);
    await page.waitForSelector('table.report');
    await page.waitForSelector('.chart .bar-row');
    expect(await page.textContent('#report-text')).toContain('BÁO CÁO');
    expect(await page.getAttribute('#csv-link', 'href')).toContain('format=csv');
    await page.screenshot({ path: join(SCREENSHOTS, 'reports.png'), fullPage: true });
  });

  it("shows editors the unanswered questions, masked and grouped, without ticket pages", async () => {
    await telegram(CHAT + 2, 'cho hỏi thủ tục nuôi ong mật lấy mật, số tôi 0987654321');
    await waitFor(() => sentTo(CHAT + 2)[0]);
    const p = await ctx.newPage();
    await ctx.clearCookies();
    await login(p, 'bientap');
    await p.waitForSelector('h1:has-text("Câu hỏi chưa trả lời được")');
    await p.waitForSelector('article.group');
    const text = await p.textContent('main');
    expect(text).toContain('nuôi ong mật');
    expect(text).not.toContain('0987654321');
    expect(await p.locator('#nav a:has-text("Hộp phiếu")').count()).toBe(0);
    await p.screenshot({ path: join(SCREENSHOTS, 'unanswered.png'), fullPage: true });
    await p.close();
  });

  it("keeps agency staff to their agency: another agency's ticket is a 403 and not in the list", async () => {
    const mine = await app.ticket('ubnd-xa-a', 'Hỏi lịch tiếp dân của xã A');
    const other = await app.ticket('so-xay-dung', 'Phản ánh công trình của Sở Xây dựng');
    const p = await ctx.newPage();
    await ctx.clearCookies();
    await login(p, 'canbo.a');
    await p.goto(`${app.base}/staff#/inbox`);
    await p.waitForSelector(`#tickets a:has-text("${mine}")`);
    expect(await p.textContent('#tickets')).not.toContain(other);
    const status = await p.evaluate(async (c) => (await fetch(`/api/staff/tickets/${c}`)).status, other);
    expect(status).toBe(403);
    await p.goto(`${app.base}/staff#/ticket/${other}`);
    await p.waitForSelector('main .error');
    expect(await p.textContent('main')).toContain('cơ quan khác');
    await p.close();
  });
});
