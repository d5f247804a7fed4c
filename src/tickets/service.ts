// The ticket service: the bot's TicketPort over the store (open with routing and a working-day
// deadline, append citizen details, status look-up), staff actions, the staff list, and the
// citizen-side checks the conversation wrapper needs (live handoff, pending rating).
import type { OpenTicketInput, TicketPort, TicketStatusView } from '../core/ports.js';
import { createServiceContext, invalid, notFound, type ActionResult, type TicketServiceDeps } from './service-context.js';
import { createTicketQueries, type TicketQueries } from './service-list.js';
import { createStaffActions, ratingKey, type StaffActions } from './service-staff.js';
import type { Ticket } from './types.js';

export interface TicketService extends StaffActions, TicketQueries {
  /** What the bot core calls (createBot({ tickets: service.port })). */
  readonly port: TicketPort;
  /** The conversation's open ticket while an officer chats live in it (idle chats end here). */
  liveTicketFor(conversationId: string): Promise<Ticket | undefined>;
  /** A citizen message during a live chat: goes to the ticket thread, the bot says nothing. */
  citizenMessage(ticket: Ticket, text: string): Promise<void>;
  /** Code of the closed ticket whose rating question is waiting for an answer in this conversation. */
  pendingRating(conversationId: string): Promise<string | undefined>;
  clearPendingRating(conversationId: string): Promise<void>;
  rate(code: string, rating: number, conversationId: string): Promise<ActionResult>;
  /** Waits for background work (model summaries of new tickets) to finish; before closing the store. */
  settle(): Promise<void>;
}

export function createTicketService(deps: TicketServiceDeps): TicketService {
  const ctx = createServiceContext(deps);
  const { store, router, deadlines, logger } = deps;
  const staff = createStaffActions(ctx);
  const queries = createTicketQueries(ctx);

  const clearPendingRating = async (conversationId: string): Promise<void> => {
    await store.conversations.set(ratingKey(conversationId), { updatedAt: ctx.nowIso() });
  };

  // Summaries from the model land after the ticket exists; the citizen's words stay the summary
  // until then, and for good when the model fails or is not configured.
  const pendingSummaries = new Set<Promise<void>>();
  const summarizeLater = (code: string, text: string, summarize: (t: string) => Promise<string | undefined>): void => {
    const job: Promise<void> = (async () => {
      const summary = (await summarize(text).catch(() => undefined))?.trim();
      if (!summary) return;
      const r = await ctx.mutate(() => store.getTicketByCode(code), code, 'system', 'summarized', () => ({ patch: { summary } }));
      if (!r.ok) logger?.warn('ticket.summary_not_saved', { ticketCode: code, error: r.error });
    })()
      .catch((err: unknown) => logger?.warn('ticket.summary_failed', { ticketCode: code, error: (err as Error)?.name }))
      .finally(() => pendingSummaries.delete(job));
    pendingSummaries.add(job);
  };

  const port: TicketPort = {
    async open(input: OpenTicketInput) {
      const now = deps.now();
      const procedure = input.procedureCode ? deps.lookupProcedure(input.procedureCode) : undefined;
      const route = router.route(procedure);
      const due = deadlines.dueAt(input.type, now);
      if (!due.ok) throw new RangeError(`no deadline rule for ticket type ${due.type}`);
      const created = await store.createTicket(
        {
          type: input.type,
          channel: input.channel,
          conversationId: input.conversationId,
          citizenUserId: input.userId,
          agencyId: route.agencyId,
          ...(input.procedureCode ? { procedureCode: input.procedureCode } : {}),
          summary: input.text,
          dueAt: due.dueAt.toISOString(),
          status: route.agencyId === router.intake ? 'new' : 'assigned',
          createdAt: now.toISOString(),
          firstMessage: { author: 'citizen', text: input.text, at: now.toISOString() },
        },
        { actor: 'bot' },
      );
      // The routing decision goes to the audit log too (why this agency).
      const routed = await store.updateTicket(created.id, {}, {
        expectedVersion: created.version,
        actor: 'system',
        action: 'routed',
        detail: { agencyId: route.agencyId, reason: route.reason, ...(route.matched ? { matched: route.matched } : {}), workingDays: due.workingDays },
      });
      logger?.info('ticket.created', { ticketCode: created.code, type: created.type, channel: created.channel, agencyId: route.agencyId, route: route.reason });
      if (deps.summarize) summarizeLater(created.code, input.text, deps.summarize);
      return { code: (routed.ok ? routed.ticket : created).code };
    },

    async append(code, text) {
      const t = await store.getTicketByCode(code);
      if (!t) throw new Error(`ticket ${code} not found`);
      // A closed ticket takes no more details: the bot then treats the message as a new one.
      if (t.status === 'closed') throw new Error(`ticket ${code} is closed`);
      await store.addMessage(t.id, { author: 'citizen', text });
    },

    async status(code): Promise<TicketStatusView | undefined> {
      const t = await store.getTicketByCode(code);
      // Status only: the staff answer is shown in the conversation that opened the ticket.
      return t ? { code: t.code, status: t.status, type: t.type, dueAt: t.dueAt } : undefined;
    },
  };

  return {
    ...staff,
    ...queries,
    port,

    async liveTicketFor(conversationId) {
      const t = await store.findOpenTicketForConversation(conversationId);
      if (!t?.live) return undefined;
      if (t.liveUntil && Date.parse(t.liveUntil) <= deps.now().getTime()) {
        // Idle: the officer did nothing for the configured time; the bot takes over again.
        const r = await ctx.mutate(() => store.getTicket(t.id), t.code, 'system', 'live-expired', (cur) =>
          cur.live ? { patch: { live: false, liveUntil: null } } : { error: 'not live' },
        );
        logger?.info('ticket.live-expired', { ticketCode: t.code, ok: r.ok });
        return undefined;
      }
      return t;
    },

    async citizenMessage(ticket, text) {
      await store.addMessage(ticket.id, { author: 'citizen', text });
    },

    async pendingRating(conversationId) {
      const s = await store.conversations.get(ratingKey(conversationId));
      return s?.ticket?.code;
    },

    clearPendingRating,

    async settle() {
      while (pendingSummaries.size > 0) await Promise.all([...pendingSummaries]);
    },

    async rate(code, rating, conversationId) {
      if (!Number.isInteger(rating) || rating < 1 || rating > 5) return invalid('Điểm đánh giá phải từ 1 đến 5.');
      const t = await store.getTicketByCode(code);
      if (!t) return notFound(code);
      const r = await ctx.mutate(() => store.getTicket(t.id), code, 'citizen', 'rated', (cur) => {
        if (cur.conversationId !== conversationId) return { error: 'Chỉ người gửi phiếu mới đánh giá được.' };
        if (cur.status !== 'closed') return { error: 'Phiếu chưa đóng.' };
        return { patch: { rating }, detail: { rating } };
      });
      await clearPendingRating(conversationId);
      return r;
    },
  };
}
