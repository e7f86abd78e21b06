import { vnDateTime } from '../stats/export';
import type { WorkRegistration } from './schemas';

// The list of a session's registrations as an XLSX workbook for the trainer (call list,
// attendance sheet). Times in Vietnam's time.

export const REGISTRATION_HEADERS = [
  'STT',
  'Họ tên',
  'Số điện thoại',
  'Đăng ký lúc',
  'Tham dự lúc',
  'Đã hủy lúc',
] as const;

export async function registrationsXlsx(
  meta: { courseTitle: string; sessionTitle: string; startsAt: string; generatedAt: Date },
  rows: WorkRegistration[],
): Promise<ArrayBuffer> {
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  wb.creator = 'Tập huấn trực tuyến';
  wb.created = meta.generatedAt;
  const ws = wb.addWorksheet('Đăng ký');
  [6, 32, 16, 18, 18, 18].forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  ws.addRow([meta.courseTitle]).font = { bold: true, size: 14 };
  ws.addRow([`${meta.sessionTitle}, bắt đầu ${vnDateTime(meta.startsAt)} (giờ Việt Nam)`]);
  ws.addRow([`Lập lúc ${vnDateTime(meta.generatedAt.toISOString())}`]);
  ws.addRow([]);
  const header = ws.addRow([...REGISTRATION_HEADERS]);
  header.font = { bold: true };
  rows.forEach((r, i) => {
    ws.addRow([
      i + 1,
      r.name,
      r.phone ?? '',
      vnDateTime(r.createdAt),
      vnDateTime(r.attendedAt),
      vnDateTime(r.cancelledAt),
    ]);
  });
  return (await wb.xlsx.writeBuffer()) as ArrayBuffer;
}
