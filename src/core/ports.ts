// Interfaces through which the core sees storage, tickets and logging. Implementations live
// elsewhere (memory store here; SQLite/PostgreSQL stores and the tickets module later).
import type { Section } from '../knowledge/types.js';
import type { TicketType } from './types.js';

/** Choices the bot offered in its last reply, in the displayed order. */
export type PendingChoices =
  /** question: the message that led to the list (passed to an officer if no option fits). */
  | { kind: 'procedures'; codes: string[]; section: Section; asked?: Section[]; question?: string }
  | { kind: 'sections'; sections: Section[] }
  /** "Chuyển cán bộ?" (Có / Không); question is the text to put in the ticket. */
  | { kind: 'offer'; question: string };

/** Per-conversation dialogue state; plain JSON so any store can persist it. */
export interface ConversationState {
  /** Procedure under discussion (the last one answered). */
  procedureCode?: string;
  /** Section of the last answer. */
  section?: Section;
  pending?: PendingChoices;
  /** The citizen asked for a human and we asked them to type their question. */
  awaitingHumanText?: boolean;
  /** Complaint / petition ticket opened in this chat: later details are appended to it. */
  ticket?: { code: string; type: TicketType };
  /** ISO timestamp of the last change. */
  updatedAt: string;
}

export interface ConversationStateStore {
  get(conversationId: string): Promise<ConversationState | undefined>;
  set(conversationId: string, state: ConversationState): Promise<void>;
}

export interface OpenTicketInput {
  type: TicketType;
  channel: string;
  conversationId: string;
  userId: string;
  text: string;
  procedureCode?: string;
}

export interface TicketStatusView {
  code: string;
  /** Lifecycle state as the tickets module names it (e.g. "new", "in_progress", "resolved"). */
  status: string;
  type: TicketType;
  /** ISO date of the legal deadline. */
  dueAt?: string;
}

export interface TicketPort {
  open(input: OpenTicketInput): Promise<{ code: string }>;
  append(code: string, text: string): Promise<void>;
  status(code: string): Promise<TicketStatusView | undefined>;
}

/** Structured logger: fields carry ids, never message text or personal data. */
export interface Logger {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

/** In-memory store (tests, console chat, single-process demos). Copies on read and write. */
export function createMemoryConversationStore(): ConversationStateStore & { size(): number } {
  const map = new Map<string, string>();
  return {
    async get(id) {
      const raw = map.get(id);
      return raw === undefined ? undefined : (JSON.parse(raw) as ConversationState);
    },
    async set(id, state) {
      map.set(id, JSON.stringify(state));
    },
    size: () => map.size,
  };
}
