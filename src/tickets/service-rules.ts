// Lifecycle rules of the ticket service and the Vietnamese texts it sends or returns to staff.
//
//   new ──► assigned ──► in_progress ──► answered ──► closed
//    │         │             ▲               │           │
//    └─────────┴─────────────┘ (skip ahead)  └── reopen ◄┘  (→ in_progress)
//
// new: received by the 1022 intake team, no agency yet. assigned: an agency is responsible
// (automatic routing or a transfer). in_progress: an officer works on it (take, reply while
// live, or by hand). answered: the citizen got an answer. closed: done (a reason is required).
// Going back (e.g. in_progress → new) is refused; transfer and reopen are separate actions.
import type { TicketStatus } from './types.js';

export const STATUS_TRANSITIONS: Readonly<Record<TicketStatus, readonly TicketStatus[]>> = {
  new: ['assigned', 'in_progress', 'answered'],
  assigned: ['in_progress', 'answered'],
  in_progress: ['answered'],
  answered: [],
  closed: [],
};

/** Statuses from which /close is allowed (every status but closed). */
export const CLOSABLE: readonly TicketStatus[] = ['new', 'assigned', 'in_progress', 'answered'];
export const REOPENABLE: readonly TicketStatus[] = ['answered', 'closed'];
/** Statuses in which an officer may chat live or transfer the ticket. */
export const WORKABLE: readonly TicketStatus[] = ['new', 'assigned', 'in_progress'];

export const STATUS_LABELS: Readonly<Record<TicketStatus, string>> = {
  new: 'mới tiếp nhận',
  assigned: 'đã chuyển cơ quan',
  in_progress: 'đang xử lý',
  answered: 'đã trả lời',
  closed: 'đã đóng',
};

export const MAX_STAFF_TEXT = 4000;

/** Why a status change is refused, or undefined when it is allowed via POST …/status. */
export function statusChangeError(from: TicketStatus, to: TicketStatus): string | undefined {
  if (from === to) return `Phiếu đã ở trạng thái "${STATUS_LABELS[to]}".`;
  if (to === 'closed') return 'Đóng phiếu bằng thao tác "đóng phiếu" (cần nêu lý do).';
  if (to === 'new') return 'Không thể đưa phiếu về trạng thái "mới tiếp nhận".';
  if (STATUS_TRANSITIONS[from].includes(to)) return undefined;
  if (from === 'closed' || from === 'answered') return `Phiếu ${STATUS_LABELS[from]}: cần mở lại phiếu trước.`;
  return `Không thể chuyển phiếu từ "${STATUS_LABELS[from]}" sang "${STATUS_LABELS[to]}".`;
}

// ── Texts the citizen reads ──────────────────────────────────────────────────────────────────

export function ratingQuestion(code: string): string {
  return [
    `Phiếu ${code} của bạn đã được đóng. Cảm ơn bạn đã liên hệ Tổng đài 1022.`,
    'Bạn vui lòng đánh giá mức độ hài lòng từ 1 đến 5 (5 là rất hài lòng) bằng cách nhắn một số, ví dụ: 5 sao.',
  ].join('\n');
}

export function ratingThanks(code: string, rating: number): string {
  return `Cảm ơn bạn đã đánh giá ${rating} sao cho phiếu ${code}. Ý kiến của bạn giúp chúng tôi phục vụ tốt hơn.`;
}

/** Choice ids of rating buttons, same shape as the core's choice ids. */
export const RATING_CHOICE_PREFIX = 'rating:';

/** "4", "4 sao", "4/5", "4 điểm", "⭐⭐⭐⭐" or a rating button → 4; anything else undefined. */
export function parseRating(text: string, choiceId?: string): number | undefined {
  if (choiceId?.startsWith(RATING_CHOICE_PREFIX)) {
    const n = Number(choiceId.slice(RATING_CHOICE_PREFIX.length));
    return Number.isInteger(n) && n >= 1 && n <= 5 ? n : undefined;
  }
  const t = text.normalize('NFC').trim().toLocaleLowerCase('vi').replace(/[.!]+$/u, '').trim();
  const stars = /^(?:⭐\uFE0F?){1,5}$/u.exec(t);
  if (stars) return [...t.replace(/\uFE0F/g, '')].length;
  const m = /^([1-5])\s*(?:sao|\*|điểm|diem|d|đ|\/\s*5)?$/u.exec(t);
  return m ? Number(m[1]) : undefined;
}
