// Backs up the app's database (same settings as the server: DATABASE_URL / DATABASE_SCHEMA, else
// the SQLite file in DATA_DIR):
//   npm run backup                       → ./troly1022-<UTC time>.sqlite | .dump
//   npm run backup -- --out /backups/x.dump
// SQLite: online backup (the app may keep running). PostgreSQL: pg_dump -Fc (custom format).
// Exit codes: 0 done, 1 failed, 2 usage or config error.
import { argValue, configOrExplain, hasFlag } from './args.js';
import { backupDatabase, defaultBackupName, targetOf } from './backup-lib.js';

const USAGE = 'usage: npm run backup -- [--out <file>]';

async function main(argv: string[]): Promise<number> {
  if (hasFlag(argv, '--help')) {
    console.log(USAGE);
    return 0;
  }
  const config = configOrExplain();
  if (!config) return 2;
  const target = targetOf(config);
  const out = argValue(argv, '--out') ?? defaultBackupName(target, new Date());
  const r = await backupDatabase(target, out);
  if (!r.ok) {
    console.error(`backup failed: ${r.reason}`);
    return 1;
  }
  console.log(`backup written: ${r.file} (${r.bytes} bytes, ${target.kind})`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
