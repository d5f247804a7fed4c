// Load generator for the webhook bench and the soak run: node:http with keep-alive over loopback,
// a fixed number of parallel request loops, bounded by both a request count and a time budget.
// startLoadClient() runs it in a child process (the other core), so the measured server's event
// loop is not shared with the client.
import { fork, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';

const QUESTIONS = [
  'làm giấy khai sinh cho con cần giấy tờ gì',
  'đăng ký kết hôn ở đâu',
  'cấp lại thẻ căn cước bị mất',
  'xin giấy phép xây dựng nhà ở riêng lẻ',
  'đăng ký thường trú cho con',
  'thủ tục đăng ký khai tử',
];

/** A Telegram update with unique ids: `chat` (default chatBase + i) asks one of a few questions. */
export function telegramUpdate(i: number, chatBase = 1_000_000, chat = chatBase + i): string {
  return JSON.stringify({
    update_id: chatBase + i + 1,
    message: { message_id: i + 1, date: 1_780_000_000, chat: { id: chat, type: 'private' }, from: { id: chat, is_bot: false, first_name: 'An' }, text: QUESTIONS[i % QUESTIONS.length] },
  });
}

export interface LoadOptions {
  url: string;
  headers?: Record<string, string>;
  /** Body of request i (unique ids, so every request is a new event). */
  body: (i: number) => string;
  concurrency: number;
  durationMs: number;
  maxRequests: number;
}

export interface LoadResult {
  requests: number;
  /** Responses other than 2xx, plus transport errors. */
  errors: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
}

/** One POST; resolves with the status (0 on a transport error). */
export function post(agent: Agent, url: URL, headers: Record<string, string>, body: string): Promise<number> {
  return new Promise((resolve) => {
    const req = request(url, { method: 'POST', agent, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', () => resolve(0));
    });
    req.on('error', () => resolve(0));
    req.end(body);
  });
}

const quantile = (sorted: number[], q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]! : 0);
const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;

/** Sends requests as fast as `concurrency` loops allow until the time or the count runs out. */
export async function runLoad(o: LoadOptions, startIndex = 0): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: o.concurrency });
  const url = new URL(o.url);
  const headers = { 'content-type': 'application/json', ...o.headers };
  const latencies: number[] = [];
  let issued = 0;
  let errors = 0;
  const t0 = performance.now();
  const end = t0 + o.durationMs;
  const loop = async () => {
    while (performance.now() < end && issued < o.maxRequests) {
      const i = startIndex + issued++;
      const s = performance.now();
      const status = await post(agent, url, headers, o.body(i));
      latencies.push(performance.now() - s);
      if (status < 200 || status > 299) errors++;
    }
  };
  await Promise.all(Array.from({ length: o.concurrency }, loop));
  const elapsed = (performance.now() - t0) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { requests: latencies.length, errors, rps: Math.round(latencies.length / elapsed), p50Ms: round(quantile(latencies, 0.5)), p99Ms: round(quantile(latencies, 0.99)) };
}

/** A load run sent to the child: Telegram updates numbered from startIndex, chats from chatBase. */
export type LoadJob = Omit<LoadOptions, 'body'> & { startIndex: number; chatBase: number };

export interface LoadClient {
  run(job: LoadJob): Promise<LoadResult>;
  close(): void;
}

/** Forks this module as a load client (same loader flags as the parent: tsx or compiled JS). */
export function startLoadClient(): LoadClient {
  const self = fileURLToPath(import.meta.url);
  const child: ChildProcess = fork(self, ['--load-client'], { execArgv: process.execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return {
    run: (job) =>
      new Promise((resolve, reject) => {
        const onExit = (code: number | null) => reject(new Error(`load client exited (${code})`));
        child.once('exit', onExit);
        child.once('message', (m) => {
          child.off('exit', onExit);
          resolve(m as LoadResult);
        });
        child.send(job);
      }),
    close: () => {
      child.kill();
    },
  };
}

if (process.argv[2] === '--load-client' && process.send && /bench-webhook-load$/.test(fileURLToPath(import.meta.url).slice(0, -extname(fileURLToPath(import.meta.url)).length))) {
  process.on('message', (job: LoadJob) => {
    void runLoad({ ...job, body: (i) => telegramUpdate(i, job.chatBase) }, job.startIndex).then((r) => process.send!(r));
  });
  process.on('disconnect', () => process.exit(0));
}
