// Test doubles for the bot's ports: an in-memory ticket service and a scripted retriever.
import type { OpenTicketInput, TicketPort, TicketStatusView } from '../../src/core/ports.js';
import type { Retriever, SearchResult } from '../../src/knowledge/search-types.js';
import type { Procedure } from '../../src/knowledge/types.js';

export class MemoryTickets implements TicketPort {
  opened: Array<OpenTicketInput & { code: string }> = [];
  appended: Array<{ code: string; text: string }> = [];
  private seq = 0;

  async open(input: OpenTicketInput): Promise<{ code: string }> {
    const code = `PA-2611-${String(++this.seq).padStart(4, '0')}`;
    this.opened.push({ ...input, code });
    return { code };
  }

  async append(code: string, text: string): Promise<void> {
    this.appended.push({ code, text });
  }

  async status(code: string): Promise<TicketStatusView | undefined> {
    const t = this.opened.find((o) => o.code === code);
    return t && { code: t.code, type: t.type, status: 'in_progress', dueAt: '2026-12-04T10:00:00.000Z' };
  }
}

export interface Script {
  /** Matched against the lower-cased message. */
  match: RegExp;
  result: Array<Procedure>;
  confidence: number;
  /** Defaults to the confidence. */
  relatedness?: number;
  closeCount?: number;
}

/** Returns scripted results so dialogue tests control the answer / clarify / escalate decision. */
export function scriptedRetriever(scripts: Script[], version = 'v1'): Retriever {
  return {
    version,
    size: 10,
    search(text: string): SearchResult {
      const s = scripts.find((x) => x.match.test(text.toLowerCase()));
      if (!s) return { candidates: [], confidence: 0, relatedness: 0, closeCount: 0, contentTerms: 0 };
      return {
        candidates: s.result.map((procedure, i) => ({ procedure, score: 10 - i })),
        confidence: s.confidence,
        relatedness: s.relatedness ?? s.confidence,
        closeCount: s.closeCount ?? 1,
        contentTerms: 3,
      };
    },
  };
}
