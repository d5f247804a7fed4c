// Vietnamese labels used by the report (ticket types, channels). Staff read them: diacritics matter.
import type { TicketType } from './types.js';

export const TICKET_TYPE_LABELS: Readonly<Record<TicketType, string>> = {
  question: 'hỏi thông tin',
  complaint: 'phản ánh',
  petition: 'kiến nghị',
};

const CHANNEL_LABELS: Readonly<Record<string, string>> = {
  telegram: 'Telegram',
  zalo: 'Zalo',
  'zalo-oa': 'Zalo OA',
  messenger: 'Messenger',
  facebook: 'Facebook Messenger',
  webchat: 'Trò chuyện trên trang web',
  web: 'Trò chuyện trên trang web',
  teams: 'Microsoft Teams',
  phone: 'Điện thoại',
  email: 'Thư điện tử',
};

/** Vietnamese name of a channel id; the id itself when unknown. */
export function channelLabel(channel: string): string {
  return CHANNEL_LABELS[channel] ?? channel;
}
