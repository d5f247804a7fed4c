// Microsoft Bot Framework adapter (Azure Bot Service channels: Web Chat, Direct Line, Teams…)
// on botbuilder 4.23.3's CloudAdapter. Optional and isolated: Microsoft archived the SDK
// (platforms.md §5 "Status"), so nothing outside this folder imports botbuilder.
//
// Why not CloudAdapter.process(): it authenticates, then runs the bot inside the HTTP request
// and answers after the turn, which bypasses the durable inbox/outbox (ack first, deduplicate,
// retry). We use the same two SDK pieces it is made of instead: its BotFrameworkAuthentication
// (authenticateRequest) for inbound JWTs, and CloudAdapter.continueConversationAsync + the
// connector client for replies to activity.serviceUrl.
import {
  ActionTypes,
  CallerIdConstants,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  InputHints,
  MessageFactory,
} from 'botbuilder';
import type { Activity, CardAction, ConversationReference } from 'botbuilder';
import { splitText } from '../../src/channels/types.js';
import type { AdapterDeps, ChannelAdapter, OutboundMessage, RawRequest, SendResult, VerifyResult } from '../../src/channels/types.js';
import { createAuthGate } from './auth.js';
import { mapConnectorError } from './errors.js';
import { CHANNEL, parseActivity } from './parse.js';

export type MicrosoftAppType = 'MultiTenant' | 'SingleTenant' | 'UserAssignedMsi';

export interface BotFrameworkAdapterConfig {
  /** Entra app (client) id of the Azure Bot (MICROSOFT_APP_ID). Empty only with allowUnauthenticated. */
  appId: string;
  /** Client secret (MICROSOFT_APP_PASSWORD); empty for UserAssignedMsi. */
  appPassword: string;
  /** Tenant id (MICROSOFT_APP_TENANT_ID), required for SingleTenant and UserAssignedMsi. */
  appTenantId?: string;
  /** MICROSOFT_APP_TYPE; default SingleTenant when a tenant id is given, else MultiTenant. */
  appType?: MicrosoftAppType;
  /**
   * OpenID metadata of the channel token service (MICROSOFT_BOT_OPENID_METADATA_URL). Default:
   * the SDK's public-cloud value; set it only for tests (a fake token service on loopback).
   */
  openIdMetadataUrl?: string;
  /**
   * Allow an empty app id (the SDK's no-auth mode, for the Bot Framework Emulator and tests).
   * Default false: without auth anyone can post activities and make the bot POST replies to any
   * serviceUrl they choose, so an empty app id is a configuration error unless this is set.
   */
  allowUnauthenticated?: boolean;
}

/** A ChannelAdapter whose inbound auth needs I/O: the server must await verifyAsync before parse. */
export interface BotFrameworkChannelAdapter extends ChannelAdapter {
  verifyAsync(req: RawRequest): Promise<VerifyResult>;
}

/** Channels reached through Azure Bot Service with a smaller text limit than Web Chat/Teams. */
const CHANNEL_TEXT_LIMITS: Record<string, number> = { facebook: 2000, sms: 1600, telegram: 4096, line: 5000 };
const DEFAULT_MAX_TEXT = 4000;

// Public-cloud values of the SDK's AuthenticationConstants (botframework-connector), needed only
// when openIdMetadataUrl is overridden (the SDK then expects every endpoint explicitly).
const PUBLIC_CLOUD = {
  ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
  ToChannelFromBotOAuthScope: 'https://api.botframework.com',
  ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
  OAuthUrl: 'https://api.botframework.com',
  ToBotFromEmulatorOpenIdMetadataUrl: 'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
};

function sdkConfiguration(config: BotFrameworkAdapterConfig): Record<string, unknown> {
  const appType = config.appType ?? (config.appTenantId ? 'SingleTenant' : 'MultiTenant');
  const base: Record<string, unknown> = {
    MicrosoftAppId: config.appId,
    MicrosoftAppPassword: config.appPassword,
    MicrosoftAppTenantId: config.appTenantId ?? '',
    MicrosoftAppType: config.appId ? appType : 'MultiTenant',
  };
  if (!config.openIdMetadataUrl) return base;
  return {
    ...base,
    ...PUBLIC_CLOUD,
    ToBotFromChannelOpenIdMetadataUrl: config.openIdMetadataUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
    ValidateAuthority: true,
  };
}

function suggestedActions(msg: OutboundMessage): CardAction[] {
  // postBack: the channel posts `value` back without showing it as user text; parse() reads
  // value.choiceId. Channels without suggested actions still get the numbered list in the text.
  return (msg.choices ?? []).map((c) => ({ type: ActionTypes.PostBack, title: c.label, value: { choiceId: c.id } }));
}

/** The part of botframework-connector's ConnectorClient we use (not re-exported by botbuilder). */
interface ConnectorLike {
  conversations: {
    replyToActivity(conversationId: string, activityId: string, activity: Partial<Activity>): Promise<{ id?: string }>;
    sendToConversation(conversationId: string, activity: Partial<Activity>): Promise<{ id?: string }>;
  };
}

/**
 * The connector's HTTP pipeline (@azure/core-rest-pipeline) retries 5xx/429 itself, sleeping on
 * retry-after. Retries belong to our durable outbox (backoff, per-platform limits, dead letters),
 * so the SDK's Retry phase is removed; if the SDK's internals ever change this is a no-op.
 */
function dropSdkRetries(client: ConnectorLike): void {
  const pipeline = (client as unknown as { client?: { pipeline?: { removePolicy?: (o: { phase: string }) => unknown } } }).client?.pipeline;
  pipeline?.removePolicy?.({ phase: 'Retry' });
}

