// The TicketStore contract: one suite, run against every implementation (SQLite always,
// PostgreSQL when TEST_DATABASE_URL is set). A harness opens stores on one backing database
// (the same file, the same schema) so that "a second instance" and "a restart" are real.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CANONICAL_TICKET_CODE, MIGRATIONS, type NewTicket, type StoreDeps, type TicketStore } from '../../src/tickets/index.js';
import { stateAndLogContract } from './store-contract-state.js';
import { DAY, HOUR, T0, iso, newTicket } from './store-fixtures.js';

export { newTicket } from './store-fixtures.js';

export interface StoreHarness {
  /** A new store instance on the harness's database (not migrated). */
  open(deps?: StoreDeps): TicketStore;
  /** Drops the database (file, schema). Stores are closed before this runs. */
  cleanup(): Promise<void>;
}

export interface ContractContext {
  /** Opens and migrates a store on the test's database; closed after the test. */
  store(deps?: StoreDeps): Promise<TicketStore>;
  /** Opens without migrating. */
  raw(deps?: StoreDeps): TicketStore;
  clock: { now: () => Date; advance(ms: number): void };
}

export function runStoreContract(name: string, setup: () => Promise<StoreHarness>): void {
  describe(`TicketStore contract: ${name}`, () => {
    let harness: StoreHarness;
    let opened: TicketStore[];
    let t = T0;
    const ctx: ContractContext = {
      clock: { now: () => new Date(t), advance: (ms) => void (t += ms) },
      raw(deps) {
        const s = harness.open({ now: ctx.clock.now, ...deps });
        opened.push(s);
        return s;
      },
      async store(deps) {
        const s = ctx.raw(deps);
        await s.migrate();
        return s;
      },
    };

    beforeEach(async () => {
      t = T0;
      opened = [];
      harness = await setup();
    });
    afterEach(async () => {
      for (const s of opened) await s.close();
      await harness.cleanup();
    });

    it('migrates once, then finds nothing to do (also when two instances start together)', async () => {
      const latest = MIGRATIONS.sqlite.length;
      const [a, b] = [ctx.raw(), ctx.raw()];
      const results = await Promise.all([a.migrate(), b.migrate()]);
      expect(results.flatMap((r) => r.applied).sort()).toEqual(Array.from({ length: latest }, (_, i) => i + 1));
      expect(results.map((r) => r.version)).toEqual([latest, latest]);
      expect(await a.migrate()).toEqual({ applied: [], version: latest });
      expect(await ctx.raw().migrate()).toEqual({ applied: [], version: latest });
    });

    it('creates a ticket and finds it by id and by a leniently typed code', async () => {
      const s = await ctx.store();
      const created = await s.createTicket(
        newTicket({ procedureCode: '1.000178', citizenPhone: '0912345678', firstMessage: { author: 'citizen', text: 'Đường ấp 3 ngập, gọi 0912345678' } }),
        { actor: 'bot' },
      );
      expect(created).toMatchObject({
        type: 'complaint',
        status: 'new',
        channel: 'telegram',
        conversationId: 'tg:100',
        citizenUserId: '100',
        citizenPhone: '0912345678',
        agencyId: 'so-xay-dung',
        procedureCode: '1.000178',
        createdAt: iso(T0),
        updatedAt: iso(T0),
        dueAt: iso(T0 + 10 * DAY),
        live: false,
        needsCallback: false,
        version: 1,
      });
      expect(created.code).toMatch(CANONICAL_TICKET_CODE);
      expect(created.code.startsWith('PA-')).toBe(true);
      expect(created.summary).not.toContain('0912345678');
      expect(created.summary).toContain('Đường ấp 3 ngập nước');
      expect(created.rating).toBeUndefined();
      expect(await s.getTicket(created.id)).toEqual(created);
      const compact = created.code.replace(/-/g, '').toLowerCase();
      expect(await s.getTicketByCode(compact)).toEqual(created);
      expect(await s.getTicketByCode(` ${created.code.slice(0, 7)} ${created.code.slice(8)} `)).toEqual(created);
      expect(await s.getTicketByCode('PA-2222-2222')).toBeUndefined();
      expect(await s.getTicketByCode('không phải mã')).toBeUndefined();
      expect(await s.getTicket('00000000-0000-0000-0000-000000000000')).toBeUndefined();
      // The citizen's words stay whole in the thread (staff need the number to call back).
      expect((await s.listMessages(created.id)).map((m) => [m.author, m.text])).toEqual([['citizen', 'Đường ấp 3 ngập, gọi 0912345678']]);
      const audit = await s.listAudit(created.id);
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ actor: 'bot', action: 'created', detail: { code: created.code, type: 'complaint' } });
      expect(JSON.stringify(audit)).not.toContain('0912345678');
      const prefixes = await Promise.all(
        (['question', 'petition'] as const).map(async (type) => (await s.createTicket(newTicket({ type }))).code.slice(0, 2)),
      );
      expect(prefixes).toEqual(['HT', 'KN']);
    });

    it('gives every ticket a distinct code, also under many concurrent creations', async () => {
      const s = await ctx.store();
      const tickets = await Promise.all(Array.from({ length: 300 }, (_, i) => s.createTicket(newTicket({ conversationId: `c${i}` }))));
      expect(new Set(tickets.map((x) => x.code)).size).toBe(300);
      expect((await s.listTickets({ limit: 500 })).total).toBe(300);
    });

    it('draws a new code when the unique index reports a collision, and gives up after the limit', async () => {
      const queue = ['PA-AAAA-AAAA', 'PA-AAAA-AAAA', 'PA-AAAA-AAAA', 'PA-BBBB-BBBB'];
      const s = await ctx.store({ generateCode: () => queue.shift() ?? 'PA-AAAA-AAAA', maxCodeAttempts: 3 });
      expect((await s.createTicket(newTicket())).code).toBe('PA-AAAA-AAAA');
      expect((await s.createTicket(newTicket())).code).toBe('PA-BBBB-BBBB'); // two clashes, third draw
      await expect(s.createTicket(newTicket())).rejects.toThrow();
      expect((await s.listTickets()).total).toBe(2); // the failed attempts left nothing behind
      expect((await s.listAudit((await s.getTicketByCode('PA-BBBB-BBBB'))!.id)).length).toBe(1);
    });

    it('lists with filters, sorted by deadline, paged, with a total', async () => {
      const s = await ctx.store();
      const mk = async (over: Partial<NewTicket>, hoursLater: number) => {
        ctx.clock.advance(hoursLater * HOUR);
        return s.createTicket(newTicket(over));
      };
      const a = await mk({ type: 'complaint', agencyId: 'ubnd-xa-a', channel: 'zalo', dueAt: iso(T0 + 5 * DAY) }, 0);
      const b = await mk({ type: 'petition', agencyId: 'ubnd-xa-b', channel: 'telegram', dueAt: iso(T0 + 2 * DAY) }, 1);
      const c = await mk({ type: 'question', agencyId: 'ubnd-xa-a', channel: 'webchat', dueAt: iso(T0 + 9 * DAY) }, 1);
      const d = await mk({ type: 'complaint', agencyId: 'so-y-te', channel: 'zalo', dueAt: iso(T0 + 1 * DAY), status: 'in_progress' }, 1);
      const codes = (p: { items: { code: string }[] }) => p.items.map((x) => x.code);

      expect(codes(await s.listTickets())).toEqual([d, b, a, c].map((x) => x.code));
      expect(codes(await s.listTickets({ order: 'desc' }))).toEqual([c, a, b, d].map((x) => x.code));
      expect(codes(await s.listTickets({ sort: 'createdAt' }))).toEqual([a, b, c, d].map((x) => x.code));
      expect(codes(await s.listTickets({ status: ['new'] }))).toEqual([b, a, c].map((x) => x.code));
      expect(codes(await s.listTickets({ type: ['complaint', 'petition'] }))).toEqual([d, b, a].map((x) => x.code));
      expect(codes(await s.listTickets({ agencyId: ['ubnd-xa-a'] }))).toEqual([a, c].map((x) => x.code));
      expect(codes(await s.listTickets({ channel: ['zalo'], status: ['new', 'in_progress'] }))).toEqual([d, a].map((x) => x.code));
      expect(codes(await s.listTickets({ dueBefore: iso(T0 + 5 * DAY) }))).toEqual([d, b].map((x) => x.code));
      expect(codes(await s.listTickets({ createdFrom: iso(T0 + HOUR), createdTo: iso(T0 + 3 * HOUR), sort: 'createdAt' }))).toEqual(
        [b, c].map((x) => x.code),
      );
      expect(codes(await s.listTickets({ codeSearch: c.code.slice(3, 7).toLowerCase() }))).toContain(c.code);
      expect(codes(await s.listTickets({ codeSearch: c.code.replace(/-/g, ' ').toLowerCase() }))).toEqual([c.code]);
      expect(codes(await s.listTickets({ codeSearch: '---' }))).toEqual([]);
      expect(codes(await s.listTickets({ needsCallback: true }))).toEqual([]);
      expect(codes(await s.listTickets({ status: [] }))).toHaveLength(4); // empty list = no filter

      const page = await s.listTickets({ limit: 2, offset: 1 });
      expect(page.total).toBe(4);
      expect(codes(page)).toEqual([b, a].map((x) => x.code));
    });

    it('updates with the audit entry in the same transaction, and bumps the version', async () => {
      const s = await ctx.store();
      const t0 = await s.createTicket(newTicket());
      ctx.clock.advance(HOUR);
      const r = await s.updateTicket(
        t0.id,
        { status: 'assigned', assignee: 'staff-7', rating: null },
        { actor: 'admin-1', action: 'assigned', detail: { to: 'staff-7' }, expectedVersion: 1 },
      );
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.ticket).toMatchObject({ status: 'assigned', assignee: 'staff-7', version: 2, updatedAt: iso(T0 + HOUR), createdAt: iso(T0) });
      expect(await s.getTicket(t0.id)).toEqual(r.ticket);
      const audit = await s.listAudit(t0.id);
      expect(audit.map((e) => e.action)).toEqual(['created', 'assigned']);
      expect(audit[1]).toMatchObject({ actor: 'admin-1', at: iso(T0 + HOUR), detail: { to: 'staff-7', fields: ['status', 'assignee', 'rating'] } });

      const cleared = await s.updateTicket(t0.id, { assignee: null, needsCallback: true, closedAt: iso(T0 + 2 * HOUR) }, { actor: 'system', action: 'x', expectedVersion: 2 });
      expect(cleared.ok && cleared.ticket.assignee).toBeUndefined();
      expect(cleared.ok && [cleared.ticket.needsCallback, cleared.ticket.closedAt]).toEqual([true, iso(T0 + 2 * HOUR)]);

      // When the audit entry cannot be written, the change is rolled back with it.
      const bad = { actor: null as unknown as string, action: 'closed', expectedVersion: 3 };
      await expect(s.updateTicket(t0.id, { status: 'closed', closeReason: 'done' }, bad)).rejects.toThrow();
      expect(await s.getTicket(t0.id)).toMatchObject({ status: 'assigned', version: 3 });
      expect((await s.getTicket(t0.id))?.closeReason).toBeUndefined();
      expect(await s.listAudit(t0.id)).toHaveLength(3);
    });

    it('reports version conflicts, unknown tickets and invalid values as values', async () => {
      const s = await ctx.store();
      const t0 = await s.createTicket(newTicket());
      const [first, second] = await Promise.all([
        s.updateTicket(t0.id, { status: 'assigned', assignee: 'u1' }, { actor: 'u1', action: 'assigned', expectedVersion: 1 }),
        s.updateTicket(t0.id, { status: 'assigned', assignee: 'u2' }, { actor: 'u2', action: 'assigned', expectedVersion: 1 }),
      ]);
      const results = [first, second];
      expect(results.filter((x) => x.ok)).toHaveLength(1);
      const lost = results.find((x) => !x.ok);
      expect(lost).toMatchObject({ ok: false, reason: 'conflict', current: { version: 2, status: 'assigned' } });
      expect((await s.listAudit(t0.id)).map((e) => e.action)).toEqual(['created', 'assigned']);

      const unknown = await s.updateTicket('00000000-0000-0000-0000-000000000000', { status: 'closed' }, { actor: 'u', action: 'closed', expectedVersion: 1 });
      expect(unknown).toEqual({ ok: false, reason: 'not-found' });
      for (const patch of [{ rating: 9 }, { rating: 2.5 }, { agencyId: null }, { dueAt: 'ngày mai' }, { status: 'done' }, { code: 'PA-0000-0000' }]) {
        const r = await s.updateTicket(t0.id, patch as never, { actor: 'u', action: 'x', expectedVersion: 2 });
        expect(r).toMatchObject({ ok: false, reason: 'invalid' });
      }
      expect(await s.getTicket(t0.id)).toMatchObject({ version: 2, agencyId: 'so-xay-dung' });
      expect(await s.listAudit(t0.id)).toHaveLength(2);
      const rated = await s.updateTicket(t0.id, { rating: 5 }, { actor: 'citizen', action: 'rated', expectedVersion: 2 });
      expect(rated.ok && rated.ticket.rating).toBe(5);
    });

    it('keeps a ticket thread in order, with delivery states', async () => {
      const s = await ctx.store();
      const t0 = await s.createTicket(newTicket({ firstMessage: { author: 'citizen', text: 'Đường ngập' } }));
      ctx.clock.advance(HOUR);
      const note = await s.addMessage(t0.id, { author: 'note', staffId: 'u1', text: 'Đã gọi xã kiểm tra' });
      const reply = await s.addMessage(t0.id, { author: 'staff', staffId: 'u1', text: 'Xã sẽ bơm nước trong tuần.', delivery: 'pending' });
      expect(note.ok && reply.ok).toBe(true);
      if (!reply.ok) return;
      expect(reply.message).toMatchObject({ ticketId: t0.id, author: 'staff', staffId: 'u1', delivery: 'pending', at: iso(T0 + HOUR) });
      expect(await s.setMessageDelivery(reply.message.id, 'needs_callback')).toBe(true);
      expect(await s.setMessageDelivery(999_999, 'sent')).toBe(false);
      const thread = await s.listMessages(t0.id);
      expect(thread.map((m) => [m.author, m.text, m.delivery])).toEqual([
        ['citizen', 'Đường ngập', undefined],
        ['note', 'Đã gọi xã kiểm tra', undefined],
        ['staff', 'Xã sẽ bơm nước trong tuần.', 'needs_callback'],
      ]);
      expect((await s.getTicket(t0.id))?.updatedAt).toBe(iso(T0 + HOUR));
      expect(await s.addMessage('00000000-0000-0000-0000-000000000000', { author: 'citizen', text: 'x' })).toEqual({ ok: false, reason: 'not-found' });
      expect(await s.listMessages('00000000-0000-0000-0000-000000000000')).toEqual([]);
    });

    it('finds the open ticket of a conversation, newest first, by type', async () => {
      const s = await ctx.store();
      const old = await s.createTicket(newTicket({ conversationId: 'zl:5' }));
      ctx.clock.advance(HOUR);
      const newer = await s.createTicket(newTicket({ conversationId: 'zl:5', type: 'petition' }));
      ctx.clock.advance(HOUR);
      const question = await s.createTicket(newTicket({ conversationId: 'zl:5', type: 'question' }));
      await s.createTicket(newTicket({ conversationId: 'zl:6' }));
      expect((await s.findOpenTicketForConversation('zl:5'))?.id).toBe(question.id);
      expect((await s.findOpenTicketForConversation('zl:5', ['complaint', 'petition']))?.id).toBe(newer.id);
      await s.updateTicket(newer.id, { status: 'closed' }, { actor: 'u', action: 'closed', expectedVersion: 1 });
      expect((await s.findOpenTicketForConversation('zl:5', ['complaint', 'petition']))?.id).toBe(old.id);
      await s.updateTicket(old.id, { status: 'answered' }, { actor: 'u', action: 'answered', expectedVersion: 1 });
      expect(await s.findOpenTicketForConversation('zl:5', ['complaint', 'petition'])).toBeUndefined();
      expect(await s.findOpenTicketForConversation('zl:404')).toBeUndefined();
    });

    stateAndLogContract(ctx);
  });
}
