import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { renderProcedureFile } from '../../src/knowledge/index.js';
import type { Procedure } from '../../src/knowledge/index.js';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'raw');

export function tempDir(prefix = 'kb-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function procedure(over: Partial<Procedure> = {}): Omit<Procedure, 'file'> {
  return {
    code: '1.000001',
    title: 'Đăng ký khai sinh',
    field: 'Hộ tịch',
    levels: ['xa'],
    levelText: 'Cấp xã',
    decision: '',
    ministry: 'Bộ Tư pháp',
    agencies: ['Ủy ban nhân dân cấp xã'],
    competentAgencies: [],
    applicants: ['Công dân Việt Nam'],
    submitAddress: '',
    channels: [{ channel: 'truc-tiep', time: '1 Ngày làm việc', fee: 'Miễn phí', note: '' }],
    documents: [{ group: '', name: 'Tờ khai đăng ký khai sinh', form: 'TK.docx', copies: '1 bản chính' }],
    legal: [{ number: '123/2015/NĐ-CP', title: 'Nghị định hướng dẫn Luật Hộ tịch' }],
    steps: 'Bước 1: Nộp hồ sơ.',
    conditions: '',
    result: 'Giấy khai sinh',
    description: '',
    portalUrl: '',
    updated: '2026-11-01',
    aliases: [],
    source: '',
    ...over,
  };
}

/** Writes a procedure file (rendered, or raw text) into dir/procedures/<folder>/<name>.md. */
export function writeProcedure(dir: string, rel: string, content: string | Omit<Procedure, 'file'>): string {
  const path = join(dir, 'procedures', rel);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, typeof content === 'string' ? content : renderProcedureFile(content));
  return path;
}
