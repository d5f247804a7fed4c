import { describe, expect, it } from 'vitest';
import { ageExcluded, queryAges, titleAgeRange } from '../../src/knowledge/hints.js';
import { createRetriever } from '../../src/knowledge/retrieve.js';
import type { KnowledgeBase, Procedure } from '../../src/knowledge/types.js';

function proc(code: string, title: string, extra: Partial<Procedure> = {}): Procedure {
  return {
    code, title, field: 'Hộ tịch', levels: ['xa'], levelText: 'Cấp xã', decision: '', ministry: '', agencies: [],
    competentAgencies: [], applicants: [], submitAddress: '', channels: [], documents: [], legal: [], steps: '',
    conditions: '', result: '', description: '', portalUrl: '', updated: '2026-01-01', aliases: [], file: `${code}.md`,
    ...extra,
  };
}

const PROCS: Procedure[] = [
  proc('1.000001', 'Đăng ký khai sinh', { aliases: ['làm giấy khai sinh cho con', 'khai sinh cho bé mới sinh'] }),
  proc('1.000002', 'Đăng ký khai sinh có yếu tố nước ngoài', { aliases: ['khai sinh cho con có bố là người nước ngoài'] }),
  proc('1.000003', 'Cấp Giấy chứng nhận quyền sử dụng đất lần đầu', { field: 'Đất đai', steps: 'Người sử dụng đất nộp hồ sơ tại bộ phận một cửa.' }),
  proc('1.000004', 'Cấp lại Giấy chứng nhận quyền sử dụng đất do bị mất', { field: 'Đất đai' }),
  proc('1.000005', 'Cấp giấy phép lái xe hạng A1', { field: 'Sát hạch, cấp giấy phép lái xe', levels: ['tinh'] }),
  proc('1.000006', 'Cấp phép khai thác khoáng sản (cấp Tỉnh)', { field: 'Địa chất và khoáng sản', levels: ['tinh'] }),
  proc('1.000007', 'Cấp phép khai thác khoáng sản (cấp Bộ)', { field: 'Địa chất và khoáng sản', levels: ['bo'] }),
  proc('1.000008', 'Gia hạn tạm trú', { field: 'Đăng ký, quản lý cư trú' }),
  proc('1.000009', 'Đăng ký tạm trú', { field: 'Đăng ký, quản lý cư trú' }),
];

const KB: KnowledgeBase = {
  procedures: PROCS,
  byCode: new Map(PROCS.map((p) => [p.code, p])),
  synonyms: [
    { official: 'giấy chứng nhận quyền sử dụng đất', variants: ['sổ đỏ', 'bìa đỏ'] },
    { official: 'giấy phép lái xe', variants: ['bằng lái'] },
    { official: 'cấp lại', variants: ['làm mất', 'bị mất'] },
  ],
  agencies: { province: 'Test', intake: 'to-1022', agencies: [] },
  version: 'test',
  loadedAt: '2026-01-01T00:00:00Z',
};

const r = createRetriever(KB);
const top = (q: string) => r.search(q).candidates[0]?.procedure.code;

describe('retriever', () => {
  it('matches chat text without diacritics against titles and aliases', () => {
    expect(top('lam giay khai sinh cho con o dau')).toBe('1.000001');
  });
  it('expands everyday words through synonyms.yaml entries', () => {
    expect(top('xin cấp sổ đỏ lần đầu cần gì')).toBe('1.000003');
    expect(top('thi bằng lái xe máy A1')).toBe('1.000005');
  });
  it('prefers the re-issue procedure when the citizen lost the paper, and the first issue otherwise', () => {
    expect(top('bị mất sổ đỏ thì làm sao')).toBe('1.000004');
    expect(top('xin sổ đỏ lần đầu')).toBe('1.000003');
  });
  it('prefers the foreign-element variant only when the message has a foreign element', () => {
    expect(top('chồng em là người Hàn Quốc, làm khai sinh cho con')).toBe('1.000002');
    expect(top('làm khai sinh cho con')).toBe('1.000001');
  });
  it('uses the level the citizen names', () => {
    expect(top('xin giấy phép khai thác khoáng sản ở sở của tỉnh')).toBe('1.000006');
    expect(top('xin giấy phép khai thác khoáng sản do bộ cấp')).toBe('1.000007');
  });
  it('prefers the renewal when the message asks for more time', () => {
    expect(top('tạm trú sắp hết hạn muốn xin thêm thời hạn')).toBe('1.000008');
  });
  it('corrects typos against the knowledge-base vocabulary', () => {
    expect(top('đăng ký khai sinhh')).toBe('1.000001');
    expect(top('tạm trúu')).toBe('1.000009');
  });
  it('is more confident about a precise question than about an unrelated one', () => {
    const precise = r.search('đăng ký khai sinh cho con');
    const unrelated = r.search("lịch cúp điện tuần này ở khu phố");
    expect(precise.confidence).toBeGreaterThan(0.6);
    expect(unrelated.candidates.length === 0 || unrelated.confidence < 0.3).toBe(true);
  });
  it('returns no candidates and zero content terms for a message with only filler words', () => {
    const res = r.search('ạ vậy nhé');
    expect(res.candidates).toEqual([]);
    expect(res.contentTerms).toBe(0);
    expect(res.confidence).toBe(0);
  });
  it('respects the limit and sorts candidates by score', () => {
    const res = r.search('cấp giấy chứng nhận quyền sử dụng đất', { limit: 2 });
    expect(res.candidates).toHaveLength(2);
    expect(res.candidates[0]!.score).toBeGreaterThanOrEqual(res.candidates[1]!.score);
  });
});

