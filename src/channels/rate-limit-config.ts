// Parses CHANNEL_RATE_LIMITS ("telegram=30/30,zalo-oa=5/10": channel=perSecond[/burst]) for
// config.ts. Returns problems as values so config can report them with the others.
import type { RateLimit } from './rate-limit.js';

export function parseRateLimits(text: string): { ok: true; limits: Record<string, RateLimit> } | { ok: false; problem: string } {
  const limits: Record<string, RateLimit> = {};
  for (const part of text.split(',').map((p) => p.trim()).filter((p) => p !== '')) {
    const m = /^([a-z0-9-]+)\s*=\s*(\d+(?:\.\d+)?)(?:\s*\/\s*(\d+))?$/.exec(part);
    const perSecond = m ? Number(m[2]) : NaN;
    if (!m || !(perSecond > 0)) return { ok: false, problem: `"${part}" is not channel=perSecond[/burst] (e.g. telegram=30/30)` };
    const burst = m[3] !== undefined ? Number(m[3]) : Math.max(1, Math.ceil(perSecond));
    if (!(burst >= 1)) return { ok: false, problem: `"${part}": burst must be at least 1` };
    limits[m[1]!] = { perSecond, burst };
  }
  return { ok: true, limits };
}
