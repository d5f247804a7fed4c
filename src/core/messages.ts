// Vietnamese templates for everything except procedure answers: choices, clarify, escalate,
// tickets, status, small talk. Texts never repeat what the citizen wrote (it may hold personal data).
import type { Procedure, Section } from '../knowledge/types.js';
import { normalizeQuery } from '../text/index.js';
import type { TicketStatusView } from './ports.js';
import { SECTION_LABELS } from './section.js';
import type { Choice, OutgoingMessage, TicketType } from './types.js';

export const HOTLINE = '1022';

/** Text plus numbered lines: channels without buttons still show the options. */
export function withChoices(intro: string, choices: Choice[], outro?: string): OutgoingMessage {
  const lines = [intro, ...choices.map((c, i) => `${i + 1}. ${c.label}`)];
  if (outro) lines.push(outro);
  return { text: lines.join('\n'), choices };
}

export const procedureChoiceId = (code: string): string => `p:${code}`;
export const sectionChoiceId = (s: Section): string => `s:${s}`;
export const YES_ID = 'offer:yes';
export const NO_ID = 'offer:no';

/** Titles of the national database can run to 300 characters; a list needs them short. */
function shortTitle(title: string): string {
  const t = title.trim().replace(/\.$/, '');
  return t.length <= 140 ? t : `${t.slice(0, t.lastIndexOf(' ', 138)).trimEnd()} …`;
}

export function clarifyMessage(candidates: Procedure[]): OutgoingMessage {
  const choices = candidates.map((p) => ({ id: procedureChoiceId(p.code), label: shortTitle(p.title) }));
  return withChoices('Bạn muốn hỏi thủ tục nào?', choices, 'Bạn nhắn số thứ tự (ví dụ: 1) hoặc bấm vào lựa chọn.');
}

/** Sections offered after an answer, most asked first. */
export const FOLLOW_UP_SECTIONS: readonly Section[] = ['documents', 'fees', 'time', 'where', 'online', 'steps'];

export function sectionChoices(answered: readonly Section[]): Section[] {
  return FOLLOW_UP_SECTIONS.filter((s) => !answered.includes(s)).slice(0, 5);
}

export function moreSectionsMessage(sections: Section[]): OutgoingMessage {
  const choices = sections.map((s) => ({ id: sectionChoiceId(s), label: SECTION_LABELS[s] }));
  return withChoices('Bạn có thể hỏi thêm về thủ tục này:', choices);
}

export function escalateMessage(reason: 'no-match' | 'low-confidence', canTicket: boolean): OutgoingMessage {
  const first =
    reason === 'no-match'
      ? 'Tôi chưa tìm được thủ tục phù hợp với câu hỏi của bạn.'
      : 'Tôi chưa tìm được thủ tục phù hợp chắc chắn với câu hỏi của bạn.';
  const tip = 'Bạn có thể hỏi lại, nêu rõ tên thủ tục (ví dụ: "đăng ký khai sinh cần giấy tờ gì").';
  if (!canTicket) {
    return { text: `${first}\n${tip}\nHoặc gọi tổng đài ${HOTLINE} để được cán bộ hướng dẫn.` };
  }
  return withChoices(`${first}\n${tip}\nBạn có muốn chuyển câu hỏi cho cán bộ tổng đài ${HOTLINE} trả lời không?`, [
    { id: YES_ID, label: 'Có, chuyển cán bộ' },
    { id: NO_ID, label: 'Không' },
  ]);
}

const TYPE_WORDS: Record<TicketType, string> = { complaint: 'phản ánh', petition: 'kiến nghị', question: 'câu hỏi' };

export function ticketOpenedMessage(type: TicketType, code: string): OutgoingMessage {
  const lines =
    type === 'question'
      ? [`Tôi đã chuyển câu hỏi của bạn cho cán bộ tổng đài ${HOTLINE}.`, `Mã phiếu: ${code}`, 'Cán bộ sẽ phản hồi bạn sớm nhất có thể.']
      : [
          `Cảm ơn bạn đã gửi ${TYPE_WORDS[type]}. Tổng đài ${HOTLINE} đã tiếp nhận và sẽ chuyển đến cơ quan có thẩm quyền xử lý.`,
          `Mã phiếu: ${code}`,
          'Bạn có thể nhắn thêm thông tin (địa điểm, thời gian, sự việc) ngay tại đây, tôi sẽ bổ sung vào phiếu.',
        ];
  lines.push(`Để xem tiến độ, nhắn: tra cứu ${code}`);
  return { text: lines.join('\n') };
}

export function ticketAppendedMessage(code: string): OutgoingMessage {
  return { text: `Tôi đã bổ sung thông tin của bạn vào phiếu ${code}. Cảm ơn bạn.` };
}

/** No ticket service (or it failed): say so honestly and give the hotline. */
export function ticketUnavailableMessage(type: TicketType): OutgoingMessage {
  const what = type === 'question' ? 'chuyển câu hỏi cho cán bộ' : `tạo phiếu ${TYPE_WORDS[type]}`;
  const first = type === 'question' ? '' : `Tôi ghi nhận đây là ${TYPE_WORDS[type]} của bạn. `;
  return { text: `${first}Hiện tôi chưa thể ${what} qua kênh này. Bạn vui lòng gọi tổng đài ${HOTLINE} để được cán bộ tiếp nhận trực tiếp.` };
}

