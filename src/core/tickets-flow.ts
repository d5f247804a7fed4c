// Ticket-related turns: complaints and petitions, the officer offer, hand-off, status look-up.
// Never claims a ticket exists when none was created: without a TicketPort (or when it fails)
// the citizen is told to call 1022.
import type { OpenTicketInput, ConversationState, Logger, TicketPort } from './ports.js';
import {
  askHumanTextMessage,
  statusAskCodeMessage,
  statusMessage,
  statusNotFoundMessage,
  statusUnavailableMessage,
  ticketAppendedMessage,
  ticketOpenedMessage,
  ticketUnavailableMessage,
} from './messages.js';
import type { BotResponse, IncomingMessage, Intent, TicketType } from './types.js';

export interface TicketFlowDeps {
  tickets?: TicketPort;
  logger: Logger;
}

async function tryOpen(d: TicketFlowDeps, input: OpenTicketInput): Promise<string | undefined> {
  if (!d.tickets) return undefined;
  try {
    const { code } = await d.tickets.open(input);
    d.logger.info('ticket.opened', { conversationId: input.conversationId, channel: input.channel, ticketCode: code, type: input.type });
    return code;
  } catch (err) {
    d.logger.error('ticket.open-failed', { conversationId: input.conversationId, channel: input.channel, error: String(err) });
    return undefined;
  }
}

/** Opens a ticket (or reports honestly that none could be opened). Mutates draft state. */
export async function openTicketTurn(
  d: TicketFlowDeps,
  msg: IncomingMessage,
  draft: ConversationState,
  type: TicketType,
  text: string,
  intent: Intent,
  procedureCode?: string,
): Promise<BotResponse> {
  const code = await tryOpen(d, {
    type,
    channel: msg.channel,
    conversationId: msg.conversationId,
    userId: msg.userId,
    text,
    ...(procedureCode ? { procedureCode } : {}),
  });
  if (!code) return { replies: [ticketUnavailableMessage(type)], outcome: { kind: 'ticket', type }, intent };
  if (type !== 'question') draft.ticket = { code, type };
  return { replies: [ticketOpenedMessage(type, code)], outcome: { kind: 'ticket', type, ticketCode: code }, intent };
}

/** Adds a later message of the same chat to the open complaint / petition ticket. */
export async function appendTurn(
  d: TicketFlowDeps,
  msg: IncomingMessage,
  draft: ConversationState,
  intent: Intent,
): Promise<BotResponse | undefined> {
  const ticket = draft.ticket;
  if (!ticket || !d.tickets) return undefined;
  try {
    await d.tickets.append(ticket.code, msg.text);
    d.logger.info('ticket.appended', { conversationId: msg.conversationId, ticketCode: ticket.code });
    return {
      replies: [ticketAppendedMessage(ticket.code)],
      outcome: { kind: 'ticket', type: ticket.type, ticketCode: ticket.code, appended: true },
      intent,
    };
  } catch (err) {
    d.logger.error('ticket.append-failed', { conversationId: msg.conversationId, ticketCode: ticket.code, error: String(err) });
    return undefined;
  }
}

/**
 * The citizen asked for a human. With a question of their own in the message (or a pending
 * one), a question ticket is opened at once; otherwise we ask what to pass on.
 */
export async function handoffTurn(
  d: TicketFlowDeps,
  msg: IncomingMessage,
  draft: ConversationState,
  pendingQuestion: string | undefined,
): Promise<BotResponse> {
  if (!d.tickets) {
    return { replies: [ticketUnavailableMessage('question')], outcome: { kind: 'handoff' }, intent: 'human' };
  }
  if (pendingQuestion) {
    const r = await openTicketTurn(d, msg, draft, 'question', pendingQuestion, 'human', draft.procedureCode);
    return r.outcome.kind === 'ticket' && r.outcome.ticketCode
      ? { ...r, outcome: { kind: 'handoff', ticketCode: r.outcome.ticketCode } }
      : { ...r, outcome: { kind: 'handoff' } };
  }
  draft.awaitingHumanText = true;
  return { replies: [askHumanTextMessage()], outcome: { kind: 'handoff' }, intent: 'human' };
}

export async function statusTurn(d: TicketFlowDeps, code: string | undefined): Promise<BotResponse> {
  const base = { intent: 'status' as const };
  if (!d.tickets) return { ...base, replies: [statusUnavailableMessage()], outcome: { kind: 'status', ...(code ? { ticketCode: code } : {}) } };
  if (!code) return { ...base, replies: [statusAskCodeMessage()], outcome: { kind: 'status' } };
  try {
    const view = await d.tickets.status(code);
    if (!view) return { ...base, replies: [statusNotFoundMessage(code)], outcome: { kind: 'status', ticketCode: code, found: false } };
    return { ...base, replies: [statusMessage(view)], outcome: { kind: 'status', ticketCode: view.code, found: true } };
  } catch (err) {
    d.logger.error('ticket.status-failed', { ticketCode: code, error: String(err) });
    return { ...base, replies: [statusUnavailableMessage()], outcome: { kind: 'status', ticketCode: code } };
  }
}
