import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseChannelTable, parseDocumentTable, parseLegalTable } from '../../src/knowledge/index.js';
import { FIXTURES } from './helpers.js';

const record = (rel: string) => JSON.parse(readFileSync(join(FIXTURES, 'chatbot-tthc__chatbot_tthc', rel), 'utf8'));
const CHANNEL_HEADER = 'Hình thức nộpThời gianPhí, lệ phíMô tả';

describe('flattened channel table (cach_thuc_thuc_hien)', () => {
  it('recovers three channels with time, fee and note', () => {
    const parsed = parseChannelTable(record('bo-cong-an/1.002359.json').cach_thuc_thuc_hien);
    expect(parsed.status).toBe('ok');
    expect(parsed.rows.map(({ channel, time, fee }) => ({ channel, time, fee }))).toEqual([
      { channel: 'truc-tuyen', time: '3 Ngày làm việc', fee: '200,000 Việt Nam Đồng (200.000 VNĐ/giấy phép)' },
      { channel: 'buu-chinh', time: '3 Ngày làm việc', fee: '200,000 Việt Nam Đồng (200.000 VNĐ/giấy phép)' },
      { channel: 'truc-tiep', time: '3 Ngày làm việc', fee: '200,000 Việt Nam Đồng (200.000 VNĐ/giấy phép)' },
    ]);
    expect(parsed.rows[0]!.note.startsWith('nộp hồ sơ trực tuyến qua Cổng dịch vụ công quốc gia')).toBe(true);
    expect(parsed.rows[1]!.note.startsWith('nộp bổ sung hồ sơ qua dịch vụ bưu chính công ích')).toBe(true);
    expect(parsed.rows[2]!.note.startsWith('nộp hồ sơ trực tiếp tại trụ sở Cơ quan Quản lý xuất nhập cảnh')).toBe(true);
    for (const r of parsed.rows) expect(r.note).not.toMatch(/Trực tuyến\d|Dịch vụ bưu chính\d/);
  });

  it('keeps exact rows for a short table, turns "Không có thông tin" into an empty fee', () => {
    const raw = `${CHANNEL_HEADER}Trực tuyến15 Ngày làm việcKhông có thông tinNộp qua Cổng.Trực tiếp1Miễn phí(Không thu)Dịch vụ bưu chính2 Giờ50,000 VNĐ`;
    expect(parseChannelTable(raw).rows).toEqual([
      { channel: 'truc-tuyen', time: '15 Ngày làm việc', fee: '', note: 'Nộp qua Cổng.' },
      { channel: 'truc-tiep', time: '1', fee: 'Miễn phí (Không thu)', note: '' },
      { channel: 'buu-chinh', time: '2 Giờ', fee: '50,000 VNĐ', note: '' },
    ]);
  });

  it('does not split a note that mentions a channel in passing', () => {
    const raw = `${CHANNEL_HEADER}Trực tiếp10 NgàyKhông có thông tinTrực tiếp tại Công an cấp xã.`;
    expect(parseChannelTable(raw).rows).toEqual([
      { channel: 'truc-tiep', time: '10 Ngày', fee: '', note: 'Trực tiếp tại Công an cấp xã.' },
    ]);
  });

  it('keeps unparsable text in one row and says so', () => {
    const parsed = parseChannelTable(`${CHANNEL_HEADER}Nộp tại bộ phận một cửa`);
    expect(parsed.status).toBe('unparsed');
    expect(parsed.rows).toEqual([{ channel: 'truc-tiep', time: '', fee: '', note: 'Nộp tại bộ phận một cửa' }]);
  });
});

describe('flattened documents table (thanh_phan_ho_so)', () => {
  it('recovers case groups, form files and copies', () => {
    const parsed = parseDocumentTable(record('bo-cong-an/1.000757.json').thanh_phan_ho_so);
    expect(parsed.status).toBe('ok');
    expect(parsed.rows).toEqual([
      {
        group: 'Phiếu này là biểu mẫu điện tử, công dân kê khai đối với trường hợp nộp hồ sơ trực tuyến',
        name: 'Phiếu đề nghị giải quyết thủ tục về căn cước (Mẫu DC02 ban hành kèm theo Thông tư số 17/2024/TT-BCA của Bộ Công an)',
        form: 'Mẫu DC02 Phiếu đề nghị giải quyết thủ tục về căn cước.doc',
        copies: '1 bản chính',
      },
      {
        group:
          'Phiếu được tạo lập khi trích xuất thông tin của công dân trong Cơ sở dữ liệu quốc gia về dân cư và in trong quá trình thu nhận hồ sơ căn cước để công dân kiểm tra và ký xác nhận.',
        name: 'Phiếu thu nhận thông tin căn cước (Mẫu CC01 ban hành kèm theo Thông tư số 17/2024/TT-BCA của Bộ Công an)',
        form: 'Mẫu CC01 Phiếu thu nhận thông tin căn cước.doc',
        copies: '1 bản chính',
      },
      {
        group:
          'Trường hợp người đề nghị cấp, cấp đổi, cấp lại thẻ căn cước là người đại diện hợp pháp của người dưới 14 tuổi thì hồ sơ đề nghị cấp, cấp đổi, cấp lại thẻ căn cước phải có giấy tờ, tài liệu có giá trị pháp lý chứng minh là người đại diện hợp pháp của người dưới 14 tuổi.',
        name: 'Giấy tờ, tài liệu có giá trị pháp lý chứng minh là người đại diện hợp pháp của người dưới 14 tuổi',
        form: '',
        copies: '1 bản chính',
      },
    ]);
  });

  it('splits two form files glued to each other and to the name', () => {
    const rows = parseDocumentTable(record('bo-tai-chinh/1.011500.json').thanh_phan_ho_so).rows;
    expect(rows[0]!.form).toBe('Mẫu 04 11500 TH1.docx, Mẫu 04 11500 TH2.docx');
    expect(rows[0]!.name.endsWith('ngày 29/4/2026 của Chính phủ.')).toBe(true);
    expect(new Set(rows.map((r) => r.group)).size).toBeGreaterThan(2);
  });

  it('uses no group when the list has a single case', () => {
    const raw = '--Tên giấy tờMẫu đơn, tờ khaiSố lượngĐơn đề nghịMau01.docx1 bản chínhBản sao giấy tờ1 bản chính,1 bản sao';
    expect(parseDocumentTable(raw).rows).toEqual([
      { group: '', name: 'Đơn đề nghị', form: 'Mau01.docx', copies: '1 bản chính' },
      { group: '', name: 'Bản sao giấy tờ', form: '', copies: '1 bản chính, 1 bản sao' },
    ]);
  });
});

describe('flattened legal table (can_cu_phap_ly)', () => {
  it('splits titles from document numbers', () => {
    const parsed = parseLegalTable(record('bo-cong-an/1.000178.json').can_cu_phap_ly);
    expect(parsed.rows).toEqual([
      {
        number: '68/2013/TT-BCA',
        title: 'Hướng dẫn xử lý khiếu nại, kiến nghị, phản ánh; giải quyết khiếu nại và quản lý công tác giải quyết khiếu nại trong công an nhân dân',
      },
      { number: '02/2011/QH13', title: 'Luật Khiếu nại  năm 2011' },
      { number: '11/2015/TT-BCA', title: 'Quy định quy trình giải quyết khiếu nại trong công an nhân dân' },
      { number: '05/2012/NĐ-CP', title: 'Nghị định 05/2012/NĐ-CP' },
    ]);
  });
});
