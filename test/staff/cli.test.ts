// `npm run staff -- add-user`: the password comes from STDIN (never an argument), the account is
// stored hashed in DATA_DIR's database, duplicates and weak passwords are refused.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStaffStore, verifyPassword } from '../../src/staff/index.js';
import { tempDir } from '../knowledge/helpers.js';
import { AGENCIES } from './harness.js';

const ROOT = join(import.meta.dirname, '..', '..');

function staffCli(args: string[], env: Record<string, string>, input: string) {
  return spawnSync(process.execPath, [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(ROOT, 'src', 'cli', 'staff.ts'), ...args], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
}

describe('staff CLI', () => {
  it('adds users with the password from STDIN, refusing duplicates, weak passwords and unknown agencies', async () => {
    const data = tempDir('staff-cli-data-');
    const kb = tempDir('staff-cli-kb-');
    writeFileSync(join(kb, 'agencies.yaml'), AGENCIES);
    const env = { DATA_DIR: data, KNOWLEDGE_DIR: kb };
    const ok = staffCli(['add-user', '--username', 'lan.nt', '--role', 'agency', '--agency', 'so-xay-dung', '--name', 'Nguyễn Thị Lan'], env, 'mat-khau-rat-dai-01\n');
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('Đã tạo tài khoản lan.nt');
    expect(staffCli(['add-user', '--username', 'lan.nt', '--role', 'editor'], env, 'mat-khau-rat-dai-01\n').status).toBe(1);
    expect(staffCli(['add-user', '--username', 'weak', '--role', 'editor'], env, 'ngan\n').status).toBe(1);
    expect(staffCli(['add-user', '--username', 'x.y', '--role', 'agency', '--agency', 'khong-co'], env, 'mat-khau-rat-dai-01\n').status).toBe(1);
    expect(staffCli(['frobnicate'], env, '').status).toBe(2);
    const store = await openStaffStore({ dataDir: data, now: () => new Date() });
    const u = await store.findUser('lan.nt');
    await store.close();
    expect(u).toMatchObject({ role: 'agency', agencyId: 'so-xay-dung', displayName: 'Nguyễn Thị Lan' });
    expect(u!.passwordHash).not.toContain('mat-khau');
    expect(await verifyPassword('mat-khau-rat-dai-01', u!.passwordHash)).toBe(true);
  });
});
