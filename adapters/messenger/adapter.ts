// Facebook Messenger adapter: webhook verification + parsing, and the Graph Send API.
// Wire facts: /work/shared/docs/platforms.md §3 (Meta Messenger Platform docs).
import { createHash } from 'node:crypto';
import { splitText } from '../../src/channels/types.js';
import type { AdapterDeps, ChannelAdapter, OutboundMessage, SendFailure, SendResult } from '../../src/channels/types.js';
import { CHANNEL, parseMessengerBody } from './parse.js';
import {
  MAX_TEXT,
  STANDARD_WINDOW_MS,
  chooseDelivery,
  type Delivery,
  lastUserMessageAt,
  mapGraphError,
  parseRetryAfter,
  renderQuickReplies,
} from './send-rules.js';
import { verifyMessengerRequest } from './verify.js';

export interface MessengerAdapterConfig {
  /** Page access token with pages_messaging (MESSENGER_PAGE_ACCESS_TOKEN). */
  pageAccessToken: string;
  /** App secret, key of X-Hub-Signature-256 (MESSENGER_APP_SECRET). */
  appSecret: string;
  /** Token typed into the Meta dashboard for the GET handshake (MESSENGER_VERIFY_TOKEN). */
  verifyToken: string;
  /** Graph API base (MESSENGER_GRAPH_API_BASE), default https://graph.facebook.com. */
  graphApiBase?: string;
  /** Graph API version (MESSENGER_GRAPH_API_VERSION), default v25.0. */
  graphApiVersion?: string;
  /**
   * Send sender_action typing_on before a bot reply (default false). In this design the reply is
   * already computed when send() runs, so the indicator would flash for one round trip and cost
   * one Send API call per reply; enable it only if the page wants it anyway.
   */
  typingIndicator?: boolean;
}

export const DEFAULT_GRAPH_API_BASE = 'https://graph.facebook.com';
export const DEFAULT_GRAPH_API_VERSION = 'v25.0';
/** How long we remember the parts of a split message that were already delivered. */
const PROGRESS_TTL_MS = 60 * 60 * 1000;

function psidOf(msg: OutboundMessage): string | undefined {
  for (const id of [msg.userId, msg.conversationId]) {
    if (id.startsWith(`${CHANNEL}:`) && id.length > CHANNEL.length + 1) return id.slice(CHANNEL.length + 1);
  }
  return undefined;
}

export function createMessengerAdapter(config: MessengerAdapterConfig, deps: AdapterDeps): ChannelAdapter {
  if (!config.pageAccessToken || !config.appSecret || !config.verifyToken) {
    throw new Error('messenger: pageAccessToken, appSecret and verifyToken are all required');
  }
  const base = (config.graphApiBase ?? DEFAULT_GRAPH_API_BASE).replace(/\/+$/, '');
  const version = (config.graphApiVersion ?? DEFAULT_GRAPH_API_VERSION).replace(/^\/+|\/+$/g, '');
  const url = `${base}/${version}/me/messages?access_token=${encodeURIComponent(config.pageAccessToken)}`;
  // Parts of a split message already accepted by Meta, so an outbox retry after a failure on
  // part 2 does not resend part 1 (in memory: a crash mid-message can still repeat a part).
  const progress = new Map<string, { sent: string[]; at: number }>();

  async function post(body: unknown): Promise<{ ok: true; id: string } | { ok: false; error: SendFailure }> {
    let res: Response;
    try {
      res = await deps.fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    } catch (e) {
      return { ok: false, error: { kind: 'network', message: `graph unreachable: ${e instanceof Error ? e.message : String(e)}` } };
    }
    let json: unknown;
    try {
      json = await res.json();
    } catch {
      json = undefined;
    }
    if (res.ok) {
      const id = (json as { message_id?: unknown } | undefined)?.message_id;
      return { ok: true, id: typeof id === 'string' ? id : '' };
    }
    const retryAfter = parseRetryAfter(res.headers.get('retry-after'), deps.now().getTime());
    return { ok: false, error: mapGraphError(res.status, json, retryAfter) };
  }

  async function send(msg: OutboundMessage): Promise<SendResult> {
    const psid = psidOf(msg);
    if (!psid) return { ok: false, error: { kind: 'rejected', message: 'not a messenger conversation/user id' } };
    const nowMs = deps.now().getTime();
    const lastAt = lastUserMessageAt(msg.replyContext);
    const chosen = chooseDelivery(msg.fromStaff === true, lastAt, nowMs);
    if (!chosen.ok) return chosen;
    let delivery: Extract<Delivery, { ok: true }> = chosen;
    // A staff reply without the citizen's last-message time (no replyContext) goes out as
    // RESPONSE; if Meta says the 24 h window is closed, the same part is tried once with the
    // HUMAN_AGENT tag (allowed for human-written replies up to 7 days; Meta enforces the 7 days).
    const mayTagHumanAgent = msg.fromStaff === true && lastAt === undefined;
    const parts = splitText(msg.text, MAX_TEXT);
    if (parts.length === 0) return { ok: false, error: { kind: 'rejected', message: 'empty text' } };
    const quickReplies = renderQuickReplies(msg.choices ?? []);

    for (const [k, v] of progress) if (nowMs - v.at > PROGRESS_TTL_MS) progress.delete(k);
    const key = createHash('sha256')
      .update(JSON.stringify([msg.conversationId, msg.text, msg.choices ?? [], msg.fromStaff === true]))
      .digest('hex');
    const done = progress.get(key)?.sent ?? [];

    if (config.typingIndicator && msg.fromStaff !== true && done.length === 0) {
      const typing = await post({ recipient: { id: psid }, sender_action: 'typing_on' });
      if (!typing.ok) deps.logger?.warn('messenger: typing_on failed (ignored)', { kind: typing.error.kind });
    }

    const ids = [...done];
    for (let i = done.length; i < parts.length; i++) {
      const last = i === parts.length - 1;
      const body = {
        recipient: { id: psid },
        messaging_type: delivery.messagingType,
        ...(delivery.messagingType === 'MESSAGE_TAG' ? { tag: delivery.tag } : {}),
        message: { text: parts[i], ...(last && quickReplies.length > 0 ? { quick_replies: quickReplies } : {}) },
      };
      let r = await post(body);
      if (!r.ok && r.error.kind === 'window-closed' && mayTagHumanAgent && delivery.messagingType === 'RESPONSE') {
        delivery = { ok: true, messagingType: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' };
        r = await post({ ...body, messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' });
      }
      if (!r.ok) {
        if (ids.length > 0) progress.set(key, { sent: ids, at: nowMs });
        deps.logger?.warn('messenger: send failed', { conversationId: msg.conversationId, kind: r.error.kind, part: i + 1, parts: parts.length });
        return r;
      }
      ids.push(r.id);
    }
    progress.delete(key);
    return { ok: true, platformMessageIds: ids };
  }

  return {
    channel: CHANNEL,
    maxTextLength: MAX_TEXT,
    replyWindowMs: STANDARD_WINDOW_MS,
    verify: (req) => verifyMessengerRequest(req, config.appSecret, config.verifyToken),
    parse: (req) => parseMessengerBody(req, { now: deps.now, warn: deps.logger?.warn.bind(deps.logger) }),
    send,
  };
}
