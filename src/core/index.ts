// Public surface of src/core: the bot, its ports and the rule-based analysers.
export { createBot } from './bot.js';
export type { Bot, BotDeps } from './bot.js';
export type { BotResponse, Choice, IncomingMessage, Intent, Outcome, OutgoingMessage, TicketType } from './types.js';
export { createMemoryConversationStore, silentLogger } from './ports.js';
export type {
  ConversationState,
  ConversationStateStore,
  Logger,
  OpenTicketInput,
  PendingChoices,
  TicketPort,
  TicketStatusView,
} from './ports.js';
export { detectIntent, findTicketCode } from './intent.js';
export type { IntentResult, TextIntent } from './intent.js';
export { detectSection, detectSectionFolded, MESSAGE_SEARCH, SECTION_LABELS } from './section.js';
export type { SectionDetection } from './section.js';
export { isFollowUp, parseChoiceNumber, parseYesNo, procedureContent } from './dialogue.js';
export { decide, DEFAULT_THRESHOLDS } from './policy.js';
export type { Decision, PolicyThresholds } from './policy.js';
export { renderAnswer } from './replies.js';
export { ASSIST_INTENT_BELOW, blendSemantic, RERANK_LIMIT, rerankCandidates } from './assist.js';
export type { AssistIntent, AssistPort, AssistTurn, PhraseInput, RerankCandidate, RerankChoice } from './assist.js';
