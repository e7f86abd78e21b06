import { PAYMENT_STATUSES, type PaymentStatus } from '@tinh/db/schema';
import { describe, expect, it } from 'vitest';
import { decide, isFinal, needsAttention } from './state';

describe('the payment state machine', () => {
  it('never leaves a final status, and never goes back to created', () => {
    for (const from of PAYMENT_STATUSES.filter(isFinal)) {
      for (const to of PAYMENT_STATUSES) {
        expect(decide(from, to), `${from} → ${to}`).toBe(from === to ? 'duplicate' : 'stale');
      }
    }
    for (const from of PAYMENT_STATUSES.filter((s) => s !== 'created')) {
      expect(decide(from, 'created')).toBe('stale');
    }
  });

  it('moves an open order to where the provider or the payer says', () => {
    const table: [PaymentStatus, PaymentStatus, string][] = [
      ['created', 'pending', 'applied'],
      ['created', 'paid', 'applied'],
      ['created', 'cancelled', 'applied'],
      ['created', 'expired', 'applied'],
      ['pending', 'paid', 'applied'],
      ['pending', 'failed', 'applied'],
      ['pending', 'expired', 'applied'],
      ['pending', 'cancelled', 'stale'],
      ['pending', 'pending', 'duplicate'],
      // our own clock ran out, the provider's word that money moved wins
      ['expired', 'paid', 'applied'],
      ['expired', 'failed', 'stale'],
      ['expired', 'pending', 'stale'],
    ];
    for (const [from, to, decision] of table)
      expect(decide(from, to), `${from} → ${to}`).toBe(decision);
  });

  it('flags money confirmed for an order already failed or cancelled', () => {
    expect(needsAttention('failed', 'paid')).toBe(true);
    expect(needsAttention('cancelled', 'paid')).toBe(true);
    expect(needsAttention('expired', 'paid')).toBe(false);
    expect(needsAttention('paid', 'paid')).toBe(false);
  });
});
