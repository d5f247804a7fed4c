import { describe, expect, it } from 'vitest';
import { plainProse, renderAnswer, trimText } from '../../src/core/replies.js';
import type { Procedure } from '../../src/knowledge/types.js';
import { CAN_CUOC, GPLX, HO_CHIEU, KET_HON, KHAI_SINH } from './kb-fixture.js';

describe('renderAnswer', () => {
  it('lists fees per channel, merged when every channel says the same', () => {
    expect(renderAnswer(CAN_CUOC, 'fees')).toContain('- Trực tiếp: Lệ phí : 30.000 Đồng\n- Trực tuyến: Lệ phí : 15.000 Đồng');
    expect(renderAnswer(HO_CHIEU, 'fees')).toContain('- Mọi hình thức nộp: Lệ phí : 200.000 Đồng');
  });

  it('says so when a section is empty and still gives the link', () => {
    const text = renderAnswer(GPLX, 'legal');
    expect(text).toContain('chưa ghi căn cứ pháp lý');
    expect(text).toContain(`Chi tiết: ${GPLX.portalUrl}`);
  });

  it('online: yes with the portal link, or no with the channels that exist', () => {
    expect(renderAnswer(CAN_CUOC, 'online')).toContain(`Nộp tại: ${CAN_CUOC.portalUrl}`);
    expect(renderAnswer(KET_HON, 'online')).toContain('chưa có hình thức nộp trực tuyến. Bạn có thể nộp: trực tiếp.');
  });

  it('where: agencies and the submit address', () => {
    const text = renderAnswer(KHAI_SINH, 'where');
    expect(text).toContain('- Ủy ban nhân dân cấp xã');
    expect(text).toContain('Nơi tiếp nhận hồ sơ: Bộ phận một cửa');
  });

  it('steps: prose re-joined and without Markdown', () => {
    const text = renderAnswer(KHAI_SINH, 'steps');
    expect(text).toContain('Bước 2: Công chức tư pháp - hộ tịch kiểm tra hồ sơ, ghi vào Sổ hộ tịch.');
    expect(text).not.toContain('**');
  });

  it('documents: groups, no leading dashes, zero copies left out, long lists cut with a pointer to the link', () => {
    const many: Procedure = {
      ...CAN_CUOC,
      documents: Array.from({ length: 20 }, (_, i) => ({
        group: i < 10 ? '* Giấy tờ phải nộp:' : '* Giấy tờ phải xuất trình:',
        name: `- Giấy tờ số ${i + 1}`,
        form: '',
        copies: i % 2 ? '0 bản chính' : '1 bản sao',
      })),
    };
    const text = renderAnswer(many, 'documents');
    expect(text).toContain('Giấy tờ phải nộp:\n1. Giấy tờ số 1 (1 bản sao)\n2. Giấy tờ số 2\n');
    expect(text).toContain('Giấy tờ phải xuất trình:\n11. Giấy tờ số 11');
    expect(text).toContain('… và 8 mục khác (xem link bên dưới).');
  });

  it('keeps every answer under the 2,000 characters chat platforms accept', () => {
    const long: Procedure = { ...KHAI_SINH, steps: 'Bước 1: nộp hồ sơ. '.repeat(300), documents: Array.from({ length: 40 }, () => ({ group: '', name: 'x'.repeat(400), form: '', copies: '1 bản chính' })) };
    for (const s of ['steps', 'documents', 'overview'] as const) expect(renderAnswer(long, s).length).toBeLessThan(2000);
  });
});

describe('text helpers', () => {
  it('trimText cuts at a boundary and marks the cut', () => {
    const t = trimText('Câu một. Câu hai dài hơn nữa. Câu ba.', 25);
    expect(t.endsWith('…')).toBe(true);
    expect(t.length).toBeLessThanOrEqual(27);
  });

  it('plainProse drops headings and emphasis', () => {
    expect(plainProse('## Trình tự\n**Bước 1**: nộp hồ sơ')).toBe('Trình tự\nBước 1: nộp hồ sơ');
  });
});
