// Chat abbreviations and slang, keyed by folded token (see foldText). Domain synonyms that
// editors maintain (sổ đỏ, cà vẹt, bằng lái…) live in knowledge/synonyms.yaml instead; this list
// is the language of chat itself and the abbreviations every public office uses.

export const SLANG: Readonly<Record<string, string>> = {
  // negation, question particles, pronouns
  ko: 'khong', k: 'khong', kh: 'khong', hok: 'khong', hem: 'khong', kg: 'khong', khg: 'khong', hk: 'khong',
  dc: 'duoc', dk: 'dang ky', duoc: 'duoc', dx: 'duoc',
  j: 'gi', ji: 'gi', z: 'vay', v: 'vay', zay: 'vay', dzay: 'vay', vay: 'vay',
  vs: 'voi', mk: 'minh', mik: 'minh', mh: 'minh', e: 'em', ah: 'a', ak: 'a', r: 'roi',
  ng: 'nguoi', ngta: 'nguoi ta', nc: 'nuoc', ntn: 'nhu the nao', bn: 'bao nhieu', bnh: 'bao nhieu',
  bnhieu: 'bao nhieu', bnhiu: 'bao nhieu', bh: 'bao gio', bjo: 'bao gio', bgio: 'bao gio',
  mun: 'muon', mn: 'moi nguoi', lm: 'lam', tg: 'thoi gian', tks: 'cam on', thks: 'cam on',
  thanks: 'cam on', thank: 'cam on', ok: 'ok', oke: 'ok', okie: 'ok', okela: 'ok', uh: 'u', uk: 'u',
  sdt: 'so dien thoai', tk: 'tai khoan', bik: 'biet', bit: 'biet', wa: 'qua', qa: 'qua', nhiu: 'nhieu',
  // public administration
  cccd: 'can cuoc cong dan', cmnd: 'chung minh nhan dan', cmt: 'chung minh nhan dan', 
  gplx: 'giay phep lai xe', dkkd: 'dang ky kinh doanh', gpkd: 'giay phep kinh doanh', mst: 'ma so thue',
  bhxh: 'bao hiem xa hoi', bhyt: 'bao hiem y te', bhtn: 'bao hiem that nghiep', tncn: 'thu nhap ca nhan',
  gtgt: 'gia tri gia tang', tndn: 'thu nhap doanh nghiep', htx: 'hop tac xa', dn: 'doanh nghiep',
  cty: 'cong ty', ct: 'cong ty', tnhh: 'trach nhiem huu han', ubnd: 'uy ban nhan dan', hdnd: 'hoi dong nhan dan',
  gcn: 'giay chung nhan', gcnqsdd: 'giay chung nhan quyen su dung dat', qsdd: 'quyen su dung dat',
  qsd: 'quyen su dung', tthc: 'thu tuc hanh chinh', dvc: 'dich vu cong', vp: 'van phong',
  vpcc: 'van phong cong chung', csgt: 'canh sat giao thong', nhnn: 'ngan hang nha nuoc',
  hddt: 'hoa don dien tu', xnc: 'xuat nhap canh', pccc: 'phong chay chua chay', xkld: 'xuat khau lao dong',
  hs: 'ho so', kd: 'kinh doanh', hkd: 'ho kinh doanh', tp: 'thanh pho', ks: 'khai sinh',
  gks: 'giay khai sinh', dkx: 'dang ky xe', dkxe: 'dang ky xe', ttcn: 'thue thu nhap ca nhan',
  nvqs: 'nghia vu quan su', ccb: 'cuu chien binh', hcm: 'ho chi minh', dvcqg: 'dich vu cong quoc gia',
  tthcc: 'trung tam hanh chinh cong', bpmc: 'bo phan mot cua', gpxd: 'giay phep xay dung', xd: 'xay dung',
  gd: 'gia dinh', sv: 'sinh vien', hsinh: 'hoc sinh', bvtv: 'bao ve thuc vat', nk: 'nhap khau', xk: 'xuat khau',
  pl: 'phap luat', qd: 'quyet dinh', vb: 'van ban', 
};

/** Expands a folded token; returns the token itself when it is not an abbreviation. */
export function expandSlang(token: string): string {
  return SLANG[token] ?? token;
}

/**
 * Abbreviations that name what a procedure is about (a document, a tax, a kind of organisation).
 * Editors write them in aliases the way citizens do ("làm cccd lần đầu"); the index expands them
 * as a message is expanded, so such an alias matches "lam cccd". Chat particles (k, j, e, r…) are
 * not expanded in the knowledge base: there "k" is more often a letter ("chiến trường B, C, K").
 */
export const SUBJECT_ABBREVIATIONS: ReadonlySet<string> = new Set([
  'cccd', 'cmnd', 'gplx', 'bhxh', 'bhyt', 'tncn', 'htx', 'mst', 'gpxd', 'gcn', 'hkd', 'nvqs', 'dkkd', 'gpkd',
]);

/** Folded text with the subject abbreviations expanded (knowledge-base aliases). */
export function expandSubjectAbbreviations(folded: string): string {
  return folded.replace(/[a-z0-9]+/g, (w) => (SUBJECT_ABBREVIATIONS.has(w) ? expandSlang(w) : w));
}

