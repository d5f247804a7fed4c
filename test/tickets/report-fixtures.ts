// Seed of the report tests: tickets and conversation-log entries with explicit local times, whose
// figures for the period 2026-01-01..2026-03-31 are worked out by hand in EXPECTED below.
// Office hours 07:30–17:00 (9.5 working hours a day). Calendar facts used (holidays.yaml):
// 01–02/01/2026 holidays, 10/01/2026 (Saturday) a make-up working day, 16–20/02/2026 Tết.
import type { Ticket, TicketPatch, TicketStore, TicketType } from '../../src/tickets/index.js';

/** An instant given in Vietnamese local time: vn('2026-03-09 10:00'). */
export const vn = (local: string): string => new Date(`${local.replace(' ', 'T')}:00+07:00`).toISOString();

export const PERIOD = { from: '2026-01-01', to: '2026-03-31' };

interface Seed {
  type: TicketType;
  channel: string;
  agencyId: string;
  createdAt: string;
  dueAt: string;
  patch?: TicketPatch;
}

// Working hours noted as FR (first response) and RES (resolution) where they fall in the period.
export const SEED: Record<string, Seed> = {
  // Fri 16:00 → Mon 08:30 / 09:30 over a weekend: FR 1 + 1 = 2 h, RES 1 + 2 = 3 h, on time, rated 5.
  A: { type: 'question', channel: 'telegram', agencyId: 'so-tu-phap', createdAt: vn('2026-03-06 16:00'), dueAt: vn('2026-03-11 17:00'),
    patch: { status: 'answered', firstResponseAt: vn('2026-03-09 08:30'), answeredAt: vn('2026-03-09 09:30'), rating: 5 } },
  // Wed 11/02 10:00 → Mon 23/02 10:00 across Tết: 7 + 9.5 + 9.5 + 2.5 = 28.5 h, late, rated 2.
  B: { type: 'question', channel: 'zalo', agencyId: 'so-tu-phap', createdAt: vn('2026-02-11 10:00'), dueAt: vn('2026-02-13 17:00'),
    patch: { status: 'closed', firstResponseAt: vn('2026-02-23 10:00'), answeredAt: vn('2026-02-23 10:00'), closedAt: vn('2026-02-24 10:00'), rating: 2 } },
  // Same day: FR 0.5 h, RES 2 h, on time, no rating.
  C: { type: 'question', channel: 'webchat', agencyId: 'so-noi-vu', createdAt: vn('2026-01-08 09:00'), dueAt: vn('2026-01-12 17:00'),
    patch: { status: 'answered', firstResponseAt: vn('2026-01-08 09:30'), answeredAt: vn('2026-01-08 11:00') } },
  // Received before the period, answered in it after the New Year holidays: RES 2 + 1 = 3 h, on time,
  // rated 4; its first response (31/12/2025) is outside the period.
  D: { type: 'complaint', channel: 'telegram', agencyId: 'so-xay-dung', createdAt: vn('2025-12-31 15:00'), dueAt: vn('2026-01-09 17:00'),
    patch: { status: 'answered', firstResponseAt: vn('2025-12-31 16:00'), answeredAt: vn('2026-01-05 08:30'), rating: 4 } },
  // Open and overdue at the end of the period; FR 2 h.
  E: { type: 'complaint', channel: 'zalo', agencyId: 'so-xay-dung', createdAt: vn('2026-03-16 08:00'), dueAt: vn('2026-03-27 17:00'),
    patch: { status: 'in_progress', firstResponseAt: vn('2026-03-16 10:00') } },
  // Open, not yet due.
  F: { type: 'petition', channel: 'telegram', agencyId: 'so-noi-vu', createdAt: vn('2026-03-20 14:00'), dueAt: vn('2026-04-10 17:00'),
    patch: { status: 'assigned' } },
  // Received in the period, answered after it: open at the period's end, not overdue; its rating
  // (1) and first response (01/04) do not count.
  G: { type: 'complaint', channel: 'webchat', agencyId: 'so-xay-dung', createdAt: vn('2026-03-25 10:00'), dueAt: vn('2026-04-08 17:00'),
    patch: { status: 'answered', firstResponseAt: vn('2026-04-01 09:00'), answeredAt: vn('2026-04-02 09:00'), rating: 1 } },
  // After the period: counts nowhere.
  H: { type: 'question', channel: 'telegram', agencyId: 'so-tu-phap', createdAt: vn('2026-04-02 08:00'), dueAt: vn('2026-04-06 17:00'),
    patch: { status: 'answered', firstResponseAt: vn('2026-04-02 09:00'), answeredAt: vn('2026-04-02 09:00'), rating: 5 } },
  // Before the period, answered before it: counts nowhere.
  I: { type: 'question', channel: 'zalo', agencyId: 'so-tu-phap', createdAt: vn('2025-11-10 08:00'), dueAt: vn('2025-11-12 17:00'),
    patch: { status: 'closed', answeredAt: vn('2025-11-11 08:00'), closedAt: vn('2025-11-12 08:00'), rating: 5 } },
  // Closed as a duplicate without answeredAt: answered at closedAt, Mon 09:00 → Tue 09:00 = 8 + 1.5
  // = 9.5 h, on time.
  J: { type: 'complaint', channel: 'telegram', agencyId: 'so-tu-phap', createdAt: vn('2026-02-02 09:00'), dueAt: vn('2026-02-06 17:00'),
    patch: { status: 'closed', closedAt: vn('2026-02-03 09:00'), closeReason: 'Trùng phiếu' } },
  // Fri 09/01 16:30 → Mon 12/01 08:00 over the make-up Saturday 10/01: 0.5 + 9.5 + 0.5 = 10.5 h, late, rated 3.
  K: { type: 'petition', channel: 'zalo', agencyId: 'so-noi-vu', createdAt: vn('2026-01-09 16:30'), dueAt: vn('2026-01-10 17:00'),
    patch: { status: 'answered', firstResponseAt: vn('2026-01-12 08:00'), answeredAt: vn('2026-01-12 08:00'), rating: 3 } },
};

