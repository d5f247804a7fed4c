// Routing: keywords of the record's agency names first, then the field, then the 1022 intake.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/index.js';
import { createTicketRouter } from '../../src/tickets/index.js';
import { DIRECTORY, createHarness, proc } from './service-helpers.js';

const router = createTicketRouter(() => DIRECTORY);

describe('ticket routing', () => {
  it('sends a ticket with no procedure to the intake team', () => {
    expect(router.route(undefined)).toEqual({ agencyId: 'tong-dai-1022', reason: 'intake' });
  });

  it('routes by the field when no agency name of the record matches a keyword', () => {
    expect(router.route(proc('Hộ tịch'))).toEqual({ agencyId: 'ubnd-xa', reason: 'field', matched: 'Hộ tịch' });
  });

  it('lets a keyword of the record beat the field (xã police for a field routed to the province)', () => {
    const r = router.route(proc('Đăng ký, quản lý cư trú', ['Công an cấp Xã']));
    expect(r).toEqual({ agencyId: 'cong-an-xa', reason: 'keyword', matched: 'Công an cấp Xã' });
  });

  it('compares keywords ignoring case and old/new tone placement', () => {
    expect(router.route(proc('Khác', ['UỶ BAN NHÂN DÂN CẤP XÃ'])).agencyId).toBe('ubnd-xa');
    expect(router.route(proc('Khác', ['Sở Tư pháp Thành phố Hà Nội'])).agencyId).toBe('so-tu-phap');
  });

  it('prefers the field agency among several keyword hits, else the first name of the record', () => {
    expect(router.route(proc('Hộ tịch', ['Sở Tư pháp', 'Ủy ban nhân dân cấp xã'])).agencyId).toBe('ubnd-xa');
    expect(router.route(proc('Khác', ['Sở Tư pháp', 'Ủy ban nhân dân cấp xã'])).agencyId).toBe('so-tu-phap');
  });

  it('uses the competent agencies after the performing ones', () => {
    expect(router.route(proc('Khác', ['Cơ quan lạ'], ['Công an tỉnh Đồng Tháp'])).agencyId).toBe('cong-an-tinh');
  });

  it('falls back to intake for an unknown field and never picks a ministry', () => {
    expect(router.route(proc('Lĩnh vực chưa có', ['Bộ Tư pháp']))).toEqual({ agencyId: 'tong-dai-1022', reason: 'intake' });
  });

  it('knows which agencies exist (transfers must name one)', () => {
    expect(router.hasAgency('so-tu-phap')).toBe(true);
    expect(router.hasAgency('so-khong-co')).toBe(false);
    expect(router.intake).toBe('tong-dai-1022');
  });

  it('opens a ticket at the routed agency, assigned, and audits why', async () => {
    const h = await createHarness();
    h.procedures.set('2.000001', proc('Đăng ký, quản lý cư trú', ['Công an cấp xã']));
    const { code } = await h.service.port.open({
      type: 'question',
      channel: 'web',
      conversationId: 'web:c1',
      userId: 'web:c1',
      text: 'Đăng ký tạm trú cho người thuê trọ?',
      procedureCode: '2.000001',
    });
    const t = (await h.store.getTicketByCode(code))!;
    expect(t.agencyId).toBe('cong-an-xa');
    expect(t.status).toBe('assigned');
    const routed = (await h.store.listAudit(t.id)).find((a) => a.action === 'routed');
    expect(routed?.detail).toMatchObject({ agencyId: 'cong-an-xa', reason: 'keyword' });
    await h.store.close();
  });

  it('routes every procedure of the real knowledge base to an agency of the province', () => {
    const r = loadKnowledge(join(import.meta.dirname, '..', '..', 'knowledge'));
    if (!r.ok) throw new Error('knowledge does not load');
    const real = createTicketRouter(() => r.kb.agencies);
    const levels = new Map(r.kb.agencies.agencies.map((a) => [a.id, a.level]));
    const bad = r.kb.procedures
      .map((p) => ({ code: p.code, route: real.route(p) }))
      .filter((x) => x.route.reason === 'intake' || levels.get(x.route.agencyId) === 'bo');
    expect(bad.slice(0, 10)).toEqual([]);
    const xaPolice = r.kb.procedures.find((p) => p.agencies.some((a) => /công an cấp xã/i.test(a)));
    if (xaPolice) expect(real.route(xaPolice).agencyId).toBe('cong-an-xa');
  });
});
