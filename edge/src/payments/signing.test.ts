import { describe, expect, it } from 'vitest';
import { hmacSha256Hex, sameMac, sortedFields } from './signing';

describe('provider signatures', () => {
  it('writes fields sorted by name, objects as JSON, missing values empty', () => {
    expect(
      sortedFields({
        item: [{ id: 'a', amount: 1 }],
        desc: 'Lệ phí',
        amount: 8000,
        extradata: '{"x":1}',
        none: null,
      }),
    ).toBe('amount=8000&desc=Lệ phí&extradata={"x":1}&item=[{"id":"a","amount":1}]&none=');
  });

  it('is HMAC-SHA256 in hex (RFC 4231 test case 2)', async () => {
    expect(await hmacSha256Hex('Jefe', 'what do ya want for nothing?')).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });

  it('compares MACs without regard to case, refusing anything but a string', () => {
    expect(sameMac('ABCDEF', 'abcdef')).toBe(true);
    expect(sameMac('abcdee', 'abcdef')).toBe(false);
    expect(sameMac(undefined, 'abcdef')).toBe(false);
    expect(sameMac(123, '123')).toBe(false);
  });
});
