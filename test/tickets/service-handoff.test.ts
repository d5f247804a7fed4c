// The conversation wrapper around the core's bot: live handoff silence and resume (answer,
// release, close, idle time with an injected clock), window-closed replies needing a call back,
// and the 1–5 rating after closing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Bot } from '../../src/core/index.js';
import type { IncomingMessage } from '../../src/core/types.js';
import { createTicketAwareBot, parseRating, type TicketAwareBot } from '../../src/tickets/index.js';
import { STAFF, createHarness, openComplaint, type Harness } from './service-helpers.js';

const CONV = 'web:conv-0001';
const MIN = 60_000;

let h: Harness;
let coreCalls: IncomingMessage[];
let bot: TicketAwareBot;

beforeEach(async () => {
  h = await createHarness({ liveIdleMinutes: 30 });
  coreCalls = [];
  const core: Bot = {
    async handle(msg) {
      coreCalls.push(msg);
      return { replies: [{ text: 'bot reply' }], outcome: { kind: 'smalltalk' }, intent: 'smalltalk' };
    },
  };
  bot = createTicketAwareBot({ bot: core, service: h.service, store: h.store, now: () => h.clock.now });
});
afterEach(async () => {
  await h.store.close();
});

const say = (text: string, conversationId = CONV) => bot.handle({ channel: 'web', conversationId, userId: conversationId, text });
const ticket = async (code: string) => (await h.store.getTicketByCode(code))!;
const citizenTexts = async (code: string) =>
  (await h.store.listMessages((await ticket(code)).id)).filter((m) => m.author === 'citizen').map((m) => m.text);

describe('live handoff', () => {
  it('keeps the bot silent while an officer chats, sending the messages to the ticket', async () => {
    const code = await openComplaint(h);
    expect((await h.service.take(code, STAFF)).ok).toBe(true);
    const r = await say('Alo, anh còn đó không?');
    expect(r.replies).toEqual([]);
    expect(r.handledBy).toBe('live');
    expect(coreCalls).toEqual([]);
    expect(await citizenTexts(code)).toContain('Alo, anh còn đó không?');
    // Another conversation is not affected.
    await say('xin chào', 'web:other-conv');
    expect(coreCalls).toHaveLength(1);
  });

  it('stays live through replies that do not finish, and resumes once the ticket is answered', async () => {
    const code = await openComplaint(h);
    await h.service.take(code, STAFF);
    const first = await h.service.reply(code, STAFF, 'Chào anh, tôi đang kiểm tra.');
    expect(first.ok && first.ticket.status).toBe('in_progress');
    expect((await say('cảm ơn')).replies).toEqual([]);
    await h.service.reply(code, STAFF, 'Đã xử lý xong.', true);
    const t = await ticket(code);
    expect([t.status, t.live]).toEqual(['answered', false]);
    expect((await say('cảm ơn nhiều')).replies).toEqual([{ text: 'bot reply' }]);
    expect(coreCalls).toHaveLength(1);
  });

  it('resumes after release and after close', async () => {
    const a = await openComplaint(h, 'web:conv-a');
    await h.service.take(a, STAFF);
    await h.service.release(a, STAFF);
    expect((await say('còn ai không', 'web:conv-a')).handledBy).toBeUndefined();
    const b = await openComplaint(h, 'web:conv-b');
    await h.service.take(b, STAFF);
    await h.service.close(b, STAFF, 'Đã giải quyết');
    expect((await say('alo', 'web:conv-b')).handledBy).toBeUndefined();
    expect(coreCalls).toHaveLength(2);
  });

  it('hands the conversation back to the bot after the idle time, and an officer reply extends it', async () => {
    const code = await openComplaint(h);
    await h.service.take(code, STAFF);
    h.clock.advance(20 * MIN);
    await h.service.reply(code, STAFF, 'Tôi đang xem.', false);
    h.clock.advance(20 * MIN); // 40 min after take, 20 after the reply: still live
    expect((await say('sao rồi anh')).handledBy).toBe('live');
    h.clock.advance(11 * MIN); // 31 min after the last officer action
    const r = await say('có ai không');
    expect(r.replies).toEqual([{ text: 'bot reply' }]);
    const t = await ticket(code);
    expect(t.live).toBe(false);
    const expired = (await h.store.listAudit(t.id)).find((a) => a.action === 'live-expired');
    expect(expired?.actor).toBe('system');
  });

  it('refuses release when not live', async () => {
    const code = await openComplaint(h);
    expect(await h.service.release(code, STAFF)).toMatchObject({ ok: false, error: 'invalid' });
  });
});