/** Creates the SEED tickets and the conversation log; returns the tickets by seed key. */
export async function seedReportStore(store: TicketStore): Promise<Record<string, Ticket>> {
  const out: Record<string, Ticket> = {};
  let n = 0;
  for (const [key, s] of Object.entries(SEED)) {
    n++;
    const t = await store.createTicket({
      type: s.type, channel: s.channel, agencyId: s.agencyId, createdAt: s.createdAt, dueAt: s.dueAt,
      conversationId: `conv-${key}`, citizenUserId: `user-${n}`, summary: `Phiếu thử ${key}`,
    });
    if (!s.patch) {
      out[key] = t;
      continue;
    }
    const r = await store.updateTicket(t.id, s.patch, { actor: 'staff-1', action: 'seed', expectedVersion: t.version });
    if (!r.ok) throw new Error(`seed ${key}: ${r.reason}`);
    out[key] = r.ticket;
  }
  const code = (k: string) => out[k]!.code;
  const log = (conv: string, channel: string, at: string, direction: 'in' | 'out', outcome: string, ticketCode?: string) =>
    store.appendConversationLog({ conversationId: conv, channel, at: vn(at), direction, outcome, intent: 'question', ...(ticketCode ? { ticketCode } : {}) });
  await log('c1', 'telegram', '2026-01-05 08:00', 'in', 'answer');
  await log('c1', 'telegram', '2026-01-05 08:00', 'out', 'answer');
  await log('c1', 'telegram', '2026-01-05 08:01', 'in', 'clarify');
  await log('c1', 'telegram', '2026-01-05 08:02', 'in', 'answer');
  await log('c2', 'zalo', '2026-02-10 09:00', 'in', 'escalate');
  await log('c2', 'zalo', '2026-02-10 09:00', 'out', 'escalate');
  await log('c2', 'zalo', '2026-02-11 10:00', 'in', 'ticket', code('B'));
  await log('c3', 'webchat', '2026-01-08 09:00', 'in', 'handoff', code('C'));
  await log('c4', 'zalo', '2026-03-16 08:00', 'in', 'ticket', code('E'));
  await log('c5', 'telegram', '2026-03-20 14:00', 'in', 'ticket', code('F'));
  // A follow-up to E (same code) and one to D, received before the period: not new tickets.
  await log('c6', 'telegram', '2026-03-21 10:00', 'in', 'ticket', code('E'));
  await log('c7', 'telegram', '2026-01-03 10:00', 'in', 'ticket', code('D'));
  await log('c1', 'telegram', '2026-03-10 10:00', 'in', 'status', code('A'));
  await log('c8', 'webchat', '2026-02-01 10:00', 'in', 'smalltalk');
  // Outside the period.
  await log('c9', 'telegram', '2025-12-31 10:00', 'in', 'answer');
  await log('c9', 'telegram', '2026-04-01 08:00', 'in', 'answer');
  return out;
}

