// Telegram Update JSON → InboundEvent[] (Bot API "Update", "Message", "CallbackQuery" objects;
// shapes in docs/platforms.md §4). Input is untrusted JSON, so every field is checked at runtime.
//
// Decisions (README "Behaviour"):
// - only private chats are answered; groups, supergroups and channels yield no events;
// - edited messages are ignored (answering again would duplicate the first answer);
// - messages and button presses from bots (from.is_bot) are ignored, our own included;
// - "/start" (sent when a citizen first opens the bot, maybe with a deep-link payload) becomes
//   the greeting "xin chào"; other commands lose the slash and any "@botname" suffix;
// - photo → kind 'photo' with the caption as text; stickers, voice, files… → 'unsupported';
// - service updates (my_chat_member, chat_join_request, …) yield no events.
import type { InboundEvent, ParseResult } from '../../src/channels/types.js';
import type { CallbackCodec } from './callback-data.js';

export const CHANNEL = 'telegram';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isId = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);

/** Content a citizen sent that we cannot read: answered with "please write text" by the core. */
const UNSUPPORTED_CONTENT = [
  'sticker', 'voice', 'audio', 'video', 'video_note', 'document', 'animation',
  'location', 'venue', 'contact', 'poll', 'dice', 'story', 'game',
];

export interface ParseContext {
  codec: CallbackCodec;
  now: () => Date;
}

export function parseBody(rawBody: Buffer, ctx: ParseContext): ParseResult {
  let update: unknown;
  try {
    update = JSON.parse(rawBody.toString('utf8'));
  } catch {
    return { ok: false, status: 400, reason: 'body is not valid JSON' };
  }
  if (!isObj(update) || !isId(update.update_id)) {
    return { ok: false, status: 400, reason: 'body is not a Telegram Update (no numeric update_id)' };
  }
  return { ok: true, events: parseUpdate(update, ctx) };
}

/** One Update → zero or one event. Also used by long polling on getUpdates results. */
export function parseUpdate(update: unknown, ctx: ParseContext): InboundEvent[] {
  if (!isObj(update) || !isId(update.update_id)) return [];
  const eventId = String(update.update_id);
  if (isObj(update.message)) {
    const ev = parseMessage(eventId, update.message, ctx);
    return ev ? [ev] : [];
  }
  if (isObj(update.callback_query)) {
    const ev = parseCallback(eventId, update.callback_query, ctx);
    return ev ? [ev] : [];
  }
  return [];
}

interface Who {
  chatId: number;
  fromId: number;
  userName?: string;
}

/** The private chat and the human sender, or undefined when we must not answer. */
function privateChatOf(message: Obj, from: unknown): Who | undefined {
  const chat = message.chat;
  if (!isObj(chat) || !isId(chat.id) || chat.type !== 'private') return undefined;
  if (!isObj(from) || !isId(from.id) || from.is_bot !== false) return undefined;
  const names = [from.first_name, from.last_name].filter((s): s is string => typeof s === 'string' && s !== '');
  return { chatId: chat.id, fromId: from.id, ...(names.length > 0 ? { userName: names.join(' ') } : {}) };
}

function base(eventId: string, who: Who, sentAt: string): Omit<InboundEvent, 'kind' | 'text'> {
  return {
    eventId,
    channel: CHANNEL,
    conversationId: `${CHANNEL}:${who.chatId}`,
    userId: `${CHANNEL}:${who.fromId}`,
    sentAt,
    ...(who.userName !== undefined ? { userName: who.userName } : {}),
  };
}

function sentAtOf(message: Obj, now: () => Date): string {
  // Telegram dates are Unix time in SECONDS.
  // A date past the end of the Date range would make toISOString() throw: use the clock instead.
  const d = isId(message.date) ? new Date(message.date * 1000) : undefined;
  return d && !Number.isNaN(d.getTime()) ? d.toISOString() : now().toISOString();
}

function parseMessage(eventId: string, message: Obj, ctx: ParseContext): InboundEvent | undefined {
  const who = privateChatOf(message, message.from);
  if (!who) return undefined;
  const sentAt = sentAtOf(message, ctx.now);
  const replyContext = { messageId: isId(message.message_id) ? message.message_id : null };
  if (typeof message.text === 'string') {
    return { ...base(eventId, who, sentAt), kind: 'text', text: commandToText(message.text), replyContext };
  }
  if (Array.isArray(message.photo)) {
    const caption = typeof message.caption === 'string' ? message.caption : '';
    return { ...base(eventId, who, sentAt), kind: 'photo', text: caption, replyContext };
  }
  if (UNSUPPORTED_CONTENT.some((key) => key in message)) {
    return { ...base(eventId, who, sentAt), kind: 'unsupported', text: '', replyContext };
  }
  return undefined; // service message (pinned, write_access_allowed, …)
}

/** "/start" and "/start@troly_bot payload" → "xin chào"; "/help@troly_bot" → "help". */
export function commandToText(text: string): string {
  const m = /^\/([A-Za-z0-9_]{1,32})(?:@[A-Za-z0-9_]+)?(?:\s+([\s\S]*))?$/.exec(text.trim());
  if (!m) return text;
  const command = (m[1] ?? '').toLowerCase();
  if (command === 'start') return 'xin chào';
  return [command, m[2] ?? ''].join(' ').trim();
}

function parseCallback(eventId: string, query: Obj, ctx: ParseContext): InboundEvent | undefined {
  // Presses on inline-mode messages have no `message`: we never send those, so nothing to answer.
  if (!isObj(query.message) || typeof query.data !== 'string' || typeof query.id !== 'string') return undefined;
  const who = privateChatOf(query.message, query.from);
  if (!who) return undefined;
  const replyContext = { callbackQueryId: query.id };
  // The press has no timestamp of its own; the message date is when the buttons were sent.
  const sentAt = ctx.now().toISOString();
  const decoded = ctx.codec.decode(query.data);
  if ('choiceId' in decoded) {
    return { ...base(eventId, who, sentAt), kind: 'choice', text: '', choiceId: decoded.choiceId, replyContext };
  }
  // Unknown hashed id (adapter restarted): fall back to the number of the option.
  return { ...base(eventId, who, sentAt), kind: 'text', text: String(decoded.position), replyContext };
}
