// Circuit breaker: after `failures` consecutive failed calls the model is not called for
// `cooldownMs`; then one trial call decides whether it closes again. While open the bot answers
// from its templates at once instead of waiting for a model that is down.

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface Breaker {
  /** True when a call may go out now (in half-open state: only the one trial call). */
  allow(): boolean;
  success(): void;
  /** Returns true when this failure opened the breaker. */
  failure(): boolean;
  state(): BreakerState;
}

export function createBreaker(options: { failures: number; cooldownMs: number; now?: () => number }): Breaker {
  const now = options.now ?? Date.now;
  let consecutive = 0;
  let openedAt: number | undefined;
  let trialOut = false;
  const state = (): BreakerState => {
    if (openedAt === undefined) return 'closed';
    return now() - openedAt >= options.cooldownMs ? 'half-open' : 'open';
  };
  return {
    allow() {
      const s = state();
      if (s === 'closed') return true;
      if (s === 'open' || trialOut) return false;
      trialOut = true;
      return true;
    },
    success() {
      consecutive = 0;
      openedAt = undefined;
      trialOut = false;
    },
    failure() {
      const wasTrial = trialOut;
      trialOut = false;
      consecutive++;
      if (wasTrial || (openedAt === undefined && consecutive >= options.failures)) {
        openedAt = now();
        return true;
      }
      return false;
    },
    state,
  };
}
