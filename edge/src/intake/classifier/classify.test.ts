/// <reference types="vite/types/importMeta.d.ts" />
import { describe, expect, it } from 'vitest';
import { foldVietnamese } from '../../platform/text';
import { CLASSIFIER_CATEGORIES, classify } from './classify';
import { features, syllables } from './features';

// The training data and the model file as text, bundled into the test at build time (workerd
// has no file system).
const raw = import.meta.glob<string>(
  [
    '../../../../fixtures/classifier/*.jsonl',
    './model.json',
    '../../../../fixtures/categories.json',
  ],
  { eager: true, query: '?raw', import: 'default' },
);
const file = (suffix: string) => {
  const hit = Object.entries(raw).find(([path]) => path.endsWith(suffix));
  if (!hit) throw new Error(`${suffix} not bundled`);
  return hit[1];
};
const rows = (suffix: string) =>
  file(suffix)
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as { text: string; category: string });
const train = rows('classifier/train.jsonl');
const heldout = rows('classifier/heldout.jsonl');
const categoryIds = (
  JSON.parse(file('fixtures/categories.json')) as { categories: { id: string }[] }
).categories.map((c) => c.id);

/** A floor below the figure `npm run eval:classifier` printed for the committed model (90.5%). */
const HELDOUT_ACCURACY_FLOOR = 0.87;

describe('classifier text features', () => {
  it('folds diacritics, đ and case, and splits on anything that is not a letter or digit', () => {
    expect(syllables('Ổ GÀ trên đường Trần Hưng Đạo!!! (P.5)')).toEqual([
      'o',
      'ga',
      'tren',
      'duong',
      'tran',
      'hung',
      'dao',
      'p',
      '5',
    ]);
    expect(syllables('  ')).toEqual([]);
    expect(syllables('?!…')).toEqual([]);
  });

  it('expands phone shorthand, whole tokens only, and leaves real syllables alone', () => {
    expect(syllables('nước ngập ko đi dc, mn ơi')).toEqual([
      'nuoc',
      'ngap',
      'khong',
      'di',
      'duoc',
      'moi',
      'nguoi',
      'oi',
    ]);
    // "hỏng" (broken) folds to "hong", also Southern for "không": left as it is.
    expect(syllables('đèn hỏng')).toEqual(['den', 'hong']);
    expect(syllables('kocó')).toEqual(['koco']);
  });

  it('gives unigrams, bigrams and character 4-grams of the despaced text', () => {
    const f = features('Đèn đường hư');
    expect(f).toContain('den');
    expect(f).toContain('duong');
    expect(f).toContain('den_duong');
    expect(f).toContain('duong_hu');
    expect(f).toContain('#dend');
    expect(features('')).toEqual(new Set());
  });

  it('gives joined and split words the same character n-grams', () => {
    const chars = (t: string) => [...features(t)].filter((x) => x.startsWith('#')).sort();
    expect(chars('đènđường hư')).toEqual(chars('đèn đường hư'));
    expect(chars('ổgà')).toEqual(chars('ổ gà'));
    expect(chars('LẤNCHIẾM VỈA HÈ')).toEqual(chars('lấn chiếm vỉa hè'));
  });
});

