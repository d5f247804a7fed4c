// Public message and outcome types of the bot core. Adapters turn platform events into
// IncomingMessage and render OutgoingMessage; the eval reads Outcome.
import type { Section } from '../knowledge/types.js';

export interface IncomingMessage {
  channel: string;
  conversationId: string;
  userId: string;
  text: string;
  /** Platform message id (used by the inbox for de-duplication; not needed by the core). */
  messageId?: string;
  /** Id of the button / quick reply the citizen pressed, when the platform reports one. */
  choiceId?: string;
}

export interface Choice {
  id: string;
  label: string;
}

export interface OutgoingMessage {
  /** Plain text; when choices are present the text also lists them as "1. …" lines. */
  text: string;
  /** Rendered as buttons / quick replies on platforms that have them. */
  choices?: Choice[];
}

export type TicketType = 'complaint' | 'petition' | 'question';

export type Intent = 'question' | 'complaint' | 'petition' | 'smalltalk' | 'status' | 'human' | 'choice';

export type Outcome =
  | { kind: 'answer'; code: string; section: Section }
  | { kind: 'clarify'; codes: string[] }
  | { kind: 'escalate'; reason: 'no-match' | 'low-confidence' }
  /** ticketCode is absent when no ticket could be created (no ticket service or it failed). */
  | { kind: 'ticket'; type: TicketType; ticketCode?: string; appended?: boolean }
  | { kind: 'smalltalk' }
  | { kind: 'status'; ticketCode?: string; found?: boolean }
  /** The citizen asked for a human; ticketCode when a ticket was opened for it. */
  | { kind: 'handoff'; ticketCode?: string }
  /** The citizen declined the offer of an officer. */
  | { kind: 'declined' }
  /** A number / button that matches no pending choice. */
  | { kind: 'unknown-choice' };

export interface BotResponse {
  replies: OutgoingMessage[];
  outcome: Outcome;
  intent: Intent;
  section?: Section;
}
