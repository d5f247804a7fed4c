// A minimal fake Telegram Bot API on loopback for the processing bench and the soak run: answers
// sendMessage (and the few other methods the adapter calls) and counts the replies per chat.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeBotApi {
  url: string;
  /** sendMessage calls so far. */
  sent(): number;
  /** Distinct chats that received at least one message. */
  answeredChats(): number;
  close(): Promise<void>;
}

export async function startFakeBotApi(): Promise<FakeBotApi> {
  let sent = 0;
  let nextId = 1;
  const chats = new Set<string>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const method = /\/([A-Za-z]+)$/.exec(req.url ?? '')?.[1] ?? '';
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
      } catch {
        body = {};
      }
      let result: unknown = true;
      if (method === 'sendMessage') {
        sent++;
        chats.add(String(body.chat_id));
        result = { message_id: nextId++, date: 1_780_000_000, chat: { id: body.chat_id, type: 'private' }, text: body.text };
      } else if (method === 'getMe') result = { id: 1, is_bot: true, first_name: 'bench' };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, result }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    sent: () => sent,
    answeredChats: () => chats.size,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
