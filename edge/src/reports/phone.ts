/**
 * Vietnamese phone numbers as people type them: 0912 345 678, 0912.345.678, +84 912 345 678,
 * 84912345678, and landlines 0293 3xxx xxx. Returns E.164 (+84…), the form Zalo ZNS and SMS
 * gateways take, or null when it is not a Vietnamese number.
 *
 * Mobile: 0 + 9 digits, networks 03x/05x/07x/08x/09x (since the 2018 renumbering).
 * Landline: 0 + 2xx area code + 7 digits (11 digits, since 2017).
 */
export function normaliseVietnamesePhone(input: string): string | null {
  const compact = input.trim().replace(/[\s.\-()]/g, '');
  let national: string;
  if (compact.startsWith('+84')) national = compact.slice(3);
  else if (compact.startsWith('0084')) national = compact.slice(4);
  else if (compact.startsWith('84') && compact.length === 11) national = compact.slice(2);
  else if (compact.startsWith('0')) national = compact.slice(1);
  else return null;
  if (/^[35789]\d{8}$/.test(national) || /^2\d{9}$/.test(national)) return `+84${national}`;
  return null;
}
