import type { Draft, DraftMedia, Receipt, SendDraft, SendOutcome } from './outbox';
import type { ProgressStore } from './progress';
import {
  isRetryable,
  type TransportError,
  type TransportResult,
  type UploadTransport,
  uploadResumable,
} from './upload';

/**
 * Sends one draft: uploads its files (resuming what the server already holds), then
 * submits the report with the draft's submissionId. Everything the server learns along
 * the way (upload ids and offsets) is written back to the draft through `update`, so an
 * attempt cut short by the network resumes instead of starting over.
 */

export type SubmitBody = {
  submissionId: string;
  deviceId: string;
  categoryId: string;
  description: string;
  location?: Record<string, unknown>;
  mediaIds: string[];
  contact?: {
    name?: string;
    phone?: string;
    agencyMayContact: boolean;
    consent: boolean;
    /** Only with a phone: ZNS messages go to a phone number. */
    znsConsent?: boolean;
  };
};

export type SubmitAnswer = { code: string; followToken?: string | null; createdAt?: string };

export interface ReportsTransport {
  uploads(deviceId: string): UploadTransport;
  submit(body: SubmitBody): Promise<TransportResult<SubmitAnswer>>;
  /** Zalo's access token, needed by the server to exchange a Zalo location token. */
  zaloAccessToken?: () => Promise<string | null>;
}

export type SenderDeps = {
  transport: ReportsTransport;
  deviceId: () => Promise<string>;
  /** Upload chunk size; the server's configured size when known. */
  chunkSize?: () => number | undefined;
  progress?: ProgressStore;
  sleep?: (ms: number) => Promise<void>;
  now?: () => Date;
};

function outcomeOf(error: TransportError): SendOutcome {
  return {
    ok: false,
    retryable: isRetryable(error),
    error: { code: error.code, message: error.message },
  };
}

/** The location as the API takes it (see SubmitReportInputSchema in edge/src/reports). */
export async function locationBody(
  draft: Draft,
  zaloAccessToken?: () => Promise<string | null>,
): Promise<Record<string, unknown> | { error: TransportError }> {
  const { location } = draft;
  const extras = {
    ...(location.address?.trim() ? { address: location.address.trim() } : {}),
  };
  switch (location.source) {
    case 'zalo': {
      const accessToken = (await zaloAccessToken?.()) ?? null;
      if (!location.token || !accessToken) {
        return {
          error: {
            kind: 'http',
            status: 422,
            code: 'zalo_location_failed',
            message:
              'Không lấy được vị trí từ Zalo. Vui lòng thử lại hoặc ghim vị trí trên bản đồ.',
          },
        };
      }
      return { source: 'zalo', token: location.token, accessToken, ...extras };
    }
    case 'address':
      return {
        source: 'address',
        communeId: location.communeId,
        address: location.address?.trim(),
        ...(location.lat !== undefined && location.lng !== undefined
          ? { lat: location.lat, lng: location.lng }
          : {}),
      };
    default:
      return {
        source: location.source,
        lat: location.lat,
        lng: location.lng,
        ...extras,
        ...(location.communeId ? { communeId: location.communeId } : {}),
      };
  }
}

export function contactBody(draft: Draft): SubmitBody['contact'] {
  const contact = draft.contact;
  if (!contact) return undefined;
  const name = contact.name?.trim();
  const phone = contact.phone?.trim();
  if (!name && !phone) return undefined;
  return {
    ...(name ? { name } : {}),
    ...(phone ? { phone } : {}),
    agencyMayContact: contact.agencyMayContact,
    // The form does not let a name or phone through without the consent tick.
    consent: true,
    ...(phone ? { znsConsent: contact.znsConsent === true } : {}),
  };
}

export function createSender(deps: SenderDeps): SendDraft {
  return async (initial, update) => {
    let draft = initial;
    const deviceId = await deps.deviceId();
    const uploads = deps.transport.uploads(deviceId);
    const progress = deps.progress;

    const saveMedia = async (localId: string, patch: Partial<DraftMedia>) => {
      draft = {
        ...draft,
        media: draft.media.map((m) => (m.localId === localId ? { ...m, ...patch } : m)),
      };
      await update(draft);
    };

    // Two rounds at most: the second re-uploads files the server no longer has
    // (expired between a failed attempt and this one).
    for (let round = 0; round < 2; round++) {
      for (const media of draft.media) {
        const outcome = await uploadResumable(
          media.blob,
          { kind: media.kind, mime: media.mime, size: media.blob.size, name: media.name },
          media.upload,
          uploads,
          {
            chunkSize: deps.chunkSize?.(),
            sleep: deps.sleep,
            onProgress: (sent, total) =>
              progress?.set(draft.submissionId, media.localId, {
                sent,
                total,
                done: sent >= total,
              }),
            onRecord: (record) => saveMedia(media.localId, { upload: record }),
          },
        );
        if (!outcome.ok) return outcomeOf(outcome.error);
        progress?.set(draft.submissionId, media.localId, {
          sent: media.blob.size,
          total: media.blob.size,
          done: true,
        });
      }

      const location = await locationBody(draft, deps.transport.zaloAccessToken);
      if ('error' in location) return outcomeOf(location.error as TransportError);
      const contact = contactBody(draft);
      const body: SubmitBody = {
        submissionId: draft.submissionId,
        deviceId,
        categoryId: draft.categoryId,
        description: draft.description.trim(),
        location,
        mediaIds: draft.media.flatMap((m) => (m.upload ? [m.upload.id] : [])),
        ...(contact ? { contact } : {}),
      };
      const answer = await deps.transport.submit(body);
      if (answer.ok) {
        progress?.clear(draft.submissionId);
        const receipt: Receipt = {
          code: answer.data.code,
          followToken: answer.data.followToken ?? '',
          submissionId: draft.submissionId,
          categoryId: draft.categoryId,
          description: draft.description.trim(),
          createdAt: answer.data.createdAt ?? (deps.now?.() ?? new Date()).toISOString(),
        };
        return { ok: true, receipt };
      }
      if (round === 0 && answer.error.code === 'media_unavailable') {
        // Forget the server's copies and upload the files again.
        draft = { ...draft, media: draft.media.map(({ upload: _gone, ...m }) => m) };
        await update(draft);
        continue;
      }
      return outcomeOf(answer.error);
    }
    return {
      ok: false,
      retryable: true,
      error: { code: 'media_unavailable', message: '' },
    };
  };
}
