// Field (lĩnh vực) and ministry vocabulary shared by the importer, the validator and stats.

/**
 * Fields where citizens ask most often; `kb check --strict-aliases` requires more aliases here.
 * Names are spelled exactly as in the national database records under ../shared/data/raw.
 */
export const CITIZEN_HEAVY_FIELDS: readonly string[] = [
  'Hộ tịch',
  'Chứng thực',
  'Đăng ký, quản lý cư trú',
  'Cấp, quản lý căn cước',
  'Đất đai',
  'Đường bộ',
  'Sát hạch, cấp giấy phép lái xe',
  'Thuế',
  'Bảo hiểm',
  'Thực hiện chính sách BHXH',
  'Chính sách',
  'Nghĩa vụ quân sự',
];

/** Minimum aliases per procedure enforced by `--strict-aliases`. */
export const MIN_ALIASES = 3;
export const MIN_ALIASES_CITIZEN_HEAVY = 8;

export function minAliasesFor(field: string): number {
  return CITIZEN_HEAVY_FIELDS.includes(field) ? MIN_ALIASES_CITIZEN_HEAVY : MIN_ALIASES;
}

/** Folder names of the chatbot-tthc export mapped to the ministry (or sector) they cover. */
export const MINISTRY_BY_FOLDER: Readonly<Record<string, string>> = {
  'bo-cong-an': 'Bộ Công an',
  'bo-nong-nghiep-mt': 'Bộ Nông nghiệp và Môi trường',
  'bo-tai-chinh': 'Bộ Tài chính',
  'bo-tu-phap': 'Bộ Tư pháp',
  'bo-xay-dung': 'Bộ Xây dựng',
  'ngan-hang-nha-nuoc': 'Ngân hàng Nhà nước Việt Nam',
  'toa-an-nhan-dan': 'Tòa án nhân dân tối cao',
  'bo-quoc-phong': 'Bộ Quốc phòng',
};

/** Fold Vietnamese to ASCII and hyphenate: "Đăng ký, quản lý cư trú" → "dang-ky-quan-ly-cu-tru". */
export function slugify(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Key used to compare aliases and titles: NFC, lower case, single spaces. */
export function aliasKey(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
}
