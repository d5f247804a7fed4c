// Starts the whole app (src/main.ts start()) on port 0 with a small knowledge base, two agencies
// besides the intake, a temp SQLite DATA_DIR and optionally a fake Telegram API; creates staff
// accounts directly in the staff store; and offers a cookie-keeping client for /api/staff.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../src/config.js';
import { start, type Running } from '../../src/main.js';
import { createLogger } from '../../src/shared/logger.js';
import { hashPassword, type StaffRole } from '../../src/staff/index.js';
import type { TicketType } from '../../src/tickets/index.js';
import { procedure, tempDir, writeProcedure } from '../knowledge/helpers.js';

export const PASSWORD = 'mat-khau-thu-nghiem-01';
const CALENDAR = fileURLToPath(new URL('../../knowledge/calendar/holidays.yaml', import.meta.url));

export const AGENCIES = `province: Đồng Tháp
intake: tong-dai-1022
agencies:
  - id: tong-dai-1022
    name: Tổng đài 1022
    level: tinh
    fields: []
    submit: "Trung tâm Phục vụ hành chính công"
    matches: []
  - id: ubnd-xa-a
    name: UBND xã A
    level: xa
    fields: [Hộ tịch]
    submit: "Bộ phận một cửa xã A"
    matches: [Ủy ban nhân dân cấp xã]
  - id: so-xay-dung
    name: Sở Xây dựng
    level: tinh
    fields: [Xây dựng]
    submit: "Trung tâm Phục vụ hành chính công tỉnh"
    matches: []
`;

export interface TestApp {
  running: Running;
  base: string;
  stop(): Promise<void>;
  addUser(username: string, role: StaffRole, agencyId?: string): Promise<void>;
  /** A ticket created directly in the store (no bot), in the given agency. */
  ticket(agencyId: string, summary: string, extra?: { type?: TicketType; citizenPhone?: string; citizenName?: string; channel?: string }): Promise<string>;
}

export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const kb = tempDir('staff-kb-');
  writeProcedure(kb, 'ho-tich/1.000001.md', procedure({ code: '1.000001', title: 'Đăng ký khai sinh', aliases: ['làm giấy khai sinh cho con mới sinh'] }));
  writeProcedure(kb, 'ho-tich/1.000002.md', procedure({ code: '1.000002', title: 'Đăng ký kết hôn', aliases: ['đăng ký kết hôn'], documents: [{ group: '', name: 'Tờ khai đăng ký kết hôn', form: '', copies: '1 bản chính' }] }));
  writeFileSync(join(kb, 'agencies.yaml'), AGENCIES);
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    KNOWLEDGE_DIR: kb,
    DATA_DIR: tempDir('staff-data-'),
    KB_WATCH: 'false',
    CALENDAR_FILE: CALENDAR,
    CHANNEL_RETRY_BASE_MS: '20',
    CHANNEL_RETRY_MAX_MS: '100',
    CHANNEL_POLL_INTERVAL_MS: '20',
    STAFF_REPLY_WAIT_MS: '5000',
    ...env,
  });
  const running = await start(config, createLogger({ level: 'error', write: () => {} }));
  const base = `http://127.0.0.1:${running.port}`;
  let n = 0;
  return {
    running,
    base,
    stop: () => running.stop(),
    async addUser(username, role, agencyId) {
      const r = await running.staff.createUser({ username, role, displayName: `Cán bộ ${username}`, ...(agencyId ? { agencyId } : {}), passwordHash: await hashPassword(PASSWORD) });
      if (!r.ok) throw new Error(`user ${username} exists`);
    },
    async ticket(agencyId, summary, extra = {}) {
      const t = await running.store.createTicket({
        type: extra.type ?? 'complaint',
        channel: extra.channel ?? 'webchat',
        conversationId: `web:test-conv-${++n}-${Date.now()}`,
        citizenUserId: `web:test-conv-${n}`,
        agencyId,
        summary,
        dueAt: new Date(Date.now() + 5 * 86_400_000).toISOString(),
        status: 'assigned',
        ...(extra.citizenPhone ? { citizenPhone: extra.citizenPhone } : {}),
        ...(extra.citizenName ? { citizenName: extra.citizenName } : {}),
        firstMessage: { author: 'citizen', text: summary },
      });
      return t.code;
    },
  };
}

export interface Client {
  status: number;
  csrf: string;
  cookie: string;
  login(username: string, password?: string): Promise<{ status: number; body: any; headers: Headers }>;
  call(method: string, path: string, body?: unknown, opts?: { csrf?: string | null; headers?: Record<string, string> }): Promise<{ status: number; body: any; headers: Headers }>;
}

/** A browser-like client: keeps the session cookie and sends the CSRF token unless told not to. */
export function client(base: string): Client {
  const c: Client = {
    status: 0,
    csrf: '',
    cookie: '',
    async login(username, password = PASSWORD) {
      const res = await fetch(`${base}/api/staff/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
      const body = (await res.json()) as any;
      const set = res.headers.get('set-cookie');
      if (res.ok && set) {
        c.cookie = set.split(';')[0]!;
        c.csrf = body.csrfToken;
      }
      return { status: res.status, body, headers: res.headers };
    },
    async call(method, path, body, opts = {}) {
      const headers: Record<string, string> = { cookie: c.cookie, ...(opts.headers ?? {}) };
      const token = opts.csrf === undefined ? c.csrf : opts.csrf;
      if (token !== null && method !== 'GET') headers['x-csrf-token'] = token;
      if (body !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(`${base}/api/staff${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
      const type = res.headers.get('content-type') ?? '';
      return { status: res.status, body: type.includes('json') ? await res.json() : await res.text(), headers: res.headers };
    },
  };
  return c;
}
