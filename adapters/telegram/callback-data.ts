// Telegram's callback_data is 1–64 BYTES (InlineKeyboardButton in the Bot API docs). Choice ids
// from the core are short ASCII ("p:1.000178", "s:fee"), so they are sent as they are. A longer
// id (or one that starts with "~", our marker) is replaced by "~<position>~<hash>": the hash maps
// back to the id through a bounded in-memory table. After a restart the table is empty; the
// position (1-based, the same order as the "1. …" lines the bot writes in the text) is then
// returned instead, and the adapter turns the press into the text "<position>", which the core
// already understands as "I pick number N".
import { createHash } from 'node:crypto';

export const MAX_CALLBACK_BYTES = 64;
const MARK = '~';
const HASHED = /^~(\d{1,3})~([A-Za-z0-9_-]{16})$/;

export type DecodedCallback = { choiceId: string } | { position: number };

export interface CallbackCodec {
  encode(id: string, position: number): string;
  decode(data: string): DecodedCallback;
}

export function createCallbackCodec(capacity = 5000): CallbackCodec {
  const table = new Map<string, string>();
  return {
    encode(id, position) {
      if (!id.startsWith(MARK) && id.length > 0 && Buffer.byteLength(id, 'utf8') <= MAX_CALLBACK_BYTES) return id;
      const hash = createHash('sha256').update(id, 'utf8').digest('base64url').slice(0, 16);
      table.delete(hash); // re-insert so the newest ids survive eviction
      table.set(hash, id);
      if (table.size > capacity) {
        const oldest = table.keys().next().value;
        if (oldest !== undefined) table.delete(oldest);
      }
      return `${MARK}${position}${MARK}${hash}`;
    },
    decode(data) {
      const m = HASHED.exec(data);
      if (!m) return { choiceId: data };
      const id = table.get(m[2] ?? '');
      return id !== undefined ? { choiceId: id } : { position: Number(m[1]) };
    },
  };
}
