// Staff actions on a ticket. Every action names the staff id and is audited by the store in the
// same transaction as the change; refusals are values with a Vietnamese message for staff.
import type { ActionResult, ServiceContext } from './service-context.js';
import { invalid, notFound } from './service-context.js';
import {
  CLOSABLE,
  MAX_STAFF_TEXT,
  REOPENABLE,
  STATUS_LABELS,
  WORKABLE,
  ratingQuestion,
  statusChangeError,
} from './service-rules.js';
import type { MessageAuthor, MessageDelivery, Ticket, TicketMessage, TicketStatus } from './types.js';
import { TICKET_STATUSES } from './types.js';

/** Key of the "waiting for a rating" record in the conversation-state store. */
export const ratingKey = (conversationId: string): string => `rating:${conversationId}`;

export interface Delivered {
  message: TicketMessage;
  delivery: MessageDelivery;
}

export function createStaffActions(ctx: ServiceContext) {
  const { store, replier, router, logger } = ctx.deps;
  const byCode = (code: string) => () => store.getTicketByCode(code);

  function checkText(text: unknown, what: string): string | undefined {
    if (typeof text !== 'string' || text.trim() === '') return `${what} không được để trống.`;
    if (text.length > MAX_STAFF_TEXT) return `${what} dài quá ${MAX_STAFF_TEXT} ký tự.`;
    return undefined;
  }

  /** Saves an outgoing message, sends it to the citizen, records where delivery stands. */
  async function deliver(ticket: Ticket, text: string, author: MessageAuthor, staffId?: string): Promise<Delivered | undefined> {
    const added = await store.addMessage(ticket.id, { author, text, delivery: 'pending', ...(staffId ? { staffId } : {}) });
    if (!added.ok) return undefined;
    let delivery: MessageDelivery;
    try {
      const r = await replier.send(ticket, text, { fromStaff: true, messageId: added.message.id });
      delivery = r.ok ? 'sent' : r.reason === 'window-closed' ? 'needs_callback' : 'failed';
    } catch {
      delivery = 'failed';
    }
    await store.setMessageDelivery(added.message.id, delivery);
    logger?.info('ticket.reply-delivery', { ticketCode: ticket.code, channel: ticket.channel, messageId: added.message.id, delivery });
    return { message: { ...added.message, delivery }, delivery };
  }

  return {
    deliver,

    /**
     * Reply to the citizen. Outside a live chat the ticket becomes answered (the bot resumes);
     * during a live chat it stays in progress unless `answered` is true. A reply the platform's
     * window no longer allows marks the ticket "cần liên hệ lại" (needsCallback).
     */
    async reply(code: string, staffId: string, text: unknown, answered?: boolean): Promise<ActionResult<{ delivery: MessageDelivery; messageId: number }>> {
      const bad = checkText(text, 'Nội dung trả lời');
      if (bad) return invalid(bad);
      const t = await store.getTicketByCode(code);
      if (!t) return notFound(code);
      if (t.status === 'closed') return invalid('Phiếu đã đóng: cần mở lại phiếu trước khi trả lời.');
      const sent = await deliver(t, (text as string).trim(), 'staff', staffId);
      if (!sent) return notFound(code);
      const r = await ctx.mutate(byCode(code), code, staffId, 'replied', (cur) => {
        const now = ctx.nowIso();
        const finish = answered ?? !cur.live;
        const status: TicketStatus = finish ? 'answered' : cur.status === 'answered' ? 'answered' : 'in_progress';
        return {
          patch: {
            ...(status !== cur.status ? { status } : {}),
            ...(cur.firstResponseAt ? {} : { firstResponseAt: now }),
            ...(status === 'answered' && !cur.answeredAt ? { answeredAt: now } : {}),
            ...(cur.assignee ? {} : { assignee: staffId }),
            ...(sent.delivery === 'needs_callback' ? { needsCallback: true } : {}),
            ...(status === 'answered' ? { live: false, liveUntil: null } : cur.live ? { liveUntil: new Date(ctx.deps.now().getTime() + ctx.liveIdleMs).toISOString() } : {}),
          },
          detail: { messageId: sent.message.id, delivery: sent.delivery, from: cur.status, to: status },
        };
      });
      return r.ok ? { ...r, delivery: sent.delivery, messageId: sent.message.id } : r;
    },

    /** Internal note: never sent to the citizen; audited. */
    async note(code: string, staffId: string, text: unknown): Promise<ActionResult<{ messageId: number }>> {
      const bad = checkText(text, 'Ghi chú');
      if (bad) return invalid(bad);
      const t = await store.getTicketByCode(code);
      if (!t) return notFound(code);
      const added = await store.addMessage(t.id, { author: 'note', text: (text as string).trim(), staffId });
      if (!added.ok) return notFound(code);
      const r = await ctx.mutate(byCode(code), code, staffId, 'note', () => ({ patch: {}, detail: { messageId: added.message.id } }));
      return r.ok ? { ...r, messageId: added.message.id } : r;
    },

    /** Moves the ticket to another agency; the history stays in the audit log. */
    transfer(code: string, staffId: string, agencyId: unknown, reason?: unknown) {
      return ctx.mutate(byCode(code), code, staffId, 'transferred', (t) => {
        if (typeof agencyId !== 'string' || !router.hasAgency(agencyId)) return { error: 'Cơ quan nhận (agencyId) không có trong danh sách cơ quan.' };
        if (agencyId === t.agencyId) return { error: 'Phiếu đang thuộc cơ quan này.' };
        if (!WORKABLE.includes(t.status)) return { error: `Phiếu ${STATUS_LABELS[t.status]}: cần mở lại phiếu trước khi chuyển.` };
        const status: TicketStatus = agencyId === router.intake ? 'new' : 'assigned';
        return {
          patch: { agencyId, status, assignee: null, live: false, liveUntil: null },
          detail: { from: t.agencyId, to: agencyId, ...(typeof reason === 'string' && reason.trim() ? { reason: reason.trim().slice(0, 500) } : {}) },
        };
      });
    },

    setStatus(code: string, staffId: string, status: unknown) {
      return ctx.mutate(byCode(code), code, staffId, 'status', (t) => {
        if (typeof status !== 'string' || !(TICKET_STATUSES as readonly string[]).includes(status)) {
          return { error: `Trạng thái không hợp lệ; dùng một trong: ${TICKET_STATUSES.join(', ')}.` };
        }
        const to = status as TicketStatus;
        const err = statusChangeError(t.status, to);
        if (err) return { error: err };
        const now = ctx.nowIso();
        return {
          patch: {
            status: to,
            ...(to === 'in_progress' && !t.assignee ? { assignee: staffId } : {}),
            ...(to === 'answered' ? { answeredAt: now, live: false, liveUntil: null } : {}),
          },
          detail: { from: t.status, to },
        };
      });
    },

    /** Closes with a reason, then asks the citizen for a 1–5 rating on the original channel. */
    async close(code: string, staffId: string, reason: unknown): Promise<ActionResult<{ ratingAsked: boolean }>> {
      const r = await ctx.mutate(byCode(code), code, staffId, 'closed', (t) => {
        if (typeof reason !== 'string' || reason.trim() === '') return { error: 'Cần nêu lý do đóng phiếu (reason).' };
        if (!CLOSABLE.includes(t.status)) return { error: 'Phiếu đã đóng.' };
        return {
          patch: { status: 'closed', closedAt: ctx.nowIso(), closeReason: reason.trim().slice(0, 500), live: false, liveUntil: null },
          detail: { from: t.status },
        };
      });
      if (!r.ok || r.ticket.rating !== undefined) return r.ok ? { ...r, ratingAsked: false } : r;
      const asked = await deliver(r.ticket, ratingQuestion(r.ticket.code), 'bot');
      const ok = asked?.delivery === 'sent';
      if (ok) {
        await store.conversations.set(ratingKey(r.ticket.conversationId), {
          updatedAt: ctx.nowIso(),
          ticket: { code: r.ticket.code, type: r.ticket.type },
        });
      }
      return { ...r, ratingAsked: ok };
    },

    /** answered / closed → in_progress; answer, close and rating times are cleared (audit keeps them). */
    reopen(code: string, staffId: string, reason?: unknown) {
      return ctx.mutate(byCode(code), code, staffId, 'reopened', (t) => {
        if (!REOPENABLE.includes(t.status)) return { error: 'Chỉ mở lại được phiếu đã trả lời hoặc đã đóng.' };
        return {
          patch: { status: 'in_progress', answeredAt: null, closedAt: null, closeReason: null, rating: null, assignee: t.assignee ?? staffId },
          detail: { from: t.status, ...(t.rating !== undefined ? { rating: t.rating } : {}), ...(typeof reason === 'string' && reason.trim() ? { reason: reason.trim().slice(0, 500) } : {}) },
        };
      });
    },

    /** Live handoff on: the bot stays silent in the conversation until release, answer, close or idle time. */
    take(code: string, staffId: string) {
      return ctx.mutate(byCode(code), code, staffId, 'live-on', (t) => {
        if (!WORKABLE.includes(t.status)) return { error: `Phiếu ${STATUS_LABELS[t.status]}: cần mở lại phiếu trước.` };
        const until = new Date(ctx.deps.now().getTime() + ctx.liveIdleMs).toISOString();
        return { patch: { live: true, liveUntil: until, assignee: staffId, status: 'in_progress' }, detail: { liveUntil: until } };
      });
    },

    release(code: string, staffId: string) {
      return ctx.mutate(byCode(code), code, staffId, 'live-off', (t) => {
        if (!t.live) return { error: 'Phiếu không ở chế độ trò chuyện trực tiếp.' };
        return { patch: { live: false, liveUntil: null } };
      });
    },
  };
}

export type StaffActions = ReturnType<typeof createStaffActions>;
