// Zalo Bot Platform update → InboundEvent (platforms.md §1 "Webhook (inbound)").
// The same parser serves webhook bodies and getUpdates results.
import type { InboundEvent, ParseResult } from '../../src/channels/types.js';
import { epochToIso, str } from '../shared/values.js';

export const ZALO_BOT_CHANNEL = 'zalo';

interface BotUpdate {
  event_name?: unknown;
  message?: {
    message_id?: unknown;
    date?: unknown;
    from?: { id?: unknown; display_name?: unknown; name?: unknown; is_bot?: unknown };
    chat?: { id?: unknown; chat_type?: unknown };
    text?: unknown;
    caption?: unknown;
    photo_url?: unknown;
    photo?: unknown;
  };
}

/** Webhook body: `{ ok, result }` or a bare update — implementations disagree, accept both. */
export function parseBotWebhookBody(rawBody: Buffer, now: () => Date): ParseResult {
  let body: unknown;
  try {
    body = JSON.parse(rawBody.toString('utf8'));
  } catch {
    return { ok: false, status: 400, reason: 'malformed JSON' };
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    return { ok: false, status: 400, reason: 'body is not a JSON object' };
  }
  const inner = 'result' in body ? (body as { result: unknown }).result : body;
  return { ok: true, events: updatesToEvents(inner, now) };
}

/** getUpdates answers one update (openclaw, Java SDK) or an array (n8n guide): accept both. */
export function updatesToEvents(result: unknown, now: () => Date): InboundEvent[] {
  const list = Array.isArray(result) ? result : result ? [result] : [];
  return list.flatMap((u) => updateToEvent(u, now) ?? []);
}

function updateToEvent(raw: unknown, now: () => Date): InboundEvent | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const u = raw as BotUpdate;
  const eventName = str(u.event_name);
  const m = u.message;
  if (!eventName || !m || typeof m !== 'object') return undefined;
  // Own or other bots' messages are not questions to answer.
  if (m.from?.is_bot === true) return undefined;
  const chatId = str(m.chat?.id);
  const fromId = str(m.from?.id) ?? chatId;
  if (!chatId || !fromId) return undefined;

  let kind: InboundEvent['kind'];
  let text = '';
  const replyContext: Record<string, string> = {};
  switch (eventName) {
    case 'message.text.received':
      kind = 'text';
      text = str(m.text) ?? '';
      break;
    case 'message.image.received': {
      kind = 'photo';
      text = str(m.caption) ?? str(m.text) ?? '';
      // Field is `photo_url` in openclaw's schema, `photo` elsewhere (platforms.md gotcha 5).
      const url = str(m.photo_url) ?? str(m.photo);
      if (url) replyContext.photoUrl = url;
      break;
    }
    case 'message.sticker.received':
    case 'message.voice.received':
      kind = 'unsupported';
      break;
    // message.unsupported.received: protected (e.g. child) users, no content and nothing to answer.
    default:
      return undefined;
  }
  const messageId = str(m.message_id);
  const sentAt = epochToIso(m.date, now);
  // Dedupe key per platforms.md: event_name + message_id.
  const eventId = messageId ? `${eventName}:${messageId}` : `${eventName}:${chatId}:${sentAt}`;
  if (messageId) replyContext.messageId = messageId;
  const chatType = str(m.chat?.chat_type);
  if (chatType) replyContext.chatType = chatType;
  const userName = str(m.from?.display_name) ?? str(m.from?.name);
  return {
    eventId,
    channel: ZALO_BOT_CHANNEL,
    conversationId: `${ZALO_BOT_CHANNEL}:${chatId}`,
    userId: `${ZALO_BOT_CHANNEL}:${fromId}`,
    kind,
    text,
    sentAt,
    ...(userName ? { userName } : {}),
    replyContext,
  };
}
