import type { InStatement } from '@libsql/client';

// The demo online-training courses of local development (`npm start`) and of the browser
// test: two published courses of the Department of Agriculture and Environment
// (so_nong_nghiep_moi_truong, whose demo editor is taphuan@demo.gov.vn) for Hậu Giang's rice
// farmers, with live sessions in the coming days, the first within 24 hours (so the hourly
// reminder has something to send). No materials: files live in R2, which the seed does not
// reach; an editor uploads them in the web admin. Development only: no deployment path
// imports this module.
//
// Idempotent, with fixed ids. Courses are only added (an editor's changes survive a restart).
// A demo session that is over with nobody registered is moved back into the coming days, so a
// checkout started again a week later still has sessions to register for; sessions people
// registered for, or that an editor moved, are left alone.

interface Client {
  batch(statements: InStatement[], mode?: 'write'): Promise<unknown>;
  execute(stmt: InStatement): Promise<unknown>;
}

export const DEMO_TRAINING_AGENCY = 'so_nong_nghiep_moi_truong';
export const DEMO_TRAINING_EDITOR = 'demo-taphuan';

const HOUR = 3_600_000;
const VN_OFFSET = 7 * HOUR;

/** The UTC instant of `hour`:00 in Vietnam's time, `days` local days after now's local date. */
function vnAt(now: Date, days: number, hour: number): Date {
  const local = new Date(now.getTime() + VN_OFFSET);
  const midnightUtc = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
  return new Date(midnightUtc + days * 24 * HOUR + hour * HOUR - VN_OFFSET);
}

/**
 * The next 08:00 or 14:00 (Vietnam's time) at least an hour away: always within 24 hours,
 * since the two are never more than 18 hours apart.
 */
export function soonSlot(now: Date): Date {
  for (let days = 0; days <= 2; days++) {
    for (const hour of [8, 14]) {
      const at = vnAt(now, days, hour);
      if (at.getTime() >= now.getTime() + HOUR) return at;
    }
  }
  throw new Error('unreachable: a slot is at most 19 hours away');
}

interface DemoSession {
  id: string;
  title: string;
  trainerName: string;
  meetingUrl: string;
  capacity: number | null;
  startsAt: Date;
  hours: number;
}

interface DemoCourse {
  id: string;
  title: string;
  audience: string;
  description: string;
  sessions: DemoSession[];
}

