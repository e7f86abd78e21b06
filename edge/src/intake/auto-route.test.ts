import { describe, expect, it } from 'vitest';
import { type AgencyRef, routingCatalog } from '../work/routing';
import {
  AGREEMENT_FLOOR,
  alternativesJson,
  decideRoute,
  OUTCOME_LABELS,
  outcomeLabel,
  type RouteInput,
} from './auto-route';
import { type Classification, classify } from './classifier/classify';
import { DEFAULT_INTAKE_CONFIG } from './config';

// The auto-routing decision on fixed inputs: a small catalog shaped like the seeded one.

const AGENCIES: AgencyRef[] = [
  { id: 'ioc', name: 'Trung tâm IOC', scope: 'province', communeId: null },
  { id: 'dien_luc', name: 'Công ty Điện lực tỉnh', scope: 'province', communeId: null },
  { id: 'cap_thoat_nuoc', name: 'Cấp thoát nước', scope: 'province', communeId: null },
  { id: 'so_xay_dung', name: 'Sở Xây dựng', scope: 'province', communeId: null },
  { id: 'ubnd_xa_phuong', name: 'UBND xã, phường', scope: 'commune', communeId: null },
  { id: 'ubnd_vi-thanh', name: 'UBND phường Vị Thanh', scope: 'commune', communeId: 'vi-thanh' },
];
const CATEGORIES = new Map([
  ['dien_chieu_sang', { defaultAgencyId: 'dien_luc' }],
  ['cap_thoat_nuoc', { defaultAgencyId: 'cap_thoat_nuoc' }],
  ['giao_thong', { defaultAgencyId: 'so_xay_dung' }],
  ['trat_tu_do_thi', { defaultAgencyId: 'ubnd_xa_phuong' }],
  ['khac', { defaultAgencyId: 'ioc' }],
]);

const said = (category: string | null, confidence: number): Classification => ({
  category,
  confidence,
  alternatives: category ? [{ category: 'khac', confidence: 1 - confidence }] : [],
});

function decide(over: Partial<RouteInput> & Pick<RouteInput, 'classification'>) {
  return decideRoute({
    citizenCategoryId: 'giao_thong',
    communeId: 'vi-thanh',
    config: DEFAULT_INTAKE_CONFIG,
    catalog: routingCatalog(AGENCIES),
    categories: CATEGORIES,
    ...over,
  });
}

