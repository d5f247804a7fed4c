// Prometheus metrics at GET /metrics, in the text exposition format (version 0.0.4), written by
// hand (no client library). Counters and the answer-latency histogram live in this process (one
// series set per instance, as Prometheus expects); gauges (queue backlog, tickets by state,
// overdue) are read from the store at scrape time and cached briefly, so a tight scrape interval
// or several scrapers do not load the database.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import type { ChannelQueue, SendOutcome } from '../channels/index.js';
import type { Bot, BotResponse, IncomingMessage } from '../core/index.js';
import { LLM_COUNTERS, type LlmMetrics } from '../llm/index.js';
import { OPEN_TICKET_STATUSES, TICKET_STATUSES, type TicketStore } from '../tickets/index.js';

export const METRICS_PREFIX = 'troly1022';
/** Bot handle time buckets, in seconds. */
export const ANSWER_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;

/** In-process counters: messages in/out per channel, bot errors, answer latency histogram, sends. */
export interface MetricsRecorder {
  /** A citizen message reached the bot; `seconds` is its handle time; `replies` the messages it produced. */
  observeHandled(channel: string, seconds: number, replies: number): void;
  observeFailed(channel: string, seconds: number): void;
  /** One platform send attempt and what came of it (the channel pipeline's onSendAttempt). */
  observeSend(channel: string, outcome: SendOutcome): void;
  /** The same bot, counting every handle() call. */
  wrapBot<B extends Bot>(bot: B): B;
  render(): string;
}

interface Histogram {
  buckets: number[];
  sum: number;
  count: number;
}

const esc = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
const num = (n: number) => (Number.isFinite(n) ? String(n) : n > 0 ? '+Inf' : n < 0 ? '-Inf' : 'NaN');
const labels = (l: Record<string, string>) => {
  const parts = Object.entries(l).map(([k, v]) => `${k}="${esc(v)}"`);
  return parts.length ? `{${parts.join(',')}}` : '';
};

/** One metric family: HELP, TYPE and its samples. */
export function family(name: string, type: 'counter' | 'gauge' | 'histogram', help: string, samples: [Record<string, string>, number][], suffix = ''): string[] {
  return [`# HELP ${name} ${help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')}`, `# TYPE ${name} ${type}`, ...samples.map(([l, v]) => `${name}${suffix}${labels(l)} ${num(v)}`)];
}

export function createMetricsRecorder(now: () => number = () => performance.now()): MetricsRecorder {
  const inbound = new Map<string, number>();
  const outbound = new Map<string, number>();
  const failed = new Map<string, number>();
  const sends = new Map<string, number>(); // "channel\toutcome"
  const latency = new Map<string, Histogram>();
  const bump = (m: Map<string, number>, k: string, n = 1) => m.set(k, (m.get(k) ?? 0) + n);
  const observe = (channel: string, seconds: number) => {
    let h = latency.get(channel);
    if (!h) latency.set(channel, (h = { buckets: ANSWER_BUCKETS.map(() => 0), sum: 0, count: 0 }));
    for (let i = 0; i < ANSWER_BUCKETS.length; i++) if (seconds <= ANSWER_BUCKETS[i]!) h.buckets[i]!++;
    h.sum += seconds;
    h.count++;
  };
  const recorder: MetricsRecorder = {
    observeHandled(channel, seconds, replies) {
      bump(inbound, channel);
      bump(outbound, channel, replies);
      observe(channel, seconds);
    },
    observeFailed(channel, seconds) {
      bump(inbound, channel);
      bump(failed, channel);
      observe(channel, seconds);
    },
    observeSend(channel, outcome) {
      bump(sends, `${channel}\t${outcome}`);
    },
    wrapBot(bot) {
      const handle = async (msg: IncomingMessage): Promise<BotResponse> => {
        const t0 = now();
        try {
          const out = await bot.handle(msg);
          recorder.observeHandled(msg.channel, (now() - t0) / 1000, out.replies.length);
          return out;
        } catch (err) {
          recorder.observeFailed(msg.channel, (now() - t0) / 1000);
          throw err;
        }
      };
      return { ...bot, handle };
    },
    render() {
      const p = METRICS_PREFIX;
      const sorted = (m: Map<string, number>) => [...m.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([ch, n]): [Record<string, string>, number] => [{ channel: ch }, n]);
      const hist: string[] = [`# HELP ${p}_answer_duration_seconds Bot handle time of one citizen message.`, `# TYPE ${p}_answer_duration_seconds histogram`];
      for (const [ch, h] of [...latency.entries()].sort(([a], [b]) => a.localeCompare(b))) {
        ANSWER_BUCKETS.forEach((le, i) => hist.push(`${p}_answer_duration_seconds_bucket${labels({ channel: ch, le: String(le) })} ${h.buckets[i]}`));
        hist.push(`${p}_answer_duration_seconds_bucket${labels({ channel: ch, le: '+Inf' })} ${h.count}`);
        hist.push(`${p}_answer_duration_seconds_sum${labels({ channel: ch })} ${num(h.sum)}`);
        hist.push(`${p}_answer_duration_seconds_count${labels({ channel: ch })} ${h.count}`);
      }
      return [
        ...family(`${p}_messages_in_total`, 'counter', 'Citizen messages handled by the bot, by channel.', sorted(inbound)),
        ...family(`${p}_messages_out_total`, 'counter', 'Bot reply messages produced (queued or returned), by channel.', sorted(outbound)),
        ...family(`${p}_bot_errors_total`, 'counter', 'Bot handle() calls that threw, by channel.', sorted(failed)),
        ...family(
          `${p}_platform_sends_total`,
          'counter',
          'Platform send attempts by channel and outcome (sent = accepted by the platform; retry, dead, window-closed).',
          [...sends.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => {
            const [channel, outcome] = k.split('\t') as [string, string];
            return [{ channel, outcome }, n];
          }),
        ),
        ...hist,
      ].join('\n');
    },
  };
  return recorder;
}

