// Inbound checks for the Messenger webhook (platforms.md §3, Meta "Webhooks: getting started"):
// the GET verification handshake and the X-Hub-Signature-256 HMAC over the raw body.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { RawRequest, VerifyResult } from '../../src/channels/types.js';

/** Constant-time string equality: both sides are hashed first so the buffers have equal length. */
export function safeEqual(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a, 'utf8').digest();
  const hb = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(ha, hb);
}

/**
 * GET handshake: Meta sends hub.mode=subscribe, hub.verify_token and hub.challenge once when
 * the callback URL is saved; we answer 200 with the raw challenge as text, otherwise 403.
 */
export function verifyHandshake(req: RawRequest, verifyToken: string): VerifyResult {
  const mode = req.query['hub.mode'];
  const token = req.query['hub.verify_token'];
  const challenge = req.query['hub.challenge'];
  if (mode !== 'subscribe' || token === undefined || verifyToken === '') {
    return { ok: false, status: 403, reason: 'handshake: wrong hub.mode or missing hub.verify_token' };
  }
  if (!safeEqual(token, verifyToken)) return { ok: false, status: 403, reason: 'handshake: verify token mismatch' };
  // The challenge is an opaque number-like string; refuse anything odd rather than echo it back.
  if (challenge === undefined || !/^[\w.-]{1,256}$/.test(challenge)) {
    return { ok: false, status: 403, reason: 'handshake: missing or malformed hub.challenge' };
  }
  return { ok: true, respond: { status: 200, contentType: 'text/plain; charset=utf-8', body: challenge } };
}

/**
 * POST signature: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(app secret, raw body bytes)>`.
 * Meta signs the bytes it sent (non-ASCII escaped as \uXXXX), so never re-serialise the JSON.
 */
export function verifySignature(req: RawRequest, appSecret: string): VerifyResult {
  const header = req.headers['x-hub-signature-256'];
  if (header === undefined || header === '') return { ok: false, status: 401, reason: 'missing X-Hub-Signature-256' };
  const match = /^sha256=([0-9a-fA-F]{64})$/.exec(header.trim());
  if (!match?.[1]) return { ok: false, status: 403, reason: 'malformed X-Hub-Signature-256' };
  const given = Buffer.from(match[1], 'hex');
  const expected = createHmac('sha256', appSecret).update(req.rawBody).digest();
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, status: 403, reason: 'X-Hub-Signature-256 mismatch' };
  }
  return { ok: true };
}

export function verifyMessengerRequest(req: RawRequest, appSecret: string, verifyToken: string): VerifyResult {
  const method = req.method.toUpperCase();
  if (method === 'GET') return verifyHandshake(req, verifyToken);
  if (method === 'POST') return verifySignature(req, appSecret);
  return { ok: false, status: 403, reason: `method ${method} not accepted` };
}
