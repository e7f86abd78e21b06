import type { hospitalDay } from './repo';
import { vietnameseDate } from './slots';

// The day's list of a hospital as an XLSX workbook (exceljs), for the reception desk to print
// or sort: one row per booking not cancelled, in time and queue order. It carries patient
// details, so only the hospital's staff (`appointments.work`) can download it.

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const DAY_SHEET = 'Danh sách khám';

export const DAY_HEADERS = [
  'Giờ khám',
  'Khoa',
  'Số thứ tự',
  'Họ tên người khám',
  'Ngày sinh',
  'Số điện thoại',
  'Số thẻ BHYT',
  'Triệu chứng',
  'Mã đến khám',
  'Trạng thái',
  'Giờ tiếp nhận',
] as const;

export const STATUS_LABELS = {
  booked: 'Đã đặt',
  checked_in: 'Đã tiếp nhận',
  no_show: 'Vắng mặt',
  cancelled: 'Đã huỷ',
} as const;

const localTime = (iso: string | null) =>
  iso ? new Date(Date.parse(iso) + 7 * 3_600_000).toISOString().slice(11, 16) : '';

export async function buildDayXlsx(
  hospital: { name: string },
  date: string,
  day: Awaited<ReturnType<typeof hospitalDay>>,
  generatedAt: Date,
): Promise<ArrayBuffer> {
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  wb.creator = 'Đặt lịch khám bệnh';
  wb.created = generatedAt;
  const ws = wb.addWorksheet(DAY_SHEET);
  ws.addRow([`Danh sách khám bệnh ngày ${vietnameseDate(date)}: ${hospital.name}`]).font = {
    bold: true,
    size: 14,
  };
  const made = `Lập lúc ${localTime(generatedAt.toISOString())} ngày ${vietnameseDate(
    new Date(generatedAt.getTime() + 7 * 3_600_000).toISOString().slice(0, 10),
  )}`;
  ws.addRow([day.closed ? `${made}. Bệnh viện nghỉ ngày này: ${day.reason}` : made]);
  const header = ws.addRow([...DAY_HEADERS]);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  [12, 24, 10, 28, 12, 14, 18, 40, 12, 14, 12].forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  ws.views = [{ state: 'frozen', ySplit: 3 }];
  let count = 0;
  for (const slot of day.slots) {
    for (const b of slot.bookings) {
      if (b.status === 'cancelled') continue;
      count++;
      ws.addRow([
        `${slot.startTime}–${slot.endTime}`,
        slot.departmentName,
        b.queueNumber,
        b.patientName,
        vietnameseDate(b.patientBirthDate),
        b.patientPhone,
        b.insuranceNumber ?? '',
        b.symptoms ?? '',
        b.checkInCode,
        STATUS_LABELS[b.status],
        localTime(b.checkedInAt),
      ]);
    }
  }
  ws.addRow([]);
  ws.addRow([`Tổng số lượt đặt: ${count}`]).font = { italic: true };
  return (await wb.xlsx.writeBuffer()) as ArrayBuffer;
}
