/**
 * The one way a field report is created, used by `POST /api/v1/reports` (mini app) and by
 * Open311 `POST requests`:
 *
 *   submitReport(
 *     db: Db,
 *     env: Env,
 *     input: SubmitReportInput,          // raw or typed; validated here with SubmitReportInputSchema
 *     ctx: {
 *       channel: 'miniapp' | 'open311',
 *       deviceHash?: string | null,      // SHA-256 of the device id (hashDeviceId); owns the media
 *       userId?: string | null,          // a verified Zalo sign-in only, never a client value
 *       beforeCreate?: () => Promise<void>, // e.g. rate limiting; runs only for a new submission
 *     },
 *   ): Promise<{ report: PublicReport; code: string; followToken?: string; created: boolean }>
 *
 * Throws ApiError (status, stable code, Vietnamese message, details) for every refusal:
 *   400 validation_failed   the input does not match SubmitReportInputSchema (details.issues)
 *   422 unknown_category    categoryId is not a category
 *   422 unknown_commune     location.communeId is not a commune of the province
 *   422 location_required   no location given and no photo carries GPS coordinates
 *   422 out_of_province     the point is outside the province's bounds
 *   422 media_unavailable   a media id is unknown, unfinished, expired, another device's, or attached
 *   422 too_many_media      more photos or videos than MAX_PHOTOS / MAX_VIDEOS
 *   422 zalo_location_failed  Zalo refused the location token (502/504 when Zalo is down or slow,
 *                           503 zalo_not_configured without ZALO_APP_SECRET)
 *   429 rate_limited        from ctx.beforeCreate
 * A submission id seen before returns that report with `created: false` (and its follow
 * token again when FOLLOW_TOKEN_SECRET is set), whoever asks and however often.
 *
 * Smart intake (issue 5): the description is classified before the first round trip (pure,
 * in the Worker, ~50 µs; intake/classifier), and intake/auto-route.ts decides between the two
 * round trips whether the report goes at once to an agency (confident prediction, or a
 * prediction that agrees with the citizen's category) or waits in the IOC queue with the
 * suggestion. A routed report is created `assigned`; the citizen sees "Đã chuyển xử lý" in
 * the answer. INTAKE_AUTO_ROUTE=off keeps every report in the queue (the suggestion is still
 * recorded).
 *
 * Database round trips: 1 read batch (the citizen's and the predicted category, the agencies
 * for routing, existing submission, communes, media, the holidays the due date skips) and
 * 1 write batch (report, contact, media attachments, `received` event, FTS row, intake
 * record; when routed on arrival also the `assigned` event, audit entries and the agency's
 * and reporter's notices; one transaction). A retry of a known submission: the read batch,
 * then one read of the report (it was routed, or not, once, by the batch that created it).
 */
import type { LOCATION_SOURCES } from '@tinh/db/schema';
import { fullName } from '../catalog/admin-units';
import { alternativesJson, decideRoute } from '../intake/auto-route';
import { classify, MODEL_VERSION } from '../intake/classifier/classify';
import { intakeConfig } from '../intake/config';
import { mediaLimits } from '../media/config';
import type { Db } from '../platform/db';
import type { Env } from '../platform/env';
import { ApiError, MESSAGES } from '../platform/errors';
import { foldVietnamese } from '../platform/text';
import { dueDate } from '../platform/working-days';
import { routingCatalog } from '../work/routing';
import { exchangeLocationToken, graphOptionsFromEnv, ZaloGraphError } from '../zalo/graph';
import { insideBounds, type LatLng, nearestUnit, PROVINCE } from './geo';
import {
  constraintFailure,
  insertReport,
  loadReportBundle,
  loadSubmissionContext,
  MEDIA_GUARD_COLUMN,
  type SubmissionContext,
} from './repo';
import {
  type ParsedSubmitReportInput,
  type PublicReport,
  type SubmitReportInput,
  SubmitReportInputSchema,
} from './schemas';
import { followTokenFor, hashFollowToken, newTrackingCode } from './tokens';
import { toPublicReport } from './view';

export type { SubmitReportInput } from './schemas';

export interface SubmitContext {
  channel: 'miniapp' | 'open311';
  deviceHash?: string | null;
  userId?: string | null;
  /** Runs once the submission is known to be new and valid, just before it is written. */
  beforeCreate?: () => Promise<void>;
  /** The clock (tests). */
  now?: Date;
}

export interface SubmitResult {
  report: PublicReport;
  code: string;
  /** Secret proof of authorship (rating, reopening). Keep it on the device. */
  followToken?: string;
  created: boolean;
}

export const RECEIVED_MESSAGE =
  'Trung tâm Giám sát, điều hành đô thị thông minh (IOC) đã tiếp nhận phản ánh và sẽ chuyển cơ quan có thẩm quyền xử lý.';

