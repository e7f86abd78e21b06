/**
 * The citizen's side of hospital appointments, as the API answers it
 * (/api/v1/appointments). Dates are Vietnam's calendar days (YYYY-MM-DD) and local clock
 * times (HH:MM); instants are UTC ISO 8601.
 */

export type Department = { id: string; name: string; description: string | null };

export type Hospital = {
  id: string;
  name: string;
  address: string | null;
  phone: string | null;
  communeId: string | null;
  /** A booking can be cancelled or moved until this many hours before its slot. */
  cutoffHours: number;
  maxActiveBookings: number;
  departments: Department[];
};

export type SlotStatus = 'open' | 'closed' | (string & {});

export type Slot = {
  id: string;
  startTime: string;
  endTime: string;
  capacity: number;
  /** Free places: capacity minus bookings, 0 when closed. */
  available: number;
  status: SlotStatus;
};

export type SlotDay = {
  date: string;
  closed: boolean;
  reason: string | null;
  slots: Slot[];
};

export type DepartmentSlots = {
  department: { id: string; name: string; hospitalId: string; hospitalName: string };
  days: SlotDay[];
};

export type BookingStatus = 'booked' | 'cancelled' | 'checked_in' | 'no_show';

export type Booking = {
  id: string;
  status: BookingStatus;
  queueNumber: number;
  checkInCode: string;
  forSelf: boolean;
  patientName: string;
  patientPhone: string;
  patientBirthDate: string;
  insuranceNumber: string | null;
  symptoms: string | null;
  hospital: { id: string; name: string; address: string | null; phone: string | null };
  department: { id: string; name: string };
  slot: { id: string; date: string; startTime: string; endTime: string; startsAt: string };
  canChange: boolean;
  changeDeadline: string;
  createdAt: string;
};

export type BookingInput = {
  slotId: string;
  forSelf: boolean;
  patientName: string;
  patientPhone: string;
  patientBirthDate: string;
  insuranceNumber?: string;
  symptoms?: string;
};

export type BookingScope = 'upcoming' | 'past';
