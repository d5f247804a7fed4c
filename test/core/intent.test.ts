import { describe, expect, it } from 'vitest';
import { detectIntent, findTicketCode } from '../../src/core/intent.js';

const cases: Array<[string, string]> = [
  // questions, with and without diacritics, teen code
  ['Làm căn cước công dân cần giấy tờ gì?', 'question'],
  ['lam can cuoc cong dan can giay to gi', 'question'],
  ['e mún làm lại giấy khai sinh thì cần j ạ', 'question'],
  ['ad oi lm cccd o dau z', 'question'],
  ['cho hỏi đăng ký kết hôn vs người nước ngoài cần những gì', 'question'],
  ['mat bang lai xe thi lam lai ntn vay', 'question'],
  // "đề nghị cấp lại …" asks about a procedure: a question, not a petition
  ['Đề nghị cấp lại giấy phép lái xe bị mất thì làm sao', 'question'],
  ['xin cấp giấy phép xây dựng nhà ở cần gì', 'question'],
  ['mong được hướng dẫn thủ tục đăng ký thường trú', 'question'],
  ['Thủ tục khiếu nại quyết định hành chính cần những gì', 'question'],
  ['giay phep lai xe qua han thi doi the nao', 'question'],
  ['xin giấy phép kinh doanh karaoke', 'question'],
  ['mua lô đất cần thủ tục gì', 'question'],
  ['xin thêm người vào hộ khẩu', 'question'],
  ['xin phép đào đường để lắp ống nước', 'question'],
  ['xe quá tải có bị phạt không', 'question'],
  ['bằng lái xe máy bị rách có đổi được không', 'question'],
  ['mẹ em mất rồi, muốn làm giấy chứng tử', 'question'],
  ['nhà tôi bị ngập nên giấy tờ bị hư, làm lại thế nào', 'question'],
  ['nhà bị sạt lở có được hỗ trợ không', 'question'],
  ['đã nộp hồ sơ 1 tuần, chưa có kết quả có bình thường không', 'question'],
  ['xin giảm học phí cho con hộ nghèo cần giấy tờ gì', 'question'],
  ['nộp hồ sơ rồi bao lâu thì có kết quả', 'question'],
  ['Cho em hỏi, em ở xã Tân Hòa, em muốn tách thửa đất để cho con thì làm hồ sơ như thế nào ạ', 'question'],
  // complaints, including ones that mention a procedure
  ['Tôi làm sổ đỏ mà cán bộ địa chính đòi 5 triệu mới làm nhanh', 'complaint'],
  ['lam cccd ma cb doi 500k moi lam nhanh', 'complaint'],
  ['nop ho so cap so do tu thang 3 ma gio van chua co ket qua', 'complaint'],
  ['Giấy hẹn trả kết quả là ngày 10 mà tới giờ vẫn chưa có, hẹn hoài', 'complaint'],
  ['cán bộ một cửa phường thái độ rất hách dịch với người dân', 'complaint'],
  ['hẻm 12 ngập nước mấy ngày nay không ai xử lý', 'complaint'],
  ['đèn đường hư cả tháng rồi', 'complaint'],
  ['den duong hong', 'complaint'],
  ['rác thải ứ đọng đầu hẻm bốc mùi hôi thối', 'complaint'],
  ['nhà kế bên nuôi heo hôi quá', 'complaint'],
  ['hàng xóm hát karaoke tới 12h đêm ồn quá', 'complaint'],
  ['cán bộ xã hẹn 3 lần rồi vẫn chưa cấp giấy xác nhận', 'complaint'],
  ['đường vào ấp 3 hư nặng, ổ gà nhiều', 'complaint'],
  ['bờ kênh bị sạt lở gần nhà tôi', 'complaint'],
  ['cây xanh trước nhà bị ngã đè lên dây điện', 'complaint'],
  ['ống nước bể nước chảy lênh láng ra đường 2 ngày nay', 'complaint'],
  ['có người xây nhà lấn ra hẻm', 'complaint'],
  ['xe tải chạy vào giờ cấm trong hẻm', 'complaint'],
  ['hẻm nhà tôi ngập nặng, tôi phải làm sao', 'complaint'],
  ['ông tổ trưởng đòi tiền mới ký xác nhận', 'complaint'],
  ['làm sổ đỏ 6 tháng chưa xong', 'complaint'],
  ['cán bộ không hướng dẫn tận tình', 'complaint'],
  ['sao cán bộ phường bắt tôi chờ cả buổi', 'complaint'],
  ['Tôi muốn phản ánh việc xây dựng trái phép', 'complaint'],
  ['to giac co so xa thai ra song', 'complaint'],
  ['nộp online mà bị lỗi hoài không được', 'complaint'],
  ['Chuyện là tuần trước tôi lên phường nộp hồ sơ đăng ký tạm trú cho con, chị cán bộ bắt bổ sung hoài, tôi đi lại 4 lần rồi mà vẫn chưa xong', 'complaint'],
  // petitions
  ['Đề nghị UBND xã lắp thêm đèn chiếu sáng cho hẻm 5', 'petition'],
  ['kiến nghị kéo dài giờ làm việc bộ phận một cửa đến thứ 7', 'petition'],
  ['mong xã làm đường bê tông cho ấp 3', 'petition'],
  ['de xuat giam le phi cho nguoi ngheo', 'petition'],
  ['Tôi muốn góp ý là bộ phận một cửa nên làm việc cả sáng thứ bảy', 'petition'],
  ['sao phường không lắp đèn đường hẻm 10 vậy', 'petition'],
  ['nên có thêm nhiều điểm thu gom rác', 'petition'],
  ['kính đề nghị xem xét giảm học phí', 'petition'],
  // small talk
  ['xin chào', 'smalltalk'],
  ['Chào ad', 'smalltalk'],
  ['cảm ơn bạn nhiều nha', 'smalltalk'],
  ['tks ad', 'smalltalk'],
  ['bot hay người vậy', 'smalltalk'],
  ['alo có ai không', 'smalltalk'],
  ['ok', 'smalltalk'],
  ['thank you', 'smalltalk'],
  ['hihi', 'smalltalk'],
  ['chào buổi tối ad', 'smalltalk'],
  ['tôi cần hỗ trợ', 'smalltalk'],
  ['ad ơi', 'smalltalk'],
  ['tôi cần hỗ trợ về đất đai nhà tôi', 'question'],
  ['có', 'smalltalk'],
  ['ừ', 'smalltalk'],
  // status and human
  ['tra cứu PA-2611-0001', 'status'],
  ['kiểm tra phiếu 1022-000123', 'status'],
  ['phản ánh của tôi xử lý tới đâu rồi', 'status'],
  ['tôi đã gửi phản ánh hôm qua, mã PA-2611-0003, giờ sao rồi', 'status'],
  ['cho tôi gặp cán bộ', 'human'],
  ['chuyển nhân viên giúp em', 'human'],
  ['tôi muốn nói chuyện với người thật', 'human'],
];