describe('reply windows', () => {
  it('marks a reply the platform window no longer allows as needing a call back', async () => {
    const code = await openComplaint(h, 'messenger:123', 'messenger');
    h.replier.respondWith({ ok: false, reason: 'window-closed' });
    const r = await h.service.reply(code, STAFF, 'Kết quả xử lý: đã sửa đèn.');
    expect(r).toMatchObject({ ok: true, delivery: 'needs_callback' });
    const t = await ticket(code);
    expect(t.needsCallback).toBe(true);
    const msg = (await h.store.listMessages(t.id)).find((m) => m.author === 'staff');
    expect(msg?.delivery).toBe('needs_callback');
    expect((await h.service.list()).counts.needsCallback).toBe(1);
  });

  it('records a failed delivery without asking for a call back', async () => {
    const code = await openComplaint(h, 'zalo-oa:9', 'zalo-oa');
    h.replier.respondWith({ ok: false, reason: 'failed' });
    const r = await h.service.reply(code, STAFF, 'Trả lời');
    expect(r).toMatchObject({ ok: true, delivery: 'failed' });
    expect((await ticket(code)).needsCallback).toBe(false);
  });
});

describe('rating', () => {
  it('parses 1–5 ratings and nothing else', () => {
    expect(['4', '4 sao', '4 Sao.', '4/5', '5 điểm', '⭐⭐⭐'].map((t) => parseRating(t))).toEqual([4, 4, 4, 4, 5, 3]);
    expect(['6', '0', '4 giờ', 'tốt', '44', ''].map((t) => parseRating(t))).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
    expect(parseRating('', 'rating:2')).toBe(2);
  });

  it('asks for a rating when closing and records the reply before the bot sees it', async () => {
    const code = await openComplaint(h);
    const closed = await h.service.close(code, STAFF, 'Đã xử lý');
    expect(closed).toMatchObject({ ok: true, ratingAsked: true });
    expect(h.replier.sent.at(-1)?.text).toContain('từ 1 đến 5');
    const r = await say('4 sao');
    expect(r.handledBy).toBe('rating');
    expect(r.replies[0]!.text).toContain('4 sao');
    expect(coreCalls).toEqual([]);
    const t = await ticket(code);
    expect(t.rating).toBe(4);
    expect((await h.store.listAudit(t.id)).find((a) => a.action === 'rated')?.actor).toBe('citizen');
    // The question is answered: a later "2" is a numbered choice for the bot again.
    await say('2');
    expect(coreCalls.map((m) => m.text)).toEqual(['2']);
    expect((await ticket(code)).rating).toBe(4);
  });

  it('drops the pending rating when the citizen writes something else', async () => {
    const code = await openComplaint(h);
    await h.service.close(code, STAFF, 'Đã xử lý');
    await say('cho hỏi làm căn cước');
    await say('3');
    expect(coreCalls).toHaveLength(2);
    expect((await ticket(code)).rating).toBeUndefined();
  });

  it('logs each turn for the reports without message text', async () => {
    await openComplaint(h);
    await say('xin chào bạn');
    const log = await h.store.queryConversationLog({ from: '2000-01-01T00:00:00.000Z', to: '2100-01-01T00:00:00.000Z' });
    expect(log.map((e) => [e.direction, e.outcome])).toEqual([['in', 'smalltalk'], ['out', 'smalltalk']]);
    expect(JSON.stringify(log)).not.toContain('xin chào');
  });
});