export function demoCourses(now: Date): DemoCourse[] {
  const soon = soonSlot(now);
  const daysAfterSoon = (days: number, hour: number) => {
    const local = new Date(soon.getTime() + VN_OFFSET);
    const base = new Date(now.getTime() + VN_OFFSET);
    const offset = Math.round(
      (Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) -
        Date.UTC(base.getUTCFullYear(), base.getUTCMonth(), base.getUTCDate())) /
        (24 * HOUR),
    );
    return vnAt(now, offset + days, hour);
  };
  return [
    {
      id: 'demo-course-lua-man',
      title: 'Canh tác lúa thích ứng xâm nhập mặn',
      audience: 'Nông dân trồng lúa, tổ hợp tác và hợp tác xã ở Vị Thanh, Long Mỹ, Vị Thủy',
      description:
        'Mùa khô, nước mặn từ sông Cái Lớn theo kênh xáng Xà No vào sâu nội đồng Hậu Giang. ' +
        'Khóa học hướng dẫn bà con đọc số liệu độ mặn của các trạm quan trắc trên ứng dụng, ' +
        'chọn thời điểm lấy nước và đóng cống, chọn giống lúa chịu mặn (OM 5451, OM 18, ST 24) ' +
        'và điều chỉnh lịch xuống giống vụ Đông Xuân để né mặn. Giảng viên của Sở Nông nghiệp ' +
        'và Môi trường và Trung tâm Khuyến nông tỉnh.',
      sessions: [
        {
          id: 'demo-session-lua-man-1',
          title: 'Buổi 1: Theo dõi độ mặn và lịch lấy nước vào ruộng',
          trainerName: 'KS. Trần Văn Phúc (Trung tâm Khuyến nông)',
          meetingUrl: 'https://meet.jit.si/TapHuanLuaManHauGiang-Buoi1',
          capacity: 100,
          startsAt: soon,
          hours: 2,
        },
        {
          id: 'demo-session-lua-man-2',
          title: 'Buổi 2: Giống lúa chịu mặn và bón phân cân đối',
          trainerName: 'ThS. Nguyễn Thị Mỹ Linh (Sở Nông nghiệp và Môi trường)',
          meetingUrl: 'https://meet.jit.si/TapHuanLuaManHauGiang-Buoi2',
          capacity: 100,
          startsAt: daysAfterSoon(3, 8),
          hours: 2,
        },
        {
          id: 'demo-session-lua-man-3',
          title: 'Buổi 3: Hỏi đáp cùng chuyên gia về vụ Đông Xuân',
          trainerName: 'TS. Lê Hoàng Nam (Viện Lúa Đồng bằng sông Cửu Long)',
          meetingUrl: 'https://meet.jit.si/TapHuanLuaManHauGiang-Buoi3',
          capacity: null,
          startsAt: daysAfterSoon(7, 14),
          hours: 1.5,
        },
      ],
    },
    {
      id: 'demo-course-ipm-lua',
      title: 'Quản lý dịch hại tổng hợp (IPM) trên lúa vùng nhiễm mặn',
      audience: 'Nông dân, cán bộ nông nghiệp xã phường',
      description:
        'Ruộng lúa bị mặn, cây yếu, dễ nhiễm rầy nâu, đạo ôn và lem lép hạt. Khóa học giới ' +
        'thiệu cách thăm đồng, nhận biết sớm dịch hại, áp dụng "1 phải 5 giảm" và sử dụng ' +
        'thuốc bảo vệ thực vật đúng cách, an toàn cho người và môi trường nước.',
      sessions: [
        {
          id: 'demo-session-ipm-lua-1',
          title: 'Buổi 1: Thăm đồng và nhận biết rầy nâu, đạo ôn',
          trainerName: 'KS. Võ Minh Tâm (Chi cục Trồng trọt và Bảo vệ thực vật)',
          meetingUrl: 'https://meet.jit.si/TapHuanIPMLuaHauGiang-Buoi1',
          capacity: 60,
          startsAt: daysAfterSoon(2, 14),
          hours: 2,
        },
        {
          id: 'demo-session-ipm-lua-2',
          title: 'Buổi 2: "1 phải 5 giảm" và dùng thuốc bảo vệ thực vật an toàn',
          trainerName: 'KS. Võ Minh Tâm (Chi cục Trồng trọt và Bảo vệ thực vật)',
          meetingUrl: 'https://meet.jit.si/TapHuanIPMLuaHauGiang-Buoi2',
          capacity: 60,
          startsAt: daysAfterSoon(5, 8),
          hours: 2,
        },
      ],
    },
  ];
}

export async function seedDemoCourses(
  client: Client,
  now = new Date(),
): Promise<{ courseIds: string[]; sessionIds: string[] }> {
  const at = now.toISOString();
  const courses = demoCourses(now);
  const statements: InStatement[] = [];
  for (const course of courses) {
    statements.push({
      sql:
        'insert into courses (id, agency_id, title, description, audience, status, created_by, published_at, created_at, updated_at) ' +
        "values (?, ?, ?, ?, ?, 'published', ?, ?, ?, ?) on conflict (id) do nothing",
      args: [
        course.id,
        DEMO_TRAINING_AGENCY,
        course.title,
        course.description,
        course.audience,
        DEMO_TRAINING_EDITOR,
        at,
        at,
        at,
      ],
    });
    for (const s of course.sessions) {
      const startsAt = s.startsAt.toISOString();
      const endsAt = new Date(s.startsAt.getTime() + s.hours * HOUR).toISOString();
      statements.push({
        sql:
          'insert into course_sessions (id, course_id, title, starts_at, ends_at, meeting_url, trainer_name, capacity, registered, created_at, updated_at) ' +
          'values (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?) ' +
          'on conflict (id) do update set starts_at = excluded.starts_at, ends_at = excluded.ends_at, updated_at = excluded.updated_at ' +
          'where course_sessions.ends_at <= ? and course_sessions.registered = 0 ' +
          'and not exists (select 1 from course_registrations r where r.session_id = course_sessions.id)',
        args: [
          s.id,
          course.id,
          s.title,
          startsAt,
          endsAt,
          s.meetingUrl,
          s.trainerName,
          s.capacity,
          at,
          at,
          at,
        ],
      });
    }
  }
  await client.batch(statements, 'write');
  return {
    courseIds: courses.map((c) => c.id),
    sessionIds: courses.flatMap((c) => c.sessions.map((s) => s.id)),
  };
}
