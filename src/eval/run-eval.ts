// Runs labelled citizen messages through the whole bot and computes the metrics described in
// ../shared/eval/README.md: retrieval hit@1/@5 and MRR@5, answer/clarify/wrong/missed shares,
// abstention on unanswerable questions, intent accuracy, section accuracy, latency, per style.

import { MESSAGE_SEARCH } from '../core/section.js';
import type { BotResponse, IncomingMessage } from '../core/types.js';
import type { Retriever, SearchResult } from '../knowledge/search-types.js';

export type Expectation = 'answer' | 'escalate' | 'ticket' | 'smalltalk';

export interface EvalCase {
  id: string;
  text: string;
  expect: Expectation;
  procedure?: string;
  also_ok?: string[];
  section?: string;
  type?: string;
  style?: string;
}

export interface EvalMetrics {
  total: number;
  answerable: number;
  hit1: number;
  hit5: number;
  mrr5: number;
  correct: number;
  clarify: number;
  clarifyHit: number;
  wrong: number;
  missed: number;
  abstain: number;
  intent: { complaint: number; petition: number; smalltalk: number; question: number };
  section: number;
  p50ms: number;
  p95ms: number;
  maxms: number;
  perStyle: Record<string, StyleMetrics>;
}

export interface StyleMetrics {
  n: number;
  answerable: number;
  hit1: number;
  hit5: number;
  correct: number;
  wrong: number;
  intent: number;
}

export interface EvalDetail {
  id: string;
  expect: Expectation;
  style: string;
  outcome: BotResponse['outcome'];
  intent: BotResponse['intent'];
  section?: string;
  top: string[];
  /** Retrieval evidence for calibration: top score and the signals of src/knowledge/calibration.ts. */
  topScore: number;
  signals?: SearchResult['signals'];
  ms: number;
}

/** Parses JSONL; returns the line number of the first malformed line as an error value. */
export function parseEvalFile(text: string): { ok: true; cases: EvalCase[] } | { ok: false; error: string } {
  const cases: EvalCase[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    let obj: unknown;
    try {
      obj = JSON.parse(line);
    } catch (e) {
      return { ok: false, error: `line ${i + 1}: invalid JSON (${(e as Error).message})` };
    }
    const c = obj as Partial<EvalCase>;
    if (typeof c.text !== 'string' || !['answer', 'escalate', 'ticket', 'smalltalk'].includes(String(c.expect))) {
      return { ok: false, error: `line ${i + 1}: needs "text" and "expect" (answer, escalate, ticket, smalltalk)` };
    }
    if (c.expect === 'answer' && typeof c.procedure !== 'string') {
      return { ok: false, error: `line ${i + 1}: an "answer" case needs "procedure"` };
    }
    cases.push({ ...(c as EvalCase), id: c.id ?? `line-${i + 1}` });
  }
  return { ok: true, cases };
}

export interface EvalDeps {
  /** A fresh bot per case is not needed: each case gets its own conversation id. */
  handle(msg: IncomingMessage): Promise<BotResponse>;
  retriever: () => Retriever;
}

const share = (num: number, den: number): number => (den === 0 ? 0 : Math.round((num / den) * 1000) / 1000);

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  const v = sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return Math.round(v * 100) / 100;
}

