import { vnDateTime } from '../stats/export';
import { PROVIDER_NAMES } from './config';
import type { WorkOrder } from './schemas';

// The officials' list of payments as an XLSX workbook (for the finance office's
// reconciliation with the providers' statements). Times in Vietnam's time, amounts in đồng
// as numbers (so the sheet can sum them).

export const STATUS_LABELS: Record<WorkOrder['status'], string> = {
  created: 'Chưa thanh toán',
  pending: 'Đang chờ xác nhận',
  paid: 'Đã thanh toán',
  failed: 'Không thành công',
  cancelled: 'Đã hủy',
  expired: 'Quá hạn',
};

export const MODULE_LABELS: Record<string, string> = {
  procedures: 'Lệ phí thủ tục hành chính',
};

export const PAYMENT_HEADERS = [
  'Mã đơn',
  'Khoản thu',
  'Nội dung',
  'Số tiền (đồng)',
  'Trạng thái',
  'Cách thanh toán',
  'Mã giao dịch của nhà cung cấp',
  'Người nộp',
  'Tạo lúc',
  'Thanh toán lúc',
  'Cần hoàn tiền',
] as const;

export async function paymentsXlsx(
  meta: { filters: string; generatedAt: Date },
  rows: WorkOrder[],
): Promise<ArrayBuffer> {
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  wb.creator = 'Thanh toán trực tuyến';
  wb.created = meta.generatedAt;
  const ws = wb.addWorksheet('Giao dịch');
  [38, 24, 48, 14, 18, 16, 30, 24, 18, 18, 12].forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  ws.addRow(['Danh sách giao dịch thanh toán']).font = { bold: true, size: 14 };
  ws.addRow([
    `Lọc: ${meta.filters || 'tất cả'}. Lập lúc ${vnDateTime(meta.generatedAt.toISOString())} (giờ Việt Nam)`,
  ]);
  ws.addRow([]);
  ws.addRow([...PAYMENT_HEADERS]).font = { bold: true };
  for (const r of rows) {
    ws
      .addRow([
        r.id,
        MODULE_LABELS[r.module] ?? r.module,
        r.description,
        r.amountVnd,
        STATUS_LABELS[r.status],
        r.provider ? PROVIDER_NAMES[r.provider] : '',
        r.providerOrderId ?? '',
        r.payerName ?? '',
        vnDateTime(r.createdAt),
        vnDateTime(r.paidAt),
        r.attention ? 'Có' : '',
      ])
      .getCell(4).numFmt = '#,##0';
  }
  return (await wb.xlsx.writeBuffer()) as ArrayBuffer;
}
