/**
 * Vietnamese phone numbers as people type them: "0912 345 678", "0912.345.678",
 * "+84 912 345 678", "84912345678", landlines such as "0293 3876 543". Returns the
 * national form (0xxxxxxxxx) or null.
 *
 * - Mobile: 10 digits, 0 then 3, 5, 7, 8 or 9 (the prefixes since the 2018 renumbering).
 * - Landline: 11 digits, 02 then a 1-2 digit area code and the subscriber number.
 *
 * Accepts exactly what the server's normaliseVietnamesePhone (edge/src/reports/phone.ts)
 * accepts, so the form never lets through a number the API then refuses.
 */
export function normalizeVietnamesePhone(input: string): string | null {
  const compact = input.trim().replace(/[\s.\-()]/g, '');
  if (!/^\+?\d+$/.test(compact)) return null;
  let national: string;
  if (compact.startsWith('+84')) national = `0${compact.slice(3)}`;
  else if (compact.startsWith('0084')) national = `0${compact.slice(4)}`;
  // Bare "84" only for mobiles (84 + 9 digits), as the server reads it: a 12-digit
  // "84293..." is more likely a mistyped number than a landline without its plus.
  else if (compact.startsWith('84') && compact.length === 11) national = `0${compact.slice(2)}`;
  else if (compact.startsWith('+')) return null;
  else national = compact;
  if (/^0[35789]\d{8}$/.test(national)) return national;
  if (/^02\d{9}$/.test(national)) return national;
  return null;
}

export function isVietnamesePhone(input: string): boolean {
  return normalizeVietnamesePhone(input) !== null;
}

/**
 * A stored number (+84912345678) the way people read and dial it: "0912 345 678";
 * landlines "0293 3876 543". Anything else is shown as stored.
 */
export function formatVietnamesePhone(stored: string): string {
  const national = normalizeVietnamesePhone(stored);
  if (!national) return stored;
  return national.length === 10
    ? `${national.slice(0, 4)} ${national.slice(4, 7)} ${national.slice(7)}`
    : `${national.slice(0, 4)} ${national.slice(4, 8)} ${national.slice(8)}`;
}