/** The public message of a report routed on arrival (its `assigned` event, the reporter's notice). */
export const autoAssignedMessage = (agencyName: string) =>
  `Phản ánh đã được hệ thống tự động chuyển đến ${agencyName} để xử lý.`;

const CODE_ATTEMPTS = 4;

export async function submitReport(
  db: Db,
  env: Env,
  input: SubmitReportInput,
  ctx: SubmitContext,
): Promise<SubmitResult> {
  const parsed = SubmitReportInputSchema.safeParse(input);
  if (!parsed.success) {
    throw new ApiError(400, 'validation_failed', MESSAGES.validation_failed, {
      target: 'json',
      issues: parsed.error.issues.map((issue) => ({
        path: issue.path.map(String).join('.'),
        code: issue.code,
        message: issue.message,
      })),
    });
  }
  const data = parsed.data;
  const mediaIds = [...new Set(data.mediaIds)];
  const deviceHash = ctx.deviceHash ?? null;
  const now = ctx.now ?? new Date();

  // The Zalo exchange (an outside call) overlaps the first database round trip. Its failure
  // only matters for a new submission: a retry must find its report even if the one-time
  // token was spent by the first attempt.
  const zalo =
    data.location?.source === 'zalo'
      ? exchangeLocationToken(
          graphOptionsFromEnv(env),
          data.location.accessToken,
          data.location.token,
        ).then(
          (point) => ({ ok: true as const, point }),
          (error: unknown) => ({ ok: false as const, error }),
        )
      : null;

  // Pure and fast: done before the read, which then loads the predicted category too.
  const classification = classify(data.description);

  // Round trip 1.
  const context = await loadSubmissionContext(db, {
    submissionId: data.submissionId,
    categoryId: data.categoryId,
    predictedCategoryId: classification.category,
    mediaIds,
    now,
  });
  if (context.existing) return existingSubmission(db, env, data.submissionId);

  if (!context.category) {
    throw new ApiError(
      422,
      'unknown_category',
      'Lĩnh vực phản ánh không tồn tại. Vui lòng chọn lại.',
      {
        categoryId: data.categoryId,
      },
    );
  }
  const citizenCategory = context.category;
  checkMedia(env, context, mediaIds, deviceHash, now);
  const place = resolveLocation(data, context, zalo ? await zalo : null);
  const commune = place.commune;

  const config = intakeConfig(env);
  const decision = decideRoute({
    classification,
    citizenCategoryId: citizenCategory.id,
    communeId: commune?.id ?? null,
    config,
    catalog: routingCatalog(context.agencies),
    categories: context.categories,
  });
  // The category the report is filed under: the predicted one when routed confidently.
  const category = context.categories.get(decision.categoryId) ?? citizenCategory;
  const agency = decision.agency;

  await ctx.beforeCreate?.();

  const { token: followToken } = await followTokenFor(data.submissionId, env.FOLLOW_TOKEN_SECRET);
  const followTokenHash = await hashFollowToken(followToken);
  const createdAt = now.toISOString();
  const dueAt = dueDate(now, category.slaHours, context.holidays).toISOString();
  const contact = data.contact && (data.contact.name || data.contact.phone) ? data.contact : null;
  const assignedMessage = agency ? autoAssignedMessage(agency.name) : null;

  for (let attempt = 1; ; attempt++) {
    const code = newTrackingCode();
    const ftsBody = foldVietnamese(
      [
        code,
        category.name,
        data.description,
        place.address ?? '',
        commune ? fullName({ ...commune, level: 'commune' }) : '',
      ].join(' '),
    );
    try {
      // Round trip 2.
      await insertReport(
        db,
        {
          code,
          submissionId: data.submissionId,
          followTokenHash,
          deviceHash,
          userId: ctx.userId ?? null,
          categoryId: category.id,
          description: data.description,
          lat: place.point.lat,
          lng: place.point.lng,
          locationSource: place.source,
          communeId: commune?.id ?? null,
          address: place.address,
          dueAt,
          createdAt,
          suggestedCategoryId: decision.predictedCategoryId,
        },
        contact
          ? {
              name: contact.name ?? null,
              phone: contact.phone ?? null,
              agencyMayContact: contact.agencyMayContact,
              // ZNS messages go to a phone: consent without one means nothing.
              znsConsent: contact.znsConsent && Boolean(contact.phone),
            }
          : null,
        mediaIds,
        ftsBody,
        RECEIVED_MESSAGE,
        {
          record: decision.predictedCategoryId
            ? {
                citizenCategoryId: citizenCategory.id,
                predictedCategoryId: decision.predictedCategoryId,
                confidence: classification.confidence,
                alternatives: alternativesJson(classification),
                outcome: decision.outcome,
                threshold: config.autoRouteThreshold,
                modelVersion: MODEL_VERSION,
              }
            : null,
          route:
            agency && assignedMessage
              ? {
                  agency,
                  message: assignedMessage,
                  categoryChangedFrom:
                    category.id === citizenCategory.id ? null : citizenCategory.id,
                  auditNote: `auto: ${decision.outcome}, ${MODEL_VERSION}, confidence ${classification.confidence.toFixed(3)} (threshold ${config.autoRouteThreshold})`,
                  officials: {
                    title: `Phản ánh mới ${code}`,
                    body: `Hệ thống đã tự động chuyển phản ánh ${code} (lĩnh vực ${category.name}) cho cơ quan xử lý.`,
                  },
                }
              : null,
        },
      );
    } catch (err) {
      const failure = constraintFailure(err);
      if (failure?.includes('reports.submission_id')) {
        // The same submission won a race with this one (parallel retries): answer with it.
        return existingSubmission(db, env, data.submissionId);
      }
      if (failure?.includes('reports.code') && attempt < CODE_ATTEMPTS) continue;
      if (failure?.includes(MEDIA_GUARD_COLUMN)) {
        throw new ApiError(
          422,
          'media_unavailable',
          'Một số ảnh hoặc video đã hết hạn hoặc đã được dùng. Vui lòng tải lên lại.',
          { mediaIds },
        );
      }
      throw err;
    }

    const mediaById = new Map(context.media.map((m) => [m.id, m]));
    const report: PublicReport = toPublicReport({
      report: {
        id: 0,
        code,
        status: agency ? 'assigned' : 'received',
        description: data.description,
        address: place.address,
        lat: place.point.lat,
        lng: place.point.lng,
        locationSource: place.source,
        dueAt,
        resolvedAt: null,
        supporterCount: 0,
        createdAt,
        updatedAt: createdAt,
        hidden: false,
        followTokenHash,
        deviceHash,
        userId: ctx.userId ?? null,
        agencyId: agency?.id ?? null,
        category,
        agencyName: agency?.name ?? null,
        communeId: commune?.id ?? null,
        communeName: commune?.name ?? null,
        communeKind: commune?.kind ?? null,
        duplicateOfCode: null,
      },
      media: mediaIds.flatMap((id) => {
        const m = mediaById.get(id);
        return m
          ? [
              {
                id,
                kind: m.kind,
                phase: 'report' as const,
                mime: m.mime,
                width: m.width,
                height: m.height,
              },
            ]
          : [];
      }),
      events: [
        {
          type: 'received',
          toStatus: 'received',
          publicMessage: RECEIVED_MESSAGE,
          agencyId: null,
          agencyName: null,
          createdAt,
        },
        ...(agency && assignedMessage
          ? [
              {
                type: 'assigned' as const,
                toStatus: 'assigned' as const,
                publicMessage: assignedMessage,
                agencyId: agency.id,
                agencyName: agency.name,
                createdAt,
              },
            ]
          : []),
      ],
      ratings: [],
    });
    return { report, code, followToken, created: true };
  }
}

