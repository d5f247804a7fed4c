// npm run bench -- [--json] [--knowledge DIR] [--queries N] [--no-webhook] [--seconds S] [--messages N]
// Matching latency on the full KB and at 10,000 procedures, KB load time, memory; then webhook
// ingest throughput (SQLite, and PostgreSQL when TEST_DATABASE_URL or DATABASE_URL is set) against
// a bare express handler, and the whole app's processing rate (README "Benchmarks and soak").
import { benchDatabaseUrl, loadConfig } from '../config.js';
import { benchMatching } from '../eval/bench-match.js';
import { benchWebhooks } from '../eval/bench-webhook.js';
import { formatIssue, loadKnowledge } from '../knowledge/index.js';
import { argValue, hasFlag } from './args.js';

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const json = hasFlag(argv, '--json');
  const dir = argValue(argv, '--knowledge') ?? loadConfig().knowledgeDir;
  const queries = Number(argValue(argv, '--queries') ?? 1000);

  const t0 = performance.now();
  const loaded = loadKnowledge(dir);
  const kbReadMs = performance.now() - t0;
  if (!loaded.ok) {
    for (const e of loaded.errors.slice(0, 20)) console.error(formatIssue(e));
    return 1;
  }
  const match = benchMatching(loaded.kb, queries);
  const result: Record<string, unknown> = {
    ...match,
    kbReadMs: Math.round(kbReadMs),
    // Load = read + validate every file, then build the search index: what a start or a hot reload costs.
    kbLoadMs: Math.round(kbReadMs + match.indexMs),
    rssMb: Math.round(process.memoryUsage().rss / 1024 / 1024),
  };
  if (!hasFlag(argv, '--no-webhook')) {
    const databaseUrl = benchDatabaseUrl();
    Object.assign(
      result,
      await benchWebhooks({
        knowledgeDir: dir,
        ...(databaseUrl ? { databaseUrl } : {}),
        seconds: Number(argValue(argv, '--seconds') ?? 5),
        messages: Number(argValue(argv, '--messages') ?? 1000),
      }),
    );
  }
  if (json) console.log(JSON.stringify(result));
  else for (const [k, v] of Object.entries(result)) console.log(`${k.padEnd(18)} ${typeof v === 'object' ? JSON.stringify(v) : v}`);
  return 0;
}

process.exitCode = await main();
