// The only reader of process.env. Every variable is declared once here, validated, and all
// problems are reported together so an operator fixes them in one pass. .env.example lists the
// same variables with comments.

import { resolve } from 'node:path';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  knowledgeDir: string;
  /** Reload the knowledge base when its files change. */
  kbWatch: boolean;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  policy: { answer: number; clarify: number };
  /** postgres://… : tickets and conversation state in PostgreSQL; unset: SQLite in dataDir. */
  databaseUrl?: string;
  /** PostgreSQL schema for the tables (optional). */
  databaseSchema?: string;
  /** Working-day calendar (holidays, make-up days) for ticket deadlines. */
  calendarFile: string;
  tickets: {
    /** Working days per ticket type; unset types keep the documented defaults (src/tickets/deadlines.ts). */
    deadlineDays: { question?: number; complaint?: number; petition?: number };
    /** A ticket is due soon when at most this many working hours remain. */
    dueSoonWorkingHours: number;
    /** Minutes without an officer's action after which a live chat ends and the bot resumes. */
    liveIdleMinutes: number;
  };
  /** Bearer token of the staff JSON API (/api/staff/*); unset: the staff API answers 503. */
  staffApiToken?: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

interface Reader {
  str(name: string, fallback: string): string;
  opt(name: string): string | undefined;
  optInt(name: string, min: number, max: number): number | undefined;
  int(name: string, fallback: number, min: number, max: number): number;
  num(name: string, fallback: number, min: number, max: number): number;
  bool(name: string, fallback: boolean): boolean;
  oneOf<T extends string>(name: string, values: readonly T[], fallback: T): T;
}

function reader(env: Env, problems: string[]): Reader {
  const raw = (name: string): string | undefined => {
    const v = env[name];
    return v === undefined || v.trim() === '' ? undefined : v.trim();
  };
  return {
    str: (name, fallback) => raw(name) ?? fallback,
    opt: (name) => raw(name),
    optInt(name, min, max) {
      const v = raw(name);
      if (v === undefined) return undefined;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) {
        problems.push(`${name} must be an integer from ${min} to ${max} (got "${v}")`);
        return undefined;
      }
      return n;
    },
    int(name, fallback, min, max) {
      const v = raw(name);
      if (v === undefined) return fallback;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) {
        problems.push(`${name} must be an integer from ${min} to ${max} (got "${v}")`);
        return fallback;
      }
      return n;
    },
    num(name, fallback, min, max) {
      const v = raw(name);
      if (v === undefined) return fallback;
      const n = Number(v);
      if (!Number.isFinite(n) || n < min || n > max) {
        problems.push(`${name} must be a number from ${min} to ${max} (got "${v}")`);
        return fallback;
      }
      return n;
    },
    bool(name, fallback) {
      const v = raw(name)?.toLowerCase();
      if (v === undefined) return fallback;
      if (['1', 'true', 'yes', 'on'].includes(v)) return true;
      if (['0', 'false', 'no', 'off'].includes(v)) return false;
      problems.push(`${name} must be true or false (got "${v}")`);
      return fallback;
    },
    oneOf(name, values, fallback) {
      const v = raw(name);
      if (v === undefined) return fallback;
      if ((values as readonly string[]).includes(v)) return v as (typeof values)[number];
      problems.push(`${name} must be one of ${values.join(', ')} (got "${v}")`);
      return fallback;
    },
  };
}

/** Reads and validates the configuration; throws ConfigError listing every problem. */
export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const r = reader(env, problems);
  const knowledgeDir = resolve(r.str('KNOWLEDGE_DIR', './knowledge'));
  const databaseUrl = r.opt('DATABASE_URL');
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) problems.push('DATABASE_URL must start with postgres:// or postgresql://');
  const staffApiToken = r.opt('STAFF_API_TOKEN');
  if (staffApiToken !== undefined && staffApiToken.length < 16) problems.push('STAFF_API_TOKEN must be at least 16 characters');
  const databaseSchema = r.opt('DATABASE_SCHEMA');
  const deadlineDays: Config['tickets']['deadlineDays'] = {};
  for (const [type, name] of [['question', 'DEADLINE_QUESTION_DAYS'], ['complaint', 'DEADLINE_COMPLAINT_DAYS'], ['petition', 'DEADLINE_PETITION_DAYS']] as const) {
    const v = r.optInt(name, 1, 365);
    if (v !== undefined) deadlineDays[type] = v;
  }
  const config: Config = {
    port: r.int('PORT', 3000, 0, 65535),
    host: r.str('HOST', '0.0.0.0'),
    dataDir: resolve(r.str('DATA_DIR', './data')),
    knowledgeDir,
    kbWatch: r.bool('KB_WATCH', true),
    logLevel: r.oneOf('LOG_LEVEL', ['debug', 'info', 'warn', 'error'] as const, 'info'),
    policy: {
      answer: r.num('POLICY_ANSWER_THRESHOLD', 0.75, 0, 1),
      clarify: r.num('POLICY_CLARIFY_THRESHOLD', 0.1, 0, 1),
    },
    ...(databaseUrl ? { databaseUrl } : {}),
    ...(databaseSchema ? { databaseSchema } : {}),
    calendarFile: resolve(knowledgeDir, r.str('CALENDAR_FILE', 'calendar/holidays.yaml')),
    tickets: {
      deadlineDays,
      dueSoonWorkingHours: r.num('DUE_SOON_WORKING_HOURS', 8, 0, 200),
      liveIdleMinutes: r.int('LIVE_IDLE_MINUTES', 30, 1, 24 * 60),
    },
    ...(staffApiToken ? { staffApiToken } : {}),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
