// Read side of the ticket service: the staff list (filters, deadline order, counts), one ticket
// with its thread and audit, and the replies the web chat page polls for.
import type { DeadlineState } from './deadlines.js';
import type { ServiceContext } from './service-context.js';
import { WEBCHAT_CHANNEL } from './service-replier.js';
import type { TicketFilter } from './store-types.js';
import type { AuditEntry, Ticket, TicketMessage, TicketStatus, TicketType } from './types.js';
import { OPEN_TICKET_STATUSES, TICKET_STATUSES } from './types.js';

export interface StaffListQuery {
  status?: TicketStatus[];
  type?: TicketType[];
  agencyId?: string[];
  channel?: string[];
  /** Only open tickets whose deadline state is due_soon. */
  dueSoon?: boolean;
  /** Only open tickets past their deadline. */
  overdue?: boolean;
  limit?: number;
  offset?: number;
}

export type TicketWithDeadline = Ticket & { deadlineState: DeadlineState };

export interface StaffList {
  items: TicketWithDeadline[];
  /** Matches of the filters (without limit / offset). */
  total: number;
  counts: { byStatus: Record<TicketStatus, number>; overdue: number; dueSoon: number; needsCallback: number; live: number };
}

export interface TicketDetail {
  ticket: TicketWithDeadline;
  agencyName?: string;
  thread: TicketMessage[];
  audit: AuditEntry[];
  deadline: { dueAt: string; state: DeadlineState; workingDays?: number };
}

export interface WebchatReply {
  id: number;
  at: string;
  from: 'staff' | 'bot';
  ticketCode: string;
  text: string;
}

/** Due-soon candidates: open tickets due within this many calendar days (covers Tết breaks). */
const DUE_SOON_SCAN_DAYS = 21;
/** The web chat poll looks at this many most recently updated web tickets (a reply bumps updatedAt). */
const WEBCHAT_SCAN = 200;

export function createTicketQueries(ctx: ServiceContext) {
  const { store, deadlines, router } = ctx.deps;
  const withState = (t: Ticket, now: Date): TicketWithDeadline => ({ ...t, deadlineState: deadlines.state(t, now) });

  async function openDueWithin(now: Date, base: TicketFilter, days: number): Promise<Ticket[]> {
    const open = base.status?.length ? base.status.filter((s) => OPEN_TICKET_STATUSES.includes(s)) : [...OPEN_TICKET_STATUSES];
    if (open.length === 0) return [];
    const page = await store.listTickets({ ...base, status: open, dueBefore: new Date(now.getTime() + days * 86_400_000).toISOString(), limit: 500, offset: 0 });
    return page.items;
  }

  async function counts(now: Date): Promise<StaffList['counts']> {
    const byStatus = {} as Record<TicketStatus, number>;
    for (const s of TICKET_STATUSES) byStatus[s] = (await store.listTickets({ status: [s], limit: 1 })).total;
    const open = [...OPEN_TICKET_STATUSES];
    const overdue = (await store.listTickets({ status: open, dueBefore: now.toISOString(), limit: 1 })).total;
    const soon = (await openDueWithin(now, {}, DUE_SOON_SCAN_DAYS)).filter((t) => deadlines.state(t, now) === 'due_soon').length;
    const needsCallback = (await store.listTickets({ needsCallback: true, limit: 1 })).total;
    const live = (await store.listTickets({ status: open, limit: 500 })).items.filter((t) => t.live).length;
    return { byStatus, overdue, dueSoon: soon, needsCallback, live };
  }

  return {
    async list(q: StaffListQuery = {}): Promise<StaffList> {
      const now = ctx.deps.now();
      const base: TicketFilter = {
        ...(q.status?.length ? { status: q.status } : {}),
        ...(q.type?.length ? { type: q.type } : {}),
        ...(q.agencyId?.length ? { agencyId: q.agencyId } : {}),
        ...(q.channel?.length ? { channel: q.channel } : {}),
        sort: 'dueAt',
        order: 'asc',
      };
      const limit = Math.min(Math.max(q.limit ?? 50, 1), 500);
      const offset = Math.max(q.offset ?? 0, 0);
      let items: TicketWithDeadline[];
      let total: number;
      if (q.dueSoon || q.overdue) {
        // Deadline states depend on the working calendar, so they are computed here, not in SQL.
        const wanted = new Set<DeadlineState>([...(q.dueSoon ? ['due_soon' as const] : []), ...(q.overdue ? ['overdue' as const] : [])]);
        const overdueFirst = q.overdue ? await openDueWithin(now, base, 0) : [];
        const soon = q.dueSoon ? await openDueWithin(now, base, DUE_SOON_SCAN_DAYS) : [];
        const seen = new Set<string>();
        const all = [...overdueFirst, ...soon]
          .filter((t) => (seen.has(t.id) ? false : (seen.add(t.id), true)))
          .map((t) => withState(t, now))
          .filter((t) => wanted.has(t.deadlineState))
          .sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.createdAt.localeCompare(b.createdAt));
        total = all.length;
        items = all.slice(offset, offset + limit);
      } else {
        const page = await store.listTickets({ ...base, limit, offset });
        items = page.items.map((t) => withState(t, now));
        total = page.total;
      }
      return { items, total, counts: await counts(now) };
    },

    async detail(code: string): Promise<TicketDetail | undefined> {
      const t = await store.getTicketByCode(code);
      if (!t) return undefined;
      const now = ctx.deps.now();
      const [thread, audit] = await Promise.all([store.listMessages(t.id), store.listAudit(t.id)]);
      const rule = (deadlines.rules as Record<string, { workingDays: number } | undefined>)[t.type];
      const name = router.agencyName(t.agencyId);
      return {
        ticket: withState(t, now),
        ...(name ? { agencyName: name } : {}),
        thread,
        audit,
        deadline: { dueAt: t.dueAt, state: deadlines.state(t, now), ...(rule ? { workingDays: rule.workingDays } : {}) },
      };
    },

    /**
     * Staff replies and service messages (rating question) delivered to a web chat conversation,
     * with id > after. Only tickets opened in that conversation are looked at, so a staff answer
     * is never shown to another chat that merely knows the ticket code.
     */
    async webchatReplies(conversationId: string, after: number): Promise<WebchatReply[]> {
      const page = await store.listTickets({ channel: [WEBCHAT_CHANNEL], sort: 'updatedAt', order: 'desc', limit: WEBCHAT_SCAN });
      const mine = page.items.filter((t) => t.conversationId === conversationId);
      const out: WebchatReply[] = [];
      for (const t of mine) {
        for (const m of await store.listMessages(t.id)) {
          if (m.id <= after || m.delivery !== 'sent' || (m.author !== 'staff' && m.author !== 'bot')) continue;
          out.push({ id: m.id, at: m.at, from: m.author, ticketCode: t.code, text: m.text });
        }
      }
      return out.sort((a, b) => a.id - b.id);
    },
  };
}

export type TicketQueries = ReturnType<typeof createTicketQueries>;
