// Staff replies through the outbox, shaped as the ticket service's CitizenReplier port
// (src/tickets/service-replier.ts; typed structurally here so neither module imports the other's
// internals). send() queues the message durably, then waits a short while for the first
// delivery outcome so the staff console can show it at once. If the platform is still being
// retried when the wait ends, the reply is reported as accepted: the outbox keeps trying, and
// the final state arrives through onStaffDelivery (wire it to store.setMessageDelivery).
import type { ChannelPipeline } from './pipeline.js';
import type { DeliveryReport } from './sender.js';

export interface ReplyTicket {
  channel: string;
  conversationId: string;
  citizenUserId: string;
}

export type OutboxReplyResult = { ok: true } | { ok: false; reason: 'window-closed' | 'failed' };

export interface OutboxReplier {
  send(ticket: ReplyTicket, text: string, options: { fromStaff: true; messageId?: number }): Promise<OutboxReplyResult>;
}

export function createOutboxReplier(pipeline: Pick<ChannelPipeline, 'enqueueStaffReply' | 'waitForDelivery'>, options: { waitMs?: number } = {}): OutboxReplier {
  const waitMs = options.waitMs ?? 10_000;
  return {
    async send(ticket, text, opts) {
      const queued = await pipeline.enqueueStaffReply({
        conversationId: ticket.conversationId,
        userId: ticket.citizenUserId,
        text,
        ...(opts.messageId !== undefined ? { ticketMessageId: opts.messageId } : {}),
      });
      if (!queued.ok) return { ok: false, reason: 'failed' };
      const report = await pipeline.waitForDelivery(queued.outboxId, waitMs);
      if (!report || report.status === 'sent') return { ok: true };
      return { ok: false, reason: report.status === 'window-closed' ? 'window-closed' : 'failed' };
    },
  };
}

/** The ticket message delivery state for a final outbox outcome (tickets' MessageDelivery). */
export function deliveryState(report: Pick<DeliveryReport, 'status'>): 'sent' | 'needs_callback' | 'failed' {
  return report.status === 'sent' ? 'sent' : report.status === 'window-closed' ? 'needs_callback' : 'failed';
}
