// Dialogue helpers: numbered choices, yes/no answers to an offer, and whether a message is a
// follow-up about the procedure under discussion.
import type { Section } from '../knowledge/types.js';
import { foldText, isStopword, normalizeQuery } from '../text/index.js';
import type { ConversationState } from './ports.js';
import { sectionCueSpans } from './section.js';

const NUMBER_WORDS: Record<string, number> = {
  mot: 1, nhat: 1, 'dau tien': 1, dau: 1, hai: 2, nhi: 2, ba: 3, bon: 4, tu: 4, nam: 5, sau: 6, bay: 7, tam: 8, chin: 9,
};

const LEAD = /^(?:(?:em|toi|minh|tui|chau|con|chon|lay|xem|cai|so|thu tuc|thu|muc|phuong an|y|la|dap an|lua chon|ok|vang|da|u)\s+)+/;
const TRAIL = /(?:\s+(?:a|nhe|nha|di|ad|ban|oi|vay|ah|ak|nhe ban|a ad|giup|giup em|giup toi|gium|dum))+$/;

/**
 * Parses a reply that picks a numbered option: "2", "số 2", "cái thứ hai", "chọn 3 nhé",
 * "cái đầu tiên", "cái cuối". Returns the 1-based index, 'last', or undefined when the message
 * is not (only) a choice.
 */
export function parseChoiceNumber(text: string): number | 'last' | undefined {
  const raw = text.trim();
  if (/^\d{1,2}\s*[.)]?$/.test(raw)) return Number.parseInt(raw, 10);
  const folded = normalizeQuery(raw).folded;
  if (folded === '' || folded.split(' ').length > 6) return undefined;
  const core = folded.replace(LEAD, '').replace(TRAIL, '').trim();
  if (/^\d{1,2}$/.test(core)) return Number.parseInt(core, 10);
  if (/^cuoi(?: cung)?$/.test(core)) return 'last';
  const word = NUMBER_WORDS[core];
  // Bare words like "ba" or "nam" are only numbers after "số / thứ / cái / chọn".
  if (word !== undefined && core !== folded) return word;
  if (core === 'dau tien') return 1;
  return undefined;
}

const YES = /^(?:co|co a|da co|vang|vang a|da|u|uh|ok|dong y|dong y a|duoc|yes|muon|co chuyen|chuyen|chuyen di|chuyen giup|nho chuyen|chuyen can bo|chuyen giup em|chuyen giup toi|co nhe|ok chuyen)$/;
const NO = /^(?:thoi |da |u |vang |dạ )?(?:khong|khoi|no|chua can|de sau|thoi)(?: (?:can|can dau|a|nha|nhe|dau|chuyen|khong|thoi))*$/;

export function parseYesNo(text: string): 'yes' | 'no' | undefined {
  const f = normalizeQuery(text).folded.replace(TRAIL, '').replace(/\s+(?:cam on|nha|nhe)$/, '').trim();
  if (YES.test(f)) return 'yes';
  if (NO.test(f)) return 'no';
  return undefined;
}

/** Words that carry no procedure content in a follow-up ("còn … thì sao", "thủ tục này"). */
const FOLLOW_FILLERS = new Set([
  'con', 'the', 'thi', 'sao', 'nay', 'cai', 'do', 'no', 've', 'cua', 'phan', 'muc', 'them', 'tiep', 'lai', 'ra', 'can',
  'lam', 'nop', 'tren', 'qua', 'o', 'tai', 'trong', 'khi', 'luc', 'co', 'cac', 'mot', 'may', 'bao', 'hay',
  'vi', 'ma', 'neu', 'tu', 'toi', 'ban', 'ca', 'chi', 'het', 'moi', 'nhu', 'vay', 'hoi', 'xem', 'cung', 'mat', 'ton',
  'duoc', 'khong', 'di', 'phai', 'muon', 'biet', 'gi', 'nao', 'luon', 'nua', 'tien',
]);
const FILLER_PAIRS = /\b(?:ho so|giay to|thu tuc|the nao|nhu the nao|ket qua|cho toi hoi|cho em hoi|xin hoi)\b/g;

/** Content words of a message once section cues, stopwords and follow-up fillers are removed. */
export function procedureContent(folded: string): string[] {
  const chars = [...folded];
  for (const [s, e] of sectionCueSpans(folded)) for (let i = s; i < e; i++) chars[i] = ' ';
  const rest = chars.join('').replace(FILLER_PAIRS, ' ');
  return rest.split(/\s+/).filter((t) => t !== '' && !isStopword(t) && !FOLLOW_FILLERS.has(t) && !/^\d+$/.test(t));
}

export interface FollowUpInput {
  folded: string;
  section: { section: Section; explicit: boolean };
  state: ConversationState | undefined;
  /** Code of the top search candidate, if any. */
  topCode?: string;
  /** True when the policy would answer the search on its own. */
  confident: boolean;
}

/**
 * A message is a follow-up about the procedure under discussion when it names a section and
 * carries no (or only weak) procedure content of its own: "còn lệ phí?", "nộp online được
 * không", "mất bao lâu". A message naming another procedure replaces the topic.
 */
export function isFollowUp(i: FollowUpInput): boolean {
  if (!i.state?.procedureCode || !i.section.explicit) return false;
  if (i.topCode === i.state.procedureCode) return true;
  const content = procedureContent(i.folded);
  if (content.length <= 1) return true;
  return content.length <= 3 && !i.confident;
}

/** "còn hộ chiếu?", "thế còn khai tử" — a new procedure asked about the previous section. */
export function inheritsSection(folded: string): boolean {
  return /^(?:the |vay |con )?con\b|^(?:the|vay) thi\b|^(?:the|vay) (?:con )?(?:doi voi|voi|ve)\b|^con (?:doi voi|voi|ve)\b/.test(folded);
}

/**
 * Picks one of the listed procedures from words of its title ("cái cấp lại", "dưới 14 tuổi"):
 * the only candidate whose title holds every content word of the message. Undefined otherwise.
 */
export function pickByTitle(folded: string, titles: string[]): number | undefined {
  const words = procedureContent(folded);
  if (words.length === 0) return undefined;
  const hits: number[] = [];
  titles.forEach((t, i) => {
    const own = new Set(foldText(t).split(/[^a-z0-9]+/));
    if (words.every((w) => own.has(w))) hits.push(i);
  });
  return hits.length === 1 ? hits[0] : undefined;
}
