// The citizen's web chat page in a real browser (Debian's Chromium) against the whole app: a
// question typed and sent with Enter gets the bot's answer; when the network drops the first
// request of a complaint, the page sends the same message again with the same message id, the
// answer appears once and the complaint is one ticket with one citizen message.
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../staff/harness.js';
import { launchContext } from './chromium.js';

let app: TestApp;
let ctx: BrowserContext;
let page: Page;

beforeAll(async () => {
  app = await startTestApp();
  ctx = await launchContext();
  page = await ctx.newPage();
});

afterAll(async () => {
  await ctx?.close();
  await app?.stop();
});

const botMessages = (p: Page) => p.$$eval('.msg.bot', (els) => els.map((e) => e.textContent ?? ''));

async function say(p: Page, text: string): Promise<void> {
  await p.fill('#t', text);
  await p.keyboard.press('Enter');
}

describe('web chat page in Chromium', () => {
  it('answers a question typed and sent with Enter', async () => {
    await page.goto(`${app.base}/chat`);
    const before = (await botMessages(page)).length;
    await say(page, 'làm giấy khai sinh cho con mới sinh cần giấy tờ gì');
    await page.waitForFunction((n) => document.querySelectorAll('.msg.bot').length > n, before);
    const last = (await botMessages(page)).slice(before).join('\n');
    expect(last).toMatch(/khai sinh/i);
  });

  it('resends a message whose request failed with the same id: one answer, one ticket', async () => {
    const bodies: { messageId?: string; text?: string }[] = [];
    let dropped = false;
    await page.route('**/api/webchat/messages', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      bodies.push(JSON.parse(route.request().postData() ?? '{}') as { messageId?: string });
      if (!dropped) {
        dropped = true;
        // The request reaches the server (the message is stored and answered) but the answer is lost.
        await route.fetch();
        return route.abort('connectionreset');
      }
      return route.continue();
    });
    const before = (await botMessages(page)).length;
    await say(page, 'Đèn đường hẻm 9 bị hư cả tuần nay, tối rất nguy hiểm');
    await page.waitForFunction((n) => document.querySelectorAll('.msg.bot').length > n, before, { timeout: 15_000 });
    await page.waitForTimeout(300); // nothing else may arrive
    const added = (await botMessages(page)).slice(before);
    expect(added).toHaveLength(1);
    const code = /PA-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(added[0]!)?.[0];
    expect(code).toBeDefined();
    expect(bodies).toHaveLength(2);
    expect(bodies[0]!.messageId).toMatch(/^[0-9a-f]{24}$/);
    expect(bodies[1]!.messageId).toBe(bodies[0]!.messageId);
    const tickets = await app.running.store.listTickets({ limit: 10 });
    expect(tickets.total).toBe(1);
    const messages = await app.running.store.listMessages(tickets.items[0]!.id);
    expect(messages.filter((m) => m.author === 'citizen')).toHaveLength(1);
    await page.unroute('**/api/webchat/messages');
  });
});
