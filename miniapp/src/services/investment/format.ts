import type { EnquiryInput } from './types';

// Figures of investment projects as investors read them, and the enquiry form's checks
// (the same rules as the API, so most mistakes are shown before anything is sent).

type Lang = 'vi' | 'en';

const number = (value: number, lang: Lang, digits = 1) =>
  new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-US', {
    maximumFractionDigits: digits,
  }).format(value);

/** 450 000 000 000 → "450 tỷ đồng" / "VND 450 billion"; small sums in full. */
export function formatCapital(vnd: number, lang: Lang): string {
  if (vnd >= 1_000_000_000) {
    const n = number(vnd / 1_000_000_000, lang, 2);
    return lang === 'vi' ? `${n} tỷ đồng` : `VND ${n} billion`;
  }
  if (vnd >= 1_000_000) {
    const n = number(vnd / 1_000_000, lang, 1);
    return lang === 'vi' ? `${n} triệu đồng` : `VND ${n} million`;
  }
  return lang === 'vi' ? `${number(vnd, lang, 0)} đồng` : `VND ${number(vnd, lang, 0)}`;
}

export const formatArea = (ha: number, lang: Lang) => `${number(ha, lang, 2)} ha`;

/** File size for a download button: "1,2 MB", "350 KB". */
export function formatBytes(bytes: number, lang: Lang): string {
  if (bytes >= 1024 * 1024) return `${number(bytes / (1024 * 1024), lang, 1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

export type EnquiryField = 'name' | 'email' | 'phone' | 'message' | 'contact';
export type EnquiryProblem =
  | 'nameRequired'
  | 'emailInvalid'
  | 'phoneInvalid'
  | 'contactRequired'
  | 'messageShort'
  | 'messageLong';

export interface EnquiryDraft {
  name: string;
  organisation: string;
  email: string;
  phone: string;
  country: string;
  message: string;
}

const PHONE = /^(?:0|\+84)\d{9,10}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;

export const normalisePhone = (phone: string) => phone.replace(/[\s.()-]/g, '');

/** Problems per field (empty when the form can be sent). */
export function checkEnquiry(d: EnquiryDraft): Partial<Record<EnquiryField, EnquiryProblem>> {
  const out: Partial<Record<EnquiryField, EnquiryProblem>> = {};
  if (d.name.trim().length < 2) out.name = 'nameRequired';
  const email = d.email.trim();
  const phone = normalisePhone(d.phone);
  if (email && !EMAIL.test(email)) out.email = 'emailInvalid';
  if (phone && !PHONE.test(phone)) out.phone = 'phoneInvalid';
  if (!email && !phone) out.contact = 'contactRequired';
  const message = d.message.trim();
  if (message.length < 10) out.message = 'messageShort';
  else if (message.length > 4000) out.message = 'messageLong';
  return out;
}

/** The request body (blank optional fields left out). */
export function enquiryBody(
  d: EnquiryDraft,
  target: { projectId?: string; agencyId?: string },
  requestKey: string,
): EnquiryInput {
  const opt = (v: string) => v.trim() || undefined;
  return {
    requestKey,
    ...target,
    name: d.name.trim(),
    organisation: opt(d.organisation),
    email: opt(d.email),
    phone: opt(normalisePhone(d.phone)),
    country: opt(d.country),
    message: d.message.trim(),
  };
}

/** A fresh key for one enquiry: kept across retries until it is sent. */
export const newRequestKey = () => `enq-${crypto.randomUUID()}`;
