// Shared by adapters that split long replies (Zalo Bot Platform, Zalo OA); no platform types.
// A long reply goes out as several platform messages. When part k fails, the outbox retries the
// whole message later; remembering the parts already delivered (in this process, for a day)
// lets the retry continue at part k instead of sending parts 1..k-1 twice.
import { createHash } from 'node:crypto';

const TTL_MS = 24 * 3600_000;
const MAX_ENTRIES = 1000;

export interface PartialSends {
  /** Platform ids of the parts of this exact message already delivered. */
  sent(conversationId: string, text: string): string[];
  remember(conversationId: string, text: string, ids: string[]): void;
  forget(conversationId: string, text: string): void;
}

export function createPartialSends(now: () => Date): PartialSends {
  const entries = new Map<string, { ids: string[]; at: number }>();
  const key = (c: string, t: string) => createHash('sha256').update(c).update('\u0000').update(t).digest('hex');
  const prune = (t: number) => {
    for (const [k, v] of entries) if (t - v.at > TTL_MS || entries.size > MAX_ENTRIES) entries.delete(k);
  };
  return {
    sent(c, t) {
      const e = entries.get(key(c, t));
      return e && now().getTime() - e.at <= TTL_MS ? [...e.ids] : [];
    },
    remember(c, t, ids) {
      const at = now().getTime();
      prune(at);
      entries.set(key(c, t), { ids: [...ids], at });
    },
    forget(c, t) {
      entries.delete(key(c, t));
    },
  };
}