describe('decideRoute', () => {
  it('routes a confident prediction to its category agency, whatever the citizen picked', () => {
    const d = decide({ classification: said('dien_chieu_sang', 0.91) });
    expect(d).toMatchObject({
      outcome: 'routed_confident',
      categoryId: 'dien_chieu_sang',
      predictedCategoryId: 'dien_chieu_sang',
    });
    expect(d.agency?.id).toBe('dien_luc');
  });

  it('the threshold is inclusive and comes from the configuration', () => {
    const at = decide({ classification: said('dien_chieu_sang', 0.75) });
    expect(at.outcome).toBe('routed_confident');
    const stricter = decide({
      classification: said('dien_chieu_sang', 0.75),
      config: { autoRoute: true, autoRouteThreshold: 0.9 },
    });
    expect(stricter).toMatchObject({ outcome: 'queued_uncertain', agency: null });
  });

  it('routes on agreement with the citizen below the threshold', () => {
    const d = decide({
      classification: said('cap_thoat_nuoc', 0.55),
      citizenCategoryId: 'cap_thoat_nuoc',
    });
    expect(d).toMatchObject({ outcome: 'routed_agrees', categoryId: 'cap_thoat_nuoc' });
    expect(d.agency?.id).toBe('cap_thoat_nuoc');
  });

  it('agreement below the floor is noise: the report waits', () => {
    const d = decide({
      classification: said('cap_thoat_nuoc', AGREEMENT_FLOOR - 0.01),
      citizenCategoryId: 'cap_thoat_nuoc',
    });
    expect(d).toMatchObject({
      outcome: 'queued_uncertain',
      categoryId: 'cap_thoat_nuoc',
      agency: null,
      predictedCategoryId: 'cap_thoat_nuoc',
    });
  });

  it('an unsure prediction that disagrees waits with the citizen category and the suggestion', () => {
    const d = decide({ classification: said('dien_chieu_sang', 0.6) });
    expect(d).toEqual({
      outcome: 'queued_uncertain',
      categoryId: 'giao_thong',
      agency: null,
      predictedCategoryId: 'dien_chieu_sang',
    });
  });

  it("sends a commune-level category to the committee of the report's commune", () => {
    const d = decide({ classification: said('trat_tu_do_thi', 0.95) });
    expect(d.outcome).toBe('routed_confident');
    expect(d.agency?.id).toBe('ubnd_vi-thanh');
  });

  it('waits when no agency resolves: no commune, or a commune without a committee', () => {
    for (const communeId of [null, 'vi-thuy']) {
      const d = decide({ classification: said('trat_tu_do_thi', 0.95), communeId });
      expect(d).toMatchObject({
        outcome: 'queued_no_agency',
        categoryId: 'giao_thong',
        agency: null,
        predictedCategoryId: 'trat_tu_do_thi',
      });
    }
  });

  it('never routes to the intake centre itself ("Khác")', () => {
    const d = decide({ classification: said('khac', 0.97), citizenCategoryId: 'khac' });
    expect(d).toMatchObject({ outcome: 'queued_no_agency', categoryId: 'khac', agency: null });
  });

  it('auto-routing off: every report waits, the suggestion is kept', () => {
    const off = { autoRoute: false, autoRouteThreshold: 0.75 };
    for (const classification of [said('dien_chieu_sang', 0.99), said('giao_thong', 0.6)]) {
      const d = decide({ classification, config: off });
      expect(d.outcome).toBe('queued_uncertain');
      expect(d.agency).toBeNull();
      expect(d.categoryId).toBe('giao_thong');
      expect(d.predictedCategoryId).toBe(classification.category);
    }
  });

  it('a threshold above 1 turns confident routing off; agreement still routes', () => {
    const config = { autoRoute: true, autoRouteThreshold: 1.01 };
    expect(decide({ classification: said('dien_chieu_sang', 0.999), config }).outcome).toBe(
      'queued_uncertain',
    );
    expect(decide({ classification: said('giao_thong', 0.999), config }).outcome).toBe(
      'routed_agrees',
    );
  });

  it('no usable prediction (nothing to read, or a category the catalog lacks): waits', () => {
    expect(decide({ classification: said(null, 0) })).toEqual({
      outcome: 'queued_uncertain',
      categoryId: 'giao_thong',
      agency: null,
      predictedCategoryId: null,
    });
    expect(decide({ classification: said('y_te', 0.99) })).toMatchObject({
      outcome: 'queued_uncertain',
      predictedCategoryId: null,
    });
  });

  it('with the real classifier: a clear report routes, a greeting does not', () => {
    const lamp = classify('Đèn đường trên đường Trần Hưng Đạo bị hư cả tuần nay, tối om');
    expect(decide({ classification: lamp }).agency?.id).toBe('dien_luc');
    const hello = classify('xin chào');
    expect(hello.confidence).toBeLessThan(AGREEMENT_FLOOR);
    expect(
      decide({ classification: hello, citizenCategoryId: hello.category ?? 'khac' }).agency,
    ).toBeNull();
  });
});

describe('alternativesJson', () => {
  it('keeps the order and rounds to 4 decimals', () => {
    expect(
      JSON.parse(
        alternativesJson({
          category: 'giao_thong',
          confidence: 0.5,
          alternatives: [
            { category: 'khac', confidence: 0.123456 },
            { category: 'y_te', confidence: 0.0000001 },
          ],
        }),
      ),
    ).toEqual([
      { category: 'khac', confidence: 0.1235 },
      { category: 'y_te', confidence: 0 },
    ]);
  });
});

describe('outcomeLabel', () => {
  const record = {
    confidence: 0.9,
    threshold: 0.75,
    predictedCategoryId: 'cap_thoat_nuoc',
    citizenCategoryId: 'giao_thong',
  };
  it('says the switch was off when the report would have been routed', () => {
    expect(outcomeLabel({ ...record, outcome: 'queued_uncertain' })).toMatch(/đang tắt/);
    expect(
      outcomeLabel({
        ...record,
        confidence: 0.5,
        citizenCategoryId: 'cap_thoat_nuoc',
        outcome: 'queued_uncertain',
      }),
    ).toMatch(/đang tắt/);
  });
  it('otherwise names the outcome', () => {
    expect(outcomeLabel({ ...record, confidence: 0.5, outcome: 'queued_uncertain' })).toBe(
      OUTCOME_LABELS.queued_uncertain,
    );
    expect(outcomeLabel({ ...record, outcome: 'routed_confident' })).toBe(
      OUTCOME_LABELS.routed_confident,
    );
  });
});
