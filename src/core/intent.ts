// Rule-based intent detection over normalised text. Returns a score so that a caller can consult
// an LLM when the rules are unsure (score < ~0.6).
import { foldText, normalizeQuery } from '../text/index.js';
import {
  COMPLAINT_EXPLICIT,
  COMPLAINT_PROBLEMS,
  COMPLAINT_PROCEDURAL,
  ASKS_IF_NORMAL,
  HUMAN,
  INFRA_TAGS,
  PETITION_CHANGE,
  PETITION_EXPLICIT,
  PROCEDURE_ASK,
  PROCEDURE_CUES,
  PROCEDURE_REQUEST,
  QUESTION_CUES,
  SMALLTALK,
  SMALLTALK_FILLERS,
  STATUS_CUES,
  STATUS_OWN_TICKET,
  type Rule,
} from './intent-rules.js';
import type { Intent } from './types.js';
import { findTicketCodeInText } from '../tickets/codes.js';

export type TextIntent = Exclude<Intent, 'choice'>;

export interface IntentResult {
  intent: TextIntent;
  /** 0..1: how sure the rules are. */
  score: number;
  /** Ticket code named in a status request. */
  ticketCode?: string;
  /** Tags of the rules that fired (debugging and tests; never message text). */
  signals: string[];
}

/** Both forms the rules look at: slang-expanded folded text and plain folded text. */
export interface RuleText {
  /** " expanded | plain " — the separator keeps multi-word patterns inside one form. */
  haystack: string;
  expanded: string;
  tokens: string[];
}

export function ruleText(text: string): RuleText {
  const q = normalizeQuery(text);
  const plain = foldText(text).replace(/[^a-z0-9]+/g, ' ').trim();
  return { haystack: ` ${q.folded} | ${plain} `, expanded: q.folded, tokens: q.tokens };
}

interface Hit {
  score: number;
  tag: string;
  index: number;
}

function best(rules: Rule[], hay: string): Hit | undefined {
  let top: Hit | undefined;
  for (const rule of rules) {
    const m = rule.re.exec(hay);
    if (m && (!top || rule.score > top.score)) top = { score: rule.score, tag: rule.tag, index: m.index };
  }
  return top;
}

const TIME_SPAN =
  /\b(?:(?:tu|da|hon|gan|duoc|ca|suot|mat) (?:\d+|mot|hai|ba|bon|nam|sau|bay|tam|chin|muoi|may|nua|vai) (?:ngay|tuan|thang|nam)|tu (?:thang|nam|hom|tuan|dau nam) (?:\d+|truoc|roi|ngoai)|\d+ (?:ngay|tuan|thang) (?:roi|nay)|giay hen|ngay hen|lich hen|hen tra|hen (?:ngay|thu))\b/;

/** Words that put a wait in an office context (a dossier, an appointment, an answer owed). */
const OFFICE_CONTEXT = /\b(?:ho so|giay hen|hen|nop|tiep nhan|giai quyet|xu li|tra ket qua|phan hoi|can bo|mot cua)\b/;

/**
 * Ticket code named in the raw text. Codes in the tickets module's format (PA-7K3M-9QXD, typed
 * leniently: "pa7k3m9qxd", "PA 7K3M 9QXO") come back canonical; otherwise any code-like token:
 * letters/digits with - _ . , at least one digit.
 */
