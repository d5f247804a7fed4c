// Which part of a procedure a message asks about. Rules over the folded, slang-expanded text;
// conflicts are resolved by rule weight plus position (the last thing asked usually wins).
//
// Rule of the domain: a deadline the citizen must meet ("nộp chậm nhất ngày nào", "trong bao
// nhiêu ngày phải báo") belongs to the steps; how long the office takes is `time`.
import type { SearchOptions, SectionGuess } from '../knowledge/search-types.js';
import type { Section } from '../knowledge/types.js';
import { normalizeQuery } from '../text/index.js';

interface SectionRule {
  section: Section;
  re: RegExp;
  weight: number;
  /** Generic cue ("thế nào", "được không"): used only when no specific cue is present. */
  generic?: boolean;
}

// Gaps ("(?: \\w+){0,3}") become capturing groups so that the words inside them, which may
// name the procedure ("đăng ký kết hôn nộp online"), are not counted as part of the cue.
const GAP = /\(\?:( \\w\+|\\w\+ )\)\{0,(\d+)\}/g;

const rule = (section: Section, src: string, weight: number, generic = false): SectionRule => ({
  section,
  re: new RegExp(`\\b(?:${src.replace(GAP, '((?:$1){0,$2})')})\\b`, 'gd'),
  weight,
  generic,
});

const DUE_VERB = '(?:nop|dang ki|dang ky|khai bao|khai|bao|lam|di lam|di dang ki|di khai|thong bao|trinh bao|gia han|doi|dong)';
const SPAN = '(?:bao lau|may ngay|bao nhieu ngay|may thang|bao nhieu thang|cham nhat|truoc ngay nao|han chot)';

