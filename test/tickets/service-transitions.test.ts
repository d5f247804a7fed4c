// The service's lifecycle: allowed and refused transitions, transfer, close/reopen, replies,
// notes, the bot's port, and the audit trail naming the staff member.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STATUS_TRANSITIONS, TICKET_STATUSES, statusChangeError } from '../../src/tickets/index.js';
import { STAFF, createHarness, openComplaint, type Harness } from './service-helpers.js';
import { vn } from './deadlines-helpers.js';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(async () => {
  await h.store.close();
});

const ticket = async (code: string) => (await h.store.getTicketByCode(code))!;

describe('ticket service: opening and the bot port', () => {
  it('opens a complaint at the intake team with a working-day deadline and audits it', async () => {
    const code = await openComplaint(h);
    expect(code).toMatch(/^PA-/);
    const t = await ticket(code);
    expect(t.status).toBe('new');
    expect(t.agencyId).toBe('tong-dai-1022');
    // Received Monday 9 March 2026 10:00: 10 working days later is Monday 23 March, end of office hours.
    expect(t.dueAt).toBe(vn('2026-03-23 17:00').toISOString());
    const thread = await h.store.listMessages(t.id);
    expect(thread.map((m) => m.author)).toEqual(['citizen']);
    expect((await h.store.listAudit(t.id)).map((a) => a.action)).toEqual(['created', 'routed']);
  });

  it('appends details and answers status without the staff answer', async () => {
    const code = await openComplaint(h);
    await h.service.port.append(code, 'Ở gần chợ, đoạn 200 mét');
    await h.service.reply(code, STAFF, 'Đã báo điện lực sửa trong tuần này.');
    const view = await h.service.port.status(code.toLowerCase().replace(/-/g, ''));
    expect(view).toEqual({ code, status: 'answered', type: 'complaint', dueAt: (await ticket(code)).dueAt });
    expect(JSON.stringify(view)).not.toContain('điện lực');
    expect(await h.service.port.status('PA-0000-0000')).toBeUndefined();
  });

  it('refuses to append to a closed ticket (the bot then handles the message itself)', async () => {
    const code = await openComplaint(h);
    await h.service.close(code, STAFF, 'Trùng phiếu');
    await expect(h.service.port.append(code, 'thêm')).rejects.toThrow();
  });
});

describe('ticket service: status transitions', () => {
  it('moves forward and refuses going back, staying put, or closing without the close action', async () => {
    const code = await openComplaint(h);
    expect((await h.service.setStatus(code, STAFF, 'in_progress')).ok).toBe(true);
    expect((await ticket(code)).assignee).toBe(STAFF);
    for (const to of ['assigned', 'new', 'in_progress', 'closed', 'done']) {
      const r = await h.service.setStatus(code, STAFF, to);
      expect(r.ok, to).toBe(false);
      if (!r.ok) expect(r.error).toBe('invalid');
    }
    expect((await h.service.setStatus(code, STAFF, 'answered')).ok).toBe(true);
    const t = await ticket(code);
    expect(t.status).toBe('answered');
    expect(t.answeredAt).toBeDefined();
    expect((await h.service.setStatus(code, STAFF, 'in_progress')).ok).toBe(false);
  });

  it('has a transition table that never goes back to new and never closes through status', () => {
    for (const from of TICKET_STATUSES) {
      expect(STATUS_TRANSITIONS[from]).not.toContain('new');
      expect(STATUS_TRANSITIONS[from]).not.toContain('closed');
      expect(statusChangeError(from, from)).toBeDefined();
    }
  });

  it('needs a reason to close, closes once, and reopens to in progress', async () => {
    const code = await openComplaint(h);
    expect(await h.service.close(code, STAFF, '  ')).toMatchObject({ ok: false, error: 'invalid' });
    const closed = await h.service.close(code, STAFF, 'Đã xử lý xong');
    expect(closed.ok).toBe(true);
    expect(await h.service.close(code, STAFF, 'lần nữa')).toMatchObject({ ok: false, error: 'invalid' });
    expect(await h.service.reply(code, STAFF, 'trả lời')).toMatchObject({ ok: false, error: 'invalid' });
    expect(await h.service.setStatus(code, STAFF, 'in_progress')).toMatchObject({ ok: false, error: 'invalid' });
    expect(await h.service.take(code, STAFF)).toMatchObject({ ok: false, error: 'invalid' });
    const reopened = await h.service.reopen(code, STAFF, 'Công dân phản ánh lại');
    expect(reopened.ok).toBe(true);
    const t = await ticket(code);
    expect(t.status).toBe('in_progress');
    expect(t.closedAt).toBeUndefined();
    expect(t.closeReason).toBeUndefined();
    expect(await h.service.reopen(code, STAFF)).toMatchObject({ ok: false, error: 'invalid' });
  });

  it('transfers to a known agency with history, and refuses unknown or same agencies', async () => {
    const code = await openComplaint(h);
    expect(await h.service.transfer(code, STAFF, 'so-khong-co')).toMatchObject({ ok: false, error: 'invalid' });
    expect(await h.service.transfer(code, STAFF, 'tong-dai-1022')).toMatchObject({ ok: false, error: 'invalid' });
    const r = await h.service.transfer(code, STAFF, 'so-tu-phap', 'Thuộc lĩnh vực tư pháp');
    expect(r.ok).toBe(true);
    let t = await ticket(code);
    expect([t.agencyId, t.status]).toEqual(['so-tu-phap', 'assigned']);
    await h.service.transfer(code, 'canbo.binh', 'ubnd-xa');
    t = await ticket(code);
    const moves = (await h.store.listAudit(t.id)).filter((a) => a.action === 'transferred');
    expect(moves.map((a) => [a.actor, a.detail.from, a.detail.to])).toEqual([
      [STAFF, 'tong-dai-1022', 'so-tu-phap'],
      ['canbo.binh', 'so-tu-phap', 'ubnd-xa'],
    ]);
  });

  it('answers not-found for an unknown code', async () => {
    for (const r of [await h.service.setStatus('PA-0000-0000', STAFF, 'assigned'), await h.service.reply('PA-0000-0000', STAFF, 'x'), await h.service.close('PA-0000-0000', STAFF, 'x')]) {
      expect(r).toMatchObject({ ok: false, error: 'not-found' });
    }
    expect(await h.service.detail('PA-0000-0000')).toBeUndefined();
  });
});

