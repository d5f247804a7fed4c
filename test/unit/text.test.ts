import { describe, expect, it } from 'vitest';
import { canonical, foldText, hasDiacritics, normalizeQuery, normalizeTonePlacement, unifyYI } from '../../src/text/index.js';

describe('tone placement', () => {
  it('moves the tone of open oa/oe/uy syllables to the first vowel', () => {
    expect(normalizeTonePlacement('hoà')).toBe('hòa');
    expect(normalizeTonePlacement('thuỷ lợi')).toBe('thủy lợi');
    expect(normalizeTonePlacement('sức khoẻ')).toBe('sức khỏe');
    expect(normalizeTonePlacement('Hoà Bình')).toBe('Hòa Bình');
  });
  it('leaves syllables with a final consonant and the qu onset alone', () => {
    expect(normalizeTonePlacement('hoàng')).toBe('hoàng');
    expect(normalizeTonePlacement('quyết định')).toBe('quyết định');
    expect(normalizeTonePlacement('quý')).toBe('quý');
  });
  it('makes old and new placement compare equal', () => {
    expect(canonical('Thuỷ sản HOÀ')).toBe(canonical('Thủy sản hòa'));
  });
  it('normalises decomposed input to NFC first', () => {
    const decomposed = 'đăng ký'.normalize('NFD');
    expect(canonical(decomposed)).toBe('đăng ký'.normalize('NFC'));
  });
});

describe('folding', () => {
  it('removes diacritics and maps đ to d', () => {
    expect(foldText('Đăng ký khai sinh')).toBe('dang ki khai sinh');
    expect(foldText('Giấy chứng nhận quyền sử dụng đất')).toBe('giay chung nhan quyen su dung dat');
  });
  it('unifies y/i spellings so kỹ/kĩ and quí/quý match', () => {
    expect(foldText('kỹ thuật')).toBe(foldText('kĩ thuật'));
    expect(foldText('quí')).toBe(foldText('quý'));
    expect(foldText('Mỹ Tho')).toBe('mi tho');
    expect(unifyYI('thuy')).toBe('thuy');
    expect(unifyYI('tay')).toBe('tay');
  });
  it('detects whether text has diacritics', () => {
    expect(hasDiacritics('lam lai cccd')).toBe(false);
    expect(hasDiacritics('làm lại')).toBe(true);
    expect(hasDiacritics('dđ')).toBe(true);
  });
});

describe('query normalisation', () => {
  it('expands chat abbreviations and slang', () => {
    const q = normalizeQuery('e mún làm lại cccd bị mất thì cần hs j ko');
    expect(q.folded).toBe('em muon lam lai can cuoc cong dan bi mat thi can ho so gi khong');
  });
  it('reads "đk" as đăng ký, but as điều kiện after "đủ"', () => {
    expect(normalizeQuery('đk kinh doanh').folded).toBe('dang ki kinh doanh');
    expect(normalizeQuery('có đủ đk không').folded).toBe('co du dieu kien khong');
  });
  it('gives the same tokens with and without diacritics', () => {
    expect(normalizeQuery('Gia hạn tạm trú ở đâu?').tokens).toEqual(normalizeQuery('gia han tam tru o dau').tokens);
  });
  it('splits segments at punctuation so syllable pairs do not cross sentences', () => {
    expect(normalizeQuery('hồ sơ. Giấy phép').segments).toEqual([['ho', 'so'], ['giay', 'phep']]);
  });
  it('keeps numbers and licence classes as tokens', () => {
    expect(normalizeQuery('bằng lái hạng B2, 500k').tokens).toEqual(['bang', 'lai', 'hang', 'b2', '500k']);
  });
});
