// npm run eval -- <file.jsonl> [--json] [--details FILE] [--knowledge DIR] [--llm]
// Runs labelled citizen messages through the whole bot and prints the metrics. Without --llm the
// bot has no model, whatever the environment says. With --llm (LLM_BASE_URL and LLM_MODEL set)
// the same cases run twice, lexical and LLM-assisted, and --json prints
// { "lexical": metrics, "llm": metrics, "llmUsage": counters }.
import { readFileSync, writeFileSync } from 'node:fs';
import { loadConfig } from '../config.js';
import { createBot, createMemoryConversationStore } from '../core/index.js';
import { parseEvalFile, runEval, type EvalMetrics } from '../eval/run-eval.js';
import { createRetriever, formatIssue, loadKnowledge } from '../knowledge/index.js';
import { corpusOf, openLlm } from '../llm/index.js';
import { argValue, hasFlag, positionals } from './args.js';

function table(m: EvalMetrics): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const rows: [string, string][] = [
    ['messages', String(m.total)],
    ['answerable', String(m.answerable)],
    ['hit@1', pct(m.hit1)],
    ['hit@5', pct(m.hit5)],
    ['MRR@5', m.mrr5.toFixed(3)],
    ['correct answer', pct(m.correct)],
    ['clarify', pct(m.clarify)],
    ['clarify with right choice', pct(m.clarifyHit)],
    ['wrong answer', pct(m.wrong)],
    ['missed (escalated)', pct(m.missed)],
    ['abstain on unanswerable', pct(m.abstain)],
    ['intent complaint', pct(m.intent.complaint)],
    ['intent petition', pct(m.intent.petition)],
    ['intent small talk', pct(m.intent.smalltalk)],
    ['intent question', pct(m.intent.question)],
    ['section', pct(m.section)],
    ['latency p50 / p95 / max', `${m.p50ms} / ${m.p95ms} / ${m.maxms} ms`],
  ];
  const lines = rows.map(([k, v]) => `${k.padEnd(28)} ${v}`);
  lines.push('', `${'style'.padEnd(14)} ${'n'.padStart(4)} ${'hit@1'.padStart(7)} ${'hit@5'.padStart(7)} ${'correct'.padStart(8)} ${'wrong'.padStart(7)} ${'intent'.padStart(7)}`);
  for (const [style, s] of Object.entries(m.perStyle)) {
    lines.push(
      `${style.padEnd(14)} ${String(s.n).padStart(4)} ${pct(s.hit1).padStart(7)} ${pct(s.hit5).padStart(7)} ${pct(s.correct).padStart(8)} ${pct(s.wrong).padStart(7)} ${pct(s.intent).padStart(7)}`,
    );
  }
  return lines.join('\n');
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const [file] = positionals(argv, ['--details', '--knowledge']);
  if (!file) {
    console.error('usage: npm run eval -- <file.jsonl> [--json] [--details out.json] [--knowledge DIR] [--llm]');
    return 2;
  }
  const parsed = parseEvalFile(readFileSync(file, 'utf8'));
  if (!parsed.ok) {
    console.error(`${file}: ${parsed.error}`);
    return 2;
  }
  const config = loadConfig();
  const withLlm = hasFlag(argv, '--llm');
  if (withLlm && !config.llm) {
    console.error('--llm needs LLM_BASE_URL and LLM_MODEL (see .env.example)');
    return 2;
  }
  const loaded = loadKnowledge(argValue(argv, '--knowledge') ?? config.knowledgeDir);
  if (!loaded.ok) {
    for (const e of loaded.errors.slice(0, 20)) console.error(formatIssue(e));
    return 1;
  }
  const retriever = createRetriever(loaded.kb);
  const bot = createBot({
    retriever: () => retriever,
    conversations: createMemoryConversationStore(),
    now: () => new Date(),
    policy: config.policy,
  });
  const { metrics, details } = await runEval(parsed.cases, { handle: (m) => bot.handle(m), retriever: () => retriever });
  const detailsFile = argValue(argv, '--details');
  if (!withLlm || !config.llm) {
    if (detailsFile) writeFileSync(detailsFile, JSON.stringify(details, null, 1));
    console.log(hasFlag(argv, '--json') ? JSON.stringify(metrics) : table(metrics));
    return 0;
  }
  const kb = loaded.kb;
  const llm = openLlm(config.llm, {
    semantic: {
      cacheDir: `${config.dataDir}/embeddings`,
      corpus: corpusOf(() => kb),
    },
  });
  if (llm.semantic && !(await llm.semantic.warm())) console.error('embeddings could not be built: the LLM path runs without them');
  const assisted = createBot({
    lookup: (code) => kb.byCode.get(code),
    retriever: () => retriever,
    conversations: createMemoryConversationStore(),
    now: () => new Date(),
    policy: config.policy,
    assist: llm.assist,
  });
  const withModel = await runEval(parsed.cases, { handle: (m) => assisted.handle(m), retriever: () => retriever });
  if (detailsFile) writeFileSync(detailsFile, JSON.stringify({ lexical: details, llm: withModel.details }, null, 1));
  if (hasFlag(argv, '--json')) {
    console.log(JSON.stringify({ lexical: metrics, llm: withModel.metrics, llmUsage: llm.metrics.snapshot() }));
  } else {
    console.log(`── lexical ──\n${table(metrics)}\n\n── with LLM (${config.llm.model}) ──\n${table(withModel.metrics)}`);
    console.log(`\nLLM usage: ${JSON.stringify(llm.metrics.snapshot())}`);
  }
  return 0;
}

process.exitCode = await main();