const RULES: SectionRule[] = [
  // deadlines the citizen must meet → steps (beats "bao nhiêu ngày" as time)
  rule('steps', `(?:trong (?:vong |thoi han )?)?${SPAN}(?: \\w+){0,4} (?:phai|thi phai|can phai|la phai|moi duoc)(?: di)? ${DUE_VERB}`, 3),
  rule('steps', `phai ${DUE_VERB}(?: \\w+){0,5} (?:trong (?:vong |thoi han )?)?${SPAN}`, 3),
  rule('steps', `cham nhat(?: la)? (?:ngay nao|khi nao|bao lau|luc nao)|han chot|han cuoi|thoi han (?:nop|dang ki|khai|bao|dong)|han (?:nop|dang ki|khai bao|dong)`, 3),
  rule('steps', 'trinh tu|cac buoc|quy trinh|buoc (?:dau|tiep theo|nao)|cach (?:thuc )?(?:lam|thuc hien|dang ki|nop|lam ho so)|huong dan (?:cach|lam|thu tuc|nop|dang ki)|bat dau tu dau|(?:can|phai) lam (?:gi|nhung gi) (?:de|truoc)', 1.8),
  rule('steps', 'lam sao|lam the nao|nhu the nao|the nao|ra sao|lam gi|lam nhu nao|lam ntn', 1, true),

  rule('documents', '(?:ho so|to trinh|don|bo ho so)(?: \\w+){0,10} (?:gom|bao gom|can co|phai co|co) (?:nhung )?(?:gi|nao|noi dung gi|giay to gi|nhung gi)|(?:gom|bao gom) (?:nhung )?(?:gi|giay to gi|tai lieu gi)|(?:can|phai|chuan bi|mang|nop)(?: \\w+){0,2} (?:ho so|giay to|giay|tai lieu|noi dung) (?:gi|nao)|(?:can co|phai co|gom) (?:nhung )?(?:noi dung|tai lieu|thanh phan) (?:gi|nao)', 2),
  rule('documents', 'giay to|thanh phan ho so|ho so (?:gom|can|bao gom|co nhung|co gi|nhu the nao|can nhung gi)|can (?:nhung )?gi|can (?:mang|chuan bi|nop|co) (?:theo )?(?:gi|nhung gi|giay)|(?:mang|chuan bi|nop|photo|cong chung) (?:theo )?(?:nhung )?(?:gi|giay gi)|mau (?:don|to khai)|to khai|ban sao|ban chinh|giay gi|bo ho so|mau so', 2),
  rule('fees', 'le phi|chi phi|mien phi|(?:mat|ton|tra|dong|thu|muc|khoan|het|nop|tinh) phi|phi (?:bao nhieu|la bao nhieu|la|nhu the nao|gi|het)|bao nhieu tien|het bao nhieu|ton bao nhieu|dong bao nhieu|mat bao nhieu(?! (?:ngay|lau|thoi gian|tuan|thang|buoi|gio))|bao nhieu (?:k|nghin|ngan|dong|xu)|tien (?:phi|le phi)|(?:co )?(?:mat|ton) (?:tien|phi)|gia (?:bao nhieu|tien|ca)', 2),
  rule('fees', 'bao nhieu(?: vay| a| ha| nhi| the)?$', 1, true),
  rule('time', 'bao lau|bao nhieu lau|may ngay|bao nhieu ngay|may hom|bao nhieu hom|may bua|bao nhieu bua|may tuan|bao nhieu tuan|may thang|thoi gian(?! lam viec)|thoi han giai quyet|(?:khi nao|bao gio|luc nao|hom nao|ngay nao|chung nao|bua nao) (?:thi )?(?:co|nhan|lay|duoc nhan|duoc cap|xong|tra)|(?:co|nhan|lay|tra) (?:ket qua )?(?:khi nao|bao gio|luc nao)|lau khong|nhanh khong|co nhanh|lay (?:lien|ngay|lien duoc|gap|nhanh)|lam (?:gap|nhanh|hoa toc)|hoa toc|trong ngay|ngay lam viec|bao nhieu ngay lam viec', 2),
  rule('where', 've que (?:lam|nop|dang ki|khai)|(?:lam|nop|dang ki) (?:o|tai) (?:que|noi (?:dang )?o|cho (?:dang )?o|noi (?:thuong|tam) tru)|o dau|tai dau|noi nao|cho nao|co quan nao|dia chi|nop cho ai|(?:phuong|xa|so|co quan|ubnd|uy ban|bo phan|phong) nao|ai (?:giai quyet|cap|tiep nhan|xu li|xu ly)|(?:noi|cho) (?:nop|lam|tiep nhan|giai quyet)|(?:den|len|ra|xuong|toi|qua) dau (?:de )?(?:nop|lam|xin|dang ki|khai)|di dau|(?:xa|phuong|tinh|huyen) hay (?:o |tai )?(?:xa|phuong|tinh|huyen|trung uong|bo)|(?:nop|lam) (?:o|tai) (?:xa|phuong|tinh|huyen|ubnd|uy ban|cong an)(?: \\w+){0,3} (?:hay|hoac|duoc khong|khong)', 2),
  rule('result', '(?:nhan duoc|duoc nhan|duoc cap|se duoc|se nhan)(?: \\w+){0,2} (?:nhung )?(?:giay to|giay|van ban|quyet dinh|ket qua)(?: \\w+)? (?:gi|nao)|ket qua (?:nhan duoc )?la (?:giay to|giay|van ban|gi)', 2.5),
  rule('result', '(?:duoc|se duoc|nhan duoc|nhan|lay) (?:cap )?(?:giay|cai|thu|van ban) (?:gi|nao)|nhan (?:duoc|lai) (?:gi|cai gi|nhung gi)|ket qua (?:la gi|nhan duoc|gom|cua thu tuc|giai quyet la)|duoc cap (?:giay )?gi|co (?:duoc )?(?:giay|cai) gi', 2.1),
  rule('conditions', 'dieu kien|du dieu kien|du \\d+ tuoi|\\d+ tuoi (?:moi|tro len|tro xuong|thi (?:duoc|moi)|co duoc)|ai (?:thi )?(?:duoc|moi duoc) (?:huong|nhan|cap|mien|giam|ho tro|xet)|tieu chuan|bao nhieu tuoi|may tuoi|du tuoi|(?:tren|duoi) \\d+ tuoi|truong hop nao|khi nao (?:thi )?phai|co bat buoc|bat buoc|(?:co )?bi phat|co can (?:phai )?(?:\\w+ ){0,4}khong|duoc phep', 1.8),
  rule('conditions', 'co duoc (?:\\w+ ){0,9}khong|duoc khong|co phai (?:\\w+ ){0,9}khong|co the (?:\\w+ ){0,9}khong|co duoc khong', 1, true),
  rule('applicant', 'ai (?:duoc |co the |phai |se |can )?(?:lam|nop|dung ten|dang ki|di nop|thuc hien|di lam|dung don|ki)|ai la nguoi (?:di |phai |duoc |dung ra )?(?:lam|nop|khai|dang ki|ki|di|dung ten)|ai nop|doi tuong|nguoi nao (?:duoc|phai|co the)|uy quyen|nho (?:nguoi|ai)|(?:lam|nop|di) (?:thay|giup|gium|dum|ho (?:duoc|cho|minh|toi|em))|nguoi than (?:nop|lam|di)|(?:cha|me|bo|vo|chong|con|anh|chi|em) (?:toi |minh |em )?(?:nop|lam|di) (?:thay|giup|gium|dum|ho (?:duoc|cho|minh|toi|em|khong))', 2.2),
  rule('legal', '(?:dieu|khoan|luat|nghi dinh|thong tu|quyet dinh|van ban) (?:nao|gi|so may|so bao nhieu)|can cu(?: phap li| phap ly| nao| vao dau| gi)?|co so phap li|quy dinh (?:o|tai) dau|theo (?:luat|quy dinh|van ban) nao|van ban phap luat|van ban quy pham|nghi dinh|thong tu|bo luat', 2.2),
  rule('online', '(?:nop|lam|dang ki|thuc hien|gui|khai)(?: \\w+){0,3} (?:online|truc tuyen|qua mang|tren mang|qua (?:cong|app|ung dung|dien thoai|zalo)|qua vneid|tren vneid|qua dich vu cong|tren dich vu cong|qua buu dien|qua buu chinh)|online|truc tuyen|qua mang|tren mang|vneid|dich vu cong|cong dich vu|tai nha (?:duoc|khong)|khong can (?:den|len|ra) |buu dien|buu chinh', 2.2),
];

