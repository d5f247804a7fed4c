// Restores a backup made by `npm run backup` into the database the settings point at:
//   npm run restore -- --from /backups/troly1022-20261128T020000Z.sqlite [--force]
//   DATABASE_URL=postgres://…/troly1022_new npm run restore -- --from /backups/x.dump
// SQLite: stop the app first; an existing file is only replaced with --force (kept aside).
// PostgreSQL: restore into a FRESH database (createdb), then point DATABASE_URL at it.
// Exit codes: 0 done, 1 failed, 2 usage or config error.
import { argValue, configOrExplain, hasFlag } from './args.js';
import { restoreDatabase, targetOf } from './backup-lib.js';

const USAGE = 'usage: npm run restore -- --from <backup file> [--force]';

async function main(argv: string[]): Promise<number> {
  const from = argValue(argv, '--from');
  if (!from || hasFlag(argv, '--help')) {
    console.error(USAGE);
    return from ? 0 : 2;
  }
  const config = configOrExplain();
  if (!config) return 2;
  const target = targetOf(config);
  const r = await restoreDatabase(target, from, { force: hasFlag(argv, '--force') });
  if (!r.ok) {
    console.error(`restore failed: ${r.reason}`);
    return 1;
  }
  console.log(`restored ${from} into ${target.kind === 'sqlite' ? r.file : 'the PostgreSQL database'}${r.note ? ` (${r.note})` : ''}`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
