// The eval command itself, end to end: a tiny knowledge base and a tiny labelled file, run as
// `npm run eval` runs it, and the metrics the labels imply.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderProcedureFile } from '../../src/knowledge/index.js';
import { parseEvalFile } from '../../src/eval/run-eval.js';
import { procedure, tempDir } from '../knowledge/helpers.js';

function writeKb(): string {
  const dir = tempDir('eval-kb-');
  const procs = [
    procedure({ code: '1.000001', title: 'Đăng ký khai sinh', aliases: ['làm giấy khai sinh cho con mới sinh'] }),
    procedure({
      code: '1.000002',
      title: 'Cấp giấy phép lái xe hạng A1',
      field: 'Sát hạch, cấp giấy phép lái xe',
      aliases: ['thi bằng lái xe máy', 'học lái xe máy thi bằng'],
      channels: [{ channel: 'truc-tiep', time: '10 Ngày làm việc', fee: 'Lệ phí : 135.000 Đồng', note: '' }],
    }),
    procedure({ code: '1.000003', title: 'Đăng ký kết hôn', aliases: ['làm giấy đăng ký kết hôn', 'hai đứa muốn cưới làm giấy kết hôn'] }),
  ];
  for (const p of procs) {
    mkdirSync(join(dir, 'procedures', 'test'), { recursive: true });
    writeFileSync(join(dir, 'procedures', 'test', `${p.code}.md`), renderProcedureFile(p));
  }
  return dir;
}

const LINES = [
  { id: 'a1', text: 'làm giấy khai sinh cho con mới sinh cần giấy tờ gì', expect: 'answer', procedure: '1.000001', section: 'documents', style: 'casual' },
  { id: 'a2', text: 'thi bang lai xe may het bao nhieu tien', expect: 'answer', procedure: '1.000002', section: 'fees', style: 'no_diacritics' },
  { id: 'a3', text: 'đăng ký kết hôn mất mấy ngày', expect: 'answer', procedure: '1.000003', section: 'time', style: 'formal' },
  { id: 't1', text: 'Tôi phản ánh cán bộ một cửa xã thái độ quát nạt người dân', expect: 'ticket', type: 'complaint', style: 'formal' },
  { id: 's1', text: 'cảm ơn bạn nhiều nhé', expect: 'smalltalk', style: 'casual' },
];

describe('npm run eval', () => {
  it('prints one JSON object with the metrics implied by the labels', () => {
    const kb = writeKb();
    const file = join(kb, 'tiny.jsonl');
    writeFileSync(file, LINES.map((l) => JSON.stringify(l)).join('\n') + '\n');
    const out = execFileSync('npx', ['tsx', 'src/cli/eval.ts', file, '--json', '--knowledge', kb], { encoding: 'utf8', env: { ...process.env, KB_WATCH: 'false' } });
    const m = JSON.parse(out.trim().split('\n').pop()!);
    expect(m.total).toBe(5);
    expect(m.answerable).toBe(3);
    expect(m.hit1).toBe(1);
    expect(m.hit5).toBe(1);
    expect(m.mrr5).toBe(1);
    expect(m.correct + m.clarify + m.missed).toBeCloseTo(1 - m.wrong, 5);
    expect(m.wrong).toBe(0);
    expect(m.intent.complaint).toBe(1);
    expect(m.intent.smalltalk).toBe(1);
    expect(m.intent.question).toBe(1);
    for (const k of ['clarifyHit', 'abstain', 'section', 'p50ms', 'p95ms', 'maxms']) expect(m).toHaveProperty(k);
    expect(Object.keys(m.perStyle).sort()).toEqual(['casual', 'formal', 'no_diacritics']);
  }, 60_000);

  it('rejects a malformed labelled file with the line number', () => {
    const r = parseEvalFile('{"text":"a","expect":"answer","procedure":"1"}\nnot json\n');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/^line 2:/);
    const missing = parseEvalFile('{"text":"a","expect":"answer"}');
    expect(missing.ok).toBe(false);
  });
});
