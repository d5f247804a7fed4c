import { describe, expect, it } from 'vitest';
import { createBot, createMemoryConversationStore, type BotDeps, type IncomingMessage } from '../../src/core/index.js';
import { CAN_CUOC, GPLX, HO_CHIEU, KET_HON, KHAI_SINH, KHAI_SINH_NN } from './kb-fixture.js';
import { MemoryTickets, scriptedRetriever } from './fakes.js';

const retriever = scriptedRetriever([
  { match: /căn cước|cccd/, result: [CAN_CUOC, KET_HON], confidence: 0.95 },
  { match: /hộ chiếu/, result: [HO_CHIEU], confidence: 0.9 },
  { match: /kết hôn/, result: [KET_HON], confidence: 0.9 },
  { match: /bằng lái|giấy phép lái xe/, result: [GPLX], confidence: 0.9 },
  { match: /^khai sinh$/, result: [KHAI_SINH, KHAI_SINH_NN, KET_HON], confidence: 0.45, closeCount: 2 },
  { match: /nuôi ong/, result: [KET_HON], confidence: 0.05 },
  { match: /khu phố 2/, result: [KET_HON], confidence: 0.9 },
]);

function setup(overrides: Partial<BotDeps> = {}) {
  let clock = new Date('2026-11-28T01:00:00.000Z');
  const tickets = new MemoryTickets();
  const bot = createBot({
    retriever: () => retriever,
    conversations: createMemoryConversationStore(),
    tickets,
    now: () => clock,
    ...overrides,
  });
  const say = (text: string, extra: Partial<IncomingMessage> = {}) =>
    bot.handle({ channel: 'test', conversationId: 'c1', userId: 'u1', text, ...extra });
  const advance = (minutes: number) => {
    clock = new Date(clock.getTime() + minutes * 60_000);
  };
  return { bot, say, tickets, advance };
}

describe('answers and follow-ups', () => {
  it('answers the asked section with title, code, numbered list and link, then offers other sections', async () => {
    const { say } = setup();
    const r = await say('làm căn cước cần giấy tờ gì');
    expect(r.outcome).toEqual({ kind: 'answer', code: CAN_CUOC.code, section: 'documents' });
    expect(r.intent).toBe('question');
    const text = r.replies[0]!.text;
    expect(text).toContain(CAN_CUOC.title);
    expect(text).toContain(CAN_CUOC.code);
    expect(text).toMatch(/^1\. Tờ khai căn cước \(1 bản chính; mẫu: CC01\)$/m);
    expect(text).toContain(`Chi tiết: ${CAN_CUOC.portalUrl}`);
    const more = r.replies[1]!;
    expect(more.choices?.map((c) => c.label)).toContain('Lệ phí');
    expect(more.text).toMatch(/^1\. Lệ phí$/m);
  });

  it('"còn lệ phí?" after an answer gives the fees of the same procedure', async () => {
    const { say } = setup();
    await say('làm căn cước cần giấy tờ gì');
    const r = await say('còn lệ phí?');
    expect(r.outcome).toEqual({ kind: 'answer', code: CAN_CUOC.code, section: 'fees' });
    expect(r.replies[0]!.text).toContain('Trực tiếp: Lệ phí : 30.000 Đồng');
    expect(r.replies[0]!.text).toContain('Trực tuyến: Lệ phí : 15.000 Đồng');
  });

  it('follow-ups without diacritics and in teen code stay on the topic', async () => {
    const { say } = setup();
    await say('làm căn cước cần giấy tờ gì');
    expect((await say('mat bao lau')).outcome).toEqual({ kind: 'answer', code: CAN_CUOC.code, section: 'time' });
    expect((await say('nop online dc ko')).outcome).toEqual({ kind: 'answer', code: CAN_CUOC.code, section: 'online' });
  });

  it('answers several sections asked in one message, in the order asked', async () => {
    const { say } = setup();
    const r = await say('làm hộ chiếu cần giấy tờ gì, lệ phí bao nhiêu');
    expect(r.outcome).toEqual({ kind: 'answer', code: HO_CHIEU.code, section: 'fees' });
    const text = r.replies[0]!.text;
    expect(text.indexOf('Hồ sơ cần nộp:')).toBeGreaterThan(0);
    expect(text.indexOf('Lệ phí:')).toBeGreaterThan(text.indexOf('Hồ sơ cần nộp:'));
    expect(text.match(/Chi tiết:/g)).toHaveLength(1);
    expect(r.replies[1]!.choices?.map((c) => c.id)).not.toContain('s:documents');
  });

  it('a new question replaces the topic', async () => {
    const { say } = setup();
    await say('làm căn cước cần giấy tờ gì');
    const r = await say('làm hộ chiếu hết bao nhiêu tiền');
    expect(r.outcome).toEqual({ kind: 'answer', code: HO_CHIEU.code, section: 'fees' });
    const next = await say('nộp ở đâu');
    expect(next.outcome).toEqual({ kind: 'answer', code: HO_CHIEU.code, section: 'where' });
  });

  it('says honestly when the record has no fee and online submission is missing', async () => {
    const { say } = setup();
    const fees = await say('mất bằng lái làm lại hết bao nhiêu tiền');
    expect(fees.replies[0]!.text).toContain('không ghi lệ phí');
    const online = await say('đăng ký kết hôn nộp online được không');
    expect(online.replies[0]!.text).toContain('chưa có hình thức nộp trực tuyến');
  });

  it('"đề nghị cấp lại …" is answered as a procedure question', async () => {
    const { say, tickets } = setup();
    const r = await say('Đề nghị cấp lại giấy phép lái xe bị mất cần giấy tờ gì');
    expect(r.outcome).toMatchObject({ kind: 'answer', code: GPLX.code });
    expect(tickets.opened).toHaveLength(0);
  });

  it('forgets the topic after a long silence', async () => {
    const { say, advance } = setup();
    await say('làm căn cước cần giấy tờ gì');
    advance(24 * 60);
    const r = await say('còn lệ phí?');
    expect(r.outcome).toEqual({ kind: 'clarify', codes: [] });
    expect(r.replies[0]!.text).toContain('thủ tục nào');
  });
});

