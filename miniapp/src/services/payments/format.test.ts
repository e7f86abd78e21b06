import { describe, expect, it } from 'vitest';
import { translator } from '../../i18n';
import {
  canPayAgain,
  continuePaymentPath,
  formatVnd,
  isFinal,
  newPaymentPath,
  orderPath,
  POLL_INTERVAL_MS,
  POLL_LIMIT_MS,
  pollVerdict,
} from './format';
import { PAYMENT_STATUSES } from './types';

const NBSP = '\u00a0';

describe('payment formats', () => {
  it('writes amounts in đồng the Vietnamese way, the sign kept on the same line', () => {
    expect(formatVnd(8000)).toBe(`8.000${NBSP}₫`);
    expect(formatVnd(1_250_000)).toBe(`1.250.000${NBSP}₫`);
    expect(formatVnd(0)).toBe(`0${NBSP}₫`);
    // VND has no minor unit: never "8.000,00".
    expect(formatVnd(7999.6)).toBe(`8.000${NBSP}₫`);
    expect(formatVnd(8000, 'en')).toBe('₫8,000');
  });

  it('names every status in Vietnamese as the citizen reads it', () => {
    const t = translator('vi');
    expect(PAYMENT_STATUSES.map((s) => t(`payment.status.${s}`))).toEqual([
      'Chưa thanh toán',
      'Đang chờ xác nhận',
      'Đã thanh toán',
      'Không thành công',
      'Đã hủy',
      'Quá hạn',
    ]);
  });

  it('tells final states from open ones, and which may be paid again', () => {
    expect(PAYMENT_STATUSES.filter(isFinal)).toEqual(['paid', 'failed', 'cancelled', 'expired']);
    expect(PAYMENT_STATUSES.filter(canPayAgain)).toEqual(['failed', 'cancelled', 'expired']);
  });

  it('polls every 3 s while pending, for 3 minutes at most', () => {
    expect(POLL_INTERVAL_MS).toBe(3000);
    const start = 1_000_000;
    expect(pollVerdict('pending', start, start + POLL_INTERVAL_MS)).toBe('poll');
    expect(pollVerdict('pending', start, start + POLL_LIMIT_MS - 1)).toBe('poll');
    expect(pollVerdict('pending', start, start + POLL_LIMIT_MS)).toBe('gave_up');
    for (const status of ['created', 'paid', 'failed', 'cancelled', 'expired'] as const) {
      expect(pollVerdict(status, start, start)).toBe('stop');
    }
  });

  it('builds the app paths of a new payment and of an order', () => {
    expect(newPaymentPath({ module: 'procedures', ref: 'tt 1&x' })).toBe(
      '/payment/new?module=procedures&ref=tt+1%26x',
    );
    expect(continuePaymentPath({ id: 'o 1', module: 'procedures', ref: 'p1' })).toBe(
      '/payment/new?module=procedures&ref=p1&order=o+1',
    );
    expect(orderPath('ord_1')).toBe('/payment/o/ord_1');
    expect(orderPath('a/b')).toBe('/payment/o/a%2Fb');
  });
});
