// Everything under /staff and /api/staff, in order: security headers and the console's assets,
// login and the principal (session or bearer token, CSRF), the ticket API, the other console
// routes, and a JSON error handler.
import express, { type Router } from 'express';
import type { KnowledgeBase, Procedure } from '../knowledge/types.js';
import type { Retriever } from '../knowledge/search-types.js';
import type { Logger } from '../shared/logger.js';
import { createLoginLimiter, type LoginLimiter } from '../staff/login-limiter.js';
import type { StaffStore } from '../staff/store.js';
import type { WorkingCalendar } from '../tickets/calendar.js';
import type { TicketService } from '../tickets/service.js';
import type { TicketStore } from '../tickets/store-types.js';
import { createStaffApi, staffErrorHandler } from './staff-api.js';
import { createStaffAuth } from './staff-auth.js';
import { createStaffConsole } from './staff-console.js';
import { createStaffExtra } from './staff-extra.js';

export interface StaffRoutesDeps {
  service: TicketService;
  store: TicketStore;
  staff: StaffStore;
  kb: () => KnowledgeBase;
  retriever: () => Retriever;
  lookupProcedure: (code: string) => Procedure | undefined;
  calendar: WorkingCalendar;
  logger: Logger;
  now: () => Date;
  sessionHours: number;
  token?: string;
  cookieSecure?: boolean;
  limiter?: LoginLimiter;
  eventPollMs?: number;
}

export function createStaffRoutes(deps: StaffRoutesDeps): Router {
  const router = express.Router();
  router.use(createStaffConsole());
  router.use(
    createStaffAuth({
      staff: deps.staff,
      limiter: deps.limiter ?? createLoginLimiter(),
      logger: deps.logger,
      now: deps.now,
      sessionHours: deps.sessionHours,
      ...(deps.token ? { token: deps.token } : {}),
      ...(deps.cookieSecure ? { cookieSecure: true } : {}),
    }),
  );
  router.use(
    createStaffApi({
      service: deps.service,
      store: deps.store,
      logger: deps.logger,
      lookupProcedure: deps.lookupProcedure,
      now: deps.now,
      sessionValid: async (id) => (await deps.staff.getSession(id)) !== undefined,
      ...(deps.eventPollMs ? { eventPollMs: deps.eventPollMs } : {}),
    }),
  );
  router.use(createStaffExtra({ store: deps.store, staff: deps.staff, kb: deps.kb, retriever: deps.retriever, calendar: deps.calendar, now: deps.now, logger: deps.logger }));
  router.use('/api/staff', (_req, res) => {
    res.status(404).json({ error: 'Không có đường dẫn này.' });
  });
  router.use('/api/staff', staffErrorHandler(deps.logger));
  return router;
}
