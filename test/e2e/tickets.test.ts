// Tickets end to end: the whole app (src/main.ts start()) on port 0 over real HTTP, with a small
// temp knowledge dir, the real working calendar and a temp DATA_DIR (SQLite). A complaint from
// the web chat gets its code in the first reply, "tra cứu <code>" answers the status, an officer
// replies through the staff API, the citizen's page receives it, the ticket is closed and rated;
// an unanswerable question becomes a ticket after "đồng ý"; the app restarts in the middle.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../src/config.js';
import { start, type Running } from '../../src/main.js';
import { createLogger } from '../../src/shared/logger.js';
import { tempDir, writeProcedure, procedure } from '../knowledge/helpers.js';

const TOKEN = 'test-staff-token-0123456789';
const CALENDAR = fileURLToPath(new URL('../../knowledge/calendar/holidays.yaml', import.meta.url));
const CITIZEN = 'citizen-conv-0001';
const OTHER = 'other-conv-00002';

const AGENCIES = `province: Đồng Tháp
intake: tong-dai-1022
agencies:
  - id: tong-dai-1022
    name: Tổng đài 1022
    level: tinh
    fields: []
    submit: "Trung tâm Phục vụ hành chính công"
    matches: []
  - id: ubnd-xa
    name: Ủy ban nhân dân xã, phường
    level: xa
    fields: [Hộ tịch]
    submit: "Trung tâm Phục vụ hành chính công xã, phường"
    matches: [Ủy ban nhân dân cấp xã]
`;

let config: Config;
let running: Running | undefined;
let base = '';

async function boot(): Promise<void> {
  running = await start(config, createLogger({ level: 'error', write: () => {} }));
  base = `http://127.0.0.1:${running.port}`;
}

async function chat(text: string, conversationId = CITIZEN): Promise<string> {
  const res = await fetch(`${base}/api/webchat/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ conversationId, text }),
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { replies: { text: string }[] };
  return body.replies.map((r) => r.text).join('\n');
}

async function poll(conversationId: string, after = 0): Promise<{ id: number; from: string; text: string; ticketCode: string }[]> {
  const res = await fetch(`${base}/api/webchat/messages?conversationId=${conversationId}&after=${after}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { messages: { id: number; from: string; text: string; ticketCode: string }[] }).messages;
}

