// Tiny argv helpers shared by the command-line tools.
import { ConfigError, loadConfig, type Config } from '../config.js';

/** The configuration, or undefined after printing why it is invalid (the tool then exits 2). */
export function configOrExplain(): Config | undefined {
  try {
    return loadConfig();
  } catch (err) {
    console.error(err instanceof ConfigError ? err.message : String(err));
    return undefined;
  }
}

export function hasFlag(argv: string[], flag: string): boolean {
  return argv.includes(flag);
}

/** Value of "--name value" or "--name=value". */
export function argValue(argv: string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === name) return argv[i + 1];
    if (a.startsWith(`${name}=`)) return a.slice(name.length + 1);
  }
  return undefined;
}

/** Arguments that are not flags or flag values. */
export function positionals(argv: string[], valueFlags: string[] = []): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (valueFlags.includes(a)) {
      i++;
      continue;
    }
    if (!a.startsWith('--')) out.push(a);
  }
  return out;
}
