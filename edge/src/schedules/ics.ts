import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { addDays } from '../feed/params';
import type { EntryRow } from './repo';
import { vnLocal } from './week';

// An agency's schedule as an iCalendar (RFC 5545) feed that calendar apps subscribe to.
// Times are written in UTC (…Z), so no VTIMEZONE is needed; an all-day item is a DATE
// (its local day in Vietnam, ending the next day, exclusive). UIDs are the row ids, so a
// calendar app updates the same event when it changes; SEQUENCE follows the row's version.
// ical-generator escapes text and folds lines at 75 octets with CRLF endings.

export const ICS_WEEKS_BACK = 4;
export const ICS_WEEKS_AHEAD = 12;

const UID_DOMAIN = 'lichcongtac.haugiang.gov.vn';

const dateOnly = (day: string) => new Date(`${day}T00:00:00Z`);

function description(row: EntryRow): string {
  const lines = [`Chủ trì: ${row.host}`];
  if (row.participants) lines.push(`Thành phần: ${row.participants}`);
  if (row.leaderName) {
    lines.push(`Lịch của: ${row.leaderName}${row.leaderTitle ? ` (${row.leaderTitle})` : ''}`);
  }
  if (row.status === 'cancelled') lines.push(`ĐÃ HỦY: ${row.revisionNote ?? ''}`.trim());
  else if (row.revisedAt) lines.push(`Đã điều chỉnh: ${row.revisionNote ?? ''}`.trim());
  return lines.join('\n');
}

export function agencyCalendar(agency: { id: string; name: string }, rows: EntryRow[]): string {
  const cal = ical({
    name: `Lịch công tác - ${agency.name}`,
    description: `Lịch công tác tuần của ${agency.name}`,
    prodId: { company: 'UBND tinh Hau Giang', product: 'Lich cong tac', language: 'VI' },
    method: ICalCalendarMethod.PUBLISH,
    ttl: 3600,
  });
  for (const row of rows) {
    const allDay = Boolean(row.allDay);
    const day = vnLocal(row.startsAt).date;
    const summary = row.leaderName ? `${row.leaderName}: ${row.content}` : row.content;
    cal.createEvent({
      id: `${row.id}@${UID_DOMAIN}`,
      sequence: Math.max(0, Number(row.version) - 1),
      // The last change of the item, not the time of the request: the same rows give the
      // same bytes, which keeps the ETag of the feed stable.
      stamp: new Date(row.updatedAt),
      lastModified: new Date(row.updatedAt),
      created: new Date(row.createdAt),
      start: allDay ? dateOnly(day) : new Date(row.startsAt),
      end: allDay ? dateOnly(addDays(day, 1)) : row.endsAt ? new Date(row.endsAt) : null,
      allDay,
      summary: row.status === 'cancelled' ? `[ĐÃ HỦY] ${summary}` : summary,
      location: row.location,
      description: description(row),
      status: row.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  // RFC 5545 ends every content line with CRLF, the last one too; ical-generator omits it.
  return `${cal.toString()}\r\n`;
}
