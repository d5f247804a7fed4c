import { describe, expect, it } from 'vitest';
import { isFollowUp, parseChoiceNumber, parseYesNo, procedureContent } from '../../src/core/dialogue.js';
import { detectSection } from '../../src/core/section.js';
import { normalizeQuery } from '../../src/text/index.js';

describe('parseChoiceNumber', () => {
  it.each([
    ['2', 2],
    ['2.', 2],
    ['số 2', 2],
    ['so 3 nha', 3],
    ['cái thứ hai', 2],
    ['thứ ba', 3],
    ['chọn 1 nhé ad', 1],
    ['cái đầu tiên', 1],
    ['cái cuối', 'last'],
  ] as const)('"%s" → %s', (text, n) => {
    expect(parseChoiceNumber(text)).toBe(n);
  });

  it.each(['tôi có 2 con nhỏ cần làm khai sinh', 'hai', 'ba', 'làm căn cước'])('"%s" is not a choice', (text) => {
    expect(parseChoiceNumber(text)).toBeUndefined();
  });
});

describe('parseYesNo', () => {
  it.each(['có', 'co', 'đồng ý', 'dong y a', 'ok', 'ừ', 'chuyển đi', 'dc'])('"%s" is yes', (t) => expect(parseYesNo(t)).toBe('yes'));
  it.each(['không', 'ko', 'thôi', 'thôi không cần', 'k can dau'])('"%s" is no', (t) => expect(parseYesNo(t)).toBe('no'));
  it('a new question is neither', () => expect(parseYesNo('có cần mang hộ khẩu không')).toBeUndefined());
});

describe('follow-ups', () => {
  const state = { procedureCode: '1.001193', section: 'documents' as const, updatedAt: '2026-01-01T00:00:00Z' };
  const check = (text: string, confident = false, topCode?: string) => {
    const folded = normalizeQuery(text).folded;
    return isFollowUp({ folded, section: detectSection(text), state, confident, topCode });
  };

  it.each(['còn lệ phí?', 'con le phi thi sao', 'nộp online được không', 'mất bao lâu', 'thủ tục này nộp ở đâu', 'vậy cần giấy tờ gì'])(
    '"%s" refers to the procedure under discussion',
    (text) => expect(check(text, true)).toBe(true),
  );

  it('a message naming another procedure replaces the topic', () => {
    expect(check('làm hộ chiếu hết bao nhiêu tiền', true, '2.002345')).toBe(false);
    expect(check('đăng ký kết hôn nộp online được không', true, '1.000894')).toBe(false);
  });

  it('a message without a section is not a follow-up', () => {
    expect(check('làm hộ chiếu', false)).toBe(false);
  });

  it('keeps the procedure words of a message and drops section cues', () => {
    expect(procedureContent(normalizeQuery('đăng ký kết hôn nộp online được không').folded)).toEqual(['ket', 'hon']);
    expect(procedureContent(normalizeQuery('còn lệ phí thì sao ạ').folded)).toEqual([]);
  });
});