/** A retriever over just these procedures, no synonyms. */
function retrieverOf(...procs: Procedure[]) {
  return createRetriever({ ...KB, procedures: procs, byCode: new Map(procs.map((p) => [p.code, p])), synonyms: [] });
}

describe('section cue words (SearchOptions.cueSpans)', () => {
  const retriever = retrieverOf(
    proc('2.000001', 'Đăng ký kết hôn', { aliases: ['làm giấy đăng ký kết hôn ở xã'] }),
    proc('2.000002', 'Cấp giấy xác nhận tình trạng hôn nhân', { aliases: ['giấy tờ độc thân cần cho đăng ký kết hôn'] }),
  );
  const text = 'đăng ký kết hôn cần giấy tờ gì';
  const folded = 'dang ki ket hon can giay to gi';
  const cue = folded.indexOf('can giay to gi');
  const cueSpans = () => [[cue, folded.length] as const];
  const ratio = (o: { cueSpans?: typeof cueSpans }) => {
    const score = new Map(retriever.search(text, o).candidates.map((c) => [c.procedure.code, c.score]));
    return score.get('2.000002')! / score.get('2.000001')!;
  };

  it('count less: a procedure that only shares the cue words ("cần giấy tờ gì") loses ground', () => {
    expect(ratio({})).toBeGreaterThan(1); // unmarked, the shared cue words put the wrong one first
    expect(ratio({ cueSpans })).toBeLessThan(ratio({}) * 0.8);
  });

  it('change nothing when the caller marks no span', () => {
    const plain = retriever.search('giấy tờ độc thân');
    const marked = retriever.search('giấy tờ độc thân', { cueSpans: () => [] });
    expect(marked.candidates.map((c) => [c.procedure.code, c.score])).toEqual(plain.candidates.map((c) => [c.procedure.code, c.score]));
  });
});

describe('subject abbreviations in aliases', () => {
  const retriever = retrieverOf(
    proc('3.000001', 'Cấp thẻ cho người từ đủ 14 tuổi', { aliases: ['làm cccd lần đầu'] }),
    proc('3.000002', 'Cấp tài khoản căn cước điện tử cho công dân', { aliases: ['làm tài khoản trên điện thoại'] }),
  );

  it('are indexed expanded, as messages are: "làm cccd lần đầu" matches the alias written with "cccd"', () => {
    expect(retriever.search('làm cccd lần đầu').candidates[0]?.procedure.code).toBe('3.000001');
    expect(retriever.search('lam can cuoc cong dan lan dau').candidates[0]?.procedure.code).toBe('3.000001');
  });
});

describe('age hint', () => {
  const retriever = retrieverOf(
    proc('4.000001', 'Cấp thẻ căn cước cho người dưới 14 tuổi'),
    proc('4.000002', 'Cấp thẻ căn cước cho người từ đủ 14 tuổi trở lên'),
  );
  const top = (q: string) => retriever.search(q).candidates[0]?.procedure.code;

  it('reads ages from the message and age ranges from titles', () => {
    expect(queryAges('lam can cuoc cho con 15 tuoi')).toEqual([15]);
    expect(queryAges('be 3 thang tuoi')).toEqual([0]);
    expect(queryAges('nop 15 ngay')).toEqual([]);
    expect(titleAgeRange('cap the can cuoc cho nguoi duoi 14 tuoi')).toEqual({ below: 14 });
    expect(titleAgeRange('cap the can cuoc cho nguoi tu du 14 tuoi tro len')).toEqual({ min: 14 });
    expect(ageExcluded([15], { below: 14 })).toBe(true);
    expect(ageExcluded([14], { min: 14 })).toBe(false);
    expect(ageExcluded([], { min: 14 })).toBe(false);
  });

  it('puts the title whose range holds the age first', () => {
    expect(top('làm căn cước cho con 15 tuổi')).toBe('4.000002');
    expect(top('làm căn cước cho bé 10 tuổi')).toBe('4.000001');
    expect(top('con 14 tuổi làm căn cước')).toBe('4.000002');
  });
});