export async function runEval(cases: EvalCase[], deps: EvalDeps): Promise<{ metrics: EvalMetrics; details: EvalDetail[] }> {
  const details: EvalDetail[] = [];
  const times: number[] = [];
  let answerable = 0, hit1 = 0, hit5 = 0, rr = 0, correct = 0, clarify = 0, clarifyHit = 0, wrong = 0, missed = 0;
  let escalates = 0, abstained = 0, sectionN = 0, sectionOk = 0;
  const intentN = { complaint: 0, petition: 0, smalltalk: 0, question: 0 };
  const intentOk = { complaint: 0, petition: 0, smalltalk: 0, question: 0 };
  const styles = new Map<string, StyleMetrics & { _intentN: number }>();

  for (const [i, c] of cases.entries()) {
    const started = performance.now();
    const res = await deps.handle({ channel: 'eval', conversationId: `eval-${i}`, userId: `eval-${i}`, text: c.text });
    const ms = performance.now() - started;
    times.push(ms);
    const found = deps.retriever().search(c.text, { ...MESSAGE_SEARCH, limit: 5 });
    const top = found.candidates.map((x) => x.procedure.code);
    const style = c.style ?? 'unknown';
    let st = styles.get(style);
    if (!st) styles.set(style, (st = { n: 0, answerable: 0, hit1: 0, hit5: 0, correct: 0, wrong: 0, intent: 0, _intentN: 0 }));
    st.n++;
    details.push({
      id: c.id,
      expect: c.expect,
      style,
      outcome: res.outcome,
      intent: res.intent,
      section: res.section,
      top,
      topScore: found.candidates[0]?.score ?? 0,
      signals: found.signals,
      ms,
    });

    const expectedIntent =
      c.expect === 'ticket' ? (c.type === 'petition' ? 'petition' : 'complaint') : c.expect === 'smalltalk' ? 'smalltalk' : 'question';
    intentN[expectedIntent]++;
    st._intentN++;
    if (res.intent === expectedIntent) {
      intentOk[expectedIntent]++;
      st.intent++;
    }

    if (c.expect === 'answer') {
      answerable++;
      st.answerable++;
      const ok = new Set([c.procedure!, ...(c.also_ok ?? [])]);
      const rank = top.findIndex((code) => ok.has(code));
      if (rank === 0) {
        hit1++;
        st.hit1++;
      }
      if (rank >= 0) {
        hit5++;
        st.hit5++;
        rr += 1 / (rank + 1);
      }
      const o = res.outcome;
      if (o.kind === 'answer') {
        if (ok.has(o.code)) {
          correct++;
          st.correct++;
          if (c.section) {
            sectionN++;
            if (o.section === c.section) sectionOk++;
          }
        } else {
          wrong++;
          st.wrong++;
        }
      } else if (o.kind === 'clarify') {
        clarify++;
        if (o.codes.some((code) => ok.has(code))) clarifyHit++;
      } else {
        missed++;
      }
    } else if (c.expect === 'escalate') {
      escalates++;
      if (res.outcome.kind !== 'answer') abstained++;
    }
  }

  times.sort((a, b) => a - b);
  const perStyle: Record<string, StyleMetrics> = {};
  for (const [k, v] of [...styles.entries()].sort()) {
    perStyle[k] = {
      n: v.n,
      answerable: v.answerable,
      hit1: share(v.hit1, v.answerable),
      hit5: share(v.hit5, v.answerable),
      correct: share(v.correct, v.answerable),
      wrong: share(v.wrong, v.answerable),
      intent: share(v.intent, v._intentN),
    };
  }
  const metrics: EvalMetrics = {
    total: cases.length,
    answerable,
    hit1: share(hit1, answerable),
    hit5: share(hit5, answerable),
    mrr5: share(rr, answerable),
    correct: share(correct, answerable),
    clarify: share(clarify, answerable),
    clarifyHit: share(clarifyHit, answerable),
    wrong: share(wrong, answerable),
    missed: share(missed, answerable),
    abstain: share(abstained, escalates),
    intent: {
      complaint: share(intentOk.complaint, intentN.complaint),
      petition: share(intentOk.petition, intentN.petition),
      smalltalk: share(intentOk.smalltalk, intentN.smalltalk),
      question: share(intentOk.question, intentN.question),
    },
    section: share(sectionOk, sectionN),
    p50ms: quantile(times, 0.5),
    p95ms: quantile(times, 0.95),
    maxms: quantile(times, 1),
    perStyle,
  };
  return { metrics, details };
}
