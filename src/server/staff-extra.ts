// The console's other JSON routes: agencies, knowledge-base search and section rendering (reply
// box), reports (agency staff get their own agency's report only), the editors' unanswered
// questions (masked text, no citizen data) and account administration (admins only).
import express, { type Request, type Response, type Router } from 'express';
import { renderAnswer } from '../core/replies.js';
import type { KnowledgeBase, Section } from '../knowledge/types.js';
import type { Retriever } from '../knowledge/search-types.js';
import type { Logger } from '../shared/logger.js';
import { hashPassword, passwordProblem } from '../staff/passwords.js';
import type { StaffStore } from '../staff/store.js';
import { STAFF_ROLES, USERNAME, type StaffRole, type StaffUser } from '../staff/types.js';
import { groupQuestions } from '../staff/unanswered.js';
import type { WorkingCalendar } from '../tickets/calendar.js';
import { buildReport, parseReportQuery } from '../tickets/report-load.js';
import { renderReport } from '../tickets/report-format.js';
import type { TicketStore } from '../tickets/store-types.js';
import { principalOf, publicUser, requireRole } from './staff-auth.js';

export interface StaffExtraDeps {
  store: TicketStore;
  staff: StaffStore;
  kb: () => KnowledgeBase;
  retriever: () => Retriever;
  calendar: WorkingCalendar;
  now: () => Date;
  logger: Logger;
}

export const SECTIONS: readonly Section[] = ['overview', 'documents', 'fees', 'time', 'steps', 'where', 'result', 'conditions', 'applicant', 'legal', 'online'];

export function createStaffExtra(deps: StaffExtraDeps): Router {
  const { staff, logger } = deps;
  const router = express.Router();
  const anyStaff = requireRole('admin', 'agency', 'editor', 'api');

  router.get('/api/staff/agencies', anyStaff, (_req, res) => {
    const dir = deps.kb().agencies;
    res.json({ intake: dir.intake, agencies: dir.agencies.map((a) => ({ id: a.id, name: a.name })) });
  });

  router.get('/api/staff/kb/search', anyStaff, (req: Request, res: Response) => {
    const q = typeof req.query.q === 'string' ? req.query.q.trim().slice(0, 300) : '';
    if (!q) {
      res.json({ results: [] });
      return;
    }
    const r = deps.retriever().search(q, { limit: 8 });
    res.json({
      confidence: r.confidence,
      results: r.candidates.map((c) => ({ code: c.procedure.code, title: c.procedure.title, field: c.procedure.field, levels: c.procedure.levels })),
    });
  });

  router.get('/api/staff/kb/section', anyStaff, (req: Request, res: Response) => {
    const p = deps.kb().byCode.get(String(req.query.code ?? ''));
    const section = String(req.query.section ?? 'overview') as Section;
    if (!p || !SECTIONS.includes(section)) {
      res.status(404).json({ error: 'Không tìm thấy thủ tục hoặc mục.' });
      return;
    }
    res.json({ code: p.code, title: p.title, section, text: renderAnswer(p, section) });
  });

  router.get('/api/staff/reports', requireRole('admin', 'agency', 'api'), async (req: Request, res: Response) => {
    const p = principalOf(res);
    const raw = { ...(req.query as Record<string, unknown>) };
    if (p.role === 'agency') raw.agency = p.agencyId;
    if (raw.agency === '') delete raw.agency;
    const q = parseReportQuery(raw, '');
    if (!q.ok) {
      res.status(400).json({ error: q.errors.join('; ') });
      return;
    }
    const names = Object.fromEntries(deps.kb().agencies.agencies.map((a) => [a.id, a.name]));
    const report = await buildReport(deps.store, {
      period: q.query.period,
      ...(q.query.agencyId ? { agencyId: q.query.agencyId } : {}),
      now: deps.now(),
      calendar: deps.calendar,
      agencyNames: names,
    });
    const out = renderReport(report, q.query.format);
    if (q.query.format === 'csv') res.setHeader('Content-Disposition', `attachment; filename="bao-cao-${q.query.period.from}-${q.query.period.to}.csv"`);
    res.type(out.contentType).send(out.body);
  });

  router.get('/api/staff/unanswered', requireRole('admin', 'editor'), async (req: Request, res: Response) => {
    const days = Math.min(Math.max(Number(req.query.days) || 30, 1), 365);
    const since = new Date(deps.now().getTime() - days * 86_400_000).toISOString();
    const items = await staff.listQuestions(since);
    res.json({ days, total: items.length, groups: groupQuestions(items, deps.retriever()) });
  });

  router.get('/api/staff/users', requireRole('admin'), async (_req, res) => {
    res.json({ users: (await staff.listUsers()).map((u) => ({ ...publicUser(u), active: u.active, createdAt: u.createdAt })) });
  });

  router.post('/api/staff/users', requireRole('admin'), express.json({ limit: '4kb' }), async (req: Request, res: Response) => {
    const b = (req.body ?? {}) as Record<string, unknown>;
    const r = await addUser(staff, deps.kb().agencies.agencies.map((a) => a.id), b);
    if (!r.ok) {
      res.status(r.status).json({ error: r.message });
      return;
    }
    logger.info('staff.user-added', { by: principalOf(res).actor, username: r.user.username, role: r.user.role });
    res.status(201).json({ user: publicUser(r.user) });
  });

  router.post('/api/staff/users/:username/active', requireRole('admin'), express.json({ limit: '1kb' }), async (req: Request, res: Response) => {
    const active = (req.body as { active?: unknown } | undefined)?.active;
    const username = String(req.params.username);
    if (typeof active !== 'boolean') {
      res.status(400).json({ error: 'active phải là true hoặc false.' });
      return;
    }
    if (username === principalOf(res).actor && !active) {
      res.status(400).json({ error: 'Không thể tự khóa tài khoản của mình.' });
      return;
    }
    const user = await staff.findUser(username);
    if (!user || !(await staff.setActive(username, active))) {
      res.status(404).json({ error: 'Không có tài khoản này.' });
      return;
    }
    if (!active) await staff.deleteUserSessions(user.id);
    logger.info('staff.user-active', { by: principalOf(res).actor, username, active });
    res.json({ ok: true });
  });

  return router;
}

