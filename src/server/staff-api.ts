// Staff JSON API for tickets under /api/staff/ (issues 3 and 5). Who is asking comes from
// staff-auth.ts (session or bearer token) as res.locals.principal. Agency staff only ever see
// and act on their own agency's tickets: lists are filtered and another agency's ticket is a
// 403, here in the API (the console merely follows). Editors have no access to tickets. Every
// action is audited by the ticket service with the officer's username as the actor.
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { Procedure } from '../knowledge/types.js';
import type { ActionResult } from '../tickets/service-context.js';
import type { StaffListQuery, StaffList } from '../tickets/service-list.js';
import type { TicketService } from '../tickets/service.js';
import type { TicketStore } from '../tickets/store-types.js';
import { OPEN_TICKET_STATUSES, TICKET_STATUSES, TICKET_TYPES, type Ticket, type TicketStatus, type TicketType } from '../tickets/types.js';
import type { Logger } from '../shared/logger.js';
import type { Principal } from '../staff/types.js';
import { principalOf, requireRole } from './staff-auth.js';

export interface StaffApiDeps {
  service: TicketService;
  store: TicketStore;
  logger: Logger;
  lookupProcedure?: (code: string) => Procedure | undefined;
  now: () => Date;
  /** How often the live-chat event stream looks for new messages. Default 1000 ms. */
  eventPollMs?: number;
  /** Re-checks the session of an open event stream (logout, lock, expiry end the stream). */
  sessionValid?: (sessionId: string) => Promise<boolean>;
}

type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

function list(v: unknown): string[] {
  if (v === undefined) return [];
  const parts = (Array.isArray(v) ? v : [v]).flatMap((x) => String(x).split(','));
  return parts.map((s) => s.trim()).filter((s) => s !== '');
}

function bool(v: unknown, name: string): Parsed<boolean | undefined> {
  if (v === undefined || v === '') return { ok: true, value: undefined };
  if (v === 'true' || v === '1') return { ok: true, value: true };
  if (v === 'false' || v === '0') return { ok: true, value: false };
  return { ok: false, message: `${name} phải là true hoặc false.` };
}

function int(v: unknown, name: string, min: number, max: number): Parsed<number | undefined> {
  if (v === undefined || v === '') return { ok: true, value: undefined };
  const n = Number(v);
  return Number.isInteger(n) && n >= min && n <= max ? { ok: true, value: n } : { ok: false, message: `${name} phải là số nguyên từ ${min} đến ${max}.` };
}

/** Query string → list filters; unknown statuses or types are a 400, not silently ignored. */
export function parseListQuery(q: Record<string, unknown>): Parsed<StaffListQuery> {
  const status = list(q.status);
  const badStatus = status.filter((s) => !(TICKET_STATUSES as readonly string[]).includes(s));
  if (badStatus.length) return { ok: false, message: `status không hợp lệ: ${badStatus.join(', ')} (dùng ${TICKET_STATUSES.join(', ')}).` };
  const type = list(q.type);
  const badType = type.filter((s) => !(TICKET_TYPES as readonly string[]).includes(s));
  if (badType.length) return { ok: false, message: `type không hợp lệ: ${badType.join(', ')} (dùng ${TICKET_TYPES.join(', ')}).` };
  const dueSoon = bool(q.dueSoon, 'dueSoon');
  const overdue = bool(q.overdue, 'overdue');
  const limit = int(q.limit, 'limit', 1, 500);
  const offset = int(q.offset, 'offset', 0, 1_000_000);
  for (const p of [dueSoon, overdue, limit, offset]) if (!p.ok) return p;
  const v = <T>(p: Parsed<T>) => (p.ok ? p.value : undefined);
  const agency = list(q.agency);
  const channel = list(q.channel);
  return {
    ok: true,
    value: {
      ...(status.length ? { status: status as TicketStatus[] } : {}),
      ...(type.length ? { type: type as TicketType[] } : {}),
      ...(agency.length ? { agencyId: agency } : {}),
      ...(channel.length ? { channel } : {}),
      ...(v(dueSoon) ? { dueSoon: true } : {}),
      ...(v(overdue) ? { overdue: true } : {}),
      ...(v(limit) !== undefined ? { limit: v(limit)! } : {}),
      ...(v(offset) !== undefined ? { offset: v(offset)! } : {}),
    },
  };
}


