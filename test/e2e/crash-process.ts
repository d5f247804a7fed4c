// Helpers for the process-level tests (crash, SIGTERM, scale-out): the whole app as a REAL child
// process (`node --import tsx src/main.ts`, PORT=0; the port is read from the server.listening
// JSON log line on stdout), a minimal fake Telegram Bot API that records only the sendMessage
// calls it answered with 200 and can hold (park) calls, and signed webhook posts.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { procedure, tempDir, writeProcedure } from '../knowledge/helpers.js';

export const SECRET = 'tg-secret-0123456789';
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface AppProcess {
  port: number;
  base: string;
  child: ChildProcess;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  logs: string[];
}

export function knowledgeDir(): string {
  const kb = tempDir('proc-kb-');
  writeProcedure(kb, 'ho-tich/1.000001.md', procedure({ code: '1.000001', title: 'Đăng ký khai sinh', aliases: ['làm giấy khai sinh cho con mới sinh'] }));
  return kb;
}

/** Env for an app process talking to the fake Telegram API; fast retries and short leases. */
export function appEnv(apiUrl: string, extra: Record<string, string>): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    PORT: '0',
    HOST: '127.0.0.1',
    KB_WATCH: 'false',
    LOG_LEVEL: 'info',
    TELEGRAM_BOT_TOKEN: '123456:TEST-TOKEN',
    TELEGRAM_WEBHOOK_SECRET: SECRET,
    TELEGRAM_API_ROOT: apiUrl,
    CHANNEL_RETRY_BASE_MS: '20',
    CHANNEL_RETRY_MAX_MS: '200',
    CHANNEL_MAX_SEND_ATTEMPTS: '100',
    CHANNEL_POLL_INTERVAL_MS: '20',
    CHANNEL_INBOX_LEASE_MS: '1500',
    CHANNEL_SEND_LEASE_MS: '1500',
    SENDER_RATE_LIMIT: 'off',
    ...extra,
  };
}

export async function spawnApp(env: Record<string, string>): Promise<AppProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const logs: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error(`app did not start:\n${logs.join('\n')}`)), 20_000);
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString('utf8');
      let i: number;
      while ((i = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        logs.push(line);
        try {
          const j = JSON.parse(line) as { msg?: string; port?: number };
          if (j.msg === 'server.listening' && typeof j.port === 'number') {
            clearTimeout(timer);
            resolve(j.port);
          }
        } catch {
          /* not a JSON log line */
        }
      }
    });
    child.stderr!.on('data', (d: Buffer) => logs.push(d.toString('utf8')));
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`app exited (${code}) before listening:\n${logs.join('\n')}`));
    });
  });
  return { port, base: `http://127.0.0.1:${port}`, child, exited, logs };
}

/** Kills (SIGKILL) every app process of `apps` still running, waits for all to exit, empties the list. */
export async function killAll(apps: AppProcess[]): Promise<void> {
  const running = apps.splice(0);
  for (const a of running) if (a.child.exitCode === null && a.child.signalCode === null) a.child.kill('SIGKILL');
  await Promise.all(running.map((a) => a.exited));
}

export function update(id: number, text = 'làm giấy khai sinh cho con cần giấy tờ gì') {
  return {
    update_id: id,
    message: { message_id: id, date: 1_780_000_000, chat: { id, type: 'private' }, from: { id, is_bot: false, first_name: 'An' }, text },
  };
}

/** POSTs a signed update; the HTTP status, or 0 when the connection failed (no acknowledgement). */
export async function post(base: string, body: unknown): Promise<number> {
  try {
    const res = await fetch(`${base}/webhooks/telegram`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(5000),
    });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}

export interface GatedTelegramApi {
  url: string;
  /** Texts answered with 200, per chat id. */
  delivered: Map<string, string[]>;
  /** While true, sendMessage calls are parked unanswered (and never counted). */
  hold: boolean;
  close(): Promise<void>;
}

export async function startGatedTelegramApi(): Promise<GatedTelegramApi> {
  const delivered = new Map<string, string[]>();
  const parked: ServerResponse[] = [];
  let nextId = 1;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const method = /\/bot[^/]+\/([A-Za-z]+)$/.exec(req.url ?? '')?.[1] ?? '';
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
      } catch {
        /* empty */
      }
      if (method !== 'sendMessage') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, result: true }));
        return;
      }
      if (api.hold) {
        parked.push(res);
        return;
      }
      const chat = String(body.chat_id);
      delivered.set(chat, [...(delivered.get(chat) ?? []), String(body.text)]);
      const result = { message_id: nextId++, date: 1_780_000_000, chat: { id: body.chat_id, type: 'private' }, text: body.text };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, result }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const api: GatedTelegramApi = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    delivered,
    hold: false,
    close: async () => {
      for (const r of parked) r.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return api;
}

export async function waitFor(check: () => boolean | Promise<boolean>, ms = 30_000, what = 'condition'): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Runs fn over items with at most `limit` at once. */
/**
 * Runs fn over items, `limit` at a time; each lane waits `gapMs` after each item, so a burst lasts
 * long enough to be interrupted in the middle however fast the app acknowledges.
 */
export async function pool<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>, gapMs = 0): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        await fn(items[next++]!);
        if (gapMs > 0) await new Promise((r) => setTimeout(r, gapMs));
      }
    }),
  );
}

/** Every chat got the same non-empty list of distinct replies (the bot's answer), none twice. */
export function answeredOnce(delivered: Map<string, string[]>, ids: readonly number[]): { missing: number[]; twice: number[] } {
  const missing: number[] = [];
  const twice: number[] = [];
  for (const id of ids) {
    const texts = delivered.get(String(id)) ?? [];
    if (texts.length === 0) missing.push(id);
    else if (new Set(texts).size !== texts.length) twice.push(id);
  }
  return { missing, twice };
}