export function askHumanTextMessage(): OutgoingMessage {
  return { text: `Vâng. Bạn vui lòng nhắn nội dung cần hỏi, tôi sẽ chuyển cho cán bộ tổng đài ${HOTLINE}.` };
}

export function declinedMessage(): OutgoingMessage {
  return { text: `Vâng. Bạn có thể hỏi lại với tên thủ tục cụ thể, hoặc gọi tổng đài ${HOTLINE} khi cần.` };
}

export function unknownChoiceMessage(hasPending: boolean): OutgoingMessage {
  return {
    text: hasPending
      ? 'Lựa chọn này không có trong danh sách. Bạn nhắn lại số thứ tự trong danh sách ở trên nhé.'
      : 'Hiện không có danh sách nào để chọn. Bạn vui lòng nhắn câu hỏi, ví dụ: "làm căn cước cần giấy tờ gì".',
  };
}

const STATUS_WORDS: Record<string, string> = {
  new: 'Đã tiếp nhận', open: 'Đã tiếp nhận', received: 'Đã tiếp nhận', pending: 'Đã tiếp nhận',
  assigned: 'Đã chuyển cơ quan xử lý', routed: 'Đã chuyển cơ quan xử lý', forwarded: 'Đã chuyển cơ quan xử lý',
  in_progress: 'Đang xử lý', 'in-progress': 'Đang xử lý', processing: 'Đang xử lý',
  waiting: 'Đang chờ bổ sung thông tin', needs_info: 'Đang chờ bổ sung thông tin',
  answered: 'Đã trả lời', resolved: 'Đã giải quyết', done: 'Đã giải quyết', closed: 'Đã đóng',
  rejected: 'Không thụ lý', cancelled: 'Đã hủy', overdue: 'Quá hạn, đang được đôn đốc',
};

/** dd/mm/yyyy in Vietnam time (UTC+7, no daylight saving). */
export function formatDateVn(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const v = new Date(d.getTime() + 7 * 3600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(v.getUTCDate())}/${pad(v.getUTCMonth() + 1)}/${v.getUTCFullYear()}`;
}

export function statusMessage(view: TicketStatusView): OutgoingMessage {
  const lines = [
    `Phiếu ${view.code} (${TYPE_WORDS[view.type] ?? view.type}):`,
    `- Tình trạng: ${STATUS_WORDS[view.status.toLowerCase()] ?? view.status}`,
  ];
  if (view.dueAt) lines.push(`- Hạn xử lý: ${formatDateVn(view.dueAt)}`);
  return { text: lines.join('\n') };
}

export function statusNotFoundMessage(code: string): OutgoingMessage {
  return {
    text: [
      `Không tìm thấy phiếu có mã ${code}. Bạn kiểm tra lại mã trong tin nhắn xác nhận khi gửi phản ánh, kiến nghị.`,
      `Nếu đây là mã hồ sơ thủ tục hành chính, bạn tra cứu tại ${'https://dichvucong.gov.vn'} (mục Tra cứu hồ sơ).`,
    ].join('\n'),
  };
}

export function statusAskCodeMessage(): OutgoingMessage {
  return { text: 'Bạn vui lòng nhắn mã phiếu để tra cứu, ví dụ: "tra cứu <mã phiếu>". Mã phiếu có trong tin nhắn xác nhận khi bạn gửi phản ánh, kiến nghị.' };
}

export function statusUnavailableMessage(): OutgoingMessage {
  return { text: `Hiện tôi chưa tra cứu được phiếu qua kênh này. Bạn vui lòng gọi tổng đài ${HOTLINE} để được hỗ trợ.` };
}

const HOW_TO_ASK = 'Bạn có thể hỏi về thủ tục hành chính, ví dụ: "làm căn cước cần giấy tờ gì", "đăng ký khai sinh ở đâu", hoặc gửi phản ánh, kiến nghị.';

export function smalltalkMessage(text: string, province: string): OutgoingMessage {
  const f = normalizeQuery(text).folded;
  const me = `trợ lý ảo của Tổng đài ${HOTLINE} ${province}`;
  if (/\b(?:cam on|tot qua|hay qua|tuyet)\b/.test(f)) return { text: `Rất vui được hỗ trợ bạn. Nếu cần hỏi thêm, bạn cứ nhắn nhé.` };
  if (/\b(?:tam biet|bye|bai bai|hen gap lai)\b/.test(f)) return { text: 'Chào bạn, chúc bạn một ngày tốt lành!' };
  if (/\b(?:bot|nguoi|may|ai|ten)\b/.test(f)) {
    return { text: `Tôi là ${me}, một chương trình trả lời tự động. Cần gặp cán bộ, bạn nhắn "gặp cán bộ".\n${HOW_TO_ASK}` };
  }
  if (/^(?:ok|u|uhm|um|vang|da|duoc roi|roi|hieu roi|biet roi|co|co a|khong|khong a|thoi|dong y)(?: \w+)?$/.test(f)) return { text: 'Vâng. Bạn cần hỏi thêm gì cứ nhắn nhé.' };
  return { text: `Xin chào! Tôi là ${me}.\n${HOW_TO_ASK}` };
}

export function errorMessage(): OutgoingMessage {
  return { text: `Xin lỗi, hệ thống đang gặp sự cố. Bạn vui lòng thử lại sau ít phút hoặc gọi tổng đài ${HOTLINE}.` };
}