type AddUserResult = { ok: true; user: StaffUser } | { ok: false; status: number; message: string };

/** Validates and creates an account (admin page and CLI share it). */
export async function addUser(staff: Pick<StaffStore, 'createUser'>, agencyIds: readonly string[] | undefined, b: Record<string, unknown>): Promise<AddUserResult> {
  const username = typeof b.username === 'string' ? b.username.trim().toLowerCase() : '';
  const role = b.role as StaffRole;
  const agencyId = typeof b.agencyId === 'string' && b.agencyId.trim() ? b.agencyId.trim() : undefined;
  const password = typeof b.password === 'string' ? b.password : '';
  const displayName = typeof b.displayName === 'string' ? b.displayName.trim().slice(0, 100) : '';
  if (!USERNAME.test(username)) return { ok: false, status: 400, message: 'Tên đăng nhập: 2-40 ký tự chữ thường không dấu, số, . _ -' };
  if (!STAFF_ROLES.includes(role)) return { ok: false, status: 400, message: 'Vai trò phải là admin, agency hoặc editor.' };
  if (role === 'agency' && !agencyId) return { ok: false, status: 400, message: 'Cán bộ cơ quan cần mã cơ quan (agencyId).' };
  if (role === 'agency' && agencyIds && !agencyIds.includes(agencyId!)) {
    return { ok: false, status: 400, message: `Không có cơ quan "${agencyId}" trong danh sách cơ quan.` };
  }
  const weak = passwordProblem(password);
  if (weak) return { ok: false, status: 400, message: weak };
  const r = await staff.createUser({ username, displayName, role, ...(role === 'agency' ? { agencyId: agencyId! } : {}), passwordHash: await hashPassword(password) });
  if (!r.ok) return { ok: false, status: 409, message: `Tên đăng nhập "${username}" đã có.` };
  return { ok: true, user: r.user };
}
