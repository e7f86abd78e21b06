import { describe, expect, it } from 'vitest';
import { checkEnquiry, enquiryBody, formatArea, formatCapital } from './format';

const draft = {
  name: 'Lê Minh',
  organisation: '',
  email: '',
  phone: '0912 345 678',
  country: '',
  message: 'Xin thông tin về quỹ đất sạch.',
};

describe('investment figures', () => {
  it('shows capital in tỷ đồng / VND billion and area in ha', () => {
    expect(formatCapital(450_000_000_000, 'vi')).toBe('450 tỷ đồng');
    expect(formatCapital(1_250_000_000, 'vi')).toBe('1,25 tỷ đồng');
    expect(formatCapital(1_250_000_000, 'en')).toBe('VND 1.25 billion');
    expect(formatCapital(800_000_000, 'vi')).toBe('800 triệu đồng');
    expect(formatArea(12.5, 'vi')).toBe('12,5 ha');
  });
});

describe('enquiry form checks', () => {
  it('accepts a phone only, with spaces', () => {
    expect(checkEnquiry(draft)).toEqual({});
    expect(enquiryBody(draft, { projectId: 'p1' }, 'key-12345678')).toEqual({
      requestKey: 'key-12345678',
      projectId: 'p1',
      name: 'Lê Minh',
      phone: '0912345678',
      message: 'Xin thông tin về quỹ đất sạch.',
    });
  });

  it('flags missing contact, bad phone and e-mail, short message', () => {
    expect(checkEnquiry({ ...draft, phone: '' })).toEqual({ contact: 'contactRequired' });
    expect(checkEnquiry({ ...draft, phone: '12345', email: 'a@b' })).toEqual({
      phone: 'phoneInvalid',
      email: 'emailInvalid',
    });
    expect(checkEnquiry({ ...draft, name: ' ', message: 'ngắn' })).toEqual({
      name: 'nameRequired',
      message: 'messageShort',
    });
    expect(checkEnquiry({ ...draft, phone: '+84912345678' })).toEqual({});
  });
});