async function existingSubmission(db: Db, env: Env, submissionId: string): Promise<SubmitResult> {
  const bundle = await loadReportBundle(db, { submissionId });
  if (!bundle) throw new Error('submission vanished after its unique-index conflict');
  const result: SubmitResult = {
    report: toPublicReport(bundle),
    code: bundle.report.code,
    created: false,
  };
  // The token can be given again only when it is derived (it is not stored).
  if (env.FOLLOW_TOKEN_SECRET) {
    const { token } = await followTokenFor(submissionId, env.FOLLOW_TOKEN_SECRET);
    if ((await hashFollowToken(token)) === bundle.report.followTokenHash)
      result.followToken = token;
  }
  return result;
}

function checkMedia(
  env: Env,
  context: SubmissionContext,
  mediaIds: string[],
  deviceHash: string | null,
  now: Date,
): void {
  const found = new Map(context.media.map((m) => [m.id, m]));
  const nowIso = now.toISOString();
  const unusable = mediaIds.filter((id) => {
    const m = found.get(id);
    return (
      m?.status !== 'complete' ||
      m.reportId !== null ||
      deviceHash === null ||
      m.deviceHash !== deviceHash ||
      m.expiresAt <= nowIso
    );
  });
  if (unusable.length > 0) {
    throw new ApiError(
      422,
      'media_unavailable',
      'Không tìm thấy ảnh hoặc video đã tải lên (có thể đã hết hạn hoặc chưa tải xong). Vui lòng tải lên lại.',
      { mediaIds: unusable },
    );
  }
  const limits = mediaLimits(env);
  const photos = mediaIds.filter((id) => found.get(id)?.kind === 'photo').length;
  const videos = mediaIds.length - photos;
  if (photos > limits.maxPhotos || videos > limits.maxVideos) {
    throw new ApiError(
      422,
      'too_many_media',
      `Mỗi phản ánh được gửi tối đa ${limits.maxPhotos} ảnh và ${limits.maxVideos} video.`,
      { photos, videos, maxPhotos: limits.maxPhotos, maxVideos: limits.maxVideos },
    );
  }
}

