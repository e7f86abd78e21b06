import type { InStatement } from '@libsql/client';
import {
  addDays,
  localDateOf,
  type OpeningHours,
  planSlots,
  SLOT_HORIZON_DAYS,
} from '../edge/src/appointments/slots';

// The demo hospital of local development (`npm start`) and of the browser tests: the
// province's general hospital, run by Sở Y tế (demo staff benhvien@demo.gov.vn belongs to
// so_y_te), with three departments open Monday to Saturday and slots for the next 14 days.
// Development only: no deployment path imports this module.
//
// Idempotent, with fixed ids: rows are only added (insert or ignore), so what the staff change
// in the web admin (names, cut-off, hours, closed slots) survives a restart. Opening hours are
// added only to a department that has none (an edited week is kept), and slots are cut from
// the hours in the database, skipping public holidays and the hospital's closures.

export const DEMO_HOSPITAL_ID = 'demo-bv-da-khoa-hau-giang';

interface Client {
  batch(statements: InStatement[], mode?: 'write'): Promise<unknown>;
  execute(stmt: InStatement): Promise<unknown>;
}

type Rows = { rows: Record<string, unknown>[] };

const rowsOf = async (client: Client, stmt: InStatement) =>
  ((await client.execute(stmt)) as Rows).rows;

const DEPARTMENTS = [
  {
    id: 'demo-khoa-kham-benh',
    short: 'kb',
    name: 'Khoa Khám bệnh (Nội tổng quát)',
    description:
      'Khám nội tổng quát cho người lớn: tăng huyết áp, tiểu đường, bệnh hô hấp, tiêu hoá. Mang theo thẻ BHYT và kết quả xét nghiệm cũ (nếu có).',
    capacity: 10,
    saturday: true,
  },
  {
    id: 'demo-khoa-nhi',
    short: 'nhi',
    name: 'Khoa Nhi',
    description: 'Khám cho trẻ dưới 16 tuổi. Cha mẹ mang theo sổ tiêm chủng và thẻ BHYT của trẻ.',
    capacity: 8,
    saturday: true,
  },
  {
    id: 'demo-khoa-san',
    short: 'san',
    name: 'Khoa Phụ sản',
    description: 'Khám thai định kỳ, khám phụ khoa, tư vấn kế hoạch hoá gia đình.',
    capacity: 6,
    saturday: false,
  },
] as const;

/** Monday to Friday: morning and afternoon; Saturday: morning only. 30-minute slots. */
function weekFor(d: (typeof DEPARTMENTS)[number]): OpeningHours[] {
  const week: OpeningHours[] = [];
  for (let weekday = 1; weekday <= 6; weekday++) {
    if (weekday === 6 && !d.saturday) continue;
    week.push({
      weekday,
      opensAt: '07:00',
      closesAt: '11:00',
      slotMinutes: 30,
      capacity: d.capacity,
    });
    if (weekday < 6) {
      week.push({
        weekday,
        opensAt: '13:30',
        closesAt: '16:30',
        slotMinutes: 30,
        capacity: d.capacity,
      });
    }
  }
  return week;
}

export async function seedDemoHospitals(
  client: Client,
  now = new Date(),
): Promise<{ departments: number; hoursAdded: number; slots: number }> {
  const at = now.toISOString();
  await client.batch(
    [
      {
        sql: `insert or ignore into hospitals (id, agency_id, name, address, commune_id, lat, lng,
                phone, cutoff_hours, max_active_bookings, enabled, created_at, updated_at)
              values (?, 'so_y_te', ?, ?, 'vi-thanh', ?, ?, ?, 12, 3, 1, ?, ?)`,
        args: [
          DEMO_HOSPITAL_ID,
          'Bệnh viện Đa khoa tỉnh Hậu Giang',
          'Số 647 đường Trần Hưng Đạo, phường Vị Thanh, tỉnh Hậu Giang',
          9.7712,
          105.4593,
          '0293 3876 333',
          at,
          at,
        ],
      },
      ...DEPARTMENTS.map((d) => ({
        sql: `insert or ignore into hospital_departments (id, hospital_id, name, description,
                enabled, created_at, updated_at)
              values (?, ?, ?, ?, 1, ?, ?)`,
        args: [d.id, DEMO_HOSPITAL_ID, d.name, d.description, at, at],
      })),
    ],
    'write',
  );

  const ids = DEPARTMENTS.map((d) => d.id);
  const marks = ids.map(() => '?').join(', ');
  const withHours = new Set(
    (
      await rowsOf(client, {
        sql: `select distinct department_id from department_hours where department_id in (${marks})`,
        args: ids,
      })
    ).map((r) => String(r.department_id)),
  );
  const newHours = DEPARTMENTS.filter((d) => !withHours.has(d.id)).flatMap((d) =>
    weekFor(d).map((h) => ({
      sql: `insert or ignore into department_hours (id, department_id, weekday, opens_at,
              closes_at, slot_minutes, capacity, created_at)
            values (?, ?, ?, ?, ?, ?, ?, ?)`,
      args: [
        `demo-gio-${d.short}-${h.weekday}-${h.opensAt.replace(':', '')}`,
        d.id,
        h.weekday,
        h.opensAt,
        h.closesAt,
        h.slotMinutes,
        h.capacity,
        at,
      ],
    })),
  );
  if (newHours.length > 0) await client.batch(newHours, 'write');

  // Slots from the hours as they are now in the database (the staff may have changed them).
  const from = localDateOf(now);
  const to = addDays(from, SLOT_HORIZON_DAYS - 1);
  const [hours, closed] = await Promise.all([
    rowsOf(client, {
      sql: `select department_id, weekday, opens_at, closes_at, slot_minutes, capacity
            from department_hours where department_id in (${marks})`,
      args: ids,
    }),
    rowsOf(client, {
      sql: `select date from holidays where date between ? and ?
            union select date from hospital_closures
            where hospital_id = ? and date between ? and ?`,
      args: [from, to, DEMO_HOSPITAL_ID, from, to],
    }),
  ]);
  const closedDates = new Set(closed.map((r) => String(r.date)));
  const slots = DEPARTMENTS.flatMap((d) => {
    const week = hours
      .filter((h) => h.department_id === d.id)
      .map((h) => ({
        weekday: Number(h.weekday),
        opensAt: String(h.opens_at),
        closesAt: String(h.closes_at),
        slotMinutes: Number(h.slot_minutes),
        capacity: Number(h.capacity),
      }));
    return planSlots({ hours: week, from, days: SLOT_HORIZON_DAYS, closedDates, now }).map((s) => ({
      sql: `insert or ignore into appointment_slots (id, department_id, date, start_time,
                end_time, starts_at, capacity, booked, issued, status, created_at, updated_at)
              values (?, ?, ?, ?, ?, ?, ?, 0, 0, 'open', ?, ?)`,
      args: [
        `demo-slot-${d.short}-${s.date}-${s.startTime.replace(':', '')}`,
        d.id,
        s.date,
        s.startTime,
        s.endTime,
        s.startsAt,
        s.capacity,
        at,
        at,
      ],
    }));
  });
  let created = 0;
  if (slots.length > 0) {
    const results = (await client.batch(slots, 'write')) as { rowsAffected: number }[];
    created = results.reduce((sum, r) => sum + r.rowsAffected, 0);
  }
  return { departments: DEPARTMENTS.length, hoursAdded: newHours.length, slots: created };
}