const fig = (received: number, answered: number, onTime: number, rate: number | null, open: number, overdue: number,
  frCount: number, fr: number | null, res: number | null) => ({
  received, answered, answeredOnTime: onTime, answeredLate: answered - onTime, onTimeRate: rate, openAtEnd: open,
  openOverdue: overdue, firstResponseCount: frCount, medianFirstResponseHours: fr, medianResolutionHours: res,
});

/** Figures the seed implies for PERIOD (worked out by hand from the comments on SEED). */
export const EXPECTED = {
  // received A B C E F G J K; answered A B C D J K (on time A C D J); open E F G (E overdue);
  // FR [0.5, 2, 2, 10.5, 28.5]; RES [2, 3, 3, 9.5, 10.5, 28.5] → (3 + 9.5) / 2.
  totals: fig(8, 6, 4, 66.67, 3, 1, 5, 2, 6.25),
  byType: {
    question: fig(3, 3, 2, 66.67, 0, 0, 3, 2, 3),
    complaint: fig(3, 2, 2, 100, 2, 1, 1, 2, 6.25),
    petition: fig(2, 1, 0, 0, 1, 0, 1, 10.5, 10.5),
  },
  byChannel: {
    telegram: fig(3, 3, 3, 100, 1, 0, 1, 2, 3),
    zalo: fig(3, 2, 0, 0, 1, 1, 3, 10.5, 19.5),
    webchat: fig(2, 1, 1, 100, 1, 0, 1, 0.5, 2),
  },
  channelOrder: ['telegram', 'zalo', 'webchat'],
  byAgency: {
    'so-tu-phap': fig(3, 3, 2, 66.67, 0, 0, 2, 15.25, 9.5),
    'so-noi-vu': fig(3, 2, 1, 50, 1, 0, 2, 5.5, 6.25),
    'so-xay-dung': fig(2, 1, 1, 100, 2, 1, 1, 2, 3),
  },
  agencyOrder: ['so-tu-phap', 'so-noi-vu', 'so-xay-dung'],
  satisfaction: { count: 4, average: 3.5, distribution: { '1': 0, '2': 1, '3': 1, '4': 1, '5': 1 } },
  bot: {
    messagesIn: 12, messagesOut: 2, conversations: 8, answered: 2, clarified: 1, escalated: 2, handoffs: 1,
    answeredRate: 16.67, ticketsOpened: { question: 2, complaint: 1, petition: 1, total: 4 },
    messagesInByChannel: [
      { key: 'telegram', label: 'Telegram', messagesIn: 7 },
      { key: 'zalo', label: 'Zalo', messagesIn: 3 },
      { key: 'webchat', label: 'Trò chuyện trên trang web', messagesIn: 2 },
    ],
  },
  sentence:
    'Trong kỳ, Tổng đài đã tiếp nhận 08 trường hợp, gồm 03 trường hợp hỏi thông tin, 03 trường hợp phản ánh và ' +
    '02 trường hợp kiến nghị; đã trả lời 03 trường hợp hỏi thông tin, 02 trường hợp phản ánh và 01 trường hợp ' +
    'kiến nghị; tỉ lệ trả lời đúng hạn 66,67%.',
};