export interface SectionDetection extends SectionGuess {
  /** Rule weight of the winning cue (0 for the overview fallback); generic cues weigh 1. */
  strength: number;
  /** Other sections named in the same message ("cần gì, nộp ở đâu"); at most 2. */
  also: Section[];
  /** All sections named, in the order asked (at most 3, always including `section`). */
  asked: Section[];
}

interface Hit {
  section: Section;
  weight: number;
  start: number;
  end: number;
  generic: boolean;
  /** Spans of gap words inside the match (not part of the cue). */
  gaps: Array<[number, number]>;
}

function collect(folded: string): Hit[] {
  const hits: Hit[] = [];
  for (const r of RULES) {
    r.re.lastIndex = 0;
    for (let m = r.re.exec(folded); m; m = r.re.exec(folded)) {
      const gaps: Array<[number, number]> = [];
      for (const g of m.indices?.slice(1) ?? []) if (g && g[1] > g[0]) gaps.push([g[0], g[1]]);
      hits.push({ section: r.section, weight: r.weight, start: m.index, end: m.index + m[0].length, generic: r.generic ?? false, gaps });
      if (m[0].length === 0) r.re.lastIndex++;
    }
  }
  return hits;
}

/** Detects the section from already-folded text (normalizeQuery(text).folded). */
export function detectSectionFolded(folded: string): SectionDetection {
  let hits = collect(folded);
  // A hit overlapped by a heavier one is part of it ("bao nhiêu ngày phải báo" is not `time`).
  hits = hits.filter((h) => !hits.some((o) => o !== h && o.weight > h.weight && o.start < h.end && h.start < o.end));
  const specific = hits.filter((h) => !h.generic);
  const pool = specific.length > 0 ? specific : hits;
  if (pool.length === 0) return { section: 'overview', explicit: false, strength: 0, also: [], asked: ['overview'] };
  const len = Math.max(1, folded.length);
  let top = pool[0]!;
  let topScore = -1;
  for (const h of pool) {
    const score = h.weight + h.end / len;
    if (score > topScore) {
      top = h;
      topScore = score;
    }
  }
  const ordered: Section[] = [];
  for (const h of [...pool].sort((a, b) => a.start - b.start)) if (!ordered.includes(h.section)) ordered.push(h.section);
  const also = ordered.filter((s) => s !== top.section).slice(0, 2);
  const asked = ordered.filter((s) => s === top.section || also.includes(s));
  return { section: top.section, explicit: true, strength: top.weight, also, asked };
}

export function detectSection(text: string): SectionDetection {
  return detectSectionFolded(normalizeQuery(text).folded);
}

/** Words the section cues consist of: a message made only of these carries no procedure content. */
export function sectionCueSpans(folded: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  for (const h of collect(folded)) {
    let from = h.start;
    for (const [gs, ge] of [...h.gaps].sort((a, b) => a[0] - b[0])) {
      if (gs > from) spans.push([from, gs]);
      from = Math.max(from, ge);
    }
    if (h.end > from) spans.push([from, h.end]);
  }
  return spans;
}

export const SECTION_LABELS: Record<Section, string> = {
  overview: 'Thông tin chung',
  documents: 'Giấy tờ cần nộp',
  fees: 'Lệ phí',
  time: 'Thời gian giải quyết',
  steps: 'Các bước thực hiện',
  where: 'Nơi nộp hồ sơ',
  result: 'Kết quả nhận được',
  conditions: 'Điều kiện',
  applicant: 'Ai được nộp',
  legal: 'Căn cứ pháp lý',
  online: 'Nộp trực tuyến',
};

/** How the bot searches a citizen's message: section cue words weigh less (the eval ranks the same way). */
export const MESSAGE_SEARCH: Pick<SearchOptions, 'cueSpans'> = { cueSpans: sectionCueSpans };
