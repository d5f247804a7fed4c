// A small knowledge base written for the core tests (not taken from the real knowledge/ files).
import type { ChannelRow, KnowledgeBase, Procedure } from '../../src/knowledge/types.js';

const row = (channel: ChannelRow['channel'], time: string, fee: string, note = ''): ChannelRow => ({ channel, time, fee, note });

function proc(p: Partial<Procedure> & Pick<Procedure, 'code' | 'title' | 'field'>): Procedure {
  return {
    levels: ['xa'],
    levelText: 'Cấp xã',
    decision: '',
    ministry: '',
    agencies: [],
    competentAgencies: [],
    applicants: ['Công dân Việt Nam'],
    submitAddress: '',
    channels: [],
    documents: [],
    legal: [],
    steps: '',
    conditions: '',
    result: '',
    description: '',
    portalUrl: `https://dichvucong.example/tthc/${p.code}`,
    updated: '2025-07-01',
    aliases: [],
    file: `procedures/${p.code}.md`,
    ...p,
  };
}

export const KHAI_SINH = proc({
  code: '1.001193',
  title: 'Đăng ký khai sinh',
  field: 'Hộ tịch',
  agencies: ['Ủy ban nhân dân cấp xã'],
  submitAddress: 'Bộ phận một cửa Ủy ban nhân dân xã, phường nơi cư trú của người cha hoặc người mẹ',
  channels: [row('truc-tiep', 'Ngay trong ngày làm việc', 'Miễn lệ phí'), row('truc-tuyen', 'Ngay trong ngày làm việc', 'Miễn lệ phí')],
  documents: [
    { group: '', name: 'Tờ khai đăng ký khai sinh', form: 'Mẫu TK khai sinh', copies: '1 bản chính' },
    { group: '', name: 'Giấy chứng sinh', form: '', copies: '1 bản chính' },
  ],
  legal: [{ number: '60/2014/QH13', title: 'Luật Hộ tịch' }],
  steps:
    'Bước 1: Người đi đăng ký khai sinh nộp hồ sơ tại Bộ phận một cửa.\nBước 2: Công chức tư pháp - hộ tịch kiểm tra hồ sơ,\nghi vào Sổ hộ tịch.\nBước 3: Trả Giấy khai sinh cho người yêu cầu.\n\nThời hạn đi khai sinh: trong 60 ngày kể từ ngày sinh con, cha hoặc mẹ có trách nhiệm đăng ký khai sinh cho con.',
  result: 'Giấy khai sinh (bản chính).',
  aliases: ['làm giấy khai sinh cho con', 'khai sinh cho bé mới sinh', 'đăng ký giấy khai sinh', 'làm khai sinh cho em bé'],
});

export const KHAI_SINH_NN = proc({
  code: '1.001695',
  title: 'Đăng ký khai sinh có yếu tố nước ngoài',
  field: 'Hộ tịch',
  agencies: ['Ủy ban nhân dân cấp xã'],
  channels: [row('truc-tiep', '3 Ngày làm việc', 'Lệ phí : 100.000 Đồng')],
  documents: [{ group: '', name: 'Tờ khai đăng ký khai sinh', form: '', copies: '1 bản chính' }],
  aliases: ['khai sinh cho con có cha mẹ là người nước ngoài', 'con lai khai sinh'],
});

export const CAN_CUOC = proc({
  code: '2.001234',
  title: 'Cấp thẻ căn cước cho công dân từ đủ 14 tuổi trở lên',
  field: 'Cấp, quản lý căn cước',
  levels: ['tinh'],
  agencies: ['Công an cấp xã', 'Phòng Cảnh sát quản lý hành chính về trật tự xã hội'],
  channels: [row('truc-tiep', '7 Ngày làm việc', 'Lệ phí : 30.000 Đồng'), row('truc-tuyen', '7 Ngày làm việc', 'Lệ phí : 15.000 Đồng')],
  documents: [{ group: '', name: 'Tờ khai căn cước', form: 'CC01', copies: '1 bản chính' }],
  legal: [{ number: '26/2023/QH15', title: 'Luật Căn cước' }],
  aliases: ['làm căn cước công dân', 'làm cccd', 'làm thẻ căn cước', 'cấp căn cước gắn chip'],
});

export const HO_CHIEU = proc({
  code: '2.002345',
  title: 'Cấp hộ chiếu phổ thông ở trong nước',
  field: 'Quản lý xuất nhập cảnh',
  levels: ['tinh'],
  agencies: ['Phòng Quản lý xuất nhập cảnh Công an tỉnh'],
  channels: [row('truc-tiep', '8 Ngày làm việc', 'Lệ phí : 200.000 Đồng'), row('truc-tuyen', '8 Ngày làm việc', 'Lệ phí : 200.000 Đồng')],
  documents: [{ group: '', name: 'Tờ khai đề nghị cấp hộ chiếu', form: 'TK01', copies: '1 bản chính' }],
  aliases: ['làm hộ chiếu', 'làm passport', 'xin hộ chiếu đi nước ngoài du lịch'],
});

export const KET_HON = proc({
  code: '1.000894',
  title: 'Đăng ký kết hôn',
  field: 'Hộ tịch',
  agencies: ['Ủy ban nhân dân cấp xã'],
  channels: [row('truc-tiep', 'Ngay trong ngày làm việc', 'Miễn lệ phí')],
  documents: [{ group: '', name: 'Tờ khai đăng ký kết hôn', form: '', copies: '1 bản chính' }],
  conditions: 'Nam từ đủ 20 tuổi trở lên, nữ từ đủ 18 tuổi trở lên; việc kết hôn do nam và nữ tự nguyện quyết định.',
  aliases: ['làm giấy đăng ký kết hôn', 'đăng ký kết hôn cần gì', 'làm giấy hôn thú'],
});

export const GPLX = proc({
  code: '1.002809',
  title: 'Cấp lại giấy phép lái xe',
  field: 'Đường bộ',
  levels: ['tinh'],
  agencies: ['Sở Xây dựng'],
  channels: [row('truc-tiep', '10 Ngày làm việc', ''), row('truc-tuyen', '10 Ngày làm việc', '')],
  documents: [{ group: '', name: 'Đơn đề nghị cấp lại giấy phép lái xe', form: '', copies: '1 bản chính' }],
  aliases: ['làm lại bằng lái xe bị mất', 'mất bằng lái xe', 'cấp lại gplx bị mất'],
});

export const ALL = [KHAI_SINH, KHAI_SINH_NN, CAN_CUOC, HO_CHIEU, KET_HON, GPLX];

export function fixtureKb(): KnowledgeBase {
  return {
    procedures: ALL,
    byCode: new Map(ALL.map((p) => [p.code, p])),
    synonyms: [
      { official: 'giấy phép lái xe', variants: ['bằng lái', 'bằng lái xe'] },
      { official: 'căn cước', variants: ['cccd', 'căn cước công dân'] },
    ],
    agencies: { province: 'Đồng Tháp', intake: 'tong-dai-1022', agencies: [] },
    version: 'fixture-1',
    loadedAt: '2026-01-01T00:00:00.000Z',
  };
}
