// Long polling (getUpdates) for a laptop or a server without a public HTTPS URL.
// Bot API rules followed: getUpdates does not work while a webhook is set (409 Conflict), so the
// webhook is deleted first (pending updates are kept); an update is confirmed by calling
// getUpdates with offset = update_id + 1, so the offset only moves after onEvents resolved —
// a crash before that means Telegram delivers the batch again and the inbox drops duplicates.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Telegram } from 'telegraf';
import type { AdapterDeps, InboundEvent } from '../../src/channels/types.js';
import { isTokenFailure, mapTelegramError } from './errors.js';
import { withSignal } from './signal.js';

export interface PollingOptions {
  telegram: Telegram;
  /** Long-poll timeout in seconds (Telegram holds the request until an update or this). */
  timeoutSeconds: number;
  parse: (update: unknown) => InboundEvent[];
  onEvents: (events: InboundEvent[]) => Promise<void>;
  /** Called after onEvents accepted a batch (answers pressed buttons). */
  afterBatch?: (events: InboundEvent[]) => Promise<void>;
  logger?: AdapterDeps['logger'];
}

const MAX_BACKOFF_MS = 30_000;

export function runPolling(opts: PollingOptions): { stop(): Promise<void> } {
  const abort = new AbortController();
  const { signal } = abort;
  const log = opts.logger;

  const wait = async (ms: number): Promise<void> => {
    await sleep(ms, undefined, { signal }).catch(() => undefined);
  };

  const loop = async (): Promise<void> => {
    try {
      await opts.telegram.callApi('deleteWebhook', { drop_pending_updates: false }, withSignal(signal));
    } catch (err) {
      if (signal.aborted) return;
      if (isTokenFailure(err)) {
        log?.warn('telegram polling stopped: bot token refused', { error: mapTelegramError(err).message });
        return;
      }
      // Not fatal: if a webhook is still set, getUpdates answers 409 and we back off below.
      log?.warn('telegram deleteWebhook failed', { error: mapTelegramError(err).message });
    }
    log?.info('telegram polling started', { timeoutSeconds: opts.timeoutSeconds });
    let offset: number | undefined;
    let failures = 0;
    let fatal = false;
    while (!signal.aborted) {
      let updates: Array<{ update_id: number }>;
      try {
        updates = (await opts.telegram.callApi(
          'getUpdates',
          { timeout: opts.timeoutSeconds, offset, allowed_updates: ['message', 'callback_query'] },
          withSignal(signal),
        )) as Array<{ update_id: number }>;
      } catch (err) {
        if (signal.aborted) break;
        const failure = mapTelegramError(err);
        if (isTokenFailure(err)) {
          log?.warn('telegram polling stopped: bot token refused', { error: failure.message });
          fatal = true;
          break;
        }
        failures += 1;
        const ms = failure.kind === 'rate-limit' && failure.retryAfterMs !== undefined
          ? failure.retryAfterMs
          : Math.min(1000 * 2 ** (failures - 1), MAX_BACKOFF_MS);
        log?.warn('telegram getUpdates failed, retrying', { kind: failure.kind, error: failure.message, retryInMs: ms });
        await wait(ms);
        continue;
      }
      const last = updates[updates.length - 1];
      if (last === undefined) continue;
      const events = updates.flatMap((u) => opts.parse(u));
      if (events.length > 0) {
        try {
          await opts.onEvents(events);
        } catch (err) {
          // The inbox could not take the batch: keep the offset so Telegram sends it again.
          failures += 1;
          const ms = Math.min(1000 * 2 ** (failures - 1), MAX_BACKOFF_MS);
          log?.warn('telegram onEvents failed, will fetch the batch again', {
            eventIds: events.map((e) => e.eventId),
            error: err instanceof Error ? err.message : String(err),
            retryInMs: ms,
          });
          await wait(ms);
          continue;
        }
        await opts.afterBatch?.(events).catch(() => undefined);
      }
      offset = last.update_id + 1;
      failures = 0;
    }
    if (!fatal && offset !== undefined) {
      // Confirm the last batch now, so a restart does not fetch it again (best effort).
      await opts.telegram.callApi('getUpdates', { offset, limit: 1, timeout: 0 }, withSignal(AbortSignal.timeout(5000))).catch(() => undefined);
    }
    log?.info('telegram polling stopped', {});
  };

  const done = loop().catch((err: unknown) => {
    log?.warn('telegram polling crashed', { error: err instanceof Error ? err.message : String(err) });
  });
  return {
    async stop() {
      abort.abort();
      await done;
    },
  };
}
