import { describe, expect, it } from 'vitest';
import { DEFAULT_BOUNDS } from '../../../services/reports/geo';
import { freshWizard, type Wizard } from '../../../state/reports';
import { firstProblem, problemText, stepProblem } from './rules';

const limits = { descriptionMin: 10, descriptionMax: 2000, bounds: DEFAULT_BOUNDS };

function wizard(overrides: Partial<Wizard> = {}): Wizard {
  return {
    ...freshWizard(),
    categoryId: 'giao_thong',
    location: { source: 'pin', lat: 9.7845, lng: 105.4701 },
    description: 'Ổ gà lớn trước chợ',
    ...overrides,
  };
}

describe('wizard steps', () => {
  it('needs a category', () => {
    expect(stepProblem(wizard({ categoryId: undefined }), 'category', limits)?.key).toBe(
      'reports.category.required',
    );
  });

  it('refuses a point outside the province, as the server does', () => {
    const hanoi = wizard({ location: { source: 'gps', lat: 21.0285, lng: 105.8542 } });
    const problem = stepProblem(hanoi, 'location', limits);
    expect(problem?.key).toBe('reports.location.outside');
    expect(
      problemText('vi', problem ?? { key: 'reports.location.outside' }, { province: 'Hậu Giang' }),
    ).toBe('Vị trí này nằm ngoài địa bàn tỉnh Hậu Giang. Vui lòng chọn một điểm trong tỉnh.');
    expect(stepProblem(wizard(), 'location', limits)).toBeNull();
  });

  it('takes an address only with its commune', () => {
    const noCommune = wizard({ location: { source: 'address', address: 'Chợ Vị Thanh' } });
    expect(stepProblem(noCommune, 'location', limits)?.key).toBe(
      'reports.location.addressRequired',
    );
    const full = wizard({
      location: { source: 'address', address: 'Chợ Vị Thanh', communeId: 'vi-thanh' },
    });
    expect(stepProblem(full, 'location', limits)).toBeNull();
  });

  it('counts the description without surrounding spaces', () => {
    expect(stepProblem(wizard({ description: '   Ổ gà    ' }), 'description', limits)).toEqual({
      key: 'reports.description.tooShort',
      params: { min: 10 },
    });
  });

  it('lets an empty contact through, and a filled one only with consent and a valid phone', () => {
    expect(stepProblem(wizard(), 'contact', limits)).toBeNull();
    const contact = {
      name: 'An',
      phone: '0912 345 678',
      consent: false,
      agencyMayContact: false,
      znsConsent: false,
    };
    expect(stepProblem(wizard({ contact }), 'contact', limits)?.key).toBe(
      'reports.contact.consentRequired',
    );
    expect(
      stepProblem(
        wizard({ contact: { ...contact, consent: true, phone: '12345' } }),
        'contact',
        limits,
      )?.key,
    ).toBe('reports.contact.phoneInvalid');
    expect(
      stepProblem(wizard({ contact: { ...contact, consent: true } }), 'contact', limits),
    ).toBeNull();
  });

  it('points at the first step with a problem', () => {
    expect(firstProblem(wizard(), limits)).toBeNull();
    expect(firstProblem(wizard({ location: undefined, description: '' }), limits)?.step).toBe(2);
  });
});
