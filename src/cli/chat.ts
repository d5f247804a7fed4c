// Console chat with the bot, for knowledge editors to try their changes:
//   npm run chat [-- --debug] [--knowledge <dir>]
// Loads the knowledge base (KNOWLEDGE_DIR, default ./knowledge), keeps conversation state in
// memory and opens no tickets (the bot then tells the citizen to call 1022, as in production
// without a ticket service). With --debug each turn also prints intent, outcome, section and
// the top search candidates.
import { createInterface } from 'node:readline';
import { loadConfig } from '../config.js';
import { createBot, createMemoryConversationStore, detectIntent, detectSection } from '../core/index.js';
import type { BotResponse } from '../core/index.js';
import { createRetriever, formatIssue, loadKnowledge, type Retriever } from '../knowledge/index.js';
import { argValue, hasFlag } from './args.js';

function debugLines(text: string, res: BotResponse, retriever: Retriever): string[] {
  const intent = detectIntent(text);
  const section = detectSection(text);
  const search = retriever.search(text);
  const outcome = JSON.stringify(res.outcome);
  const lines = [
    `  intent=${res.intent} (rules: ${intent.intent} ${intent.score.toFixed(2)} [${intent.signals.join(',')}])`,
    `  outcome=${outcome} section=${res.section ?? '-'} (detected: ${section.section}${section.explicit ? '' : ', fallback'})`,
    `  search: confidence=${search.confidence.toFixed(2)} close=${search.closeCount} terms=${search.contentTerms}`,
  ];
  for (const c of search.candidates.slice(0, 5)) {
    lines.push(`    ${c.score.toFixed(2).padStart(7)}  ${c.procedure.code}  ${c.procedure.title}`);
  }
  return lines;
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const debug = hasFlag(argv, '--debug');
  const dir = argValue(argv, '--knowledge') ?? loadConfig().knowledgeDir;
  const loaded = loadKnowledge(dir);
  if (!loaded.ok) {
    for (const e of loaded.errors.slice(0, 20)) console.error(formatIssue(e));
    console.error(`Knowledge base in ${dir} is invalid (${loaded.errors.length} errors); run: npm run kb -- check`);
    return 1;
  }
  const kb = loaded.kb;
  const retriever = createRetriever(kb);
  const bot = createBot({
    retriever: () => retriever,
    lookup: (code) => kb.byCode.get(code),
    conversations: createMemoryConversationStore(),
    now: () => new Date(),
  });

  const interactive = process.stdin.isTTY === true;
  if (interactive) {
    console.log(`troly1022 console chat: ${kb.procedures.length} procedures from ${dir}.`);
    console.log('Type a message; a number picks a listed option; /quit to leave.\n');
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: interactive });
  const prompt = (): void => {
    if (interactive) rl.prompt();
  };
  rl.setPrompt('Bạn: ');
  prompt();
  let turn = 0;
  // Lines are handled one after the other so that piped input keeps the conversation order.
  let chain = Promise.resolve();
  rl.on('line', (line) => {
    chain = chain.then(async () => {
      const text = line.trim();
      if (text === '/quit' || text === '/exit') {
        rl.close();
        return;
      }
      if (text === '') return prompt();
      if (!interactive) console.log(`Bạn: ${text}`);
      const res = await bot.handle({ channel: 'console', conversationId: 'console', userId: 'editor', text, messageId: String(++turn) });
      for (const r of res.replies) console.log(`\nBot: ${r.text.replace(/\n/g, '\n     ')}`);
      if (debug) console.log(debugLines(text, res, retriever).join('\n'));
      console.log('');
      prompt();
    });
  });
  await new Promise<void>((resolve) => rl.on('close', () => resolve()));
  await chain;
  return 0;
}

process.exitCode = await main();
