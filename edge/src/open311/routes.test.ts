import { describe, expect, it } from 'vitest';
import { toXml } from './format';
import { parseDateTime, toSubmission, vnDateTime } from './routes';

describe('Open311 date-times', () => {
  it('writes stored UTC instants in the province time with its offset', () => {
    expect(vnDateTime('2025-07-01T17:30:00.000Z')).toBe('2025-07-02T00:30:00.000+07:00');
  });

  it('reads ISO 8601 with Z or an offset, the province time without one, and bare dates', () => {
    const utc = Date.parse('2025-07-01T00:00:00Z');
    expect(parseDateTime('2025-07-01T00:00:00Z', false)).toBe(utc);
    expect(parseDateTime('2025-07-01T07:00:00+07:00', false)).toBe(utc);
    expect(parseDateTime('2025-07-01T07:00:00+0700', false)).toBe(utc);
    expect(parseDateTime('2025-07-01T07:00:00', false)).toBe(utc);
    expect(parseDateTime('2025-07-01T07:00', false)).toBe(utc);
    expect(parseDateTime('2025-07-01T00:00:00.250Z', false)).toBe(utc + 250);
    expect(parseDateTime('2025-07-02', false)).toBe(Date.parse('2025-07-01T17:00:00Z'));
    expect(parseDateTime('2025-07-02', true)).toBe(Date.parse('2025-07-02T16:59:59.999Z'));
    for (const bad of [
      'yesterday',
      '2025-02-30',
      '2025-13-01',
      '01/07/2025',
      '2025-07-01T25:00:00Z',
    ]) {
      expect(parseDateTime(bad, false), bad).toBeNull();
    }
  });
});

describe('Open311 POST → submission', () => {
  const base = { service_code: 'giao_thong', description: 'Ổ gà lớn giữa đường' };

  it('maps a point, an address and contact fields', () => {
    const s = toSubmission({
      ...base,
      lat: 9.78,
      long: 105.47,
      address_string: '12 Trần Hưng Đạo',
      first_name: 'Văn An',
      last_name: 'Nguyễn',
      phone: '0912345678',
      email: 'x@example.vn',
    });
    expect(s).toEqual({
      submissionId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      categoryId: 'giao_thong',
      description: 'Ổ gà lớn giữa đường',
      location: { source: 'pin', lat: 9.78, lng: 105.47, address: '12 Trần Hưng Đạo' },
      mediaIds: [],
      contact: {
        name: 'Nguyễn Văn An',
        phone: '0912345678',
        consent: true,
        agencyMayContact: false,
      },
    });
    expect(JSON.stringify(s)).not.toContain('x@example.vn');
  });

  it('maps an address with its commune id, and needs some location', () => {
    expect(
      toSubmission({ ...base, address_id: 'vi-tan', address_string: '5 Lê Lợi' }).location,
    ).toEqual({
      source: 'address',
      communeId: 'vi-tan',
      address: '5 Lê Lợi',
    });
    expect(() => toSubmission({ ...base, lat: 9.78 })).toThrow(/lat\/long/);
    expect(() => toSubmission({ ...base, address_string: '5 Lê Lợi' })).toThrow(/lat\/long/);
  });
});

describe('Open311 XML', () => {
  it('escapes text, drops characters XML cannot carry, and writes null as an empty element', () => {
    const text = toXml('service_requests', {
      request: [{ description: 'a < b & "c"\u0001\u000B', status_notes: null, lat: 9.5 }],
    });
    expect(text.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<service_requests>')).toBe(
      true,
    );
    expect(text).toContain('<description>a &lt; b &amp; &quot;c&quot;</description>');
    expect(text).toContain('<status_notes/>');
    expect(text).toContain('<lat>9.5</lat>');
  });
});