describe('choices', () => {
  it('clarifies with numbered titles and "2" picks the second option', async () => {
    const { say } = setup();
    const c = await say('khai sinh');
    expect(c.outcome.kind).toBe('clarify');
    expect(c.outcome.kind === 'clarify' && c.outcome.codes.slice(0, 2)).toEqual([KHAI_SINH.code, KHAI_SINH_NN.code]);
    expect(c.replies[0]!.text).toContain('Bạn muốn hỏi thủ tục nào?');
    expect(c.replies[0]!.text).toMatch(/^2\. Đăng ký khai sinh có yếu tố nước ngoài$/m);
    const r = await say('2');
    expect(r.intent).toBe('choice');
    expect(r.outcome).toMatchObject({ kind: 'answer', code: KHAI_SINH_NN.code });
  });

  it.each(['số 2', 'cái thứ hai', 'chọn 2 nhé', 'thu 2'])('"%s" picks the second option', async (text) => {
    const { say } = setup();
    await say('khai sinh');
    expect((await say(text)).outcome).toMatchObject({ kind: 'answer', code: KHAI_SINH_NN.code });
  });

  it('"không phải" after a list offers an officer for the original question', async () => {
    const { say, tickets } = setup();
    await say('khai sinh');
    const r = await say('không phải cái nào hết');
    expect(r.outcome.kind).toBe('escalate');
    expect(r.replies[0]!.choices).toHaveLength(2);
    await say('có');
    expect(tickets.opened[0]).toMatchObject({ type: 'question', text: 'khai sinh' });
  });

  it('a section asked while a list is open keeps the list and answers that section on choice', async () => {
    const { say } = setup();
    await say('khai sinh');
    const again = await say('lệ phí bao nhiêu');
    expect(again.outcome.kind).toBe('clarify');
    expect(again.section).toBe('fees');
    expect((await say('1')).outcome).toEqual({ kind: 'answer', code: KHAI_SINH.code, section: 'fees' });
  });

  it('words of a listed title pick that option', async () => {
    const { say } = setup();
    await say('khai sinh');
    const r = await say('cái có yếu tố nước ngoài');
    expect(r.intent).toBe('choice');
    expect(r.outcome).toMatchObject({ kind: 'answer', code: KHAI_SINH_NN.code });
  });

  it('a pressed button id picks that option', async () => {
    const { say } = setup();
    const c = await say('khai sinh');
    const id = c.replies[0]!.choices![0]!.id;
    expect((await say('Đăng ký khai sinh', { choiceId: id })).outcome).toMatchObject({ kind: 'answer', code: KHAI_SINH.code });
  });

  it('a number after an answer picks one of the offered sections', async () => {
    const { say } = setup();
    const a = await say('làm căn cước cần giấy tờ gì');
    const second = a.replies[1]!.choices![1]!;
    const r = await say('2');
    expect(r.outcome).toMatchObject({ kind: 'answer', code: CAN_CUOC.code });
    expect(second.id).toBe(`s:${r.section}`);
  });

  it('an out-of-range number keeps the list so the citizen can pick again', async () => {
    const { say } = setup();
    await say('khai sinh');
    expect((await say('7')).outcome).toEqual({ kind: 'unknown-choice' });
    expect((await say('1')).outcome).toMatchObject({ kind: 'answer', code: KHAI_SINH.code });
  });

  it('a number with nothing to choose is an unknown choice', async () => {
    const { say } = setup();
    expect((await say('2')).outcome).toEqual({ kind: 'unknown-choice' });
  });
});

