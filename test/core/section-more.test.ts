// Section cues where the dossier or the result is named with words in between.
import { describe, expect, it } from 'vitest';
import { detectSection } from '../../src/core/section.js';

/** Groups of cases, each written for one set of rules. */
const GROUPS: Array<[string, Array<[string, string]>]> = [
  [
    'section: documents and result named with words in between',
    [
      ['Hồ sơ xin cấp phép khai thác cát gồm những gì vậy?', 'documents'],
      ['đơn đề nghị cấp lại giấy phép cần có những nội dung gì', 'documents'],
      ['cty em muốn xin kiểm định thang máy thì cần chuẩn bị những hồ sơ gì', 'documents'],
      ['mở tiệm thuốc thú y cần hs j ạ', 'documents'],
      ['làm xong thủ tục này thì gia đình sẽ nhận được những giấy tờ gì', 'result'],
      ['kết quả nhận được là giấy gì vậy ạ', 'result'],
      ['hai hợp tác xã ở hai tỉnh khác nhau có được sáp nhập thành một hợp tác xã mới không', 'conditions'],
    ],
  ],
  [
    'section: counting days in "hôm"/"bữa", going "lên/ra đâu", who qualifies',
    [
      ['nop ho so xong chờ bao nhiêu hôm mới có kết quả', 'time'],
      ['làm lại giấy tờ này mất mấy bữa vậy', 'time'],
      ['dang ky tam tru thi len dau lam', 'where'],
      ['muốn xin giấy phép thì ra đâu nộp', 'where'],
      ['ai được hưởng trợ cấp này', 'conditions'],
      ['ai thì được nhận hỗ trợ khi nhà bị sập do bão', 'conditions'],
    ],
  ],
  [
    'section: "chừng nào", going home or where one lives, an age limit, who goes',
    [
      ['chừng nào có hộ chiếu vậy', 'time'],
      ['phải về quê làm hay làm ở chỗ đang ở được', 'where'],
      ['dang ky o noi tam tru duoc khong hay phai ve que', 'where'],
      ['18 tuổi mới được làm phải không', 'conditions'],
      ['đủ 16 tuổi thì làm được chưa', 'conditions'],
      ['ai là người đi khai tử', 'applicant'],
    ],
  ],
];

for (const [title, cases] of GROUPS) {
  describe(title, () => {
    for (const [text, want] of cases) {
      it(`${want}: ${text}`, () => {
        expect(detectSection(text).section).toBe(want);
      });
    }
  });
}