interface Place {
  point: LatLng;
  source: (typeof LOCATION_SOURCES)[number];
  address: string | null;
  commune: SubmissionContext['communes'][number] | undefined;
}

type ZaloOutcome =
  | { ok: true; point: { lat: number; lng: number } }
  | { ok: false; error: unknown }
  | null;

function resolveLocation(
  data: ParsedSubmitReportInput,
  context: SubmissionContext,
  zalo: ZaloOutcome,
): Place {
  const loc = data.location;
  const communeById = (id: string | undefined) => {
    if (id === undefined) return undefined;
    const commune = context.communes.find((c) => c.id === id);
    if (!commune) {
      throw new ApiError(
        422,
        'unknown_commune',
        'Xã/phường đã chọn không thuộc tỉnh. Vui lòng chọn lại.',
        {
          communeId: id,
        },
      );
    }
    return commune;
  };

  let point: LatLng;
  let source: Place['source'];
  let picked: Place['commune'];
  let address: string | null = null;

  if (!loc) {
    // No location given: the first photo that carried GPS in its EXIF.
    const byId = new Map(context.media.map((m) => [m.id, m]));
    const withGps = data.mediaIds
      .map((id) => byId.get(id))
      .find((m) => m && m.gpsLat !== null && m.gpsLng !== null);
    if (!withGps || withGps.gpsLat === null || withGps.gpsLng === null) {
      throw new ApiError(
        422,
        'location_required',
        'Vui lòng cho biết vị trí sự việc: bật định vị, ghim trên bản đồ, hoặc nhập địa chỉ và chọn xã/phường.',
      );
    }
    point = { lat: withGps.gpsLat, lng: withGps.gpsLng };
    source = 'exif';
  } else if (loc.source === 'zalo') {
    if (!zalo?.ok) throw zaloFailure(zalo?.error);
    point = zalo.point;
    source = 'zalo';
    address = loc.address ?? null;
  } else if (loc.source === 'address') {
    picked = communeById(loc.communeId);
    address = loc.address;
    source = 'address';
    if (loc.lat !== undefined && loc.lng !== undefined) point = { lat: loc.lat, lng: loc.lng };
    else if (picked?.lat != null && picked.lng != null)
      point = { lat: picked.lat, lng: picked.lng };
    else throw new ApiError(422, 'location_required', 'Vui lòng ghim vị trí sự việc trên bản đồ.');
  } else {
    point = { lat: loc.lat, lng: loc.lng };
    source = loc.source;
    address = loc.address ?? null;
    picked = communeById(loc.communeId);
  }

  if (!insideBounds(point)) {
    throw new ApiError(
      422,
      'out_of_province',
      `Vị trí đã chọn nằm ngoài địa bàn tỉnh ${PROVINCE.name}. Vui lòng chọn vị trí trong tỉnh.`,
      { lat: point.lat, lng: point.lng, bounds: PROVINCE.bounds },
    );
  }
  // The commune the citizen picked, else the one whose centre is nearest (an approximation
  // near borders until commune boundaries are available; the IOC corrects it when routing).
  const commune = picked ?? nearestUnit(point, context.communes);
  return { point, source, address, commune };
}

/** The API error for a failed Zalo location exchange. */
export function zaloFailure(error: unknown): ApiError {
  if (error instanceof ZaloGraphError) {
    switch (error.kind) {
      case 'not_configured':
        return new ApiError(
          503,
          'zalo_not_configured',
          'Chưa thể lấy vị trí từ Zalo. Vui lòng ghim vị trí trên bản đồ.',
        );
      case 'rejected':
        return new ApiError(
          422,
          'zalo_location_failed',
          'Không lấy được vị trí từ Zalo (mã vị trí đã hết hạn). Vui lòng thử lại hoặc ghim vị trí trên bản đồ.',
          { zaloCode: error.zaloCode },
        );
      case 'timeout':
        return new ApiError(
          504,
          'zalo_timeout',
          'Zalo phản hồi quá chậm. Vui lòng thử lại hoặc ghim vị trí trên bản đồ.',
        );
      default:
        return new ApiError(
          502,
          'zalo_unavailable',
          'Không kết nối được Zalo để lấy vị trí. Vui lòng thử lại hoặc ghim vị trí trên bản đồ.',
        );
    }
  }
  return new ApiError(502, 'zalo_unavailable', 'Không kết nối được Zalo để lấy vị trí.');
}
