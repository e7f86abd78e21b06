// Phone numbers of the directory. Editors type them any way they like ("0293 3876 543",
// "(0293) 3.876.543", "+84 912 345 678", "1900 1006"); they are stored as the digits that are
// dialled from a Vietnamese phone, and shown grouped the way Vietnamese numbers are read.

/** Short codes: 113, 114, 115, 1022, 18001090… up to five digits. */
const SHORT_CODE = /^\d{3,5}$/;
/** Toll-free and shared-cost lines: 1800 xxxx(xx), 1900 xxxx(xx). */
const SERVICE_LINE = /^(1800|1900)\d{4,6}$/;
/** Landlines since 2017: 02 + area code + subscriber, 10 or 11 digits in all. */
const LANDLINE = /^02\d{8,9}$/;
/** Mobiles: 03x, 05x, 07x, 08x, 09x, 10 digits. */
const MOBILE = /^0[35789]\d{8}$/;

/**
 * The digits to dial for what an editor typed, or null when it is not a Vietnamese number
 * (a short code, a 1800/1900 line, a landline 02…, a mobile 0[35789]…, or +84 followed by
 * one of the last two without its leading 0).
 */
export function normalizePhone(typed: string): string | null {
  const trimmed = typed.trim();
  if (!/^\+?[\d\s().-]+$/.test(trimmed)) return null;
  let digits = trimmed.replace(/[\s().-]/g, '');
  if (digits.startsWith('+84')) digits = `0${digits.slice(3)}`;
  else if (digits.startsWith('+')) return null;
  else if (digits.startsWith('84') && digits.length >= 11) digits = `0${digits.slice(2)}`;
  if (SHORT_CODE.test(digits) || SERVICE_LINE.test(digits)) return digits;
  if (LANDLINE.test(digits) || MOBILE.test(digits)) return digits;
  return null;
}

/** The `tel:` link of stored digits. */
export const telLink = (digits: string) => `tel:${digits}`;

/** Stored digits grouped for reading: "0293 3876 543", "0912 345 678", "1900 1006", "113". */
export function displayPhone(digits: string): string {
  if (SERVICE_LINE.test(digits)) return `${digits.slice(0, 4)} ${digits.slice(4)}`;
  if (digits.length === 11 && digits.startsWith('02')) {
    return `${digits.slice(0, 4)} ${digits.slice(4, 8)} ${digits.slice(8)}`;
  }
  if (digits.length === 10 && digits.startsWith('0')) {
    return `${digits.slice(0, 4)} ${digits.slice(4, 7)} ${digits.slice(7)}`;
  }
  return digits;
}
