import { normalizeVietnamesePhone } from '../reports/phone';
import { addDays, vnDate } from './schedule';
import type { BookingInput } from './types';

/** The patient form of a booking, as typed. */
export type BookingForm = {
  forSelf: boolean;
  patientName: string;
  patientPhone: string;
  /** YYYY-MM-DD, from the date input. */
  patientBirthDate: string;
  insuranceNumber: string;
  symptoms: string;
};

export type BookingField = Exclude<keyof BookingForm, 'forSelf'>;
export type FormProblem = 'required' | 'invalid' | 'tooLong';
export type FormProblems = Partial<Record<BookingField, FormProblem>>;

export const NAME_MAX = 100;
export const SYMPTOMS_MAX = 1000;

export const emptyBookingForm = (): BookingForm => ({
  forSelf: true,
  patientName: '',
  patientPhone: '',
  patientBirthDate: '',
  insuranceNumber: '',
  symptoms: '',
});

/**
 * A health-insurance number as printed: the 10-digit social-insurance number on the new
 * cards, or the 15 characters of the old ones (two letters and 13 digits). Spaces and
 * lower case are forgiven.
 */
export function normalizeInsuranceNumber(input: string): string | null {
  const compact = input.replace(/[\s.-]/g, '').toUpperCase();
  return /^(\d{10}|[A-Z]{2}\d{13})$/.test(compact) ? compact : null;
}

function isRealDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const t = Date.parse(`${value}T00:00:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === value;
}

/** What is wrong with the form, by field; empty when it can be sent. */
export function checkBookingForm(form: BookingForm, now: Date): FormProblems {
  const problems: FormProblems = {};
  const name = form.patientName.trim();
  if (name.length < 2) problems.patientName = 'required';
  else if (name.length > NAME_MAX) problems.patientName = 'tooLong';
  // As the server: letters and spaces (a digit or a symbol is a typing slip).
  else if (!/\p{L}/u.test(name) || /[\d<>{}[\]\\/@#$%^*=_|~]/.test(name)) {
    problems.patientName = 'invalid';
  }

  if (!form.patientPhone.trim()) problems.patientPhone = 'required';
  else if (!normalizeVietnamesePhone(form.patientPhone)) problems.patientPhone = 'invalid';

  const today = vnDate(now);
  if (!form.patientBirthDate) problems.patientBirthDate = 'required';
  else if (
    !isRealDay(form.patientBirthDate) ||
    form.patientBirthDate > today ||
    form.patientBirthDate < addDays(today, -130 * 366)
  ) {
    problems.patientBirthDate = 'invalid';
  }

  if (form.insuranceNumber.trim() && !normalizeInsuranceNumber(form.insuranceNumber)) {
    problems.insuranceNumber = 'invalid';
  }
  if (form.symptoms.trim().length > SYMPTOMS_MAX) problems.symptoms = 'tooLong';
  return problems;
}

/** The API's booking body for a valid form (checkBookingForm found nothing). */
export function bookingInput(form: BookingForm, slotId: string): BookingInput {
  const insurance = form.insuranceNumber.trim()
    ? (normalizeInsuranceNumber(form.insuranceNumber) ?? undefined)
    : undefined;
  const symptoms = form.symptoms.trim();
  return {
    slotId,
    forSelf: form.forSelf,
    patientName: form.patientName.trim().replace(/\s+/g, ' '),
    patientPhone: normalizeVietnamesePhone(form.patientPhone) ?? form.patientPhone.trim(),
    patientBirthDate: form.patientBirthDate,
    ...(insurance ? { insuranceNumber: insurance } : {}),
    ...(symptoms ? { symptoms } : {}),
  };
}
