// Webhook payload → InboundEvent (platforms.md §3 "Event notification", Meta webhook-events
// messages / messaging_postbacks / message-echoes). Platform types stay in this file.
import type { InboundEvent, ParseResult, RawRequest } from '../../src/channels/types.js';

export const CHANNEL = 'messenger';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

export interface ParseOptions {
  now: () => Date;
  warn?: (msg: string, f?: Record<string, unknown>) => void;
}

export function parseMessengerBody(req: RawRequest, opts: ParseOptions): ParseResult {
  let body: unknown;
  try {
    body = JSON.parse(req.rawBody.toString('utf8'));
  } catch {
    return { ok: false, status: 400, reason: 'malformed JSON' };
  }
  if (!isObject(body)) return { ok: false, status: 400, reason: 'body is not a JSON object' };
  // object is "page" for Messenger ("instagram" for IG, which this adapter does not serve).
  if (body.object !== 'page') {
    opts.warn?.('messenger: ignoring webhook for another object', { object: String(body.object) });
    return { ok: true, events: [] };
  }
  if (!Array.isArray(body.entry)) return { ok: false, status: 400, reason: 'missing entry[]' };
  const events: InboundEvent[] = [];
  // entry may be batched: loop over all of them. standby[] (Conversation Routing, we are not
  // the thread owner) is deliberately ignored: only the owner may answer.
  for (const entry of body.entry) {
    if (!isObject(entry) || !Array.isArray(entry.messaging)) continue;
    for (const item of entry.messaging) {
      if (!isObject(item)) continue;
      const ev = toEvent(item, entry, opts);
      if (ev) events.push(ev);
    }
  }
  return { ok: true, events };
}

function toIso(ms: unknown, fallback: unknown, now: () => Date): string {
  for (const v of [ms, fallback]) {
    // Past the Date range (8.64e15 ms) toISOString() would throw: such a value is skipped.
    if (typeof v === 'number' && Number.isFinite(v) && v > 0 && v <= 8.64e15) return new Date(v).toISOString();
  }
  return now().toISOString();
}

function toEvent(item: Json, entry: Json, opts: ParseOptions): InboundEvent | undefined {
  const psid = isObject(item.sender) ? str(item.sender.id) : undefined;
  if (!psid) return undefined;
  const sentAt = toIso(item.timestamp, entry.time, opts.now);
  const pageId = isObject(item.recipient) ? (str(item.recipient.id) ?? null) : null;
  const base = {
    channel: CHANNEL,
    conversationId: `${CHANNEL}:${psid}`,
    userId: `${CHANNEL}:${psid}`,
    sentAt,
    // lastUserMessageAt lets send() choose RESPONSE / HUMAN_AGENT / refuse (24 h and 7 d windows).
    replyContext: { lastUserMessageAt: sentAt, pageId },
  };

  if (isObject(item.message)) {
    const m = item.message;
    if (m.is_echo === true) return undefined; // our own sends echoed back (message_echoes)
    const mid = str(m.mid);
    if (!mid) return undefined;
    const text = typeof m.text === 'string' ? m.text : '';
    const payload = isObject(m.quick_reply) ? str(m.quick_reply.payload) : undefined;
    if (payload) return { ...base, eventId: mid, kind: 'choice', text, choiceId: payload };
    if (text !== '') return { ...base, eventId: mid, kind: 'text', text };
    const attachments = Array.isArray(m.attachments) ? m.attachments.filter(isObject) : [];
    // Stickers arrive as image attachments with sticker_id during Meta's transition (and as
    // type "sticker" after it): a thumbs-up is not a photo of a document.
    const isSticker = m.sticker_id !== undefined || attachments.some((a) => a.type === 'sticker' || (isObject(a.payload) && a.payload.sticker_id !== undefined));
    if (!isSticker && attachments.length > 0 && attachments.every((a) => a.type === 'image')) {
      return { ...base, eventId: mid, kind: 'photo', text: '' };
    }
    return { ...base, eventId: mid, kind: 'unsupported', text: '' };
  }

  if (isObject(item.postback)) {
    const p = item.postback;
    const payload = str(p.payload);
    if (!payload) return undefined;
    // Postbacks carry a mid on current API versions; older ones did not, so fall back to a
    // stable id built from what Meta redelivers unchanged.
    const eventId = str(p.mid) ?? `postback:${psid}:${String(item.timestamp ?? '')}:${payload}`;
    return { ...base, eventId, kind: 'choice', text: typeof p.title === 'string' ? p.title : '', choiceId: payload };
  }

  // delivery, read, reaction, optin, referral, handover…: nothing for the bot to answer.
  return undefined;
}
