// Shared setup of the ticket service tests: a real SQLite store in memory, the real working
// calendar, a small agency directory, a fake replier and a clock the test moves.
import type { AgencyDirectory, Procedure } from '../../src/knowledge/types.js';
import {
  createDeadlinePolicy,
  createFakeReplier,
  createSqliteStore,
  createTicketRouter,
  createTicketService,
  createWorkingCalendar,
  type FakeReplier,
  type TicketService,
  type TicketStore,
} from '../../src/tickets/index.js';
import { loadRealCalendar, vn } from './deadlines-helpers.js';

export const DIRECTORY: AgencyDirectory = {
  province: 'Đồng Tháp',
  intake: 'tong-dai-1022',
  agencies: [
    { id: 'tong-dai-1022', name: 'Tổng đài 1022', level: 'tinh', fields: [], submit: '', matches: [] },
    { id: 'so-tu-phap', name: 'Sở Tư pháp', level: 'tinh', fields: ['Lý lịch tư pháp (cũ)', 'Tư vấn pháp luật'], submit: '', matches: ['Sở Tư pháp'] },
    { id: 'ubnd-xa', name: 'UBND xã, phường', level: 'xa', fields: ['Hộ tịch'], submit: '', matches: ['Ủy ban nhân dân cấp xã', 'UBND xã'] },
    { id: 'cong-an-tinh', name: 'Công an tỉnh', level: 'tinh', fields: ['Đăng ký, quản lý cư trú', 'Quản lý xuất nhập cảnh'], submit: '', matches: ['Công an tỉnh', 'Công an cấp tỉnh'] },
    { id: 'cong-an-xa', name: 'Công an xã, phường', level: 'xa', fields: [], submit: '', matches: ['Công an cấp xã', 'Công an xã'] },
    { id: 'bo-tu-phap', name: 'Bộ Tư pháp', level: 'bo', fields: [], submit: '', matches: [] },
  ],
};

export type ProcFields = Pick<Procedure, 'field' | 'agencies' | 'competentAgencies'>;

export function proc(field: string, agencies: string[] = [], competentAgencies: string[] = []): ProcFields {
  return { field, agencies, competentAgencies };
}

export interface Harness {
  store: TicketStore;
  service: TicketService;
  replier: FakeReplier;
  clock: { now: Date; advance(ms: number): void };
  procedures: Map<string, ProcFields>;
}

/** Monday 9 March 2026, 10:00 in Vietnam: an ordinary working morning. */
export const START = vn('2026-03-09 10:00');

export async function createHarness(options: { liveIdleMinutes?: number; summarize?: (text: string) => Promise<string | undefined> } = {}): Promise<Harness> {
  const clock = {
    now: new Date(START),
    advance(ms: number) {
      this.now = new Date(this.now.getTime() + ms);
    },
  };
  const now = () => clock.now;
  const store = createSqliteStore({ path: ':memory:', now });
  await store.migrate();
  const calendar = createWorkingCalendar({ calendar: await loadRealCalendar() });
  const replier = createFakeReplier();
  const procedures = new Map<string, ProcFields>();
  const service = createTicketService({
    store,
    deadlines: createDeadlinePolicy({ calendar }),
    router: createTicketRouter(() => DIRECTORY),
    lookupProcedure: (code) => procedures.get(code) as Procedure | undefined,
    replier,
    now,
    liveIdleMinutes: options.liveIdleMinutes ?? 30,
    ...(options.summarize ? { summarize: options.summarize } : {}),
  });
  return { store, service, replier, clock, procedures };
}

export const STAFF = 'canbo.an';

export async function openComplaint(h: Harness, conversationId = 'web:conv-0001', channel = 'web'): Promise<string> {
  const { code } = await h.service.port.open({
    type: 'complaint',
    channel,
    conversationId,
    userId: conversationId,
    text: 'Đèn đường ấp 3 bị hư một tuần nay',
  });
  return code;
}
