// The core sees storage, tickets, platforms and the LLM only through its ports (DESIGN.md):
// it may import the text normaliser, the knowledge types and retrieval interfaces, nothing else.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = join(import.meta.dirname, '../../src/core');
const ALLOWED = [/^\.\/[a-z-]+\.js$/, /^\.\.\/text\/index\.js$/, /^\.\.\/knowledge\/(types|search-types)\.js$/, /^\.\.\/tickets\/codes\.js$/];

describe('src/core import directions', () => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
  const importsOf = (file: string) =>
    [...readFileSync(join(dir, file), 'utf8').matchAll(/^\s*(?:import|export)[^'"]*?from\s+'([^']+)'/gm)].map((m) => m[1]!);

  it('sees the imports of a file (the check below is not vacuous)', () => {
    expect(importsOf('intent.ts')).toContain('../text/index.js');
  });

  it.each(files)('%s imports only allowed modules', (file) => {
    for (const s of importsOf(file)) expect(ALLOWED.some((re) => re.test(s)), `${file} imports ${s}`).toBe(true);
  });
});
