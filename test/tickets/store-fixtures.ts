// Shared fixtures of the TicketStore contract suite: a fixed clock origin and a valid NewTicket.
import type { NewTicket } from '../../src/tickets/index.js';

export const T0 = Date.parse('2026-03-02T01:00:00.000Z');
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const iso = (ms: number) => new Date(ms).toISOString();

export function newTicket(over: Partial<NewTicket> = {}): NewTicket {
  return {
    type: 'complaint',
    channel: 'telegram',
    conversationId: 'tg:100',
    citizenUserId: '100',
    agencyId: 'so-xay-dung',
    summary: 'Đường ấp 3 ngập nước, gọi tôi 0912345678',
    dueAt: iso(T0 + 10 * DAY),
    ...over,
  };
}
