export { createMessengerAdapter, DEFAULT_GRAPH_API_BASE, DEFAULT_GRAPH_API_VERSION } from './adapter.js';
export type { MessengerAdapterConfig } from './adapter.js';
export { HUMAN_AGENT_WINDOW_MS, STANDARD_WINDOW_MS, truncateTitle } from './send-rules.js';