describe('ticket service: replies, notes and audit', () => {
  it('sends a reply to the citizen, marks the ticket answered and the message sent', async () => {
    const code = await openComplaint(h);
    h.clock.advance(3_600_000);
    const r = await h.service.reply(code, STAFF, 'Đã chuyển điện lực xử lý.');
    expect(r).toMatchObject({ ok: true, delivery: 'sent' });
    expect(h.replier.sent).toEqual([{ ticketCode: code, channel: 'web', text: 'Đã chuyển điện lực xử lý.' }]);
    const t = await ticket(code);
    expect([t.status, t.assignee, t.firstResponseAt]).toEqual(['answered', STAFF, h.clock.now.toISOString()]);
    const staffMsg = (await h.store.listMessages(t.id)).find((m) => m.author === 'staff');
    expect([staffMsg?.staffId, staffMsg?.delivery]).toEqual([STAFF, 'sent']);
  });

  it('rejects empty texts and keeps notes internal', async () => {
    const code = await openComplaint(h);
    expect(await h.service.reply(code, STAFF, '')).toMatchObject({ ok: false, error: 'invalid' });
    expect(await h.service.note(code, STAFF, 42)).toMatchObject({ ok: false, error: 'invalid' });
    expect((await h.service.note(code, STAFF, 'Đã gọi điện lực')).ok).toBe(true);
    expect(h.replier.sent).toEqual([]);
    expect((await ticket(code)).status).toBe('new');
  });

  it('audits every staff action with the staff id', async () => {
    const code = await openComplaint(h);
    await h.service.note(code, 'a', 'ghi chú');
    await h.service.transfer(code, 'b', 'so-tu-phap');
    await h.service.take(code, 'c');
    await h.service.release(code, 'd');
    await h.service.reply(code, 'e', 'trả lời');
    await h.service.close(code, 'f', 'xong');
    await h.service.reopen(code, 'g');
    const audit = await h.store.listAudit((await ticket(code)).id);
    expect(audit.filter((a) => a.actor.length === 1).map((a) => `${a.actor}:${a.action}`)).toEqual([
      'a:note', 'b:transferred', 'c:live-on', 'd:live-off', 'e:replied', 'f:closed', 'g:reopened',
    ]);
  });

  it('lists tickets by deadline with counts and deadline states', async () => {
    const late = await openComplaint(h, 'web:c-late');
    h.clock.advance(24 * 3_600_000);
    const q = await h.service.port.open({ type: 'question', channel: 'telegram', conversationId: 'tg:1', userId: '1', text: 'Hỏi giờ làm việc' });
    const all = await h.service.list();
    expect(all.total).toBe(2);
    expect(all.items.map((t) => t.code)).toEqual([q.code, late]);
    expect(all.counts.byStatus.new).toBe(2);
    // Question received Tuesday 10 March 10:00, 2 working days: due Thursday 12 March 17:00.
    expect(all.items[0]!.dueAt).toBe(vn('2026-03-12 17:00').toISOString());
    h.clock.now = vn('2026-03-12 10:00');
    const soon = await h.service.list({ dueSoon: true });
    expect(soon.items.map((t) => [t.code, t.deadlineState])).toEqual([[q.code, 'due_soon']]);
    h.clock.now = vn('2026-03-13 08:00');
    const overdue = await h.service.list({ overdue: true });
    expect(overdue.items.map((t) => t.code)).toEqual([q.code]);
    expect(overdue.counts.overdue).toBe(1);
    expect((await h.service.list({ type: ['complaint'] })).items.map((t) => t.code)).toEqual([late]);
  });
});
