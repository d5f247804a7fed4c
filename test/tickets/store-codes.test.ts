// Ticket codes (src/tickets/codes.ts) and the migration lists.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CANONICAL_TICKET_CODE,
  MIGRATIONS,
  checkMigrations,
  findTicketCodeInText,
  generateTicketCode,
  normalizeTicketCode,
  ticketCodeSearchKey,
  ticketTypeOfCode,
} from '../../src/tickets/index.js';
import { detectIntent, findTicketCode } from '../../src/core/intent.js';

const bytes = (...b: number[]) => () => Uint8Array.from(b);

describe('generateTicketCode', () => {
  it('maps 40 bits to 8 Crockford characters behind the type prefix', () => {
    expect(generateTicketCode('complaint', bytes(0, 0, 0, 0, 0))).toBe('PA-0000-0000');
    expect(generateTicketCode('question', bytes(255, 255, 255, 255, 255))).toBe('HT-ZZZZ-ZZZZ');
    // 0x0842108421 = 00001 00001 … : every 5-bit group is 1.
    expect(generateTicketCode('petition', bytes(0x08, 0x42, 0x10, 0x84, 0x21))).toBe('KN-1111-1111');
  });

  it('always yields a canonical code without I, L, O or U', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 5, maxLength: 5 }), fc.constantFrom('question', 'complaint', 'petition' as const), (b, type) => {
        const code = generateTicketCode(type, () => b);
        expect(code).toMatch(CANONICAL_TICKET_CODE);
        expect(code.slice(3)).not.toMatch(/[ILOU]/);
        expect(ticketTypeOfCode(code)).toBe(type);
        expect(normalizeTicketCode(code)).toBe(code);
      }),
    );
  });

  it('draws fresh random codes by default', () => {
    const codes = new Set(Array.from({ length: 2000 }, () => generateTicketCode('complaint')));
    expect(codes.size).toBe(2000);
  });
});

describe('normalizeTicketCode', () => {
  it('accepts the ways people type a code', () => {
    for (const typed of ['pa7k3m9qxd', 'PA-7K3M-9QXD', 'pa 7k3m 9qxd', 'Pa.7k3m.9qxd', ' PA–7K3M–9QXD ', 'ｐａ７ｋ３ｍ９ｑｘｄ']) {
      expect(normalizeTicketCode(typed)).toBe('PA-7K3M-9QXD');
    }
    expect(normalizeTicketCode('ht-o1il-oooo')).toBe('HT-0111-0000');
  });

  it('rejects what is not a code', () => {
    for (const typed of ['PA-7K3M-9QX', 'PA-7K3M-9QXDD', 'XX-7K3M-9QXD', 'PA-7K3M-9QXU', 'PA-7K3M-9QX#', '', '1.000178']) {
      expect(normalizeTicketCode(typed)).toBeUndefined();
    }
  });
});

describe('findTicketCodeInText', () => {
  it('finds a code inside a Vietnamese sentence', () => {
    expect(findTicketCodeInText('tra cứu pa7k3m9qxd giúp em')).toBe('PA-7K3M-9QXD');
    expect(findTicketCodeInText('Mã phiếu: KN-2611-0001. Cảm ơn')).toBe('KN-2611-0001');
    expect(findTicketCodeInText('hồ sơ HT 7K3M 9QXO tới đâu rồi')).toBe('HT-7K3M-9QX0');
    expect(findTicketCodeInText('mã (pa-abcd-efgh)')).toBe('PA-ABCD-EFGH');
  });

  it('ignores words, phone numbers, longer tokens and codes glued to other letters', () => {
    expect(findTicketCodeInText('kn thoi gian xu ly bao lau')).toBeUndefined();
    expect(findTicketCodeInText('pha ánh việc đường ngập')).toBeUndefined();
    expect(findTicketCodeInText('sđt 0912345678, cccd 079123456789')).toBeUndefined();
    expect(findTicketCodeInText('xpa7k3m9qxd')).toBeUndefined();
    expect(findTicketCodeInText('pa7k3m9qxd1')).toBeUndefined();
    expect(findTicketCodeInText('thủ tục 1.000178')).toBeUndefined();
  });
});

describe('the bot finds codes in this format (src/core/intent.ts uses findTicketCodeInText)', () => {
  it('reads status requests with leniently typed codes, including codes without a digit', () => {
    expect(detectIntent('tra cứu pa7k3m9qxd').ticketCode).toBe('PA-7K3M-9QXD');
    expect(detectIntent('mã HT 7K3M 9QXO xử lý tới đâu rồi').ticketCode).toBe('HT-7K3M-9QX0');
    expect(findTicketCode('kiểm tra giúp phiếu kn-abcd-efgh')).toBe('KN-ABCD-EFGH');
  });
});

describe('ticketCodeSearchKey', () => {
  it('folds a partial code the way codes are stored without dashes', () => {
    expect(ticketCodeSearchKey('pa-7k3m')).toBe('PA7K3M');
    expect(ticketCodeSearchKey('9qxo')).toBe('9QX0');
    expect(ticketCodeSearchKey(' - ')).toBe('');
  });
});

describe('migrations', () => {
  it('are numbered from 1 without gaps and match between dialects', () => {
    expect(checkMigrations(MIGRATIONS.sqlite)).toEqual([]);
    expect(checkMigrations(MIGRATIONS.postgres)).toEqual([]);
    const shape = (list: typeof MIGRATIONS.sqlite) => list.map((m) => [m.version, m.name]);
    expect(shape(MIGRATIONS.postgres)).toEqual(shape(MIGRATIONS.sqlite));
    const tables = (sql: string) => [...sql.matchAll(/CREATE TABLE (\w+)/g)].map((m) => m[1]);
    expect(tables(MIGRATIONS.postgres.map((m) => m.sql).join())).toEqual(tables(MIGRATIONS.sqlite.map((m) => m.sql).join()));
  });

  it('checkMigrations reports gaps and empty SQL', () => {
    expect(checkMigrations([{ version: 2, name: 'x', sql: ' ' }])).toHaveLength(2);
  });
});
