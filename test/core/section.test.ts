import { describe, expect, it } from 'vitest';
import { detectSection } from '../../src/core/section.js';

const cases: Array<[string, string]> = [
  ['làm căn cước cần giấy tờ gì', 'documents'],
  ['ho so gom nhung gi', 'documents'],
  ['cần mang theo gì vậy ad', 'documents'],
  ['lệ phí làm hộ chiếu bao nhiêu', 'fees'],
  ['làm hộ chiếu hết bao nhiêu tiền', 'fees'],
  ['bn tiền v ad', 'fees'],
  ['cấp sổ đỏ mất bao lâu', 'time'],
  ['tg giải quyết bao lâu', 'time'],
  ['khi nào có kết quả', 'time'],
  ['mấy ngày thì lấy được', 'time'],
  // deadlines the citizen must meet are steps, not time
  ['sinh con trong bao nhiêu ngày phải đi khai sinh', 'steps'],
  ['nộp tờ khai thuế chậm nhất ngày nào', 'steps'],
  ['người mất bao lâu thì phải khai tử', 'steps'],
  ['phải đăng ký tạm trú trong bao lâu', 'steps'],
  ['làm giấy khai sinh như thế nào', 'steps'],
  ['các bước đăng ký kinh doanh', 'steps'],
  ['nộp hồ sơ ở đâu', 'where'],
  ['lam cccd o dau', 'where'],
  ['cơ quan nào giải quyết', 'where'],
  ['làm căn cước ở công an xã hay tỉnh', 'where'],
  ['làm ở phường được không', 'where'],
  ['có lấy gấp được không', 'time'],
  ['bao nhiêu tuổi thì được làm căn cước', 'conditions'],
  ['nhờ người khác làm giùm được không', 'applicant'],
  ['nộp online được không', 'online'],
  ['có làm qua vneid được không', 'online'],
  ['nộp hs qua bưu điện đc ko', 'online'],
  ['Tôi đã nộp hồ sơ online rồi, khi nào thì có kết quả', 'time'],
  ['Ba tôi mất tháng trước, giờ anh em tôi muốn sang tên đất thì nộp ở đâu', 'where'],
  ['ai được nộp hồ sơ', 'applicant'],
  ['ủy quyền cho người khác nộp được không', 'applicant'],
  ['được cấp giấy gì', 'result'],
  ['làm xong nhận được gì', 'result'],
  ['căn cứ luật nào', 'legal'],
  ['nghị định nào quy định việc này', 'legal'],
  ['có được cấp lại không', 'conditions'],
  ['khi nào phải đăng ký tạm trú', 'conditions'],
  ['điều kiện để được cấp', 'conditions'],
];

describe('detectSection', () => {
  it.each(cases)('%s → %s', (text, section) => {
    const guess = detectSection(text);
    expect(guess.section).toBe(section);
    expect(guess.explicit).toBe(true);
  });

  it('falls back to overview when no section is named', () => {
    expect(detectSection('thủ tục đăng ký kết hôn')).toEqual({ section: 'overview', explicit: false, strength: 0, also: [], asked: ['overview'] });
  });

  it('the last thing asked wins', () => {
    expect(detectSection('làm hộ chiếu ở đâu và mất bao lâu').section).toBe('time');
    expect(detectSection('mất bao lâu và nộp ở đâu').section).toBe('where');
  });

  it('lists the other sections asked in the same message, in order', () => {
    const g = detectSection('hồ sơ gồm những gì, nộp ở đâu, bao lâu có kết quả');
    expect(g.section).toBe('time');
    expect(g.also).toEqual(['documents', 'where']);
    expect(g.asked).toEqual(['documents', 'where', 'time']);
  });

  it('a specific cue beats the generic "được không"', () => {
    expect(detectSection('nộp qua mạng có được không').section).toBe('online');
  });
});
