// `npm run report` end to end: the CLI as a child process on a seeded SQLite store in DATA_DIR,
// with the real knowledge folder (calendar, agency names).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqliteStore, SQLITE_FILE_NAME } from '../../src/tickets/index.js';
import type { TicketReport } from '../../src/tickets/report-types.js';
import { EXPECTED, seedReportStore } from './report-fixtures.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const KNOWLEDGE = join(ROOT, 'knowledge');
let dir: string;

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dir, KNOWLEDGE_DIR: KNOWLEDGE };
  for (const name of ['DATABASE_URL', 'DATABASE_SCHEMA', 'CALENDAR_FILE']) delete env[name];
  try {
    const { stdout, stderr } = await promisify(execFile)('npx', ['tsx', 'src/cli/report.ts', ...args], { cwd: ROOT, env, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'troly-report-cli-'));
  const store = createSqliteStore({ path: join(dir, SQLITE_FILE_NAME) });
  await store.migrate();
  await seedReportStore(store);
  await store.close();
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run report (src/cli/report.ts)', { timeout: 120_000 }, () => {
  it('prints the seeded figures as JSON, with agency names from the knowledge folder', async () => {
    const r = await run(['--from', '2026-01-01', '--to', '2026-03-31', '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as TicketReport;
    expect(report.totals).toEqual(EXPECTED.totals);
    expect(report.satisfaction).toEqual(EXPECTED.satisfaction);
    expect(report.bot).toEqual(EXPECTED.bot);
    expect(report.byAgency.map((g) => [g.key, g.label])).toEqual([
      ['so-tu-phap', 'Sở Tư pháp tỉnh Đồng Tháp'],
      ['so-noi-vu', 'Sở Nội vụ tỉnh Đồng Tháp'],
      ['so-xay-dung', 'Sở Xây dựng tỉnh Đồng Tháp'],
    ]);
    // The medians cross the weekend, Tết and the make-up Saturday of the real calendar file.
    expect(report.byChannel.find((g) => g.key === 'zalo')).toMatchObject(EXPECTED.byChannel.zalo);
  });

  it('prints the Vietnamese Markdown report by default', async () => {
    const r = await run(['--from=2026-01-01', '--to=2026-03-31']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('# BÁO CÁO KẾT QUẢ TIẾP NHẬN, XỬ LÝ THÔNG TIN QUA TỔNG ĐÀI 1022');
    expect(r.stdout).toContain('Từ ngày 01/01/2026 đến ngày 31/03/2026');
    expect(r.stdout).toContain(EXPECTED.sentence);
  });

  it('writes CSV for one agency to --out', async () => {
    const out = join(dir, 'bao-cao.csv');
    const r = await run(['--from', '2026-01-01', '--to', '2026-03-31', '--agency', 'so-xay-dung', '--format', 'csv', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const csv = readFileSync(out, 'utf8');
    expect(csv.startsWith('\uFEFFsection,key,metric,value\r\n')).toBe(true);
    expect(csv).toContain('agency,so-xay-dung,name,Sở Xây dựng tỉnh Đồng Tháp\r\n');
    expect(csv).toContain('totals,all,received,2\r\n');
    expect(csv).toContain('totals,all,openOverdue,1\r\n');
    expect(csv).not.toContain('bot,');
  });

  it('rejects missing or invalid options with exit code 2 and a clear message', async () => {
    const missing = await run(['--from', '2026-01-01']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Thiếu --to');
    expect(missing.stdout).toBe('');
    const bad = await run(['--from', '2026-13-01', '--to', '2026-03-31', '--format', 'xlsx']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--from "2026-13-01" không phải ngày hợp lệ');
    expect(bad.stderr).toContain('--format "xlsx" phải là md, csv hoặc json');
  });
});
