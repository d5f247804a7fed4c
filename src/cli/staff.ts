// Staff accounts from the command line (same database as the server: DATA_DIR or DATABASE_URL).
//   npm run staff -- add-user --username lan.nt --role agency --agency so-xay-dung --name "Nguyễn Thị Lan"
//   npm run staff -- set-password --username lan.nt
//   npm run staff -- disable --username lan.nt   (enable: the same with "enable")
//   npm run staff -- list
// The password is never an argument (it would stay in the shell history and the process list):
// it is asked twice on a terminal, or read from the first line of STDIN when piped, or from
// --password-file <path>.
// Exit codes: 0 done, 1 refused (exists, weak password, unknown agency), 2 usage or config error.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parse as parseYaml } from 'yaml';
import { databaseOf, type Config } from '../config.js';
import { addUser } from '../server/staff-extra.js';
import { hashPassword, openStaffStore, passwordProblem, ROLE_LABELS, type StaffStore } from '../staff/index.js';
import { argValue, configOrExplain } from './args.js';

const USAGE = `Cách dùng / usage:
  npm run staff -- add-user --username <tên> --role admin|agency|editor [--agency <mã cơ quan>] [--name "<họ tên>"] [--password-file <tệp>]
  npm run staff -- set-password --username <tên> [--password-file <tệp>]
  npm run staff -- disable|enable --username <tên>
  npm run staff -- list`;

function agencyIds(knowledgeDir: string): string[] | undefined {
  const file = join(knowledgeDir, 'agencies.yaml');
  if (!existsSync(file)) return undefined;
  const doc = parseYaml(readFileSync(file, 'utf8')) as { agencies?: Array<{ id?: unknown }> } | null;
  return (doc?.agencies ?? []).map((a) => String(a.id));
}

/** Hidden prompt on a terminal (nothing echoed). */
function ask(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    const out = rl as unknown as { _writeToOutput: (s: string) => void };
    let asked = false;
    out._writeToOutput = (s: string) => {
      if (!asked) process.stdout.write(s);
    };
    rl.question(question, (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    });
    asked = true;
  });
}

async function readPassword(argv: string[]): Promise<string> {
  const file = argValue(argv, '--password-file');
  if (file) return readFileSync(file, 'utf8').split(/\r?\n/)[0] ?? '';
  if (!process.stdin.isTTY) {
    let data = '';
    for await (const chunk of process.stdin) data += String(chunk);
    return data.split(/\r?\n/)[0] ?? '';
  }
  const a = await ask('Mật khẩu / password: ');
  const b = await ask('Nhập lại / again: ');
  if (a !== b) throw new Error('Hai lần nhập mật khẩu không khớp / passwords do not match');
  return a;
}

async function run(argv: string[], config: Config, staff: StaffStore): Promise<number> {
  const [command] = argv;
  const username = (argValue(argv, '--username') ?? '').trim().toLowerCase();
  if (command === 'list') {
    for (const u of await staff.listUsers()) {
      console.log([u.username, u.role, u.agencyId ?? '-', u.active ? 'active' : 'disabled', u.displayName].join('\t'));
    }
    return 0;
  }
  if (command === 'add-user') {
    const r = await addUser(staff, agencyIds(config.knowledgeDir), {
      username,
      role: argValue(argv, '--role'),
      agencyId: argValue(argv, '--agency'),
      displayName: argValue(argv, '--name') ?? '',
      password: await readPassword(argv),
    });
    if (!r.ok) {
      console.error(r.message);
      return 1;
    }
    console.log(`Đã tạo tài khoản ${r.user.username} (${ROLE_LABELS[r.user.role]}${r.user.agencyId ? `, ${r.user.agencyId}` : ''}).`);
    return 0;
  }
  if (command === 'set-password') {
    const password = await readPassword(argv);
    const weak = passwordProblem(password);
    if (weak) {
      console.error(weak);
      return 1;
    }
    const user = await staff.findUser(username);
    if (!user || !(await staff.setPassword(username, await hashPassword(password)))) {
      console.error(`Không có tài khoản ${username}.`);
      return 1;
    }
    await staff.deleteUserSessions(user.id);
    console.log(`Đã đổi mật khẩu của ${username}; các phiên đăng nhập cũ đã bị hủy.`);
    return 0;
  }
  if (command === 'disable' || command === 'enable') {
    const user = await staff.findUser(username);
    if (!user || !(await staff.setActive(username, command === 'enable'))) {
      console.error(`Không có tài khoản ${username}.`);
      return 1;
    }
    if (command === 'disable') await staff.deleteUserSessions(user.id);
    console.log(`${command === 'enable' ? 'Đã mở' : 'Đã khóa'} tài khoản ${username}.`);
    return 0;
  }
  console.error(USAGE);
  return 2;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const config = configOrExplain();
  if (!config) process.exit(2);
  const staff = await openStaffStore({
    ...databaseOf(config),
    now: () => new Date(),
  });
  let code = 1;
  try {
    code = await run(argv, config, staff);
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
  } finally {
    await staff.close();
  }
  process.exit(code);
}

void main();
