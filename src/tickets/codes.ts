// Public ticket codes: "PA-7K3M-9QXD". A type prefix (HT hỏi thông tin, PA phản ánh, KN kiến nghị)
// and 8 characters of Crockford base32 (no I, L, O, U: nothing to confuse when read aloud over
// the phone), i.e. 40 random bits. Codes carry no personal data and no sequence number (nothing
// to guess, nothing to coordinate between instances); the store's unique index plus a retry
// handles the rare collision. Parsing is lenient the way Crockford intends: case-insensitive,
// separators optional, O read as 0 and I/L read as 1.
import { randomBytes } from 'node:crypto';
import type { TicketType } from './types.js';

export const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export const TICKET_CODE_PREFIX: Readonly<Record<TicketType, string>> = {
  question: 'HT',
  complaint: 'PA',
  petition: 'KN',
};

const PREFIX_TYPE: Readonly<Record<string, TicketType>> = { HT: 'question', PA: 'complaint', KN: 'petition' };

/** Canonical form: prefix, dash, 4 characters, dash, 4 characters. */
export const CANONICAL_TICKET_CODE = /^(HT|PA|KN)-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

/**
 * A code as people type it inside a sentence: any case, with or without "-", ".", "_" or one
 * space between the groups, O/I/L allowed for 0/1. Global: use with matchAll, or call
 * findTicketCodeInText. Not anchored to letters around it (checked by the lookarounds).
 */
export const TICKET_CODE_IN_TEXT = /(?<![\p{L}\p{N}])(HT|PA|KN)([-._ ]?)([0-9A-Z]{4})([-._ ]?)([0-9A-Z]{4})(?![\p{L}\p{N}])/giu;

/** 5 random bytes → 8 base32 characters. `random` is injectable for tests. */
export function generateTicketCode(type: TicketType, random: (size: number) => Uint8Array = randomBytes): string {
  const bytes = random(5);
  let bits = 0n;
  for (let i = 0; i < 5; i++) bits = (bits << 8n) | BigInt(bytes[i] ?? 0);
  let body = '';
  for (let i = 7; i >= 0; i--) body += CODE_ALPHABET[Number((bits >> BigInt(i * 5)) & 31n)];
  return `${TICKET_CODE_PREFIX[type]}-${body.slice(0, 4)}-${body.slice(4)}`;
}

/** Crockford's reading of look-alike characters. */
function decodeLookalikes(s: string): string {
  return s.replace(/O/g, '0').replace(/[IL]/g, '1');
}

/**
 * "pa7k3m9qxd", "PA 7K3M 9QXD", "pa-7k3m-9qxo" → "PA-7K3M-9QXD"; undefined when the text is not
 * a ticket code (wrong prefix, wrong length, a U, other characters).
 */
export function normalizeTicketCode(input: string): string | undefined {
  const compact = input.normalize('NFKC').toUpperCase().replace(/[\s._\-‐-―]/g, '');
  const m = /^(HT|PA|KN)([0-9A-Z]{8})$/.exec(compact);
  if (!m) return undefined;
  const body = decodeLookalikes(m[2] ?? '');
  if (/[^0-9A-HJKMNP-TV-Z]/.test(body)) return undefined;
  return `${m[1]}-${body.slice(0, 4)}-${body.slice(4)}`;
}

export function isTicketCode(input: string): boolean {
  return normalizeTicketCode(input) !== undefined;
}

/** Ticket type named by a code's prefix. */
export function ticketTypeOfCode(code: string): TicketType | undefined {
  const canonical = normalizeTicketCode(code);
  return canonical ? PREFIX_TYPE[canonical.slice(0, 2)] : undefined;
}

/**
 * The first ticket code written in a message ("tra cứu pa7k3m9qxd giúp em" → "PA-7K3M-9QXD").
 * Groups separated by spaces count only when the code has a digit, so ordinary words never
 * read as a code ("kn thoi gian" is not KN-TH01-G1AN).
 */
export function findTicketCodeInText(text: string): string | undefined {
  for (const m of text.normalize('NFC').matchAll(TICKET_CODE_IN_TEXT)) {
    const [, prefix = '', sep1 = '', g1 = '', sep2 = '', g2 = ''] = m;
    if ((sep1 === ' ' || sep2 === ' ') && !/\d/.test(g1 + g2)) continue;
    const code = normalizeTicketCode(prefix + g1 + g2);
    if (code) return code;
  }
  return undefined;
}

/**
 * Search key for staff look-ups by (part of) a code: upper case, separators dropped, O/I/L read
 * as 0/1. Compare with the stored code without dashes. Empty when nothing searchable is left.
 */
export function ticketCodeSearchKey(query: string): string {
  return decodeLookalikes(query.normalize('NFKC').toUpperCase().replace(/[^0-9A-Z]/g, ''));
}
