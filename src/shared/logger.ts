// Structured JSON-lines logger. Fields carry ids (conversation, ticket, event) and numbers,
// never message text or personal data: callers pass ids, and maskPersonalData() is applied to
// every string field as a second line of defence.

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/**
 * Masks e-mail addresses, Vietnamese phone numbers (10-11 digits, +84) and 9/12-digit ID numbers
 * (CMND/CCCD). E-mails go first so that digits inside an address are not half-masked.
 */
export function maskPersonalData(text: string): string {
  return text
    .replace(/[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu, (m) => `${m[0]}***@***`)
    .replace(/(?<!\d)(?:\+?84|0)(?:[\s.-]?\d){8,10}(?!\d)/g, (m) => `${m.slice(0, 3)}***${m.replace(/\D/g, '').slice(-2)}`)
    .replace(/(?<!\d)\d{12}(?!\d)/g, (m) => `${m.slice(0, 3)}*******${m.slice(-2)}`)
    .replace(/(?<!\d)\d{9}(?!\d)/g, (m) => `${m.slice(0, 2)}*****${m.slice(-2)}`);
}

export function createLogger(options: { level?: LogLevel; write?: (line: string) => void; now?: () => Date } = {}): Logger {
  const min = ORDER[options.level ?? 'info'];
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const now = options.now ?? (() => new Date());
  const log = (level: LogLevel, msg: string, fields?: Record<string, unknown>): void => {
    if (ORDER[level] < min) return;
    const safe: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(fields ?? {})) safe[k] = typeof v === 'string' ? maskPersonalData(v) : v;
    write(JSON.stringify({ time: now().toISOString(), level, msg, ...safe }));
  };
  return {
    debug: (m, f) => log('debug', m, f),
    info: (m, f) => log('info', m, f),
    warn: (m, f) => log('warn', m, f),
    error: (m, f) => log('error', m, f),
  };
}
