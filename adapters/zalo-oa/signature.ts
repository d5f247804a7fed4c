// Zalo OA webhook signature (platforms.md §2 "Webhook signature"): header X-ZEvent-Signature,
// value = plain SHA-256 hex (not HMAC) of app_id + raw body + timestamp + OA secret key, where
// app_id and timestamp are read from the body; the header may carry a "mac=" prefix.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { VerifyResult } from '../../src/channels/types.js';
import { parseJsonKeepingIds } from './json.js';

export const SIGNATURE_HEADER = 'x-zevent-signature';

export function computeZaloOaSignature(appId: string, rawBody: string, timestamp: string, oaSecretKey: string): string {
  return createHash('sha256').update(`${appId}${rawBody}${timestamp}${oaSecretKey}`, 'utf8').digest('hex');
}

export function verifyZaloOaSignature(
  rawBody: Buffer,
  header: string | undefined,
  opts: { appId: string; oaSecretKey: string },
): VerifyResult {
  if (!opts.oaSecretKey) return { ok: false, status: 401, reason: 'OA secret key not configured' };
  if (!header) return { ok: false, status: 401, reason: 'missing X-ZEvent-Signature' };
  const raw = rawBody.toString('utf8');
  let body: { app_id?: unknown; timestamp?: unknown };
  try {
    const parsed = parseJsonKeepingIds(raw);
    if (!parsed || typeof parsed !== 'object') return { ok: false, status: 403, reason: 'signed body is not an object' };
    body = parsed as typeof body;
  } catch {
    return { ok: false, status: 403, reason: 'signed body is not JSON' };
  }
  const appId = scalar(body.app_id);
  const timestamp = scalar(body.timestamp);
  if (!appId || !timestamp) return { ok: false, status: 403, reason: 'body lacks app_id or timestamp' };
  const got = Buffer.from(header.trim().replace(/^mac=/i, '').toLowerCase(), 'utf8');
  const want = Buffer.from(computeZaloOaSignature(appId, raw, timestamp, opts.oaSecretKey), 'utf8');
  if (got.length !== want.length || !timingSafeEqual(got, want)) {
    return { ok: false, status: 403, reason: 'X-ZEvent-Signature mismatch' };
  }
  // A correctly signed event for another app is still not ours.
  if (appId !== opts.appId) return { ok: false, status: 403, reason: 'event for another app_id' };
  return { ok: true };
}

function scalar(v: unknown): string | undefined {
  if (typeof v === 'string' && v) return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}
