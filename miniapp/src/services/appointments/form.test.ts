import { describe, expect, it } from 'vitest';
import {
  type BookingForm,
  bookingInput,
  checkBookingForm,
  emptyBookingForm,
  normalizeInsuranceNumber,
} from './form';

const now = new Date('2025-03-12T02:00:00Z');
const filled = (overrides: Partial<BookingForm> = {}): BookingForm => ({
  ...emptyBookingForm(),
  patientName: '  Nguyễn   Văn An ',
  patientPhone: '0912 345 678',
  patientBirthDate: '1958-07-20',
  ...overrides,
});

describe('booking form', () => {
  it('asks for the name, phone and birth date', () => {
    expect(checkBookingForm(emptyBookingForm(), now)).toEqual({
      patientName: 'required',
      patientPhone: 'required',
      patientBirthDate: 'required',
    });
    expect(checkBookingForm(filled(), now)).toEqual({});
  });

  it('takes letters and spaces in a name, as the server', () => {
    expect(checkBookingForm(filled({ patientName: 'Lê Thị Ánh-Tuyết' }), now)).toEqual({});
    expect(checkBookingForm(filled({ patientName: 'Nguyen Van 2' }), now)).toEqual({
      patientName: 'invalid',
    });
    expect(checkBookingForm(filled({ patientName: '@@' }), now)).toEqual({
      patientName: 'invalid',
    });
  });

  it('refuses a wrong phone, a birth date in the future or not a real day', () => {
    expect(checkBookingForm(filled({ patientPhone: '12345' }), now)).toEqual({
      patientPhone: 'invalid',
    });
    expect(checkBookingForm(filled({ patientBirthDate: '2025-03-13' }), now)).toEqual({
      patientBirthDate: 'invalid',
    });
    expect(checkBookingForm(filled({ patientBirthDate: '1990-02-30' }), now)).toEqual({
      patientBirthDate: 'invalid',
    });
    // A baby born today can be booked for.
    expect(checkBookingForm(filled({ patientBirthDate: '2025-03-12' }), now)).toEqual({});
  });

  it('checks the insurance number only when given, and the symptoms length', () => {
    expect(checkBookingForm(filled({ insuranceNumber: 'DN 4 01 2345678901' }), now)).toEqual({});
    expect(checkBookingForm(filled({ insuranceNumber: '123' }), now)).toEqual({
      insuranceNumber: 'invalid',
    });
    expect(checkBookingForm(filled({ symptoms: 'x'.repeat(1001) }), now)).toEqual({
      symptoms: 'tooLong',
    });
  });

  it('reads both kinds of insurance number', () => {
    expect(normalizeInsuranceNumber('8912345678')).toBe('8912345678');
    expect(normalizeInsuranceNumber('gd4930123456789')).toBe('GD4930123456789');
    expect(normalizeInsuranceNumber('GD49301234567')).toBeNull();
  });

  it('sends the normalised values and leaves out empty optional ones', () => {
    expect(bookingInput(filled({ forSelf: false }), 'slot-1')).toEqual({
      slotId: 'slot-1',
      forSelf: false,
      patientName: 'Nguyễn Văn An',
      patientPhone: '0912345678',
      patientBirthDate: '1958-07-20',
    });
    expect(
      bookingInput(filled({ insuranceNumber: 'dn4012345678901', symptoms: ' Ho, sốt nhẹ ' }), 's'),
    ).toMatchObject({ insuranceNumber: 'DN4012345678901', symptoms: 'Ho, sốt nhẹ' });
  });
});
