import { type AtomEffect, atom } from 'recoil';
import type { Draft, DraftLocation, DraftMedia, Receipt } from '../services/reports/outbox';
import { outbox, receipts } from '../services/reports/runtime';

/**
 * Field-report state shared between screens: the report being composed, the outbox of
 * reports waiting to be sent, and the receipts of reports sent from this device.
 */

export type WizardMedia = DraftMedia & {
  /** blob: URL for the thumbnail; revoked when the file is removed. */
  previewUrl: string;
};

export type WizardContact = {
  name: string;
  phone: string;
  consent: boolean;
  agencyMayContact: boolean;
  /** Zalo (ZNS) messages about the report to this phone; only sent along with a phone. */
  znsConsent: boolean;
};

export type Wizard = {
  /** Created once per report and kept through every retry: the server's idempotency key. */
  submissionId: string;
  step: number;
  categoryId?: string;
  media: WizardMedia[];
  location?: DraftLocation;
  description: string;
  contact: WizardContact;
  createdAt: string;
};

export function newSubmissionId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // RFC 4122 v4 from getRandomValues, for WebViews without randomUUID (pre-2021 Android).
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function freshWizard(): Wizard {
  return {
    submissionId: newSubmissionId(),
    step: 0,
    media: [],
    description: '',
    contact: { name: '', phone: '', consent: false, agencyMayContact: false, znsConsent: false },
    createdAt: new Date().toISOString(),
  };
}

/** Reopens a saved draft in the wizard (to fix what the server refused), same submissionId. */
export function wizardFromDraft(draft: Draft, objectUrl: (blob: Blob) => string): Wizard {
  return {
    submissionId: draft.submissionId,
    step: 0,
    categoryId: draft.categoryId,
    media: draft.media.map((m) => ({ ...m, previewUrl: objectUrl(m.blob) })),
    location: draft.location,
    description: draft.description,
    contact: {
      name: draft.contact?.name ?? '',
      phone: draft.contact?.phone ?? '',
      consent: Boolean(draft.contact?.name || draft.contact?.phone),
      agencyMayContact: draft.contact?.agencyMayContact ?? false,
      znsConsent: draft.contact?.znsConsent ?? false,
    },
    createdAt: draft.createdAt,
  };
}

export function draftFromWizard(wizard: Wizard, now = new Date()): Draft {
  const name = wizard.contact.name.trim();
  const phone = wizard.contact.phone.trim();
  return {
    submissionId: wizard.submissionId,
    categoryId: wizard.categoryId ?? '',
    description: wizard.description.trim(),
    location: wizard.location ?? { source: 'pin' },
    ...(name || phone
      ? {
          contact: {
            ...(name ? { name } : {}),
            ...(phone ? { phone } : {}),
            agencyMayContact: wizard.contact.agencyMayContact,
            ...(phone ? { znsConsent: wizard.contact.znsConsent } : {}),
          },
        }
      : {}),
    media: wizard.media.map(({ previewUrl: _url, ...m }) => m),
    status: 'pending',
    attempts: 0,
    createdAt: wizard.createdAt,
    updatedAt: now.toISOString(),
  };
}

export const wizardState = atom<Wizard>({
  key: 'reports.wizard',
  default: freshWizard(),
  // Holds Blobs; Recoil must not try to freeze them.
  dangerouslyAllowMutability: true,
});

const syncOutbox: AtomEffect<Draft[]> = ({ setSelf, trigger }) => {
  const refresh = () => {
    void outbox.list().then(setSelf);
  };
  if (trigger === 'get') refresh();
  return outbox.subscribe(refresh);
};

export const outboxState = atom<Draft[]>({
  key: 'reports.outbox',
  default: [],
  effects: [syncOutbox],
  dangerouslyAllowMutability: true,
});

const syncReceipts: AtomEffect<Receipt[]> = ({ setSelf, trigger }) => {
  if (trigger === 'get') void receipts.list().then(setSelf);
  return receipts.subscribe(setSelf);
};

export const receiptsState = atom<Receipt[]>({
  key: 'reports.receipts',
  default: [],
  effects: [syncReceipts],
});