describe('escalation and tickets', () => {
  it('escalates honestly, and "đồng ý" opens a question ticket with its code', async () => {
    const { say, tickets } = setup();
    const e = await say('thủ tục nuôi ong lấy mật');
    expect(e.outcome.kind).toBe('escalate');
    expect(e.replies[0]!.text).toContain('Tôi chưa tìm được thủ tục phù hợp');
    expect(e.replies[0]!.choices).toHaveLength(2);
    const r = await say('đồng ý');
    expect(r.outcome).toEqual({ kind: 'ticket', type: 'question', ticketCode: 'PA-2611-0001' });
    expect(r.replies[0]!.text).toContain('Mã phiếu: PA-2611-0001');
    expect(tickets.opened[0]).toMatchObject({ type: 'question', text: 'thủ tục nuôi ong lấy mật', conversationId: 'c1' });
  });

  it('"không" declines the offer and opens nothing', async () => {
    const { say, tickets } = setup();
    await say('thủ tục nuôi ong lấy mật');
    expect((await say('thôi không cần')).outcome).toEqual({ kind: 'declined' });
    expect(tickets.opened).toHaveLength(0);
  });

  it('without a ticket service it never claims a ticket and points to 1022', async () => {
    const { say } = setup({ tickets: undefined });
    const e = await say('thủ tục nuôi ong lấy mật');
    expect(e.replies[0]!.choices).toBeUndefined();
    expect(e.replies[0]!.text).toContain('1022');
    const c = await say('cán bộ phường đòi 2 triệu mới giải quyết hồ sơ');
    expect(c.outcome).toEqual({ kind: 'ticket', type: 'complaint' });
    expect(c.replies[0]!.text).not.toContain('Mã phiếu');
    expect(c.replies[0]!.text).toContain('1022');
  });

  it('a complaint gets "Mã phiếu" in the first reply and later messages are appended', async () => {
    const { say, tickets } = setup();
    const r = await say('Đèn đường hẻm 7 hư cả tháng nay không ai sửa');
    expect(r.intent).toBe('complaint');
    expect(r.outcome).toEqual({ kind: 'ticket', type: 'complaint', ticketCode: 'PA-2611-0001' });
    expect(r.replies[0]!.text).toContain('Mã phiếu: PA-2611-0001');
    const more = await say('ở đầu hẻm gần trường tiểu học');
    expect(more.outcome).toMatchObject({ kind: 'ticket', ticketCode: 'PA-2611-0001', appended: true });
    expect(tickets.appended).toEqual([{ code: 'PA-2611-0001', text: 'ở đầu hẻm gần trường tiểu học' }]);
    expect(tickets.opened).toHaveLength(1);
    // details are appended even when the ranker happens to like them
    expect((await say('hẻm 7 khu phố 2')).outcome).toMatchObject({ kind: 'ticket', appended: true });
    // a real question in the same chat is still answered
    expect((await say('làm căn cước cần giấy tờ gì')).outcome).toMatchObject({ kind: 'answer', code: CAN_CUOC.code });
  });

  it('a complaint that names a procedure is still a complaint', async () => {
    const { say, tickets } = setup();
    const r = await say('làm cccd mà cán bộ đòi 500k mới làm nhanh');
    expect(r.outcome).toMatchObject({ kind: 'ticket', type: 'complaint' });
    expect(tickets.opened[0]!.type).toBe('complaint');
  });

  it('a petition opens a petition ticket', async () => {
    const { say, tickets } = setup();
    const r = await say('Đề nghị UBND xã lắp thêm đèn chiếu sáng cho hẻm 5');
    expect(r.outcome).toMatchObject({ kind: 'ticket', type: 'petition' });
    expect(r.replies[0]!.text).toContain('Mã phiếu:');
    expect(tickets.opened[0]!.type).toBe('petition');
  });

  it('looks up the status of a ticket by its code', async () => {
    const { say } = setup();
    await say('hẻm 12 ngập nước mấy ngày nay');
    const r = await say('tra cứu PA-2611-0001');
    expect(r.outcome).toEqual({ kind: 'status', ticketCode: 'PA-2611-0001', found: true });
    expect(r.replies[0]!.text).toContain('PA-2611-0001');
    expect(r.replies[0]!.text).toContain('Đang xử lý');
    expect(r.replies[0]!.text).toContain('04/12/2026');
    const missing = await say('kiểm tra phiếu PA-9999-0001');
    expect(missing.outcome).toEqual({ kind: 'status', ticketCode: 'PA-9999-0001', found: false });
    expect(missing.replies[0]!.text).toContain('Không tìm thấy phiếu có mã PA-9999-0001');
  });

  it('a request for a human with the question in it opens a ticket at once', async () => {
    const { say, tickets } = setup();
    const r = await say('cho tôi gặp cán bộ hỏi về việc đất nhà tôi bị cấp trùng sổ với nhà bên cạnh');
    expect(r.outcome).toEqual({ kind: 'handoff', ticketCode: 'PA-2611-0001' });
    expect(r.replies[0]!.text).toContain('Mã phiếu: PA-2611-0001');
    expect(tickets.opened[0]!.type).toBe('question');
  });

  it('a request for a human asks for the question, then opens a ticket', async () => {
    const { say, tickets } = setup();
    const h = await say('cho tôi gặp cán bộ');
    expect(h.intent).toBe('human');
    expect(h.outcome).toEqual({ kind: 'handoff' });
    const r = await say('đất nhà tôi bị cấp trùng sổ với nhà bên cạnh thì giải quyết sao');
    expect(r.outcome).toMatchObject({ kind: 'ticket', type: 'question' });
    expect(tickets.opened[0]!.type).toBe('question');
  });
});

describe('small talk', () => {
  it.each(['xin chào', 'alo có ai không', 'bot hay người vậy'])('"%s" gets a short introduction', async (text) => {
    const { say } = setup();
    const r = await say(text);
    expect(r.outcome).toEqual({ kind: 'smalltalk' });
    expect(r.replies[0]!.text).toContain('trợ lý ảo');
    expect(r.replies[0]!.text).toContain('1022');
  });

  it('thanks get a thanks', async () => {
    const { say } = setup();
    const r = await say('cảm ơn ad nhiều');
    expect(r.outcome).toEqual({ kind: 'smalltalk' });
    expect(r.replies[0]!.text).toContain('Rất vui');
  });
});
