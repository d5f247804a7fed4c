// Public surface of the Telegram adapter.
export {
  createTelegramAdapter,
  validateTelegramConfig,
  DEFAULT_API_ROOT,
  MAX_TEXT,
  type TelegramAdapter,
  type TelegramAdapterConfig,
} from './adapter.js';
export { mapTelegramError } from './errors.js';
