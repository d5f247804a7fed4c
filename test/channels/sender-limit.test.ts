// Per-sender rate limit: one flooding sender gets one polite slow-down message per window and
// nothing more; other senders are unaffected; a new window lets the sender through again.
import { describe, expect, it } from 'vitest';
import { parseSenderLimit, SLOW_DOWN_REPLY, withSenderLimit } from '../../src/channels/sender-limit.js';
import { ConfigError, loadConfig } from '../../src/config.js';
import type { Bot, IncomingMessage } from '../../src/core/index.js';

const echo: Bot = { handle: async (m) => ({ replies: [{ text: `đáp: ${m.text}` }], outcome: { kind: 'smalltalk' }, intent: 'smalltalk' }) };
const msg = (userId: string, text = 'xin chào', channel = 'telegram'): IncomingMessage => ({ channel, conversationId: `${channel}:${userId}`, userId: `${channel}:${userId}`, text });

describe('parseSenderLimit', () => {
  it('reads MAX/WINDOW with units and off', () => {
    expect(parseSenderLimit('20/60s')).toEqual({ ok: true, limit: { max: 20, windowMs: 60_000 } });
    expect(parseSenderLimit('5/2m')).toEqual({ ok: true, limit: { max: 5, windowMs: 120_000 } });
    expect(parseSenderLimit('3/500ms')).toEqual({ ok: true, limit: { max: 3, windowMs: 500 } });
    expect(parseSenderLimit('off')).toEqual({ ok: true, limit: null });
    expect(parseSenderLimit('')).toEqual({ ok: true, limit: null });
    expect(parseSenderLimit('twenty').ok).toBe(false);
    expect(parseSenderLimit('0/60s').ok).toBe(false);
  });

  it('is read from SENDER_RATE_LIMIT (default 20/60s) and rejected when malformed', () => {
    expect(loadConfig({}).senderRateLimit).toEqual({ max: 20, windowMs: 60_000 });
    expect(loadConfig({ SENDER_RATE_LIMIT: 'off' }).senderRateLimit).toBeNull();
    expect(() => loadConfig({ SENDER_RATE_LIMIT: 'nhanh' })).toThrow(ConfigError);
  });
});

describe('withSenderLimit', () => {
  it('answers up to the limit, then one slow-down message per window, others unaffected', async () => {
    let t = 1_000_000;
    const bot = withSenderLimit(echo, { limit: { max: 3, windowMs: 60_000 }, now: () => t });
    const texts = [];
    for (let i = 0; i < 6; i++) texts.push((await bot.handle(msg('flood', `câu ${i}`))).replies.map((r) => r.text));
    expect(texts.slice(0, 3)).toEqual([['đáp: câu 0'], ['đáp: câu 1'], ['đáp: câu 2']]);
    expect(texts[3]).toEqual([SLOW_DOWN_REPLY]);
    expect(texts[4]).toEqual([]);
    expect(texts[5]).toEqual([]);
    // Another citizen, and the same user id on another channel, are not limited.
    expect((await bot.handle(msg('calm'))).replies[0]!.text).toBe('đáp: xin chào');
    expect((await bot.handle(msg('flood', 'web', 'webchat'))).replies[0]!.text).toBe('đáp: web');
    // Next window: answered again, and the slow-down message may come again once.
    t += 60_000;
    expect((await bot.handle(msg('flood', 'lại'))).replies[0]!.text).toBe('đáp: lại');
    for (let i = 0; i < 2; i++) await bot.handle(msg('flood'));
    expect((await bot.handle(msg('flood'))).replies).toEqual([{ text: SLOW_DOWN_REPLY }]);
  });

  it('forgets the oldest senders beyond maxSenders', async () => {
    const t = 0;
    const bot = withSenderLimit(echo, { limit: { max: 1, windowMs: 60_000 }, now: () => t, maxSenders: 2 });
    await bot.handle(msg('a'));
    await bot.handle(msg('b'));
    await bot.handle(msg('c')); // evicts a
    expect((await bot.handle(msg('a'))).replies[0]!.text).toBe('đáp: xin chào');
    expect((await bot.handle(msg('c'))).replies).toEqual([{ text: SLOW_DOWN_REPLY }]);
  });
});