describe('classify', () => {
  // Written for this test, not taken from the training or held-out files.
  const fixed: [string, string][] = [
    ['Ổ gà to giữa đường Trần Hưng Đạo, xe máy té hoài', 'giao_thong'],
    ['o ga giua duong tran hung dao, xe may te hoai', 'giao_thong'],
    ['Rác thải đổ đống bốc mùi hôi thối đầu hẻm', 'moi_truong'],
    ['rac thai do dong boc mui hoi thoi dau hem', 'moi_truong'],
    ['Quán cà phê lấn chiếm vỉa hè, người đi bộ phải xuống lòng đường', 'trat_tu_do_thi'],
    ['Nhà bị trộm cạy cửa lấy mất xe máy lúc nửa đêm', 'an_ninh_trat_tu'],
    ['nha bi trom cay cua lay mat xe may luc nua dem', 'an_ninh_trat_tu'],
    ['Đèn đường hư cả tuần, tối thui', 'dien_chieu_sang'],
    ['đènđường hư cả tuần, tối thui', 'dien_chieu_sang'],
    ['MẤT ĐIỆN TỪ SÁNG TỚI GIỜ CHƯA CÓ LẠI', 'dien_chieu_sang'],
    ['Mất nước sinh hoạt từ sáng, nước máy không chảy', 'cap_thoat_nuoc'],
    ['cong nghet, mua xuong la ngap qua troi', 'cap_thoat_nuoc'],
    ['Ăn đám giỗ xong cả nhà bị ngộ độc thực phẩm, nôn ói', 'y_te'],
    ['Trường thu quá nhiều khoản đầu năm học, phụ huynh bức xúc', 'giao_duc'],
    ['truong thu qua nhieu khoan dau nam hoc, phu huynh buc xuc', 'giao_duc'],
    ['Hồ sơ cấp sổ đỏ trễ hẹn 3 tháng, cán bộ hẹn hoài', 'thu_tuc_hanh_chinh'],
    ['Cụ già neo đơn sống một mình, chưa được nhận trợ cấp', 'an_sinh_xa_hoi'],
    ['Nước mặn tràn vào ruộng lúa, cống thủy lợi hư không đóng được', 'nong_nghiep'],
    ['nuoc man tran vao ruong lua, cong thuy loi hu khong dong duoc', 'nong_nghiep'],
    ['Mất sóng điện thoại cả ngày, gọi không được', 'vien_thong'],
    ['Nhận tin nhắn lừa đảo giả ngân hàng gửi đường link lạ', 'vien_thong'],
  ];

  it.each(fixed)('%s → %s', (text, expected) => {
    expect(classify(text).category).toBe(expected);
  });

  it('gives a confidence in 0…1 and the next three categories, most likely first', () => {
    const r = classify('Đèn đường hư cả tuần, tối thui');
    expect(r.confidence).toBeGreaterThan(0);
    expect(r.confidence).toBeLessThanOrEqual(1);
    expect(r.alternatives).toHaveLength(3);
    const all = [r.confidence, ...r.alternatives.map((a) => a.confidence)];
    expect([...all].sort((a, b) => b - a)).toEqual(all);
    expect(all.reduce((s, p) => s + p, 0)).toBeLessThanOrEqual(1 + 1e-9);
    const ids = [r.category, ...r.alternatives.map((a) => a.category)];
    expect(new Set(ids).size).toBe(4);
    for (const id of ids) expect(categoryIds).toContain(id);
  });

  it('does not care about case or diacritics', () => {
    const a = classify('Nắp cống trên đường Lê Lợi bị mất');
    const b = classify('NAP CONG TREN DUONG LE LOI BI MAT');
    expect(b.category).toBe(a.category);
    expect(b.confidence).toBeCloseTo(a.confidence, 12);
  });

  it('answers null at confidence 0 for a text with nothing to read', () => {
    for (const text of ['', '   ', '!!! ...']) {
      expect(classify(text)).toEqual({ category: null, confidence: 0, alternatives: [] });
    }
  });

  it('knows every category of fixtures/categories.json, in that order', () => {
    expect(CLASSIFIER_CATEGORIES).toEqual(categoryIds);
  });

  it('ships a model of at most 1 MB', () => {
    expect(new TextEncoder().encode(file('/model.json')).length).toBeLessThanOrEqual(1024 * 1024);
  });

  it(`is right on at least ${HELDOUT_ACCURACY_FLOOR * 100}% of the held-out reports`, () => {
    const correct = heldout.filter((r) => classify(r.text).category === r.category).length;
    expect(correct / heldout.length).toBeGreaterThanOrEqual(HELDOUT_ACCURACY_FLOOR);
  });
});

describe('classifier data (fixtures/classifier)', () => {
  const key = (text: string) =>
    foldVietnamese(text)
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();

  it('keeps the held-out split disjoint from training, with no duplicates in either', () => {
    const trainKeys = train.map((r) => key(r.text));
    const heldoutKeys = heldout.map((r) => key(r.text));
    expect(new Set(trainKeys).size).toBe(trainKeys.length);
    expect(new Set(heldoutKeys).size).toBe(heldoutKeys.length);
    const inTrain = new Set(trainKeys);
    expect(heldoutKeys.filter((k) => inTrain.has(k))).toEqual([]);
  });

  it('has at least 60 training and about 20 held-out reports per category', () => {
    for (const id of categoryIds) {
      expect(train.filter((r) => r.category === id).length).toBeGreaterThanOrEqual(60);
      expect(heldout.filter((r) => r.category === id).length).toBeGreaterThanOrEqual(18);
    }
    for (const r of [...train, ...heldout]) expect(categoryIds).toContain(r.category);
  });

  it('has reports of 5 to 60 words, about a third typed without diacritics', () => {
    const all = [...train, ...heldout];
    for (const r of all) {
      const words = r.text.trim().split(/\s+/).length;
      expect(words, r.text).toBeGreaterThanOrEqual(5);
      expect(words, r.text).toBeLessThanOrEqual(60);
    }
    const plain = all.filter(
      (r) => !/[\u0300-\u036f]/.test(r.text.normalize('NFD')) && !/[đĐ]/.test(r.text),
    ).length;
    expect(plain / all.length).toBeGreaterThan(0.3);
  });
});
