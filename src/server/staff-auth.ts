// Authentication of /api/staff/*: login (rate-limited, scrypt), server-side sessions in an
// httpOnly SameSite=Strict cookie (Secure behind TLS), a per-session CSRF token (synchronizer
// pattern: GET /api/staff/me hands it to the page, every POST/PUT/PATCH/DELETE must send it in
// X-CSRF-Token), and the bearer token of STAFF_API_TOKEN for scripts (not sent by browsers on
// their own, so it needs no CSRF token). Sets res.locals.principal for the routes after it.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { Logger } from '../shared/logger.js';
import type { LoginLimiter } from '../staff/login-limiter.js';
import { verifyPassword } from '../staff/passwords.js';
import type { StaffStore } from '../staff/store.js';
import type { Principal, StaffUser } from '../staff/types.js';

export const SESSION_COOKIE = 'troly1022_staff';
export const CSRF_HEADER = 'x-csrf-token';
const STAFF_ID = /^[\p{L}\p{N}._@-]{1,64}$/u;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const digest = (s: string) => createHash('sha256').update(s).digest();
// A hash to verify against when the username does not exist, so both cases take the same time.
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

export interface StaffAuthDeps {
  staff: StaffStore;
  limiter: LoginLimiter;
  logger: Logger;
  now: () => Date;
  sessionHours: number;
  /** Bearer token for scripts (STAFF_API_TOKEN); unset: bearer requests get 503. */
  token?: string;
  /** Force the Secure cookie flag (otherwise set when the request came over TLS: req.secure). */
  cookieSecure?: boolean;
}

export const principalOf = (res: Response): Principal => res.locals.principal as Principal;

export function publicUser(u: StaffUser) {
  return { username: u.username, displayName: u.displayName, role: u.role, ...(u.agencyId ? { agencyId: u.agencyId } : {}) };
}

function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return decodeURIComponent(part.slice(i + 1).trim());
  }
  return undefined;
}

const same = (a: string, b: string) => timingSafeEqual(digest(a), digest(b));

export function createStaffAuth(deps: StaffAuthDeps): Router {
  const { staff, limiter, logger } = deps;
  const router = express.Router();
  const expected = deps.token ? digest(deps.token) : undefined;

  const cookie = (req: Request, value: string, maxAgeSeconds: number): string =>
    [`${SESSION_COOKIE}=${value}`, 'Path=/', 'HttpOnly', 'SameSite=Strict', `Max-Age=${maxAgeSeconds}`, ...(deps.cookieSecure || req.secure ? ['Secure'] : [])].join('; ');

  router.use('/api/staff', (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });

  // Login takes JSON only: an HTML form on another site cannot send application/json without a
  // CORS preflight, which this server never grants (login CSRF).
  router.post('/api/staff/login', express.json({ limit: '4kb' }), async (req: Request, res: Response) => {
    if (!req.is('application/json')) {
      res.status(415).json({ error: 'Yêu cầu phải gửi dạng JSON.' });
      return;
    }
    const b = (req.body ?? {}) as { username?: unknown; password?: unknown };
    const username = typeof b.username === 'string' ? b.username.trim().toLowerCase() : '';
    const password = typeof b.password === 'string' ? b.password : '';
    const ip = req.ip ?? '';
    const wait = limiter.blockedMinutes(username, ip);
    if (wait > 0) {
      logger.warn('staff.login-blocked', { username, ip });
      res.setHeader('Retry-After', String(wait * 60));
      res.status(429).json({ error: `Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ${wait} phút.` });
      return;
    }
    const user = username && password ? await staff.findUser(username) : undefined;
    const ok = await verifyPassword(password || 'x', user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok || !user.active) {
      limiter.fail(username, ip);
      logger.warn('staff.login-failed', { username, ip });
      res.status(401).json({ error: 'Sai tên đăng nhập hoặc mật khẩu.' });
      return;
    }
    limiter.succeed(username);
    const id = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(32).toString('base64url');
    const expiresAt = new Date(deps.now().getTime() + deps.sessionHours * 3_600_000).toISOString();
    await staff.createSession({ id, userId: user.id, csrfToken, expiresAt, ip });
    void staff.pruneSessions().catch(() => undefined);
    logger.info('staff.login', { username: user.username, role: user.role });
    res.setHeader('Set-Cookie', cookie(req, id, deps.sessionHours * 3600));
    const { passwordHash: _h, ...clean } = user;
    res.json({ user: publicUser(clean), csrfToken });
  });

  // Everything else under /api/staff needs a principal.
  router.use('/api/staff', async (req: Request, res: Response, next: NextFunction) => {
    const auth = req.get('authorization');
    if (auth !== undefined) {
      if (!expected) {
        res.status(503).json({ error: 'API cho script chưa được bật: cấu hình STAFF_API_TOKEN.' });
        return;
      }
      const m = /^Bearer\s+(.+)$/i.exec(auth);
      if (!m || !timingSafeEqual(digest(m[1]!.trim()), expected)) {
        res.setHeader('WWW-Authenticate', 'Bearer');
        res.status(401).json({ error: 'Thiếu hoặc sai mã truy cập (Authorization: Bearer …).' });
        return;
      }
      const id = (req.get('x-staff-id') ?? '').trim();
      if (!STAFF_ID.test(id)) {
        res.status(400).json({ error: 'Thiếu mã cán bộ (header X-Staff-Id, 1-64 ký tự chữ, số, . _ @ -).' });
        return;
      }
      res.locals.principal = { actor: id, role: 'api' } satisfies Principal;
      next();
      return;
    }
    const sid = readCookie(req, SESSION_COOKIE);
    const session = sid ? await staff.getSession(sid) : undefined;
    if (!sid || !session) {
      res.status(401).json({ error: 'Chưa đăng nhập hoặc phiên làm việc đã hết hạn.' });
      return;
    }
    if (!SAFE_METHODS.has(req.method)) {
      const sent = req.get(CSRF_HEADER) ?? '';
      if (!sent || !same(sent, session.csrfToken)) {
        logger.warn('staff.csrf-rejected', { username: session.user.username, path: req.path });
        res.status(403).json({ error: 'Thiếu hoặc sai mã chống giả mạo (CSRF). Hãy tải lại trang.' });
        return;
      }
    }
    const u = session.user;
    res.locals.principal = { actor: u.username, role: u.role, ...(u.agencyId ? { agencyId: u.agencyId } : {}), user: u } satisfies Principal;
    res.locals.session = { id: sid, csrfToken: session.csrfToken };
    next();
  });

  router.get('/api/staff/me', (_req: Request, res: Response) => {
    const p = principalOf(res);
    const s = res.locals.session as { csrfToken: string } | undefined;
    res.json({ user: p.user ? publicUser(p.user) : { username: p.actor, role: p.role }, csrfToken: s?.csrfToken ?? null });
  });

  router.post('/api/staff/logout', async (req: Request, res: Response) => {
    const s = res.locals.session as { id: string } | undefined;
    if (s) await staff.deleteSession(s.id);
    logger.info('staff.logout', { username: principalOf(res).actor });
    res.setHeader('Set-Cookie', cookie(req, '', 0));
    res.json({ ok: true });
  });

  return router;
}

/** 403 unless the principal has one of the roles. */
export function requireRole(...roles: Array<Principal['role']>) {
  return (_req: Request, res: Response, next: NextFunction) => {
    if (roles.includes(principalOf(res).role)) next();
    else res.status(403).json({ error: 'Tài khoản của bạn không có quyền dùng chức năng này.' });
  };
}
