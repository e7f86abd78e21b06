import type { InStatement } from '@libsql/client';
import { foldVietnamese } from '../edge/src/platform/text';

// The demo work schedules (lịch công tác) of local development (`npm start`) and of the
// browser test: this week and next week of the Provincial People's Committee Office
// (van_phong_ubnd_tinh, whose demo editor is tintuc@demo.gov.vn) with its leaders, and of the
// Department of Finance (so_tai_chinh). One published item was changed after publication
// (the "đã điều chỉnh" mark), one was cancelled, and one item of next week is still a draft.
// Development only: no deployment path imports this module.
//
// Idempotent: ids carry the ISO week they were written for, rows are only added (an editor's
// changes survive a restart), and a checkout started in a later week gets that week too.

interface Client {
  batch(statements: InStatement[], mode?: 'write'): Promise<unknown>;
  execute(stmt: InStatement): Promise<unknown>;
}

export const DEMO_SCHEDULE_AGENCY = 'van_phong_ubnd_tinh';
const EDITOR = 'demo-tintuc';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const VN_OFFSET = 7 * HOUR;

const CHU_TICH = { name: 'Đồng Văn Thanh', title: 'Chủ tịch UBND tỉnh' };
const PCT_1 = { name: 'Trương Cảnh Tuyên', title: 'Phó Chủ tịch Thường trực UBND tỉnh' };
const PCT_2 = { name: 'Hồ Thu Ánh', title: 'Phó Chủ tịch UBND tỉnh' };
const GD_TC = { name: 'Nguyễn Thị Hồng', title: 'Giám đốc Sở Tài chính' };

interface DemoItem {
  key: string;
  agencyId: string;
  leader: { name: string; title: string } | null;
  /** Days after the week's Monday, local hour and minute; hour null: all day. */
  day: number;
  at: [number, number] | null;
  hours?: number;
  content: string;
  location: string;
  host: string;
  participants: string;
  en?: { content: string };
  status: 'draft' | 'published' | 'cancelled';
  note?: string;
}

function itemsOfWeek(next: boolean): DemoItem[] {
  const ubnd = DEMO_SCHEDULE_AGENCY;
  const items: DemoItem[] = [
    {
      key: 'giao-ban',
      agencyId: ubnd,
      leader: CHU_TICH,
      day: 0,
      at: [7, 30],
      hours: 3,
      content: 'Họp giao ban lãnh đạo UBND tỉnh',
      location: 'Phòng họp số 1, trụ sở UBND tỉnh Hậu Giang',
      host: 'Chủ tịch UBND tỉnh',
      participants: 'Các Phó Chủ tịch UBND tỉnh; Chánh Văn phòng UBND tỉnh',
      en: { content: 'Weekly meeting of the Provincial People’s Committee leaders' },
      status: 'published',
    },
    {
      key: 'tiep-cong-dan',
      agencyId: ubnd,
      leader: PCT_1,
      day: 1,
      at: [8, 0],
      hours: 3.5,
      content: 'Tiếp công dân định kỳ tại Trụ sở Tiếp công dân tỉnh',
      location: 'Trụ sở Tiếp công dân tỉnh, số 9 Trần Hưng Đạo, phường Vị Thanh',
      host: 'Phó Chủ tịch Thường trực UBND tỉnh',
      participants: 'Thanh tra tỉnh; Sở Nông nghiệp và Môi trường; Sở Xây dựng; UBND xã liên quan',
      status: 'published',
    },
    {
      key: 'chuyen-doi-so',
      agencyId: ubnd,
      leader: PCT_2,
      day: 2,
      at: [14, 0],
      hours: 2,
      content: 'Hội nghị sơ kết chuyển đổi số và Đề án 06 của tỉnh',
      location: 'Hội trường UBND tỉnh',
      host: 'Phó Chủ tịch UBND tỉnh Hồ Thu Ánh',
      participants: 'Sở Khoa học và Công nghệ; Công an tỉnh; UBND các xã, phường',
      en: { content: 'Review conference on digital transformation and Project 06' },
      status: 'published',
      ...(next ? {} : { note: 'Đổi giờ họp sang 14:00 (trước đây 8:00)' }),
    },
    {
      key: 'kiem-tra-man',
      agencyId: ubnd,
      leader: CHU_TICH,
      day: 3,
      at: null,
      content: 'Kiểm tra công tác phòng, chống hạn hán, xâm nhập mặn tại huyện Long Mỹ cũ',
      location: 'Xã Long Mỹ và các xã lân cận',
      host: 'Chủ tịch UBND tỉnh',
      participants: 'Sở Nông nghiệp và Môi trường; Công ty Cấp thoát nước; UBND các xã',
      status: next ? 'draft' : 'published',
    },
    {
      key: 'hop-ubnd',
      agencyId: ubnd,
      leader: null,
      day: 4,
      at: [8, 0],
      hours: 4,
      content: 'Phiên họp thường kỳ UBND tỉnh tháng này',
      location: 'Phòng họp số 1, trụ sở UBND tỉnh Hậu Giang',
      host: 'Chủ tịch UBND tỉnh',
      participants: 'Thành viên UBND tỉnh; lãnh đạo các sở, ban, ngành',
      status: 'published',
    },
    {
      key: 'tiep-doan',
      agencyId: ubnd,
      leader: PCT_1,
      day: 4,
      at: [15, 0],
      hours: 1.5,
      content: 'Tiếp và làm việc với đoàn nhà đầu tư Nhật Bản về khu công nghiệp Tân Phú Thạnh',
      location: 'Phòng khách UBND tỉnh',
      host: 'Phó Chủ tịch Thường trực UBND tỉnh',
      participants: 'Sở Tài chính; Ban Quản lý các khu công nghiệp',
      status: next ? 'published' : 'cancelled',
      ...(next ? {} : { note: 'Hoãn theo đề nghị của đoàn, sẽ bố trí lịch sau' }),
    },
    {
      key: 'ngan-sach',
      agencyId: 'so_tai_chinh',
      leader: GD_TC,
      day: 1,
      at: [14, 0],
      hours: 2,
      content: 'Làm việc về dự toán ngân sách và kế hoạch đầu tư công năm sau',
      location: 'Phòng họp Sở Tài chính',
      host: 'Giám đốc Sở Tài chính',
      participants: 'Các phòng chuyên môn; Kho bạc Nhà nước khu vực',
      status: 'published',
    },
    {
      key: 'giai-ngan',
      agencyId: 'so_tai_chinh',
      leader: null,
      day: 3,
      at: [8, 0],
      hours: 2,
      content: 'Họp rà soát tiến độ giải ngân vốn đầu tư công',
      location: 'Phòng họp Sở Tài chính',
      host: 'Phó Giám đốc Sở Tài chính',
      participants: 'Các chủ đầu tư; Ban Quản lý dự án đầu tư xây dựng tỉnh',
      status: 'published',
    },
  ];
  return items;
}