async function staff(method: 'GET' | 'POST', path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}/api/staff${path}`, {
    method,
    headers: { authorization: `Bearer ${TOKEN}`, 'x-staff-id': 'canbo.lan', 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as any };
}

const codeIn = (text: string, prefix: string) => new RegExp(`${prefix}-[0-9A-Z]{4}-[0-9A-Z]{4}`).exec(text)?.[0];

beforeAll(async () => {
  const kbDir = tempDir('tickets-kb-');
  writeProcedure(kbDir, 'ho-tich/1.000001.md', procedure({ aliases: ['làm giấy khai sinh cho con'] }));
  writeFileSync(join(kbDir, 'agencies.yaml'), AGENCIES);
  config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    KNOWLEDGE_DIR: kbDir,
    DATA_DIR: tempDir('tickets-data-'),
    KB_WATCH: 'false',
    CALENDAR_FILE: CALENDAR,
    STAFF_API_TOKEN: TOKEN,
  });
  await boot();
});

afterAll(async () => {
  await running?.stop();
});

describe('tickets end to end', () => {
  let code = '';

  it('opens a complaint from the web chat and gives its code in the first reply', async () => {
    const reply = await chat('Tôi muốn phản ánh: đèn đường ở ấp 3 xã Mỹ An bị hư cả tuần nay, buổi tối rất tối');
    code = codeIn(reply, 'PA') ?? '';
    expect(code).not.toBe('');
    expect(reply).toContain(`tra cứu ${code}`);
    const more = await chat('Chỗ cột điện số 12 gần cổng chợ');
    expect(more).toContain(`bổ sung thông tin của bạn vào phiếu ${code}`);
  });

  it('answers "tra cứu <code>" from any conversation with the status, naming the code', async () => {
    const reply = await chat(`tra cứu ${code}`, OTHER);
    expect(reply).toContain(code);
    expect(reply).toContain('Đã tiếp nhận');
  });

  it('protects the staff API with the bearer token and validates requests', async () => {
    expect((await fetch(`${base}/api/staff/tickets`)).status).toBe(401);
    expect((await staff('GET', '/tickets?status=bogus')).status).toBe(400);
    expect((await staff('GET', '/tickets/PA-0000-0000')).status).toBe(404);
    expect((await staff('POST', `/tickets/${code}/transfer`, { agencyId: 'khong-co' })).status).toBe(400);
    expect((await staff('POST', `/tickets/${code}/note`, { text: 'ghi chú' }, { 'x-staff-id': '' })).status).toBe(400);
    expect((await staff('POST', `/tickets/${code}/status`, { status: 'new' })).status).toBe(400);
  });

  it('keeps everything across a restart on the same DATA_DIR', async () => {
    await running!.stop();
    running = undefined;
    await boot();
    const list = await staff('GET', '/tickets?type=complaint');
    expect(list.status).toBe(200);
    expect(list.body.items.map((t: { code: string }) => t.code)).toEqual([code]);
    expect(list.body.counts.byStatus.new).toBe(1);
  });

  it('delivers a staff reply to the citizen page only, and the status stays short', async () => {
    const r = await staff('POST', `/tickets/${code}/reply`, { text: 'Điện lực sẽ thay bóng đèn trước thứ Sáu.' });
    expect(r.status).toBe(200);
    expect(r.body.delivery).toBe('sent');
    expect(r.body.ticket.status).toBe('answered');
    const got = await poll(CITIZEN);
    expect(got.map((m) => [m.from, m.ticketCode, m.text])).toEqual([['staff', code, 'Điện lực sẽ thay bóng đèn trước thứ Sáu.']]);
    expect(await poll(CITIZEN, got[0]!.id)).toEqual([]);
    expect(await poll(OTHER)).toEqual([]);
    const status = await chat(`tra cứu ${code}`, OTHER);
    expect(status).toContain('Đã trả lời');
    expect(status).not.toContain('Điện lực');
  });

  it('shows the ticket with thread, audit and deadline state to staff', async () => {
    const d = await staff('GET', `/tickets/${code}`);
    expect(d.status).toBe(200);
    expect(d.body.thread.map((m: { author: string; text: string }) => [m.author, m.text.slice(0, 20)])).toEqual([
      ['citizen', 'Tôi muốn phản ánh: đ'],
      // The bot's replies of the turns that opened and fed the ticket (staff console, issue 5).
      ['bot', 'Cảm ơn bạn đã gửi ph'],
      ['citizen', 'Chỗ cột điện số 12 g'],
      ['bot', 'Tôi đã bổ sung thông'],
      ['staff', 'Điện lực sẽ thay bón'],
    ]);
    expect(d.body.audit.map((a: { action: string }) => a.action)).toEqual(expect.arrayContaining(['created', 'routed', 'replied']));
    expect(d.body.audit.find((a: { action: string }) => a.action === 'replied').actor).toBe('canbo.lan');
    expect(d.body.deadline.state).toBe('met');
  });

  it('closes, asks the citizen for a rating and records "5 sao"', async () => {
    const before = await poll(CITIZEN);
    const closed = await staff('POST', `/tickets/${code}/close`, { reason: 'Đã chuyển điện lực xử lý' });
    expect(closed.status).toBe(200);
    expect(closed.body.ratingAsked).toBe(true);
    const question = await poll(CITIZEN, before.at(-1)!.id);
    expect(question.map((m) => m.from)).toEqual(['bot']);
    expect(question[0]!.text).toContain('từ 1 đến 5');
    const thanks = await chat('5 sao');
    expect(thanks).toContain('5 sao');
    const d = await staff('GET', `/tickets/${code}`);
    expect(d.body.ticket.rating).toBe(5);
    expect(d.body.ticket.status).toBe('closed');
  });

  it('turns an unanswerable question into a ticket after "đồng ý", across a restart', async () => {
    const conv = 'question-conv-003';
    const offer = await chat('Cho hỏi thủ tục xin cấp phép bay flycam quay phim đám cưới', conv);
    expect(offer).toContain('chuyển câu hỏi cho cán bộ');
    await running!.stop();
    running = undefined;
    await boot();
    const reply = await chat('đồng ý', conv);
    const ht = codeIn(reply, 'HT');
    expect(ht).toBeDefined();
    const d = await staff('GET', `/tickets/${ht}`);
    expect(d.body.ticket.type).toBe('question');
    expect(d.body.thread[0].text).toContain('flycam');
  });

  it('keeps the bot silent during a live chat and resumes on release', async () => {
    const conv = 'live-conv-000004';
    const reply = await chat('Tôi muốn phản ánh rác thải đổ bừa bãi ở chợ', conv);
    const pa = codeIn(reply, 'PA')!;
    expect((await staff('POST', `/tickets/${pa}/take`)).status).toBe(200);
    expect(await chat('Chị ơi, rác vẫn còn đó', conv)).toBe('');
    await staff('POST', `/tickets/${pa}/reply`, { text: 'Chào chị, tôi đang liên hệ đội vệ sinh.' });
    expect((await poll(conv)).map((m) => m.text)).toEqual(['Chào chị, tôi đang liên hệ đội vệ sinh.']);
    expect((await staff('POST', `/tickets/${pa}/release`)).status).toBe(200);
    expect(await chat(`tra cứu ${pa}`, conv)).toContain(pa);
    const d = await staff('GET', `/tickets/${pa}`);
    expect(d.body.thread.map((m: { author: string }) => m.author)).toEqual(['citizen', 'bot', 'citizen', 'staff']);
  });
});
