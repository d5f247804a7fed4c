// The in-memory shape of the knowledge base. The files under knowledge/ are the source of truth;
// knowledge/README.md documents them for editors and the loader turns them into these values.

/** Administrative level at which a procedure is carried out (after the 2025 two-level reform). */
export type Level = 'bo' | 'tinh' | 'xa' | 'khac';

/** How a dossier can be submitted; each channel can have its own time and fee. */
export type SubmitChannel = 'truc-tiep' | 'truc-tuyen' | 'buu-chinh';

export interface ChannelRow {
  channel: SubmitChannel;
  /** Processing time as printed by the national database, e.g. "15 Ngày làm việc". */
  time: string;
  /** Fee text as printed, e.g. "Lệ phí : 50.000 Đồng"; "" when the record says nothing. */
  fee: string;
  /** Free-text note of that row (conditions of the time or fee). */
  note: string;
}

export interface DocumentRow {
  /** Case heading the document belongs to ("Trường hợp ..."), "" when the list has one case. */
  group: string;
  name: string;
  /** Form (mẫu đơn, tờ khai) file or code, "" when none. */
  form: string;
  /** Copies as printed, e.g. "1 bản chính", "Bản chính: 1, Bản sao: 0". */
  copies: string;
}

export interface LegalRow {
  /** Document number, e.g. "68/2013/TT-BCA". */
  number: string;
  title: string;
}

export interface Procedure {
  /** National procedure code (mã thủ tục), e.g. "1.000178". */
  code: string;
  title: string;
  /** Lĩnh vực as in the national database. */
  field: string;
  levels: Level[];
  /** Level labels as printed ("Cấp bộ", "Cấp tỉnh", "Cấp xã"). */
  levelText: string;
  /** Issuing decision (số quyết định). */
  decision: string;
  /** Ministry or sector the record comes from, e.g. "Bộ Công an". */
  ministry: string;
  /** Cơ quan thực hiện. */
  agencies: string[];
  /** Cơ quan có thẩm quyền. */
  competentAgencies: string[];
  applicants: string[];
  /** Địa chỉ tiếp nhận hồ sơ, "" when not given. */
  submitAddress: string;
  channels: ChannelRow[];
  documents: DocumentRow[];
  legal: LegalRow[];
  /** Prose sections (Markdown body). */
  steps: string;
  conditions: string;
  result: string;
  description: string;
  portalUrl: string;
  /** ISO date of the last content change. */
  updated: string;
  /** Ways citizens ask for this procedure, in everyday words. */
  aliases: string[];
  /** Path of the source file relative to the knowledge directory. */
  file: string;
  /** Import source, e.g. "chatbot-tthc/bo-cong-an/1.000178.json" ("" when written by hand). */
  source?: string;
  /** Tables the importer could not split into rows (their text is kept in one row). */
  unparsed?: Array<'channels' | 'documents' | 'legal'>;
}

export interface Synonym {
  /** The official term (as in procedure titles), e.g. "giấy chứng nhận quyền sử dụng đất". */
  official: string;
  /** Everyday words and abbreviations for it, e.g. ["sổ đỏ", "bìa đỏ"]. */
  variants: string[];
}

export interface Agency {
  id: string;
  name: string;
  level: Level;
  /** Fields (lĩnh vực) this agency handles; matched against Procedure.field. */
  fields: string[];
  /** Where citizens submit dossiers for those fields. */
  submit: string;
  /** Optional keywords of agency names in procedure records that route to this agency. */
  matches: string[];
}

export interface AgencyDirectory {
  province: string;
  /** Agency that takes tickets with no known agency (the 1022 intake team). */
  intake: string;
  agencies: Agency[];
}

export interface KnowledgeBase {
  procedures: Procedure[];
  byCode: Map<string, Procedure>;
  synonyms: Synonym[];
  agencies: AgencyDirectory;
  /** Content hash of all files: changes whenever any knowledge file changes. */
  version: string;
  loadedAt: string;
}

/** Section of a procedure a citizen can ask about. */
export type Section =
  | 'overview'
  | 'documents'
  | 'fees'
  | 'time'
  | 'steps'
  | 'where'
  | 'result'
  | 'conditions'
  | 'applicant'
  | 'legal'
  | 'online';

export const SECTIONS: readonly Section[] = [
  'overview',
  'documents',
  'fees',
  'time',
  'steps',
  'where',
  'result',
  'conditions',
  'applicant',
  'legal',
  'online',
];
