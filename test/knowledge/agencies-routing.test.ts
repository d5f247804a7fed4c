// Guards the real knowledge/agencies.yaml: every lĩnh vực used by a procedure must be routed to
// exactly one agency of the province, so an editor who adds a procedure with a new field (or a
// new spelling of an old one) gets a failing test instead of tickets silently going to intake.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { AGENCIES_FILE, loadKnowledge } from '../../src/knowledge/index.js';
import type { KbIssue, KnowledgeBase } from '../../src/knowledge/index.js';

const KNOWLEDGE_DIR = join(import.meta.dirname, '..', '..', 'knowledge');

let kb: KnowledgeBase;
let warnings: KbIssue[];

beforeAll(() => {
  const r = loadKnowledge(KNOWLEDGE_DIR);
  if (!r.ok) throw new Error(`knowledge dir does not load: ${r.errors.slice(0, 5).map((e) => `${e.file}:${e.line}: ${e.message}`).join('; ')}`);
  kb = r.kb;
  warnings = r.warnings;
});

/** field -> ids of the agencies that list it */
function owners(): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const a of kb.agencies.agencies) for (const f of a.fields) m.set(f, [...(m.get(f) ?? []), a.id]);
  return m;
}

describe('knowledge/agencies.yaml routing', () => {
  it('routes every field used by a procedure to an agency', () => {
    const routed = owners();
    const unrouted = [...new Set(kb.procedures.map((p) => p.field))].filter((f) => f !== '' && !routed.has(f)).sort();
    expect(unrouted).toEqual([]);
  });

  it('routes each field to exactly one agency, of the province (never a ministry)', () => {
    const byId = new Map(kb.agencies.agencies.map((a) => [a.id, a]));
    const routed = owners();
    const ambiguous = [...routed].filter(([, ids]) => ids.length > 1).map(([f, ids]) => `${f}: ${ids.join(', ')}`);
    expect(ambiguous).toEqual([]);
    const toMinistry = [...routed].filter(([, ids]) => ids.some((id) => byId.get(id)?.level === 'bo')).map(([f]) => f);
    expect(toMinistry).toEqual([]);
  });

  it('has a valid intake and no warning (e.g. a misspelt field) about the agencies file', () => {
    expect(kb.agencies.province).toBe('Đồng Tháp');
    expect(kb.agencies.agencies.map((a) => a.id)).toContain(kb.agencies.intake);
    expect(warnings.filter((w) => w.file === AGENCIES_FILE).map((w) => w.message)).toEqual([]);
  });

  it('gives no agency-name keyword to two agencies', () => {
    const seen = new Map<string, string>();
    const clashes: string[] = [];
    for (const a of kb.agencies.agencies) {
      for (const m of a.matches) {
        const key = m.toLocaleLowerCase('vi');
        const other = seen.get(key);
        if (other && other !== a.id) clashes.push(`${m}: ${other}, ${a.id}`);
        seen.set(key, a.id);
      }
    }
    expect(clashes).toEqual([]);
  });
});
