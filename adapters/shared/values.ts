// Small value readers shared by the Zalo adapters (Bot Platform and OA); no platform types.

/** A non-empty string, or a finite number as text (ids arrive as either). */
export function str(v: unknown): string | undefined {
  if (typeof v === 'string' && v.length > 0) return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

/**
 * Epoch time (number or numeric string) to ISO. Values below 1e12 are taken as seconds, larger as
 * milliseconds; anything missing, non-positive or past the Date range (8.64e15 ms, where
 * toISOString() would throw) gives the clock's time instead.
 */
export function epochToIso(v: unknown, now: () => Date): string {
  const n = typeof v === 'string' ? Number(v) : typeof v === 'number' ? v : NaN;
  if (!Number.isFinite(n) || n <= 0) return now().toISOString();
  const d = new Date(n < 1e12 ? n * 1000 : n);
  return Number.isNaN(d.getTime()) ? now().toISOString() : d.toISOString();
}