export function findTicketCode(raw: string): string | undefined {
  const ours = findTicketCodeInText(raw);
  if (ours) return ours;
  for (const piece of raw.split(/[\s,;:!?()[\]{}"'“”/\\]+/)) {
    const tok = piece.replace(/^[._-]+|[._-]+$/g, '');
    if (tok.length < 5 || tok.length > 40 || !/\d/.test(tok) || !/^[A-Za-z0-9._-]+$/.test(tok)) continue;
    if (/^\d\.\d{6}$/.test(tok)) continue; // national procedure code (1.000178)
    if (/^\d{1,3}([.,]\d{3})+(đ|d|k)?$/i.test(tok) || /^\d+(k|tr|d)$/i.test(tok)) continue; // amounts
    if (/^(0|84|\+84)\d{8,10}$/.test(tok)) continue; // phone numbers: personal data, never a code
    if (/^\d{9}$|^\d{12}$/.test(tok)) continue; // CMND / CCCD numbers
    if (/^\d{2}[A-Za-z]{1,2}\d?-?\d{3}\.?\d{2}$/.test(tok)) continue; // vehicle plates
    return tok.toUpperCase();
  }
  return undefined;
}

/** Small-talk phrases and fillers only ("chào ad", "cảm ơn bạn nhiều nha", "ad ơi"). */
function isSmalltalk(expanded: string): boolean {
  SMALLTALK.lastIndex = 0;
  const rest = expanded.replace(SMALLTALK, ' ').split(' ').filter((t) => t !== '' && !SMALLTALK_FILLERS.has(t));
  return rest.length === 0;
}

export function detectIntent(text: string): IntentResult {
  const { haystack, expanded, tokens } = ruleText(text);
  if (tokens.length === 0) return { intent: 'smalltalk', score: 0.6, signals: ['empty'] };

  // Ticket status: a code with a look-up cue (or alone), or "phản ánh của tôi xử lý tới đâu".
  const code = findTicketCode(text);
  if (code && (STATUS_CUES.test(haystack) || tokens.length <= 3)) {
    return { intent: 'status', score: 0.9, ticketCode: code, signals: ['ticket-code'] };
  }
  if (STATUS_OWN_TICKET.test(haystack)) return { intent: 'status', score: 0.75, signals: ['own-ticket'] };

  const questionCue = QUESTION_CUES.test(haystack);
  const signals: string[] = [];

  let complaint = best(COMPLAINT_EXPLICIT, haystack);
  const explicitComplaint = complaint;
  const problem = best(COMPLAINT_PROBLEMS, haystack);
  if (problem) {
    if (problem.tag === 'delay' && problem.score < 0.8 && TIME_SPAN.test(haystack) && OFFICE_CONTEXT.test(haystack)) problem.score = 0.85;
    if (problem.tag === 'delay' && ASKS_IF_NORMAL.test(haystack)) problem.score = 0.6;
    if (!complaint || problem.score > complaint.score) complaint = problem;
  }
  const procedural = best(COMPLAINT_PROCEDURAL, haystack);
  if (procedural) {
    // "thủ tục khiếu nại thế nào" asks about the procedure; "tôi khiếu nại việc …" is a complaint.
    if (!questionCue || complaint) complaint = complaint && complaint.score >= procedural.score ? complaint : procedural;
    else signals.push('khieu-nai-procedure');
  }

  const explicitPetition = best(PETITION_EXPLICIT, haystack);
  let petition = explicitPetition;
  if (!petition && !PROCEDURE_REQUEST.test(haystack) && !PROCEDURE_ASK.test(haystack)) petition = best(PETITION_CHANGE, haystack);

  if (explicitComplaint && explicitPetition) {
    // Both words used: the one the citizen wrote first names the message.
    return explicitComplaint.index <= explicitPetition.index
      ? { intent: 'complaint', score: 0.9, signals: [explicitComplaint.tag, explicitPetition.tag] }
      : { intent: 'petition', score: 0.9, signals: [explicitPetition.tag, explicitComplaint.tag] };
  }
  if (explicitPetition && !explicitComplaint) {
    return { intent: 'petition', score: explicitPetition.score, signals: [explicitPetition.tag, ...(complaint ? [complaint.tag] : [])] };
  }
  if (complaint && (!petition || complaint.score > petition.score)) {
    // A weak problem cue inside a procedure question stays a question, and so does a flood or a
    // landslide that is only the reason for a procedure ("nhà bị ngập, giấy tờ hư, làm lại sao").
    const becauseOf = complaint !== explicitComplaint && INFRA_TAGS.has(complaint.tag) && PROCEDURE_CUES.test(haystack);
    if (!becauseOf && (complaint.score >= 0.75 || !questionCue)) {
      return { intent: 'complaint', score: complaint.score, signals: [complaint.tag, ...signals] };
    }
    signals.push(`weak-${complaint.tag}`);
  } else if (petition) {
    return { intent: 'petition', score: petition.score, signals: [petition.tag] };
  }

  // Small talk first: "bot là người thật hay máy" asks what the bot is; "gặp người thật" asks for one.
  if (isSmalltalk(expanded)) return { intent: 'smalltalk', score: 0.9, signals: ['smalltalk'] };
  if (HUMAN.test(haystack)) return { intent: 'human', score: 0.85, signals: ['human', ...signals] };
  return { intent: 'question', score: questionCue ? 0.75 : 0.55, signals: questionCue ? ['question-cue', ...signals] : signals };
}
