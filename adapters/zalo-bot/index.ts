// Public surface of the Zalo Bot Platform adapter.
export { createZaloBotAdapter, ZALO_BOT_MAX_TEXT, type ZaloBotAdapterConfig } from './adapter.js';
export { DEFAULT_ZALO_BOT_API_BASE } from './api.js';
