// A fake Telegram Bot API on 127.0.0.1 (port 0) for the Telegram adapter tests: implements the
// methods the adapter calls (sendMessage, answerCallbackQuery, sendChatAction, getUpdates,
// deleteWebhook, getMe), records every request, and can be scripted to fail.
// URL shape and envelope from the Bot API docs: POST /bot<token>/<method>,
// { ok: true, result } or { ok: false, error_code, description, parameters? }.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  httpMethod: string;
  path: string;
  token: string;
  method: string;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
}

/** A scripted answer: an HTTP status with a JSON (or raw) body, or a dropped connection. */
export type Scripted = { status: number; json?: unknown; raw?: string } | { destroy: true };

export interface FakeTelegramApi {
  url: string;
  requests: RecordedRequest[];
  calls(method: string): RecordedRequest[];
  /** The next calls of `method` get these answers, in order, before the normal behaviour. */
  script(method: string, ...answers: Scripted[]): void;
  /** Updates handed out by getUpdates (honouring offset, like Telegram). */
  pushUpdates(...updates: Array<{ update_id: number }>): void;
  /** Resolves when getUpdates has been called at least n times. */
  waitForCalls(method: string, n: number): Promise<void>;
  /** Number of long polls the client dropped (aborted) while we held them. */
  abortedPolls: number;
  close(): Promise<void>;
}

export const BOT_USER = { id: 777000111, is_bot: true, first_name: 'Trợ lý 1022', username: 'troly1022_bot' };

export async function startFakeTelegramApi(): Promise<FakeTelegramApi> {
  const requests: RecordedRequest[] = [];
  const scripts = new Map<string, Scripted[]>();
  let pending: Array<{ update_id: number }> = [];
  let nextMessageId = 1000;
  const pollWaiters = new Set<() => void>();
  const callWaiters: Array<{ method: string; n: number; resolve: () => void }> = [];

  const api: FakeTelegramApi = {
    url: '',
    requests,
    abortedPolls: 0,
    calls: (method) => requests.filter((r) => r.method === method),
    script(method, ...answers) {
      scripts.set(method, [...(scripts.get(method) ?? []), ...answers]);
    },
    pushUpdates(...updates) {
      pending.push(...updates);
      for (const wake of [...pollWaiters]) wake();
    },
    waitForCalls(method, n) {
      return new Promise((resolve) => {
        callWaiters.push({ method, n, resolve });
        checkWaiters();
      });
    },
    close: async () => {
      for (const wake of [...pollWaiters]) wake();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  function checkWaiters(): void {
    for (const w of [...callWaiters]) {
      if (api.calls(w.method).length >= w.n) {
        callWaiters.splice(callWaiters.indexOf(w), 1);
        w.resolve();
      }
    }
  }

  const send = (res: ServerResponse, status: number, body: string): void => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(body);
  };
  const ok = (res: ServerResponse, result: unknown): void => send(res, 200, JSON.stringify({ ok: true, result }));

  async function getUpdates(req: IncomingMessage, res: ServerResponse, body: Record<string, unknown>): Promise<void> {
    const offset = typeof body.offset === 'number' ? body.offset : 0;
    pending = pending.filter((u) => u.update_id >= offset); // offset confirms earlier updates
    const limit = typeof body.limit === 'number' ? body.limit : 100;
    const timeout = typeof body.timeout === 'number' ? body.timeout : 0;
    if (pending.length === 0 && timeout > 0) {
      let aborted = false;
      await new Promise<void>((resolve) => {
        const wake = (): void => {
          clearTimeout(timer);
          pollWaiters.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, timeout * 1000);
        pollWaiters.add(wake);
        res.on('close', () => {
          if (!res.writableEnded) {
            aborted = true;
            api.abortedPolls += 1;
          }
          wake();
        });
      });
      if (aborted || req.destroyed) return;
    }
    ok(res, pending.slice(0, limit));
  }

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const m = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(new URL(req.url ?? '/', 'http://x').pathname.replace(/^\/prefix/, ''));
      let body: Record<string, unknown> = {};
      try {
        body = chunks.length > 0 ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>) : {};
      } catch {
        body = { unparsable: true };
      }
      if (!m) {
        send(res, 404, JSON.stringify({ ok: false, error_code: 404, description: 'Not Found' }));
        return;
      }
      const method = m[2] ?? '';
      requests.push({ httpMethod: req.method ?? '', path: req.url ?? '', token: m[1] ?? '', method, headers: req.headers, body });
      checkWaiters();
      const scripted = scripts.get(method)?.shift();
      if (scripted) {
        if ('destroy' in scripted) req.socket.destroy();
        else send(res, scripted.status, scripted.raw ?? JSON.stringify(scripted.json ?? {}));
        return;
      }
      switch (method) {
        case 'sendMessage':
          ok(res, {
            message_id: nextMessageId++,
            date: 1735689600,
            chat: { id: body.chat_id, type: 'private' },
            from: BOT_USER,
            text: body.text,
            ...(body.reply_markup ? { reply_markup: body.reply_markup } : {}),
          });
          return;
        case 'answerCallbackQuery':
        case 'sendChatAction':
        case 'deleteWebhook':
          ok(res, true);
          return;
        case 'getMe':
          ok(res, BOT_USER);
          return;
        case 'getUpdates':
          void getUpdates(req, res, body);
          return;
        default:
          send(res, 404, JSON.stringify({ ok: false, error_code: 404, description: 'Not Found: method not found' }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  api.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return api;
}
