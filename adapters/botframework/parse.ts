// Bot Framework Activity JSON → InboundEvent (platforms.md §5 "Activity shape"; Bot Framework
// Activity schema). Only message activities from a user become events.
import { createHash } from 'node:crypto';
import type { InboundEvent, ParseResult, ReplyContext } from '../../src/channels/types.js';

export const CHANNEL = 'botframework';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** Decodes the raw body; undefined when it is not a JSON object. */
export function decodeActivity(rawBody: Buffer): Json | undefined {
  try {
    const v: unknown = JSON.parse(rawBody.toString('utf8'));
    return isObject(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Ids are prefixed with the Bot Framework channelId as well ("botframework:webchat:<id>"):
 * conversation ids are only unique within one channel (Web Chat, Teams, Direct Line…).
 */
export const conversationKey = (channelId: string, conversationId: string) => `${CHANNEL}:${channelId}:${conversationId}`;

/** Choice ids travel in the suggested action's postBack value as { choiceId }. */
export function choiceIdOf(value: unknown): string | undefined {
  if (isObject(value)) return str(value.choiceId);
  return undefined;
}

export function parseActivity(rawBody: Buffer, now: () => Date): ParseResult {
  const a = decodeActivity(rawBody);
  if (!a) return { ok: false, status: 400, reason: 'body is not a JSON activity object' };
  // conversationUpdate, typing, event, invoke, messageReaction…: nothing to answer.
  if (a.type !== 'message') return { ok: true, events: [] };
  const channelId = str(a.channelId);
  const serviceUrl = str(a.serviceUrl);
  const conversation = isObject(a.conversation) ? a.conversation : undefined;
  const from = isObject(a.from) ? a.from : undefined;
  const recipient = isObject(a.recipient) ? a.recipient : undefined;
  const conversationId = str(conversation?.id);
  const fromId = str(from?.id);
  if (!channelId || !serviceUrl || !conversationId || !fromId) {
    return { ok: false, status: 400, reason: 'message activity without channelId, serviceUrl, conversation.id or from.id' };
  }
  // Our own messages (a bot talking, or the recipient echoed back as sender) are not questions.
  if (from?.role === 'bot' || fromId === str(recipient?.id)) return { ok: true, events: [] };

  const timestamp = str(a.timestamp);
  const parsed = timestamp ? Date.parse(timestamp) : NaN;
  const sentAt = Number.isFinite(parsed) ? new Date(parsed).toISOString() : now().toISOString();
  // activity.id is the dedupe key; a channel that omits it gets a digest of the exact bytes.
  const eventId = str(a.id) ?? `sha256:${createHash('sha256').update(rawBody).digest('hex')}`;
  const replyContext: ReplyContext = {
    serviceUrl,
    channelId,
    conversationId,
    activityId: str(a.id) ?? null,
    botId: str(recipient?.id) ?? null,
    botName: str(recipient?.name) ?? null,
    userId: fromId,
    userName: str(from?.name) ?? null,
    tenantId: str(conversation?.tenantId) ?? null,
    locale: str(a.locale) ?? null,
    lastUserMessageAt: sentAt,
  };
  const base = {
    eventId,
    channel: CHANNEL,
    conversationId: conversationKey(channelId, conversationId),
    userId: `${CHANNEL}:${channelId}:${fromId}`,
    sentAt,
    replyContext,
    ...(str(from?.name) ? { userName: str(from?.name) } : {}),
  };
  const text = typeof a.text === 'string' ? a.text : '';
  const choiceId = choiceIdOf(a.value);
  if (choiceId) return { ok: true, events: [{ ...base, kind: 'choice', text, choiceId }] };
  if (text.trim() !== '') return { ok: true, events: [{ ...base, kind: 'text', text }] };
  const attachments = Array.isArray(a.attachments) ? a.attachments.filter(isObject) : [];
  if (attachments.length > 0 && attachments.every((x) => typeof x.contentType === 'string' && x.contentType.startsWith('image/'))) {
    return { ok: true, events: [{ ...base, kind: 'photo', text: '' }] };
  }
  const event: InboundEvent = { ...base, kind: 'unsupported', text: '' };
  return { ok: true, events: [event] };
}
