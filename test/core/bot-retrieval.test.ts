// The bot over the real lexical retriever (src/knowledge) on a small hand-written knowledge base.
import { describe, expect, it } from 'vitest';
import { createBot, createMemoryConversationStore } from '../../src/core/index.js';
import { createRetriever } from '../../src/knowledge/index.js';
import { CAN_CUOC, GPLX, HO_CHIEU, KET_HON, KHAI_SINH, fixtureKb } from './kb-fixture.js';
import { MemoryTickets } from './fakes.js';

function setup() {
  const kb = fixtureKb();
  const retriever = createRetriever(kb);
  const tickets = new MemoryTickets();
  const bot = createBot({
    retriever: () => retriever,
    lookup: (code) => kb.byCode.get(code),
    conversations: createMemoryConversationStore(),
    tickets,
    now: () => new Date('2026-11-28T01:00:00.000Z'),
  });
  let n = 0;
  const chat = () => {
    const id = `c${++n}`;
    return (text: string) => bot.handle({ channel: 'test', conversationId: id, userId: 'u', text });
  };
  return { chat, tickets };
}

describe('bot with the real retriever', () => {
  it.each([
    ['làm căn cước cần giấy tờ gì', CAN_CUOC.code, 'documents'],
    ['lam cccd can giay to j', CAN_CUOC.code, 'documents'],
    ['lệ phí làm hộ chiếu bao nhiêu', HO_CHIEU.code, 'fees'],
    ['đăng ký kết hôn có được nộp online không', KET_HON.code, 'online'],
    ['mất bằng lái xe thì làm lại ở đâu', GPLX.code, 'where'],
    ['sinh con trong bao nhiêu ngày phải đi làm giấy khai sinh', KHAI_SINH.code, 'steps'],
  ])('"%s" → %s / %s', async (text, code, section) => {
    const say = setup().chat();
    expect((await say(text)).outcome).toEqual({ kind: 'answer', code, section });
  });

  it('a conversation: answer, follow-ups on the same procedure, then a new topic', async () => {
    const say = setup().chat();
    expect((await say('đăng ký khai sinh cho con cần giấy tờ gì')).outcome).toMatchObject({ code: KHAI_SINH.code, section: 'documents' });
    expect((await say('còn lệ phí?')).outcome).toEqual({ kind: 'answer', code: KHAI_SINH.code, section: 'fees' });
    expect((await say('nộp online được không')).outcome).toEqual({ kind: 'answer', code: KHAI_SINH.code, section: 'online' });
    expect((await say('mất bao lâu')).outcome).toEqual({ kind: 'answer', code: KHAI_SINH.code, section: 'time' });
    expect((await say('còn làm hộ chiếu thì mất bao lâu')).outcome).toEqual({ kind: 'answer', code: HO_CHIEU.code, section: 'time' });
  });

  it('a complaint naming a procedure opens a complaint ticket instead of answering', async () => {
    const { chat, tickets } = setup();
    const r = await chat()('Tôi đi làm căn cước mà cán bộ hẹn hoài không trả, đã quá hẹn 2 tháng');
    expect(r.outcome).toMatchObject({ kind: 'ticket', type: 'complaint' });
    expect(r.replies[0]!.text).toMatch(/Mã phiếu: PA-2611-\d{4}/);
    expect(tickets.opened).toHaveLength(1);
  });
});