const ctxString = (msg: OutboundMessage, key: string): string | undefined => {
  const v = msg.replyContext?.[key];
  return typeof v === 'string' && v !== '' ? v : undefined;
};

export function createBotFrameworkAdapter(config: BotFrameworkAdapterConfig, deps: AdapterDeps): BotFrameworkChannelAdapter {
  const appType = config.appType ?? (config.appTenantId ? 'SingleTenant' : 'MultiTenant');
  if (config.appId && appType !== 'UserAssignedMsi' && !config.appPassword) {
    throw new Error('botframework: appPassword (MICROSOFT_APP_PASSWORD) is required with an app id');
  }
  if (config.appId && appType !== 'MultiTenant' && !config.appTenantId) {
    throw new Error(`botframework: appTenantId (MICROSOFT_APP_TENANT_ID) is required for ${appType}`);
  }
  if (!config.appId) {
    if (config.allowUnauthenticated !== true) {
      throw new Error('botframework: appId (MICROSOFT_APP_ID) is required; an empty app id disables authentication (set allowUnauthenticated only for local tests)');
    }
    deps.logger?.warn('botframework: no app id, inbound authentication is DISABLED (local testing only)');
  }
  const auth = new ConfigurationBotFrameworkAuthentication(sdkConfiguration(config) as never);
  const cloud = new CloudAdapter(auth);
  const gate = createAuthGate({ appId: config.appId, auth, now: deps.now, warn: deps.logger?.warn.bind(deps.logger) });

  async function send(msg: OutboundMessage): Promise<SendResult> {
    const serviceUrl = ctxString(msg, 'serviceUrl');
    const channelId = ctxString(msg, 'channelId');
    const conversationId = ctxString(msg, 'conversationId');
    const userId = ctxString(msg, 'userId');
    if (!msg.conversationId.startsWith(`${CHANNEL}:`) || !serviceUrl || !channelId || !conversationId || !userId) {
      return { ok: false, error: { kind: 'rejected', message: 'missing Bot Framework reply context (serviceUrl, channelId, conversation, user)' } };
    }
    const parts = splitText(msg.text, CHANNEL_TEXT_LIMITS[channelId] ?? DEFAULT_MAX_TEXT);
    if (parts.length === 0) return { ok: false, error: { kind: 'rejected', message: 'empty text' } };
    const tenantId = ctxString(msg, 'tenantId');
    const reference: Partial<ConversationReference> = {
      channelId,
      serviceUrl,
      conversation: { id: conversationId, isGroup: false, conversationType: '', name: '', ...(tenantId ? { tenantId } : {}) },
      bot: { id: ctxString(msg, 'botId') ?? config.appId, name: ctxString(msg, 'botName') ?? '' },
      user: { id: userId, name: ctxString(msg, 'userName') ?? '' },
      ...(ctxString(msg, 'activityId') ? { activityId: ctxString(msg, 'activityId') } : {}),
      ...(ctxString(msg, 'locale') ? { locale: ctxString(msg, 'locale') } : {}),
    };
    const actions = suggestedActions(msg);
    const activityId = ctxString(msg, 'activityId');
    const ids: string[] = [];
    try {
      // continueConversationAsync builds the connector client for serviceUrl with our
      // credentials (AAD token when an app id is set). We then post through that client
      // ourselves: the TurnContext would reply to the random id of its continuation event,
      // whereas replyToActivity with the citizen's activity id keeps the thread (Teams).
      await cloud.continueConversationAsync(config.appId, reference, async (ctx) => {
        const client = ctx.turnState.get(cloud.ConnectorClientKey) as ConnectorLike | undefined;
        if (!client) throw new Error('no connector client in turn state');
        dropSdkRetries(client);
        for (let i = 0; i < parts.length; i++) {
          const last = i === parts.length - 1;
          const activity: Partial<Activity> =
            last && actions.length > 0
              ? MessageFactory.suggestedActions(actions, parts[i], undefined, InputHints.ExpectingInput)
              : MessageFactory.text(parts[i]!, undefined, InputHints.AcceptingInput);
          if (last && actions.length > 0 && activity.suggestedActions) activity.suggestedActions.to = [userId];
          Object.assign(activity, {
            channelId,
            serviceUrl,
            conversation: reference.conversation,
            from: reference.bot,
            recipient: reference.user,
            ...(reference.locale ? { locale: reference.locale } : {}),
            ...(activityId ? { replyToId: activityId } : {}),
          });
          const res = activityId
            ? await client.conversations.replyToActivity(conversationId, activityId, activity)
            : await client.conversations.sendToConversation(conversationId, activity);
          ids.push(res?.id ?? '');
        }
      });
    } catch (e) {
      const error = mapConnectorError(e);
      deps.logger?.warn('botframework: send failed', { conversationId: msg.conversationId, kind: error.kind, sent: ids.length, parts: parts.length });
      return { ok: false, error };
    }
    return { ok: true, platformMessageIds: ids };
  }

  return {
    channel: CHANNEL,
    maxTextLength: DEFAULT_MAX_TEXT,
    verify: gate.verify,
    verifyAsync: gate.verifyAsync,
    parse(req) {
      if (!gate.isAuthenticated(req)) {
        return { ok: false, status: 400, reason: 'request not authenticated: the server must await verifyAsync() before parse()' };
      }
      return parseActivity(req.rawBody, deps.now);
    },
    send,
  };
}
