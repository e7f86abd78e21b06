import { describe, expect, it } from 'vitest';
import type { Receipt } from './outbox';
import { createReceipts, normalizeTrackingCode, parseReceipts, RECEIPTS_KEY } from './receipts';

function memory() {
  const items = new Map<string, string>();
  return {
    items,
    getStorage: async (key: string) => ({ ok: true as const, value: items.get(key) ?? null }),
    setStorage: async (key: string, value: string) => {
      items.set(key, value);
      return { ok: true };
    },
  };
}

const receipt = (code: string, submissionId: string, followToken = 'secret'): Receipt => ({
  code,
  followToken,
  submissionId,
  categoryId: 'giao_thong',
  description: 'Ổ gà lớn',
  createdAt: '2025-07-05T07:00:00.000Z',
});

describe('receipts on the device', () => {
  it('keeps code and follow token, newest first, and survives a restart', async () => {
    const storage = memory();
    const receipts = createReceipts(storage);
    await receipts.add(receipt('PA-AAAAAA', 's1'));
    await receipts.add(receipt('PA-BBBBBB', 's2'));
    expect((await receipts.list()).map((r) => r.code)).toEqual(['PA-BBBBBB', 'PA-AAAAAA']);

    const again = createReceipts(storage);
    expect(await again.find('PA-AAAAAA')).toMatchObject({ followToken: 'secret' });
    expect(JSON.parse(storage.items.get(RECEIPTS_KEY) ?? '[]')).toHaveLength(2);
  });

  it('does not list a retried submission twice and keeps the first token', async () => {
    const receipts = createReceipts(memory());
    await receipts.add(receipt('PA-AAAAAA', 's1', 'first-token'));
    await receipts.add(receipt('PA-AAAAAA', 's1', ''));
    const list = await receipts.list();
    expect(list).toHaveLength(1);
    expect(list[0]?.followToken).toBe('first-token');
  });

  it('ignores damaged storage instead of crashing', () => {
    expect(parseReceipts('{not json')).toEqual([]);
    expect(parseReceipts('[{"code":1}, {"code":"PA-AAAAAA","submissionId":"s"}]')).toHaveLength(1);
  });
});

describe('tracking codes typed by hand', () => {
  it('accepts any case, spaces and a missing dash', () => {
    expect(normalizeTrackingCode('pa-7k3f9q')).toBe('PA-7K3F9Q');
    expect(normalizeTrackingCode(' PA 7K3F9Q ')).toBe('PA-7K3F9Q');
    expect(normalizeTrackingCode('7k3f9q')).toBe('PA-7K3F9Q');
    expect(normalizeTrackingCode('pa2x5z')).toBe('PA-PA2X5Z');
  });

  it('refuses what cannot be a code (wrong length, 0/O/1/I)', () => {
    expect(normalizeTrackingCode('PA-7K3F9')).toBeNull();
    expect(normalizeTrackingCode('PA-7K3F9O')).toBeNull();
    expect(normalizeTrackingCode('PA-1K3F9Q')).toBeNull();
    expect(normalizeTrackingCode('')).toBeNull();
  });
});
