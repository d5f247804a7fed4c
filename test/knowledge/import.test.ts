import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importPath, loadKnowledge, splitResultField } from '../../src/knowledge/index.js';
import { FIXTURES, tempDir } from './helpers.js';

const day = (iso: string) => () => new Date(`${iso}T08:00:00Z`);
const read = (dir: string, rel: string) => readFileSync(join(dir, rel), 'utf8');

function importFixtures(out: string, date = '2026-11-20') {
  return importPath(FIXTURES, { out, now: day(date) });
}

describe('kb import', () => {
  it('writes one file per procedure, grouped by field, that the loader accepts', () => {
    const out = tempDir();
    const summary = importFixtures(out);
    expect(summary.records).toEqual({ 'chatbot-tthc': 4, nhdandz: 1 });
    expect(summary.created).toBe(5);
    expect(readdirSync(join(out, 'procedures')).sort()).toEqual([
      'cap-quan-ly-can-cuoc',
      'khieu-nai-to-cao',
      'quan-ly-gia',
      'quan-ly-xuat-nhap-canh',
      'ung-pho-su-co-tran-dau',
    ]);
    const r = loadKnowledge(out);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const p = r.kb.byCode.get('1.000178')!;
    expect(p.file).toBe('procedures/khieu-nai-to-cao/1.000178.md');
    expect(p.ministry).toBe('Bộ Công an');
    expect(p.levels).toEqual(['bo']);
    expect(p.agencies).toEqual(['Thanh tra Bộ']);
    expect(p.applicants).toEqual(['Tổ chức (không bao gồm doanh nghiệp, HTX)', 'Công dân Việt Nam']);
    expect(p.channels.map((c) => c.channel)).toEqual(['buu-chinh', 'truc-tiep']);
    expect(p.source).toBe('chatbot-tthc/bo-cong-an/1.000178.json');
    expect(p.steps.startsWith('Bước 1: Thụ lý giải quyết khiếu nại')).toBe(true);
    expect(p.result).toBe('Quyết định giải quyết khiếu nại lần 1, lần 2');
    expect(p.updated).toBe('2026-11-20');
  });

  it('drops page residue from the result and moves the description to its own section', () => {
    const out = tempDir();
    importFixtures(out);
    const text = read(out, 'procedures/quan-ly-gia/1.011500.md');
    for (const junk of ['Mã: KQ', 'Chọn cơ quan thực hiện', 'Nộp hồ sơ\n', 'Từ khóa', 'Không có thông tin']) {
      expect(text).not.toContain(junk);
    }
    const r = loadKnowledge(out);
    if (!r.ok) throw new Error('invalid');
    const p = r.kb.byCode.get('1.011500')!;
    expect(p.result).toBe(
      '- iấy chứng nhận đủ điều kiện kinh doanh dịch vụ thẩm định giá được cấp, cấp lại\n- Văn bản thông báo',
    );
    expect(p.description.startsWith('- Phí thẩm định cấp, cấp lại Giấy chứng nhận')).toBe(true);
    expect(p.aliases).toEqual([]); // keywords (từ khóa) never become aliases
    const cc = r.kb.byCode.get('1.000757')!;
    expect(cc.result).toBe('Thẻ căn cước');
    expect(cc.aliases).toEqual([]);
  });

  it('splits the result field of a raw record', () => {
    expect(
      splitResultField('Thẻ căn cướcMã: KQ.G01.000023Từ khóaCấp lại thẻ căn cướcMô tảKhông có thông tinChọn cơ quan thực hiệnTỉnh/ Thành phốNộp hồ sơ'),
    ).toEqual({ result: 'Thẻ căn cước', keywords: 'Cấp lại thẻ căn cước', description: '' });
  });

  it('converts an nhdandz record', () => {
    const out = tempDir();
    importFixtures(out);
    const r = loadKnowledge(out);
    if (!r.ok) throw new Error('invalid');
    const p = r.kb.byCode.get('1.013124')!;
    expect(p.title).toBe('Thủ tục thẩm định và phê duyệt kế hoạch ứng phó sự cố tràn dầu của các cơ sở, dự án dầu khí ngoài khơi');
    expect(p.field).toBe('Ứng phó sự cố tràn dầu');
    expect(p.levels).toEqual(['bo']);
    expect(p.decision).toBe('6225/QĐ-BQP');
    expect(p.ministry).toBe('Bộ Quốc phòng');
    expect(p.channels).toEqual([
      { channel: 'truc-tiep', time: '30 Ngày làm việc', fee: 'Phí : 0 Đồng', note: '' },
      { channel: 'truc-tuyen', time: '30 Ngày làm việc', fee: 'Phí : 0 Đồng', note: 'hoặc bằng các hình thức phù hợp khác' },
      { channel: 'buu-chinh', time: '30 Ngày làm việc', fee: 'Phí : 0 Đồng', note: '' },
    ]);
    expect(p.documents[1]).toEqual({
      group: '',
      name: 'Kế hoạch ứng phó sự cố tràn dầu theo mẫu quy định tại Phụ lục II ban hành kèm theo Quyết định số 12/2021/QĐ-TTg ngày 24/3/2021 của Thủ tướng Chính phủ',
      form: '5-PHLCII.doc',
      copies: '1 bản chính',
    });
    expect(p.legal[0]!.number).toBe('12/2021/QĐ-TTg');
    expect(p.conditions).toBe(''); // "Không"
    expect(p.submitAddress).toBe(''); // "Không có thông tin"
    expect(p.steps.split('\n')[1]!.startsWith('Bước 2:')).toBe(true);
    expect(p.portalUrl).toContain('1.013124');
  });

  it('is idempotent and keeps editor aliases and the update date', () => {
    const out = tempDir();
    importFixtures(out, '2026-11-20');
    const rel = 'procedures/khieu-nai-to-cao/1.000178.md';
    const withAlias = read(out, rel).replace('aliases: []\n', 'aliases:\n  - khiếu nại công an\n');
    writeFileSync(join(out, rel), withAlias);
    const before = new Map(readdirSync(join(out, 'procedures'), { recursive: true }).map((f) => [String(f), '']));
    for (const f of before.keys()) if (f.endsWith('.md')) before.set(f, read(out, join('procedures', f)));

    const again = importFixtures(out, '2026-11-28');
    expect(again).toMatchObject({ created: 0, changed: 0, unchanged: 5 });
    for (const [f, text] of before) if (f.endsWith('.md')) expect(read(out, join('procedures', f))).toBe(text);

    // A content change from the source updates the date but keeps the aliases.
    writeFileSync(join(out, rel), withAlias.replace('title: Giải quyết', 'title: Giai quyet'));
    const third = importFixtures(out, '2026-11-28');
    expect(third.changed).toBe(1);
    const r = loadKnowledge(out);
    if (!r.ok) throw new Error('invalid');
    expect(r.kb.byCode.get('1.000178')!.aliases).toEqual(['khiếu nại công an']);
    expect(r.kb.byCode.get('1.000178')!.updated).toBe('2026-11-28');
    expect(r.kb.byCode.get('1.000178')!.title.startsWith('Giải quyết')).toBe(true);
    expect(r.kb.byCode.get('1.013124')!.updated).toBe('2026-11-20');
  });

  it('reports files that are not records and never overwrites an unreadable existing file', () => {
    const out = tempDir();
    importFixtures(out);
    const rel = 'procedures/khieu-nai-to-cao/1.000178.md';
    writeFileSync(join(out, rel), '---\ncode: [\n---\n');
    const summary = importFixtures(out);
    expect(summary.skipped.some((s) => s.reason.includes('1.000178.md'))).toBe(true);
    expect(read(out, rel)).toBe('---\ncode: [\n---\n');
  });
});
