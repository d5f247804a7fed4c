// Contract part 2: conversation state, conversation log, restart. Registered inside the
// describe block of runStoreContract (store-contract.ts).
import { expect, it } from 'vitest';
import type { ConversationState } from '../../src/core/ports.js';
import type { ContractContext } from './store-contract.js';
import { DAY, HOUR, T0, iso, newTicket } from './store-fixtures.js';

const state: ConversationState = {
  procedureCode: '1.000178',
  section: 'fees',
  pending: { kind: 'procedures', codes: ['1.000178', '2.000001'], section: 'documents', question: 'làm lại căn cước ở đâu' },
  ticket: { code: 'PA-7K3M-9QXD', type: 'complaint' },
  updatedAt: iso(T0),
};

export function stateAndLogContract(ctx: ContractContext): void {
  it('keeps conversation state so that a second instance continues the conversation', async () => {
    const a = await ctx.store();
    const b = await ctx.store();
    expect(await a.conversations.get('tg:1')).toBeUndefined();
    await a.conversations.set('tg:1', state);
    expect(await b.conversations.get('tg:1')).toEqual(state);
    const next: ConversationState = { awaitingHumanText: true, updatedAt: iso(T0 + HOUR) };
    await b.conversations.set('tg:1', next);
    expect(await a.conversations.get('tg:1')).toEqual(next);
    expect(await a.conversations.get('tg:2')).toBeUndefined();

    ctx.clock.advance(DAY);
    await a.conversations.set('tg:3', { updatedAt: iso(T0 + DAY) });
    expect(await a.pruneConversationStates(iso(T0 + HOUR))).toBe(1);
    expect(await b.conversations.get('tg:1')).toBeUndefined();
    expect(await b.conversations.get('tg:3')).toEqual({ updatedAt: iso(T0 + DAY) });
  });

  it('queries the conversation log by time range and channel, oldest first', async () => {
    const s = await ctx.store();
    const turn = (at: number, channel: string, direction: 'in' | 'out', outcome: string, extra = {}) =>
      s.appendConversationLog({ conversationId: `${channel}:1`, channel, at: iso(at), direction, outcome, intent: 'question', ...extra });
    await turn(T0 + 2 * HOUR, 'zalo', 'out', 'answer', { procedureCode: '1.000178' });
    await turn(T0, 'telegram', 'in', 'answer');
    await turn(T0 + HOUR, 'telegram', 'out', 'ticket', { ticketCode: 'PA-7K3M-9QXD' });
    await turn(T0 + DAY, 'telegram', 'in', 'smalltalk');

    const day = await s.queryConversationLog({ from: iso(T0), to: iso(T0 + DAY) });
    expect(day.map((e) => [e.at, e.channel, e.direction, e.outcome])).toEqual([
      [iso(T0), 'telegram', 'in', 'answer'],
      [iso(T0 + HOUR), 'telegram', 'out', 'ticket'],
      [iso(T0 + 2 * HOUR), 'zalo', 'out', 'answer'],
    ]);
    expect(day[1]).toEqual({
      conversationId: 'telegram:1',
      channel: 'telegram',
      at: iso(T0 + HOUR),
      direction: 'out',
      outcome: 'ticket',
      intent: 'question',
      ticketCode: 'PA-7K3M-9QXD',
    });
    expect(day[2]?.procedureCode).toBe('1.000178');
    const tg = await s.queryConversationLog({ from: iso(T0), to: iso(T0 + 2 * DAY), channel: 'telegram' });
    expect(tg.map((e) => e.outcome)).toEqual(['answer', 'ticket', 'smalltalk']);
    expect(await s.queryConversationLog({ from: iso(T0 - DAY), to: iso(T0) })).toEqual([]);
  });

  it('appends a turn\'s entries in one call, in the order given; none is a no-op', async () => {
    const s = await ctx.store();
    const base = { conversationId: 'zalo:9', channel: 'zalo', at: iso(T0), outcome: 'answer', intent: 'question' } as const;
    await s.appendConversationLog({ ...base, direction: 'in' }, { ...base, direction: 'out', procedureCode: '2.000001' });
    await s.appendConversationLog();
    const log = await s.queryConversationLog({ from: iso(T0), to: iso(T0 + HOUR) });
    expect(log.map((e) => [e.direction, e.procedureCode])).toEqual([
      ['in', undefined],
      ['out', '2.000001'],
    ]);
  });

  it('loses nothing across a restart (close and reopen)', async () => {
    const s = await ctx.store();
    const t0 = await s.createTicket(newTicket({ firstMessage: { author: 'citizen', text: 'Đèn đường hỏng' } }));
    const upd = await s.updateTicket(t0.id, { status: 'in_progress', live: true, liveUntil: iso(T0 + HOUR) }, { actor: 'u1', action: 'live', expectedVersion: 1 });
    expect(upd.ok).toBe(true);
    await s.addMessage(t0.id, { author: 'staff', staffId: 'u1', text: 'Đã tiếp nhận', delivery: 'sent' });
    await s.conversations.set('tg:100', state);
    await s.appendConversationLog({ conversationId: 'tg:100', channel: 'telegram', at: iso(T0), direction: 'in', outcome: 'ticket', intent: 'complaint' });
    const before = {
      ticket: await s.getTicket(t0.id),
      messages: await s.listMessages(t0.id),
      audit: await s.listAudit(t0.id),
      state: await s.conversations.get('tg:100'),
      log: await s.queryConversationLog({ from: iso(T0 - DAY), to: iso(T0 + DAY) }),
    };
    expect(await s.ping()).toBe(true);
    await s.close();
    expect(await s.ping()).toBe(false);

    const again = ctx.raw();
    expect((await again.migrate()).applied).toEqual([]);
    expect({
      ticket: await again.getTicketByCode(t0.code),
      messages: await again.listMessages(t0.id),
      audit: await again.listAudit(t0.id),
      state: await again.conversations.get('tg:100'),
      log: await again.queryConversationLog({ from: iso(T0 - DAY), to: iso(T0 + DAY) }),
    }).toEqual(before);
    expect(before.ticket).toMatchObject({ status: 'in_progress', live: true, liveUntil: iso(T0 + HOUR), version: 2 });
    expect(before.messages).toHaveLength(2);
    expect(before.audit).toHaveLength(2);
    // A new ticket after the restart still gets a fresh code.
    const t1 = await again.createTicket(newTicket());
    expect(t1.code).not.toBe(t0.code);
  });
}
