// The one small interface between the core and every messaging platform. Adapters live in
// adapters/<channel>/ and import only this file: platform types never leave an adapter.
//
// Message path (DESIGN.md): verify → parse → persist in the durable inbox (deduplicated by
// event id) → acknowledge → process with the bot → durable outbox → adapter.send.

/** A webhook request as the server received it: raw bytes, because signatures cover them. */
export interface RawRequest {
  method: string;
  /** Header names in lower case. */
  headers: Readonly<Record<string, string | undefined>>;
  query: Readonly<Record<string, string | undefined>>;
  rawBody: Buffer;
}

export type VerifyResult =
  | { ok: true }
  /** The request is a platform handshake answered directly (e.g. Messenger's GET hub.challenge). */
  | { ok: true; respond: { status: number; contentType?: string; body: string } }
  /** 401: missing or wrong secret token; 403: signature mismatch or forbidden verify token. */
  | { ok: false; status: 401 | 403; reason: string };

/** Reply context an adapter needs later to answer (kept opaque by the core). */
export type ReplyContext = { [key: string]: string | number | boolean | null };

export interface InboundEvent {
  /** Platform event id used for deduplication (update_id, message id, mid, activity id…). */
  eventId: string;
  channel: string;
  /** Stable conversation id, prefixed by the channel ("telegram:123456"). */
  conversationId: string;
  /** Platform user id (needed to reply), prefixed by the channel. */
  userId: string;
  kind: 'text' | 'choice' | 'photo' | 'unsupported';
  /** Message text ("" for photos without caption and unsupported events). */
  text: string;
  /** Id of a pressed button / quick reply / callback (same ids as OutgoingMessage choices). */
  choiceId?: string;
  /** ISO time the platform says the message was sent. */
  sentAt: string;
  userName?: string;
  replyContext?: ReplyContext;
}

export type ParseResult =
  /** events may be empty: delivery receipts, echoes of our own messages, reads, typing… */
  | { ok: true; events: InboundEvent[] }
  | { ok: false; status: 400; reason: string };

export interface OutboundChoice {
  id: string;
  label: string;
}

export interface OutboundMessage {
  conversationId: string;
  userId: string;
  text: string;
  choices?: OutboundChoice[];
  /** Written by a staff member (Messenger allows the HUMAN_AGENT tag only for these). */
  fromStaff?: boolean;
  replyContext?: ReplyContext;
}

/**
 * Why a send failed decides the retry: a platform that refused (auth, rejected, window closed)
 * will refuse again; rate limits and network failures are retried with backoff.
 */
export type SendFailure =
  | { kind: 'rate-limit'; retryAfterMs?: number; message: string }
  | { kind: 'network'; message: string }
  | { kind: 'server'; message: string }
  | { kind: 'auth'; message: string }
  | { kind: 'rejected'; message: string }
  /** The platform's reply window has closed (Messenger 24 h / 7 days, Zalo OA 48 h). */
  | { kind: 'window-closed'; message: string };

export type SendResult = { ok: true; platformMessageIds: string[] } | { ok: false; error: SendFailure };

export function isRetryable(e: SendFailure): boolean {
  return e.kind === 'rate-limit' || e.kind === 'network' || e.kind === 'server';
}

export interface ChannelAdapter {
  /** "telegram", "zalo", "zalo-oa", "messenger", "botframework", "web". */
  readonly channel: string;
  /** Longest text one platform message may carry; longer replies are split by the adapter. */
  readonly maxTextLength: number;
  /** How long after the citizen's last message the platform lets us reply (undefined: no limit). */
  readonly replyWindowMs?: number;
  /** Constant-time checks of secrets and signatures over the raw body. Never throws. */
  verify(req: RawRequest): VerifyResult;
  /** Parses a verified request into events. Never throws: malformed input is a 400 value. */
  parse(req: RawRequest): ParseResult;
  /** Sends one message (splitting long text, rendering choices as buttons). Never throws. */
  send(msg: OutboundMessage): Promise<SendResult>;
  /** Long polling for machines without a public URL (Telegram, Zalo Bot Platform). */
  startPolling?(onEvents: (events: InboundEvent[]) => Promise<void>): { stop(): Promise<void> };
}

/** Injected I/O and time, so tests need no module mocking. */
export interface AdapterDeps {
  fetch: typeof fetch;
  now: () => Date;
  logger?: { info(msg: string, f?: Record<string, unknown>): void; warn(msg: string, f?: Record<string, unknown>): void };
}

/** Splits text at paragraph, line or word boundaries into pieces of at most `max` characters. */
export function splitText(text: string, max: number): string[] {
  const out: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    const window = rest.slice(0, max);
    let cut = window.lastIndexOf('\n\n');
    if (cut < max * 0.5) cut = window.lastIndexOf('\n');
    if (cut < max * 0.5) cut = window.lastIndexOf(' ');
    if (cut <= 0) cut = max;
    out.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest.length > 0) out.push(rest);
  return out;
}
