// Public surface of the Zalo Official Account adapter.
export { createZaloOaAdapter, ZALO_OA_MAX_TEXT, ZALO_OA_REPLY_WINDOW_MS, type ZaloOaAdapterConfig } from './adapter.js';
export { DEFAULT_ZALO_OA_API_BASE } from './api.js';
export { computeZaloOaSignature } from './signature.js';
export {
  createMemoryTokenStore,
  createTokenManager,
  DEFAULT_ZALO_OAUTH_BASE,
  seedTokenStore,
  type OaTokens,
  type TokenManager,
  type TokenStore,
} from './tokens.js';
