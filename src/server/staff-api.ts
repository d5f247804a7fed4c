// Staff JSON API under /api/staff/ (issue 3). Authentication is a single bearer token from
// STAFF_API_TOKEN plus an X-Staff-Id header naming the officer for the audit log; the console's
// login, sessions, agency scoping and CSRF protection come with issue 5 and replace this.
import { createHash, timingSafeEqual } from 'node:crypto';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { ActionResult } from '../tickets/service-context.js';
import type { StaffListQuery } from '../tickets/service-list.js';
import type { TicketService } from '../tickets/service.js';
import { TICKET_STATUSES, TICKET_TYPES, type TicketStatus, type TicketType } from '../tickets/types.js';
import type { Logger } from '../shared/logger.js';

export interface StaffApiDeps {
  service: TicketService;
  /** Unset: every staff route answers 503 (the API is off until a token is configured). */
  token?: string;
  logger: Logger;
}

const STAFF_ID = /^[\p{L}\p{N}._@-]{1,64}$/u;
const digest = (s: string) => createHash('sha256').update(s).digest();

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

export function createStaffApi(deps: StaffApiDeps): Router {
  const { service, logger } = deps;
  const router = express.Router();
  const expected = deps.token ? digest(deps.token) : undefined;

  router.use('/api/staff', (req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Cache-Control', 'no-store');
    if (!expected) {
      res.status(503).json({ error: 'API cán bộ chưa được bật: cấu hình STAFF_API_TOKEN.' });
      return;
    }
    const m = /^Bearer\s+(.+)$/i.exec(req.get('authorization') ?? '');
    if (!m || !timingSafeEqual(digest(m[1]!.trim()), expected)) {
      res.setHeader('WWW-Authenticate', 'Bearer');
      res.status(401).json({ error: 'Thiếu hoặc sai mã truy cập (Authorization: Bearer …).' });
      return;
    }
    next();
  });
  router.use('/api/staff', express.json({ limit: '32kb' }));

  const staffId = (req: Request, res: Response): string | undefined => {
    const id = (req.get('x-staff-id') ?? '').trim();
    if (STAFF_ID.test(id)) return id;
    res.status(400).json({ error: 'Thiếu mã cán bộ (header X-Staff-Id, 1-64 ký tự chữ, số, . _ @ -).' });
    return undefined;
  };

  const send = (res: Response, r: ActionResult, extra: Record<string, unknown> = {}) => {
    if (r.ok) {
      const { ok: _ok, ticket, ...rest } = r;
      res.json({ ticket, ...rest, ...extra });
      return;
    }
    res.status(r.error === 'not-found' ? 404 : r.error === 'conflict' ? 409 : 400).json({ error: r.message });
  };

  const body = (req: Request): Record<string, unknown> =>
    req.body && typeof req.body === 'object' && !Array.isArray(req.body) ? (req.body as Record<string, unknown>) : {};

  /** POST /api/staff/tickets/:code/<name>: staff id checked, result mapped, action logged by ids. */
  const action = (name: string, run: (code: string, staff: string, b: Record<string, unknown>) => Promise<ActionResult>) => {
    router.post(`/api/staff/tickets/:code/${name}`, async (req: Request, res: Response) => {
      const staff = staffId(req, res);
      if (!staff) return;
      const code = String(req.params.code);
      const r = await run(code, staff, body(req));
      logger.info('staff.action', { action: name, ticketCode: code, staffId: staff, ok: r.ok, ...(r.ok ? {} : { error: r.error }) });
      send(res, r);
    });
  };

  router.get('/api/staff/tickets', async (req: Request, res: Response) => {
    const q = parseListQuery(req.query as Record<string, unknown>);
    if (!q.ok) {
      res.status(400).json({ error: q.message });
      return;
    }
    res.json(await service.list(q.value));
  });

  router.get('/api/staff/tickets/:code', async (req: Request, res: Response) => {
    const code = String(req.params.code);
    const d = await service.detail(code);
    if (!d) {
      res.status(404).json({ error: `Không tìm thấy phiếu ${code}.` });
      return;
    }
    res.json(d);
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

  // Errors inside the staff API (malformed JSON, a broken store) answer here, as JSON.
  router.use('/api/staff', (err: Error & { status?: number }, _req: Request, res: Response, _next: NextFunction) => {
    const status = err.status && err.status >= 400 && err.status < 500 ? err.status : 500;
    if (status === 500) logger.error('staff.error', { error: err.name, message: err.message });
    res.status(status).json({ error: status === 413 ? 'Nội dung quá lớn.' : status === 400 ? 'Yêu cầu không hợp lệ (JSON sai).' : 'Lỗi máy chủ.' });
  });
  return router;
}
