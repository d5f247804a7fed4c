export { createBotFrameworkAdapter } from './adapter.js';
export type { BotFrameworkAdapterConfig, BotFrameworkChannelAdapter, MicrosoftAppType } from './adapter.js';
