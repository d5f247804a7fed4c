// Which offered option a message (or a pressed button) picks, given the pending choices.
import { SECTIONS, type Section } from '../knowledge/types.js';
import { parseChoiceNumber, parseYesNo } from './dialogue.js';
import { ruleText } from './intent.js';
import { NO_ID, YES_ID } from './messages.js';
import type { ConversationState } from './ports.js';
import type { IncomingMessage } from './types.js';

export type Choice =
  | { kind: 'procedure'; code: string; section: Section; asked?: Section[] }
  | { kind: 'none-fit'; question: string }
  | { kind: 'section'; section: Section }
  | { kind: 'yes'; question: string }
  | { kind: 'no' }
  | { kind: 'invalid'; hasPending: boolean };

/** "không phải", "không có cái nào": none of the offered procedures fits. */
const NONE_FIT = /^(?:khong|chang|sai)(?: (?:phai|co|dung|thay|cai|thu tuc|nao|roi|ca|het|a|ad|nhe|nha|gi))*$/;

export function resolveChoice(msg: IncomingMessage, state: ConversationState | undefined): Choice | undefined {
  const pending = state?.pending;
  if (msg.choiceId) {
    const id = msg.choiceId;
    if (id === YES_ID && pending?.kind === 'offer') return { kind: 'yes', question: pending.question };
    if (id === NO_ID) return { kind: 'no' };
    if (id.startsWith('p:')) {
      const fromList = pending?.kind === 'procedures';
      return { kind: 'procedure', code: id.slice(2), section: fromList ? pending.section : 'overview', asked: fromList ? pending.asked : undefined };
    }
    const s = id.slice(2) as Section;
    if (id.startsWith('s:') && SECTIONS.includes(s)) return { kind: 'section', section: s };
    return { kind: 'invalid', hasPending: pending !== undefined };
  }
  const n = parseChoiceNumber(msg.text);
  if (pending?.kind === 'offer') {
    const yn = parseYesNo(msg.text) ?? (n === 1 ? 'yes' : n === 2 ? 'no' : undefined);
    if (yn === 'yes') return { kind: 'yes', question: pending.question };
    if (yn === 'no') return { kind: 'no' };
    return undefined;
  }
  if (pending?.kind === 'procedures' && pending.question && NONE_FIT.test(ruleText(msg.text).expanded)) {
    return { kind: 'none-fit', question: pending.question };
  }
  if (n === undefined) return undefined;
  if (!pending) return { kind: 'invalid', hasPending: false };
  const items: string[] = pending.kind === 'procedures' ? pending.codes : pending.sections;
  const index = n === 'last' ? items.length - 1 : n - 1;
  const item = items[index];
  if (item === undefined) return { kind: 'invalid', hasPending: true };
  return pending.kind === 'procedures'
    ? { kind: 'procedure', code: item, section: pending.section, asked: pending.asked }
    : { kind: 'section', section: item as Section };
}