function mondayUtcMidnightLocal(now: Date): number {
  const local = new Date(now.getTime() + VN_OFFSET);
  const midnight = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
  const weekday = (local.getUTCDay() + 6) % 7;
  return midnight - weekday * DAY - VN_OFFSET;
}

function isoWeek(mondayUtc: number): string {
  const thursday = new Date(mondayUtc + VN_OFFSET + 3 * DAY);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

const AGENCY_NAMES: Record<string, string> = {
  van_phong_ubnd_tinh: 'Văn phòng UBND tỉnh',
  so_tai_chinh: 'Sở Tài chính',
};

export async function seedDemoSchedules(client: Client, now = new Date()): Promise<void> {
  const nowIso = now.toISOString();
  const statements: InStatement[] = [];
  const thisMonday = mondayUtcMidnightLocal(now);
  for (const next of [false, true]) {
    const monday = thisMonday + (next ? 7 * DAY : 0);
    const week = isoWeek(monday);
    for (const item of itemsOfWeek(next)) {
      const id = `demo-sch-${week}-${item.key}`;
      const start = item.at
        ? monday + item.day * DAY + item.at[0] * HOUR + item.at[1] * 60_000
        : monday + item.day * DAY;
      const startsAt = new Date(start).toISOString();
      const endsAt =
        item.at && item.hours ? new Date(start + item.hours * HOUR).toISOString() : null;
      const published = item.status !== 'draft';
      const revised = item.status === 'cancelled' || Boolean(item.note);
      const revisedAt = revised
        ? new Date(Math.min(now.getTime(), start) - 2 * HOUR).toISOString()
        : null;
      const publishedAt = published ? new Date(monday - 3 * DAY).toISOString() : null;
      statements.push({
        sql: `insert into schedule_entries (id, agency_id, leader_name, leader_title, starts_at,
            ends_at, all_day, location, content, host, participants, en, status, published_at,
            revised_at, revision_note, version, created_by, updated_by, created_at, updated_at)
          values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
          on conflict (id) do nothing`,
        args: [
          id,
          item.agencyId,
          item.leader?.name ?? null,
          item.leader?.title ?? null,
          startsAt,
          endsAt,
          item.at ? 0 : 1,
          item.location,
          item.content,
          item.host,
          item.participants,
          item.en ? JSON.stringify(item.en) : null,
          item.status,
          publishedAt,
          revisedAt,
          revised ? (item.note ?? null) : null,
          revised ? 3 : published ? 2 : 1,
          EDITOR,
          EDITOR,
          publishedAt ?? nowIso,
          revisedAt ?? publishedAt ?? nowIso,
        ],
      });
      // The same text as searchIndexStatements (edge/src/content/search-index.ts) writes;
      // a row an editor has since rewritten keeps the index entry of the editor's text.
      const body = foldVietnamese(
        [
          item.content,
          item.location,
          item.host,
          item.participants,
          item.leader?.name,
          item.leader?.title,
          AGENCY_NAMES[item.agencyId],
          item.en?.content,
        ]
          .filter((p): p is string => !!p)
          .join(' \n '),
      );
      statements.push(
        {
          sql: `insert into content_search_docs (kind, ref_id) values ('schedule', ?) on conflict do nothing`,
          args: [id],
        },
        {
          sql: `delete from content_search where rowid = (select id from content_search_docs where kind = 'schedule' and ref_id = ?)
            and exists (select 1 from schedule_entries where id = ? and content = ?)`,
          args: [id, id, item.content],
        },
        {
          sql: `insert or ignore into content_search (rowid, kind, body) select id, 'schedule', ? from content_search_docs
            where kind = 'schedule' and ref_id = ? and exists (select 1 from schedule_entries where id = ? and content = ?)`,
          args: [body, id, id, item.content],
        },
      );
    }
  }
  statements.push({
    sql: `insert into content_versions (module, version, updated_at) values ('schedules', 1, ?)
      on conflict (module) do update set version = version + 1, updated_at = excluded.updated_at`,
    args: [nowIso],
  });
  await client.batch(statements, 'write');
}
