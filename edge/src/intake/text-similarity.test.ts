import { describe, expect, it } from 'vitest';
import { contentSyllables, jaccard, shingles, textSimilarity } from './text-similarity';

describe('folding and tokenising', () => {
  it('folds case, tones, vowel marks and đ; splits on anything but letters and digits', () => {
    expect(contentSyllables('ĐÈN ĐƯỜNG hẻm 12/3 bị hư!!!')).toEqual([
      'den',
      'duong',
      'hem',
      '12',
      '3',
      'hu',
    ]);
    expect(contentSyllables('Ổ gà   lớn…quá')).toEqual(['o', 'ga', 'lon']);
    // NFC and NFD input (some keyboards send combining marks) fold alike.
    expect(contentSyllables('ngập'.normalize('NFD'))).toEqual(contentSyllables('ngập'));
  });

  it('expands phone shorthand and drops stop-words, keeping words that fold like them', () => {
    expect(contentSyllables('đèn ko sáng dc 3 đêm r, xin mn giúp')).toEqual([
      'den',
      'sang',
      '3',
      'dem',
    ]);
    // ở (at) folds like ổ (pothole), đến like đèn, chợ like cho: the content words stay.
    expect(contentSyllables('rác ở chợ')).toEqual(['rac', 'o', 'cho']);
    expect(contentSyllables('và là của những đã đang sẽ bị được')).toEqual([]);
  });

  it('makes unigram and bigram shingles of the content words', () => {
    expect([...shingles('Ổ gà lớn')].sort()).toEqual(['ga', 'ga_lon', 'lon', 'o', 'o_ga'].sort());
    // Stop-words in between do not break a bigram: "ổ gà rất lớn" has ga_lon too.
    expect(shingles('ổ gà rất lớn').has('ga_lon')).toBe(true);
    expect(shingles('...!?').size).toBe(0);
  });
});

describe('jaccard', () => {
  it('is |A ∩ B| / |A ∪ B|, and 0 when either side is empty', () => {
    expect(jaccard(new Set(['a', 'b']), new Set(['b', 'c']))).toBeCloseTo(1 / 3);
    expect(jaccard(new Set(['a']), new Set(['a']))).toBe(1);
    expect(jaccard(new Set(), new Set())).toBe(0);
    expect(jaccard(new Set(['a']), new Set())).toBe(0);
  });
});

describe('textSimilarity', () => {
  const POTHOLE = 'Ổ gà lớn trên đường Trần Hưng Đạo, xe máy dễ té';

  it('does not care about diacritics or case', () => {
    expect(textSimilarity(POTHOLE, 'O GA LON TREN DUONG TRAN HUNG DAO, XE MAY DE TE')).toBe(1);
    expect(textSimilarity(POTHOLE, 'ổ gà lớn trên đường trần hưng đạo xe máy dễ té')).toBe(1);
  });

  it('survives a typo far above an unrelated text', () => {
    const typo = textSimilarity(POTHOLE, 'O ga lon tren duogn Tran Hung Dao, xe may de te');
    expect(typo).toBeGreaterThan(0.6);
    expect(typo).toBeLessThan(1);
  });

  it.each([
    ['duong tran hung dao co o ga rat to, di xe may nguy hiem', POTHOLE],
    ['den duong hem 12 khong sang, toi thui', 'Đèn đường hẻm 12 bị hư mấy đêm nay tối om'],
    [
      'Chợ phường 5 rác không ai thu gom, mùi hôi quá',
      'Rác thải tràn ra đường ở chợ phường 5 bốc mùi hôi thối',
    ],
    [
      'mưa lớn ngập hết cả con đường 3/2, xe chết máy',
      'Nước ngập sâu đường 3/2 sau cơn mưa chiều nay',
    ],
    ['Khu phố mình cúp điện từ sáng đến giờ', 'Mất điện cả khu phố từ sáng tới giờ chưa có lại'],
    ['karaoke on ao qua khuya ko ngu duoc', 'Quán karaoke hát ồn ào tới khuya không ai nhắc nhở'],
  ])('finds the same problem in other words: "%s"', (a, b) => {
    expect(textSimilarity(a, b)).toBeGreaterThanOrEqual(0.2);
  });

  it.each([
    ['Xây dựng nhà trái phép không có giấy phép', 'Lấn chiếm vỉa hè bán hàng trước chợ'],
    ['Biển báo cấm đỗ xe bị gãy nằm dưới đất', POTHOLE],
    ['Mất nước sinh hoạt cả tuần nay', 'Mất điện cả khu phố từ sáng tới giờ'],
  ])('keeps different problems apart: "%s"', (a, b) => {
    expect(textSimilarity(a, b)).toBeLessThan(0.12);
  });

  it('is symmetric, 1 for the same text and 0 for a text without words', () => {
    const other = 'đường trần hưng đạo có ổ gà';
    expect(textSimilarity(POTHOLE, other)).toBe(textSimilarity(other, POTHOLE));
    expect(textSimilarity(POTHOLE, POTHOLE)).toBe(1);
    expect(textSimilarity(POTHOLE, '!!!')).toBe(0);
  });
});
