/** Formatting of the market's figures for people: prices, quantities, expiry. */

const group = (n: number) => Math.round(n).toLocaleString('vi-VN').replace(/,/g, '.');

/** "25.000 đ/kg", or "Thỏa thuận" when no price was given. */
export function formatPrice(priceVnd: number | null, unit: string, agreed = 'Thỏa thuận'): string {
  if (priceVnd === null) return agreed;
  return `${group(priceVnd).replace(/\s/g, '.')} đ/${unit}`;
}

/** "2 tấn", "1,5 tấn": the Vietnamese decimal comma. */
export function formatQuantity(quantity: number, unit: string): string {
  const text = Number.isInteger(quantity)
    ? group(quantity)
    : String(Math.round(quantity * 100) / 100).replace('.', ',');
  return `${text} ${unit}`;
}

/** Whole days left before `expiresAt` (0 when past). */
export function daysLeft(expiresAt: string, now = Date.now()): number {
  return Math.max(0, Math.ceil((Date.parse(expiresAt) - now) / 86_400_000));
}
