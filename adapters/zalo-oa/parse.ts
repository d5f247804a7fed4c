// Zalo OA webhook event → InboundEvent (platforms.md §2 "Webhook event user_send_text").
// Reply target is sender.id (OA-scoped user id), not user_id_by_app. Dedupe on message.msg_id.
import type { InboundEvent, ParseResult } from '../../src/channels/types.js';
import { parseJsonKeepingIds } from './json.js';
import { epochToIso, str } from '../shared/values.js';

export const ZALO_OA_CHANNEL = 'zalo-oa';

interface OaEvent {
  app_id?: unknown;
  event_name?: unknown;
  timestamp?: unknown;
  sender?: { id?: unknown };
  recipient?: { id?: unknown };
  message?: {
    msg_id?: unknown;
    text?: unknown;
    attachments?: Array<{ type?: unknown; payload?: { url?: unknown; thumbnail?: unknown } }>;
  };
}

/** Events from a person we answer; everything else (follow, unfollow, seen, oa_send_* echoes…) is acknowledged and ignored. */
const UNSUPPORTED_USER_EVENTS = new Set([
  'user_send_sticker',
  'user_send_gif',
  'user_send_audio',
  'user_send_video',
  'user_send_file',
  'user_send_location',
  'user_send_link',
  'user_send_business_card',
]);

export function parseZaloOaBody(rawBody: Buffer, now: () => Date): ParseResult {
  let body: unknown;
  try {
    body = parseJsonKeepingIds(rawBody.toString('utf8'));
  } catch {
    return { ok: false, status: 400, reason: 'malformed JSON' };
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    return { ok: false, status: 400, reason: 'body is not a JSON object' };
  }
  const ev = toEvent(body as OaEvent, now);
  return { ok: true, events: ev ? [ev] : [] };
}

function toEvent(e: OaEvent, now: () => Date): InboundEvent | undefined {
  const name = str(e.event_name);
  // oa_send_* are the OA's own messages (ours or an agent's in the OA inbox) echoed back;
  // group (user_send_group_*) messages need the GMF endpoint, which this adapter does not use.
  if (!name || !name.startsWith('user_send_') || name.startsWith('user_send_group_')) return undefined;
  const userId = str(e.sender?.id);
  if (!userId) return undefined;

  let kind: InboundEvent['kind'];
  let text = '';
  const replyContext: Record<string, string> = {};
  if (name === 'user_send_text') {
    kind = 'text';
    text = str(e.message?.text) ?? '';
  } else if (name === 'user_send_image') {
    kind = 'photo';
    text = str(e.message?.text) ?? '';
    const url = str(e.message?.attachments?.[0]?.payload?.url);
    if (url) replyContext.photoUrl = url;
  } else if (UNSUPPORTED_USER_EVENTS.has(name)) {
    kind = 'unsupported';
  } else {
    return undefined;
  }
  const msgId = str(e.message?.msg_id);
  const sentAt = epochToIso(e.timestamp, now);
  if (msgId) replyContext.msgId = msgId;
  const oaId = str(e.recipient?.id);
  if (oaId) replyContext.oaId = oaId;
  return {
    eventId: msgId ?? `${name}:${userId}:${str(e.timestamp) ?? sentAt}`,
    channel: ZALO_OA_CHANNEL,
    conversationId: `${ZALO_OA_CHANNEL}:${userId}`,
    userId: `${ZALO_OA_CHANNEL}:${userId}`,
    kind,
    text,
    sentAt,
    replyContext,
  };
}
