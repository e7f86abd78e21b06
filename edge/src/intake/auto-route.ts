import type { IntakeOutcome } from '@tinh/db/schema';
import { type AgencyRef, defaultAgency, type RoutingCatalog } from '../work/routing';
import type { Classification } from './classifier/classify';
import type { IntakeConfig } from './config';

// Routing on arrival (pure): what the smart intake does with a new report, from the
// classifier's reading of its text, the category the citizen picked, the configuration and
// the routing catalog. submitReport calls it between its read batch and its write batch.
//
//   1. Confident: the classifier's confidence reaches the threshold (0.75 by default: the
//      lowest at which ≥ 95 % of held-out reports were routed right). The report goes to the
//      PREDICTED category's agency and takes that category; the citizen's pick stays in
//      report_intake.citizen_category_id.
//   2. Agrees: the classifier's top category is the one the citizen picked, with at least
//      AGREEMENT_FLOOR confidence. Two independent readings agreeing is strong evidence, but
//      a text that says nothing the model knows ("abc", "test", a greeting) still gets a top
//      category by its prior (0.24 for text of unknown words only, 0.36 for "xin chào"):
//      the floor keeps that noise from counting as agreement. No held-out report scored
//      below 0.3, so the floor costs real reports almost nothing.
//   3. Otherwise the report waits in the IOC queue with the suggestion (queued_uncertain).
//
// The agency is the category's default agency, or for commune-level categories the People's
// Committee of the report's commune (work/routing.ts defaultAgency, the same rule the IOC's
// intake uses). When none resolves, or the category is mapped to the intake centre itself
// (the IOC is not a handling agency: "Khác" maps to it so that a person looks at the report),
// the report waits for the IOC (queued_no_agency). With auto-routing switched off, every
// report waits (queued_uncertain) and the suggestion is still recorded.
//
// A report that waits keeps the citizen's category; only a routed report changes it.

/** Confidence the classifier's top category needs to count as agreeing with the citizen. */
export const AGREEMENT_FLOOR = 0.4;

/** The intake centre's own agency: a category mapped to it has no agency to route to. */
export const INTAKE_CENTRE_AGENCY_ID = 'ioc';

export interface RouteInput {
  classification: Classification;
  /** The category the citizen picked. */
  citizenCategoryId: string;
  /** The commune the report lies in (for commune-level categories). */
  communeId: string | null;
  config: Pick<IntakeConfig, 'autoRoute' | 'autoRouteThreshold'>;
  catalog: RoutingCatalog;
  /** Category id → its default agency, for the categories this decision may use. */
  categories: ReadonlyMap<string, { defaultAgencyId: string }>;
}

export interface RouteDecision {
  outcome: IntakeOutcome;
  /** The category the report ends up in: the predicted one when routed confidently. */
  categoryId: string;
  /** Where the report goes now; null: it waits in the IOC queue. */
  agency: AgencyRef | null;
  /**
   * The classifier's category when it is one of the catalog's (what report_intake records);
   * null when the text gave the model nothing to read or named an unknown category.
   */
  predictedCategoryId: string | null;
}

export function decideRoute(input: RouteInput): RouteDecision {
  const { classification: c, citizenCategoryId, config } = input;
  const predicted = c.category !== null && input.categories.has(c.category) ? c.category : null;
  const wait = (outcome: IntakeOutcome): RouteDecision => ({
    outcome,
    categoryId: citizenCategoryId,
    agency: null,
    predictedCategoryId: predicted,
  });
  if (predicted === null) return wait('queued_uncertain');

  let outcome: IntakeOutcome;
  let categoryId: string;
  if (c.confidence >= config.autoRouteThreshold) {
    outcome = 'routed_confident';
    categoryId = predicted;
  } else if (predicted === citizenCategoryId && c.confidence >= AGREEMENT_FLOOR) {
    outcome = 'routed_agrees';
    categoryId = citizenCategoryId;
  } else {
    return wait('queued_uncertain');
  }
  if (!config.autoRoute) return wait('queued_uncertain');

  const category = input.categories.get(categoryId);
  const agency = category
    ? defaultAgency(input.catalog, category.defaultAgencyId, input.communeId)
    : null;
  if (!agency || agency.id === INTAKE_CENTRE_AGENCY_ID) return wait('queued_no_agency');
  return { outcome, categoryId, agency, predictedCategoryId: predicted };
}

/** Alternatives as stored in report_intake.alternatives (JSON), confidences to 4 decimals. */
export function alternativesJson(c: Classification): string {
  return JSON.stringify(
    c.alternatives.map((a) => ({
      category: a.category,
      confidence: Math.round(a.confidence * 10_000) / 10_000,
    })),
  );
}

/** What each outcome means, for officials (the report page's intake panel). */
export const OUTCOME_LABELS: Record<IntakeOutcome, string> = {
  routed_confident: 'Tự động chuyển xử lý: bộ phân loại đủ độ tin cậy',
  routed_agrees: 'Tự động chuyển xử lý: dự đoán trùng lĩnh vực người dân chọn',
  queued_uncertain: 'Chờ IOC kiểm tra: chưa đủ căn cứ để tự động chuyển',
  queued_no_agency: 'Chờ IOC kiểm tra: không xác định được cơ quan xử lý',
};

/**
 * The outcome in words. A report that waited although the classifier was confident or agreed
 * with the citizen arrived while auto-routing was switched off (INTAKE_AUTO_ROUTE=off): the
 * record does not store the switch, but its threshold and confidence tell.
 */
export function outcomeLabel(r: {
  outcome: IntakeOutcome;
  confidence: number;
  threshold: number;
  predictedCategoryId: string;
  citizenCategoryId: string;
}): string {
  const wouldRoute =
    r.confidence >= r.threshold ||
    (r.predictedCategoryId === r.citizenCategoryId && r.confidence >= AGREEMENT_FLOOR);
  return r.outcome === 'queued_uncertain' && wouldRoute
    ? 'Chờ IOC kiểm tra: tự động chuyển đang tắt khi tiếp nhận'
    : OUTCOME_LABELS[r.outcome];
}
