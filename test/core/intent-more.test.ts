// More intent cases, written for the rules about waiting at an office, street lights, long-past
// appointments, rude speech, identity questions and petitions about online submission.
import { describe, expect, it } from 'vitest';
import { detectIntent } from '../../src/core/intent.js';

/** Groups of cases, each written for one set of rules. */
const GROUPS: Array<[string, Array<[string, string]>]> = [
  [
    'intent: office waits, lights, appointments, identity, online petitions',
    [
      ['Chiều qua tôi đến phường làm giấy tờ, đợi từ 2 giờ tới 4 giờ chiều mà không thấy ai ngồi quầy', 'complaint'],
      ['sang nay ra xa lam giay to, ban tiep nhan khong co ai, hoi thi bao can bo di hop', 'complaint'],
      ['cột đèn chiếu sáng ở ngã ba chợ Mỹ Trà gần trường học hư mấy tuần rồi', 'complaint'],
      ['giấy hẹn 15 ngày mà nay đã hơn 2 tháng, lên hỏi lần nào cũng bảo chờ', 'complaint'],
      ['cô nhân viên một cửa trả lời cộc lốc, còn quát người già đứng chờ', 'complaint'],
      ['vợ chồng tôi kết hôn 5 năm chưa có con, muốn nhận con nuôi thì làm hồ sơ ở đâu', 'question'],
      ['công ty muốn đề nghị cơ quan thuế điều chỉnh khoản nộp nhầm thì làm thế nào', 'question'],
      ['xin kéo dài thời gian thử nghiệm thì nộp trực tuyến được không', 'question'],
      ['ba tôi xuất ngũ lâu rồi, giờ không làm được việc vì bệnh cũ, có chế độ gì không', 'question'],
      ['nghe nói cán bộ xã có thể đến tận nhà làm khai tử, có đúng không', 'question'],
      ['công ty cũ cử em sang Lào làm việc, làm giấy thông hành hết bao nhiêu tiền', 'question'],
      ['đề xuất cho nộp hồ sơ đăng ký hộ kinh doanh hoàn toàn qua mạng, khỏi phải lên xã', 'petition'],
      ['bạn là máy hay người thật vậy', 'smalltalk'],
      ['chúc tổng đài buổi sáng làm việc hiệu quả', 'smalltalk'],
      ['cho tôi nói chuyện với người thật', 'human'],
    ],
  ],
  [
    'intent: burning waste and smoke, late karaoke, amenities at the office, "là người hay máy"',
    [
      ['hàng xóm đốt rác khói bay vào nhà cả ngày', 'complaint'],
      ['cơ sở bên cạnh đốt nhựa mỗi tối, khói xộc vào phòng ngủ', 'complaint'],
      ['quán karaoke hát tới 2h sáng không ai nhắc nhở', 'complaint'],
      ['nên có thêm chỗ gửi xe ở trung tâm hành chính công', 'petition'],
      ['đề nghị bố trí thêm ghế ngồi chờ ở bộ phận một cửa phường', 'petition'],
      ['bạn là người hay máy vậy', 'smalltalk'],
      ['đốt rơm rạ ngoài đồng thì có bị phạt không', 'question'],
    ],
  ],
  [
    'intent: water quality, redoing paperwork again and again, a portal that keeps failing, signs at the office',
    [
      ['nuoc may nha e may hom nay co mui clo nong nac', 'complaint'],
      ['nước máy khu tôi mấy hôm nay bị đen, không dám xài', 'complaint'],
      ['lên xã nộp hồ sơ mà bị bắt đi photo công chứng thêm 3 lần', 'complaint'],
      ['trang dich vu cong bao loi hoai ko nop duoc ho so', 'complaint'],
      ['de nghi xa lam them bang ron huong dan nop ho so online', 'petition'],
      ['nước lên đến sân nhà thì xin hỗ trợ ở đâu', 'question'],
    ],
  ],
  [
    'intent: insults to the bot, runaround appointments, officials not receiving citizens, hazards, overcharging',
    [
      ['bot ngu qua', 'smalltalk'],
      ['cb dia chinh hen len hen xuong 5 lan chua xong so', 'complaint'],
      ['ong chu tich xa khong tiep dan', 'complaint'],
      ['dây điện câu chằng chịt trước cổng trường rất nguy hiểm', 'complaint'],
      ['trường học thu tiền quỹ lớp cao quá', 'complaint'],
      ['ấp tôi bị lạm thu tiền làm đường', 'complaint'],
      ['đề nghị có làn đường riêng cho xe đạp học sinh', 'petition'],
      // "làm thủ tục" is not "lạm thu"; a dangerous-goods licence is a procedure question
      ['muốn làm thủ tục thu hồi đất thì nộp gì', 'question'],
      ['vận chuyển hàng nguy hiểm cần giấy phép gì', 'question'],
    ],
  ],
  [
    'intent: slow handling, lost papers, sewage, closed offices, paying for nothing; late filings and lost cards stay questions',
    [
      ['ubnd xa giai quyet ho so dat cham tre 3 thang roi', 'complaint'],
      ['nhân viên bưu điện giao trả kết quả sai địa chỉ, làm mất giấy tờ của tôi', 'complaint'],
      ['cống nước thải tràn lên đường mỗi khi mưa', 'complaint'],
      ['trạm y tế xã đóng cửa giờ hành chính', 'complaint'],
      ['tổ dân phố thu tiền rác mà tuần chỉ lấy 1 lần', 'complaint'],
      ['nuoc sinh hoat bi cat 3 ngay khong bao truoc', 'complaint'],
      ['chào em, cho chị hỏi chút', 'smalltalk'],
      ['ban la robot ha', 'smalltalk'],
      ['muốn khiếu nại thì làm đơn theo mẫu nào', 'question'],
      ['đường bị ngập thì có được giảm thuế không', 'question'],
      ['nộp tờ khai thuế chậm trễ có bị phạt không', 'question'],
      ['làm mất thẻ bhyt xin cấp lại', 'question'],
      ['nước bị cắt vì chưa đóng tiền thì làm sao đóng lại', 'question'],
    ],
  ],
];

for (const [title, cases] of GROUPS) {
  describe(title, () => {
    for (const [text, want] of cases) {
      it(`${want}: ${text}`, () => {
        expect(detectIntent(text).intent).toBe(want);
      });
    }
  });
}
