// Shared plumbing of the ticket service: dependencies, the result type of every action, and the
// optimistic read-check-update loop every change goes through (the audit entry is written by
// the store in the same transaction as the change).
import type { Logger } from '../core/ports.js';
import type { Procedure } from '../knowledge/types.js';
import type { DeadlinePolicy } from './deadlines.js';
import type { TicketRouter } from './routing.js';
import type { CitizenReplier } from './service-replier.js';
import type { TicketPatch, TicketStore } from './store-types.js';
import type { JsonValue, Ticket } from './types.js';

export interface TicketServiceDeps {
  store: TicketStore;
  deadlines: DeadlinePolicy;
  router: TicketRouter;
  /** Procedure by code (current knowledge base), for routing. */
  lookupProcedure: (code: string) => Procedure | undefined;
  replier: CitizenReplier;
  now: () => Date;
  logger?: Logger;
  /** Minutes without an officer's action after which a live chat ends and the bot resumes. */
  liveIdleMinutes?: number;
  /**
   * One-line summary of a new ticket for the staff inbox (the optional LLM); undefined keeps the
   * citizen's own words. Runs after the ticket is created, never delaying the citizen's reply.
   */
  summarize?: (text: string) => Promise<string | undefined>;
}

export const DEFAULT_LIVE_IDLE_MINUTES = 30;

export type ActionError =
  | { ok: false; error: 'not-found'; message: string }
  /** A validation or lifecycle problem (HTTP 400); message is Vietnamese, for staff. */
  | { ok: false; error: 'invalid'; message: string }
  /** Lost the optimistic-concurrency race several times in a row (HTTP 409). */
  | { ok: false; error: 'conflict'; message: string };

export type ActionResult<T = object> = ({ ok: true; ticket: Ticket } & T) | ActionError;

export type Plan = { patch: TicketPatch; detail?: { [key: string]: JsonValue } } | { error: string };

export const notFound = (code: string): ActionError => ({ ok: false, error: 'not-found', message: `Không tìm thấy phiếu ${code}.` });
export const invalid = (message: string): ActionError => ({ ok: false, error: 'invalid', message });

export interface ServiceContext {
  deps: TicketServiceDeps;
  liveIdleMs: number;
  nowIso(): string;
  /**
   * Reads the ticket, asks `plan` what to change (or why not), updates with the version read;
   * on a concurrent update reads again and re-plans (up to 3 attempts).
   */
  mutate(load: () => Promise<Ticket | undefined>, label: string, actor: string, action: string, plan: (t: Ticket) => Plan): Promise<ActionResult>;
}

export function createServiceContext(deps: TicketServiceDeps): ServiceContext {
  const liveIdleMs = (deps.liveIdleMinutes ?? DEFAULT_LIVE_IDLE_MINUTES) * 60_000;
  return {
    deps,
    liveIdleMs,
    nowIso: () => deps.now().toISOString(),
    async mutate(load, label, actor, action, plan) {
      for (let attempt = 0; attempt < 3; attempt++) {
        const t = await load();
        if (!t) return notFound(label);
        const p = plan(t);
        if ('error' in p) return invalid(p.error);
        const r = await deps.store.updateTicket(t.id, p.patch, {
          expectedVersion: t.version,
          actor,
          action,
          ...(p.detail ? { detail: p.detail } : {}),
        });
        if (r.ok) return { ok: true, ticket: r.ticket };
        if (r.reason === 'not-found') return notFound(label);
        if (r.reason === 'invalid') return invalid(r.message);
      }
      return { ok: false, error: 'conflict', message: 'Phiếu vừa được người khác cập nhật, vui lòng tải lại và thử lại.' };
    },
  };
}