/** "0912345678" → "091****678": enough to recognise, not enough to misuse. */
export function maskPhone(phone: string | undefined): string | undefined {
  if (!phone) return undefined;
  const d = phone.replace(/\D/g, '');
  return d.length < 7 ? '***' : `${d.slice(0, 3)}****${d.slice(-3)}`;
}

const maskTicket = <T extends Ticket>(t: T): T => {
  const { citizenPhone, ...rest } = t;
  const masked = maskPhone(citizenPhone);
  return { ...rest, ...(masked ? { citizenPhone: masked } : {}) } as T;
};

/** Whether the principal may see this ticket. */
export const canSee = (p: Principal, t: Pick<Ticket, 'agencyId'>): boolean =>
  p.role === 'admin' || p.role === 'api' || (p.role === 'agency' && p.agencyId === t.agencyId);

export function createStaffApi(deps: StaffApiDeps): Router {
  const { service, store, logger } = deps;
  const router = express.Router();
  const ticketRoles = requireRole('admin', 'agency', 'api');
  router.use('/api/staff/tickets', ticketRoles);
  router.use('/api/staff/tickets', express.json({ limit: '32kb' }));

  const send = (res: Response, r: ActionResult) => {
    if (r.ok) {
      const { ok: _ok, ticket, ...rest } = r;
      res.json({ ticket: maskTicket(ticket), ...rest });
      return;
    }
    res.status(r.error === 'not-found' ? 404 : r.error === 'conflict' ? 409 : 400).json({ error: r.message });
  };

  const body = (req: Request): Record<string, unknown> =>
    req.body && typeof req.body === 'object' && !Array.isArray(req.body) ? (req.body as Record<string, unknown>) : {};

  /** The ticket when it exists and the principal may see it; otherwise answers 404 / 403. */
  const visible = async (req: Request, res: Response): Promise<Ticket | undefined> => {
    const code = String(req.params.code);
    const t = await store.getTicketByCode(code);
    if (!t) {
      res.status(404).json({ error: `Không tìm thấy phiếu ${code}.` });
      return undefined;
    }
    if (!canSee(principalOf(res), t)) {
      logger.warn('staff.forbidden', { ticketCode: t.code, staffId: principalOf(res).actor });
      res.status(403).json({ error: 'Phiếu này thuộc cơ quan khác: bạn không có quyền xem.' });
      return undefined;
    }
    return t;
  };

  /** POST /api/staff/tickets/:code/<name>: scope checked, result mapped, action logged by ids. */
  const action = (name: string, run: (code: string, staff: string, b: Record<string, unknown>) => Promise<ActionResult>) => {
    router.post(`/api/staff/tickets/:code/${name}`, async (req: Request, res: Response) => {
      const t = await visible(req, res);
      if (!t) return;
      const staff = principalOf(res).actor;
      const r = await run(t.code, staff, body(req));
      logger.info('staff.action', { action: name, ticketCode: t.code, staffId: staff, ok: r.ok, ...(r.ok ? {} : { error: r.error }) });
      send(res, r);
    });
  };

  /** Counts restricted to one agency (the service's counts are line-wide). */
  async function agencyCounts(agencyId: string): Promise<StaffList['counts']> {
    const byStatus = {} as Record<TicketStatus, number>;
    for (const s of TICKET_STATUSES) byStatus[s] = (await store.listTickets({ status: [s], agencyId: [agencyId], limit: 1 })).total;
    const open = [...OPEN_TICKET_STATUSES];
    const now = deps.now().toISOString();
    const overdue = (await store.listTickets({ status: open, agencyId: [agencyId], dueBefore: now, limit: 1 })).total;
    const dueSoon = (await service.list({ agencyId: [agencyId], dueSoon: true, limit: 500 })).total;
    const needsCallback = (await store.listTickets({ agencyId: [agencyId], needsCallback: true, limit: 1 })).total;
    const live = (await store.listTickets({ status: open, agencyId: [agencyId], limit: 500 })).items.filter((t) => t.live).length;
    return { byStatus, overdue, dueSoon, needsCallback, live };
  }

  router.get('/api/staff/tickets', async (req: Request, res: Response) => {
    const q = parseListQuery(req.query as Record<string, unknown>);
    if (!q.ok) {
      res.status(400).json({ error: q.message });
      return;
    }
    const p = principalOf(res);
    if (p.role === 'agency') {
      // Whatever agency filter was asked for, an agency officer sees their agency only.
      const r = await service.list({ ...q.value, agencyId: [p.agencyId!] });
      res.json({ ...r, items: r.items.map(maskTicket), counts: await agencyCounts(p.agencyId!) });
      return;
    }
    const r = await service.list(q.value);
    res.json({ ...r, items: r.items.map(maskTicket) });
  });

  router.get('/api/staff/tickets/:code', async (req: Request, res: Response) => {
    const t = await visible(req, res);
    if (!t) return;
    const d = await service.detail(t.code);
    if (!d) {
      res.status(404).json({ error: `Không tìm thấy phiếu ${t.code}.` });
      return;
    }
    const proc = t.procedureCode ? deps.lookupProcedure?.(t.procedureCode) : undefined;
    res.json({ ...d, ticket: maskTicket(d.ticket), ...(proc ? { procedure: { code: proc.code, title: proc.title, field: proc.field } } : {}) });
  });

  // Live chat: new thread messages and ticket changes as server-sent events. The store is
  // polled (works across instances); the browser reconnects by itself with Last-Event-ID.
  router.get('/api/staff/tickets/:code/events', async (req: Request, res: Response) => {
    const t = await visible(req, res);
    if (!t) return;
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
    let lastId = Number(req.get('last-event-id') ?? req.query.after ?? 0) || 0;
    let version = -1;
    let busy = false;
    let ticks = 0;
    const sid = (res.locals.session as { id?: string } | undefined)?.id;
    const tick = async () => {
      if (busy) return;
      busy = true;
      try {
        if (sid && deps.sessionValid && ++ticks % 10 === 0 && !(await deps.sessionValid(sid))) {
          res.end();
          return;
        }
        for (const m of await store.listMessages(t.id)) {
          if (m.id <= lastId) continue;
          lastId = m.id;
          res.write(`id: ${m.id}\nevent: message\ndata: ${JSON.stringify(m)}\n\n`);
        }
        const cur = await store.getTicket(t.id);
        if (cur && cur.version !== version) {
          version = cur.version;
          res.write(`event: ticket\ndata: ${JSON.stringify({ status: cur.status, live: cur.live, liveUntil: cur.liveUntil ?? null, agencyId: cur.agencyId, version: cur.version })}\n\n`);
          // Transferred away from an agency officer: the stream ends with the access.
          if (!canSee(principalOf(res), cur)) res.end();
        }
      } catch (err) {
        logger.warn('staff.events-failed', { ticketCode: t.code, error: (err as Error).name });
      } finally {
        busy = false;
      }
    };
    res.write('retry: 2000\n\n');
    await tick();
    const timer = setInterval(() => void tick(), deps.eventPollMs ?? 1000);
    const ping = setInterval(() => res.write(': ping\n\n'), 25_000);
    res.on('close', () => {
      clearInterval(timer);
      clearInterval(ping);
    });
  });

  action('reply', (code, staff, b) => {
    if (b.answered !== undefined && typeof b.answered !== 'boolean') return Promise.resolve({ ok: false, error: 'invalid', message: 'answered phải là true hoặc false.' });
    return service.reply(code, staff, b.text, b.answered as boolean | undefined);
  });
  action('note', (code, staff, b) => service.note(code, staff, b.text));
  action('transfer', (code, staff, b) => service.transfer(code, staff, b.agencyId, b.reason));
  action('status', (code, staff, b) => service.setStatus(code, staff, b.status));
  action('close', (code, staff, b) => service.close(code, staff, b.reason));
  action('reopen', (code, staff, b) => service.reopen(code, staff, b.reason));
  action('take', (code, staff) => service.take(code, staff));
  action('release', (code, staff) => service.release(code, staff));

  return router;
}

/** Errors inside the staff API (malformed JSON, a broken store) answer here, as JSON. */
export function staffErrorHandler(logger: Logger) {
  return (err: Error & { status?: number }, _req: Request, res: Response, _next: NextFunction) => {
    const status = err.status && err.status >= 400 && err.status < 500 ? err.status : 500;
    if (status === 500) logger.error('staff.error', { error: err.name, message: err.message });
    res.status(status).json({ error: status === 413 ? 'Nội dung quá lớn.' : status === 400 ? 'Yêu cầu không hợp lệ (JSON sai).' : 'Lỗi máy chủ.' });
  };
}