describe('detectIntent', () => {
  it.each(cases)('%s → %s', (text, intent) => {
    expect(detectIntent(text).intent).toBe(intent);
  });

  it('greeting followed by a question is a question', () => {
    expect(detectIntent('chào bạn, cho hỏi làm hộ chiếu ở đâu').intent).toBe('question');
  });

  it('gives a lower score to a plain message than to an explicit complaint', () => {
    const plain = detectIntent('sổ hộ khẩu');
    const explicit = detectIntent('tôi phản ánh cán bộ đòi tiền');
    expect(plain.intent).toBe('question');
    expect(plain.score).toBeLessThan(0.6);
    expect(explicit.score).toBeGreaterThanOrEqual(0.9);
  });

  it('names the ticket code of a status request', () => {
    expect(detectIntent('tra cứu pa-2611-0001 giúp em').ticketCode).toBe('PA-2611-0001');
  });

  it('when both words are written, the first one names the message', () => {
    expect(detectIntent('Tôi kiến nghị và phản ánh việc đường ngập').intent).toBe('petition');
    expect(detectIntent('Phản ánh và kiến nghị về đường ngập').intent).toBe('complaint');
  });
});

describe('findTicketCode', () => {
  it('ignores procedure codes, amounts, phone and ID numbers', () => {
    expect(findTicketCode('thủ tục 1.000178')).toBeUndefined();
    expect(findTicketCode('hết 200.000đ')).toBeUndefined();
    expect(findTicketCode('sđt 0912345678')).toBeUndefined();
    expect(findTicketCode('cccd 079123456789')).toBeUndefined();
    expect(findTicketCode('phiếu PA-2611-0001.')).toBe('PA-2611-0001');
  });
});
