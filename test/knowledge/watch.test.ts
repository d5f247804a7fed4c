import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadKnowledge, watchKnowledge, type ReloadEvent } from '../../src/knowledge/index.js';
import { procedure, tempDir, writeProcedure } from './helpers.js';

/** Resolves with the next reload event. */
function nextEvent(events: ReloadEvent[], waiters: Array<(e: ReloadEvent) => void>) {
  return new Promise<ReloadEvent>((resolve) => {
    const e = events.shift();
    if (e) resolve(e);
    else waiters.push(resolve);
  });
}

describe('watchKnowledge', () => {
  it('keeps the old knowledge base on invalid files and swaps on valid ones', async () => {
    const dir = tempDir();
    const path = writeProcedure(dir, 'ho-tich/1.000001.md', procedure());
    const first = loadKnowledge(dir);
    if (!first.ok) throw new Error('invalid fixture');
    const events: ReloadEvent[] = [];
    const waiters: Array<(e: ReloadEvent) => void> = [];
    const stop = watchKnowledge(
      dir,
      (e) => {
        const w = waiters.shift();
        if (w) w(e);
        else events.push(e);
      },
      { debounceMs: 50, current: first.kb },
    );
    try {
      writeFileSync(path, '---\ncode: "1.000001"\ntitle: [broken\n---\n');
      const bad = await nextEvent(events, waiters);
      expect(bad.ok).toBe(false);
      if (!bad.ok) {
        expect(bad.kept).toBe(first.kb);
        expect(bad.errors[0]!.file).toBe('procedures/ho-tich/1.000001.md');
      }
      writeProcedure(dir, 'ho-tich/1.000001.md', procedure({ title: 'Đăng ký khai sinh lưu động' }));
      const good = await nextEvent(events, waiters);
      expect(good.ok).toBe(true);
      if (good.ok) {
        expect(good.kb.byCode.get('1.000001')!.title).toBe('Đăng ký khai sinh lưu động');
        expect(good.kb.version).not.toBe(first.kb.version);
      }
    } finally {
      stop();
    }
  });
});