/** What the scrape reads besides the in-process counters; every part is optional. */
export interface MetricsSources {
  queue?: Pick<ChannelQueue, 'counts'>;
  tickets?: Pick<TicketStore, 'listTickets'>;
  llm?: LlmMetrics;
}

/** Gauges read from the store: backlog, tickets by state, overdue. */
export async function collectStoreGauges(sources: MetricsSources, at: Date): Promise<string> {
  const p = METRICS_PREFIX;
  const out: string[] = [];
  if (sources.queue) {
    const c = await sources.queue.counts();
    const perChannel = <S extends string>(m: Record<string, Record<S, number>>) =>
      Object.keys(m)
        .sort()
        .flatMap((ch) => Object.entries<number>(m[ch]!).map(([status, n]): [Record<string, string>, number] => [{ channel: ch, status }, n]));
    out.push(...family(`${p}_inbox_events`, 'gauge', 'Inbound platform events by channel and status (pending = backlog).', perChannel(c.byChannel.inbox)));
    out.push(
      ...family(`${p}_outbox_messages`, 'gauge', 'Outbound messages by channel and status (pending/sending = backlog, dead = needs staff attention).', perChannel(c.byChannel.outbox)),
    );
  }
  if (sources.tickets) {
    const t = sources.tickets;
    const byState: [Record<string, string>, number][] = [];
    for (const s of TICKET_STATUSES) byState.push([{ state: s }, (await t.listTickets({ status: [s], limit: 1 })).total]);
    out.push(...family(`${p}_tickets`, 'gauge', 'Tickets by state.', byState));
    const overdue = (await t.listTickets({ status: [...OPEN_TICKET_STATUSES], dueBefore: at.toISOString(), limit: 1 })).total;
    out.push(...family(`${p}_tickets_overdue`, 'gauge', 'Open tickets past their deadline.', [[{}, overdue]]));
  }
  return out.join('\n');
}

/** LLM counters (llm_<name>_total) and the slowest call, when a model is configured. */
export function renderLlmMetrics(llm: LlmMetrics): string {
  const p = METRICS_PREFIX;
  const snap = llm.snapshot();
  const out: string[] = [];
  for (const name of LLM_COUNTERS) out.push(...family(`${p}_llm_${name}_total`, 'counter', `LLM counter ${name}.`, [[{}, snap[name]]]));
  out.push(...family(`${p}_llm_latency_max_ms`, 'gauge', 'Slowest single LLM call so far, in ms.', [[{}, snap.latency_max_ms]]));
  return out.join('\n');
}

export interface MetricsRouteOptions {
  recorder: MetricsRecorder;
  sources: MetricsSources;
  /** Bearer token required when set (METRICS_TOKEN). */
  token?: string;
  /** How long store gauges are reused. Default 5000 ms. */
  cacheMs?: number;
  now?: () => Date;
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/** The GET /metrics handler. */
export function createMetricsHandler(o: MetricsRouteOptions): (req: Request, res: Response) => void {
  const now = o.now ?? (() => new Date());
  const cacheMs = o.cacheMs ?? 5000;
  const want = o.token ? digest(o.token) : undefined;
  let cached: { at: number; text: Promise<string> } | undefined;
  const gauges = () => {
    const t = now();
    if (!cached || t.getTime() - cached.at >= cacheMs) {
      const text = collectStoreGauges(o.sources, t);
      cached = { at: t.getTime(), text };
      text.catch(() => (cached = undefined));
    }
    return cached.text;
  };
  return (req, res) => {
    if (want) {
      const m = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
      if (!m || !timingSafeEqual(digest(m[1]!), want)) {
        res.status(401).set('WWW-Authenticate', 'Bearer').type('text/plain').send('unauthorized\n');
        return;
      }
    }
    gauges().then(
      (store) => {
        const mem = process.memoryUsage();
        const parts = [
          o.recorder.render(),
          store,
          o.sources.llm ? renderLlmMetrics(o.sources.llm) : '',
          ...family('process_resident_memory_bytes', 'gauge', 'Resident memory size in bytes.', [[{}, mem.rss]]),
          ...family('nodejs_heap_used_bytes', 'gauge', 'V8 heap used in bytes.', [[{}, mem.heapUsed]]),
        ].filter((s) => s.length > 0);
        res.status(200).type('text/plain; version=0.0.4; charset=utf-8').send(`${parts.join('\n')}\n`);
      },
      () => res.status(503).type('text/plain').send('store unavailable\n'),
    );
  };
}
