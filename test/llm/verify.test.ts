// The grounding verifier on its own: every figure and document name must come from the source.
import { describe, expect, it } from 'vitest';
import { renderAnswer } from '../../src/core/index.js';
import { verifyGrounded } from '../../src/llm/index.js';
import { CAN_CUOC, KHAI_SINH } from '../core/kb-fixture.js';

const FEES = renderAnswer(CAN_CUOC, 'fees');
const DOCS = renderAnswer(KHAI_SINH, 'documents');
const TIME = renderAnswer(CAN_CUOC, 'time');

describe('verifyGrounded', () => {
  it.each([
    ['fees copied as written', 'Lệ phí là 30.000 Đồng (trực tiếp) và 15.000 Đồng (trực tuyến).', FEES],
    ['thousands written without separator', 'Nộp trực tiếp mất 30000 đồng.', FEES],
    ['duration copied', 'Thời hạn giải quyết là 7 ngày làm việc.', TIME],
    ['documents copied', 'Bạn chuẩn bị Tờ khai đăng ký khai sinh và Giấy chứng sinh, mỗi loại 1 bản chính.', DOCS],
    ['generic words are not documents', 'Bạn cần chuẩn bị giấy tờ sau và nộp tại đơn vị tiếp nhận.', DOCS],
  ])('accepts: %s', (_name, text, source) => {
    expect(verifyGrounded(text, source)).toEqual({ ok: true });
  });

  it.each([
    ['a fee not in the source', 'Lệ phí là 50.000 đồng.', FEES],
    ['a known number with another unit', 'Lệ phí là 30 nghìn đồng.', FEES],
    ['a duration not in the source', 'Thời hạn là 5 ngày làm việc.', TIME],
    ['the right number with another unit', 'Thời hạn là 7 tháng.', TIME],
    ['a duration in words', 'Thời hạn khoảng bảy ngày.', TIME],
    ['a free-of-charge claim', 'Thủ tục này được miễn phí.', FEES],
    ['an invented document', 'Bạn cần thêm Giấy xác nhận cư trú.', DOCS],
    ['an invented link', 'Xem tại https://lua-dao.example/nop-ho-so.', FEES],
  ])('rejects: %s', (_name, text, source) => {
    const r = verifyGrounded(text, source);
    expect(r.ok).toBe(false);
  });

  it('names what did not match', () => {
    const r = verifyGrounded('Lệ phí là 50.000 đồng.', FEES);
    expect(r.ok === false && r.problems.join(' ')).toContain('50000');
  });
});
