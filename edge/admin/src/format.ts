import type { OfficialRole } from '@tinh/db/schema';
import type { PayableModule, PaymentEvent, PaymentProvider, PaymentStatus } from './types';

// Vietnamese labels and Asia/Ho_Chi_Minh dates, the way officials read them.

export const STATUS_LABELS: Record<string, string> = {
  received: 'Mới tiếp nhận',
  assigned: 'Đã chuyển xử lý',
  in_progress: 'Đang xử lý',
  resolved: 'Đã xử lý',
  rejected: 'Từ chối',
  duplicate: 'Trùng lặp',
};

export const OPEN_STATUSES = ['received', 'assigned', 'in_progress'] as const;

// Typed by the schema's role list: a new role without a label does not compile.
export const ROLE_LABELS: Record<OfficialRole, string> = {
  admin: 'Quản trị hệ thống',
  ioc_operator: 'Cán bộ IOC',
  agency_handler: 'Cán bộ xử lý (cơ quan)',
  agency_leader: 'Lãnh đạo cơ quan',
  commune_officer: 'Cán bộ xã/phường',
  province_leader: 'Lãnh đạo tỉnh',
  schedule_editor: 'Biên tập lịch',
  news_editor: 'Biên tập tin tức',
  investment_editor: 'Biên tập đầu tư',
  directory_editor: 'Biên tập danh bạ',
  survey_editor: 'Biên tập khảo sát',
  training_editor: 'Biên tập đào tạo',
  hospital_staff: 'Nhân viên bệnh viện',
  market_moderator: 'Kiểm duyệt chợ nông sản',
  map_editor: 'Biên tập bản đồ số',
  procedure_editor: 'Biên tập dịch vụ công',
  indicator_editor: 'Biên tập chỉ tiêu KT-XH',
};

/** Every role, in the order of the labels above. */
export const OFFICIAL_ROLES = Object.keys(ROLE_LABELS) as OfficialRole[];

export const EVENT_LABELS: Record<string, string> = {
  received: 'Tiếp nhận phản ánh',
  verified: 'IOC xác nhận hợp lệ',
  assigned: 'Chuyển cơ quan xử lý',
  accepted: 'Cơ quan tiếp nhận',
  returned: 'Trả lại IOC',
  in_progress: 'Bắt đầu xử lý',
  update: 'Cập nhật tiến độ',
  note: 'Ghi chú nội bộ',
  extension_requested: 'Đề nghị gia hạn',
  extension_decided: 'Quyết định gia hạn',
  overdue: 'Quá hạn',
  escalated: 'Báo cáo vượt cấp',
  resolved: 'Đã xử lý',
  rejected: 'Từ chối',
  duplicate: 'Trùng phản ánh khác',
  reopened: 'Người dân mở lại',
  rated: 'Người dân đánh giá',
};

// Payments (issue 10). Typed by the API's enums: a new status, provider, module, event source
// or outcome without a label does not compile.
export const PAYMENT_STATUS_LABELS: Record<PaymentStatus, string> = {
  created: 'Chưa thanh toán',
  pending: 'Đang chờ xác nhận',
  paid: 'Đã thanh toán',
  failed: 'Không thành công',
  cancelled: 'Đã hủy',
  expired: 'Quá hạn',
};

/**
 * The statuses an official may re-check with the provider. An expired order is one the payer
 * may still have paid at the last minute, so it is asked about too; paid, failed and cancelled
 * are final (the API answers 409 order_closed).
 */
export const CHECKABLE_PAYMENT_STATUSES: readonly PaymentStatus[] = [
  'created',
  'pending',
  'expired',
];

export const PAYMENT_PROVIDER_LABELS: Record<PaymentProvider, string> = {
  zalo_checkout: 'Zalo Checkout',
  redirect_wallet: 'Ví điện tử',
};

export const PAYMENT_MODULE_LABELS: Record<PayableModule, string> = {
  procedures: 'Lệ phí thủ tục hành chính',
};

export const PAYMENT_SOURCE_LABELS: Record<PaymentEvent['source'], string> = {
  api: 'Ứng dụng',
  callback: 'Nhà cung cấp báo',
  status_check: 'Tra cứu trạng thái',
  reconcile: 'Đối soát tự động',
};

export const PAYMENT_OUTCOME_LABELS: Record<PaymentEvent['outcome'], string> = {
  applied: 'Đã cập nhật',
  duplicate: 'Trùng (bỏ qua)',
  stale: 'Đến muộn (bỏ qua)',
  refused: 'Từ chối',
};

/** A label of one of the records above, or the raw value when the API sends a newer one. */
export function labelOf(labels: Record<string, string>, value: string | null | undefined): string {
  if (!value) return '—';
  return labels[value] ?? value;
}

const TZ = 'Asia/Ho_Chi_Minh';

const dateTime = new Intl.DateTimeFormat('vi-VN', {
  timeZone: TZ,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
const dateOnly = new Intl.DateTimeFormat('vi-VN', {
  timeZone: TZ,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  // A bare day (YYYY-MM-DD) is already a Vietnamese calendar day.
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (day) return `${day[3]}/${day[2]}/${day[1]}`;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateOnly.format(date);
}

/** Today in Vietnam as YYYY-MM-DD, shifted by `days`. */
export function vnDay(days = 0): string {
  const now = new Date(Date.now() + days * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: TZ }).format(now);
}

export function formatNumber(value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return value.toLocaleString('vi-VN', { maximumFractionDigits: digits });
}

/** Integer VND as officials write it: "1.234.000 ₫". */
export function formatVnd(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${formatNumber(value)} ₫`;
}

export function formatPercent(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${formatNumber(value, 1)} %`;
}

/** Hours as "3 giờ" / "2,5 ngày" for durations in statistics. */
export function formatHours(hours: number | null | undefined): string {
  if (hours === null || hours === undefined) return '—';
  if (hours < 1) return `${formatNumber(hours * 60)} phút`;
  if (hours < 48) return `${formatNumber(hours, 1)} giờ`;
  return `${formatNumber(hours / 24, 1)} ngày`;
}

/** A duration in seconds (null: none yet), written as `formatHours` does. */
export function formatSeconds(seconds: number | null | undefined): string {
  return formatHours(seconds === null || seconds === undefined ? null : seconds / 3600);
}

/** A stored phone (+84912345678) the way Vietnamese officials dial it: 0912 345 678. */
export function formatPhone(phone: string): string {
  const local = phone.startsWith('+84') ? `0${phone.slice(3)}` : phone;
  return /^0\d{9}$/.test(local)
    ? `${local.slice(0, 4)} ${local.slice(4, 7)} ${local.slice(7)}`
    : local;
}

/** "datetime-local" input value (Vietnam time) → ISO instant. */
export function localInputToIso(value: string): string {
  return new Date(`${value}:00+07:00`).toISOString();
}
