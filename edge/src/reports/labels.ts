import type { RATINGS, REPORT_EVENT_TYPES, ReportStatus } from '@tinh/db/schema';

// Citizen-facing names of states, events and ratings: Vietnamese first, English second.

export type Label = { vi: string; en: string };

export const STATUS_LABELS: Record<ReportStatus, Label> = {
  received: { vi: 'Đã tiếp nhận', en: 'Received' },
  assigned: { vi: 'Đã chuyển xử lý', en: 'Assigned' },
  in_progress: { vi: 'Đang xử lý', en: 'In progress' },
  resolved: { vi: 'Đã xử lý', en: 'Resolved' },
  rejected: { vi: 'Không thuộc thẩm quyền / Từ chối', en: 'Rejected' },
  duplicate: { vi: 'Trùng', en: 'Duplicate' },
};

export const EVENT_LABELS: Record<(typeof REPORT_EVENT_TYPES)[number], Label> = {
  received: { vi: 'Đã tiếp nhận phản ánh', en: 'Report received' },
  verified: { vi: 'Đã kiểm tra, phản ánh hợp lệ', en: 'Checked and valid' },
  assigned: { vi: 'Đã chuyển cơ quan xử lý', en: 'Assigned to an agency' },
  accepted: { vi: 'Cơ quan xử lý đã tiếp nhận', en: 'Accepted by the agency' },
  returned: { vi: 'Cơ quan trả lại để chuyển đúng nơi', en: 'Returned for re-routing' },
  in_progress: { vi: 'Đang xử lý', en: 'Work in progress' },
  update: { vi: 'Cập nhật tiến độ', en: 'Progress update' },
  note: { vi: 'Ghi chú nội bộ', en: 'Internal note' },
  extension_requested: { vi: 'Đề nghị gia hạn xử lý', en: 'Extension requested' },
  extension_decided: { vi: 'Đã xem xét đề nghị gia hạn', en: 'Extension decided' },
  overdue: { vi: 'Quá hạn xử lý', en: 'Overdue' },
  escalated: { vi: 'Đã báo cáo lãnh đạo do quá hạn', en: 'Escalated' },
  resolved: { vi: 'Đã xử lý xong', en: 'Resolved' },
  rejected: { vi: 'Từ chối / không thuộc thẩm quyền', en: 'Rejected' },
  duplicate: { vi: 'Trùng với phản ánh khác', en: 'Duplicate of another report' },
  rated: { vi: 'Người phản ánh đã đánh giá', en: 'Rated by the reporter' },
  reopened: {
    vi: 'Người phản ánh chưa hài lòng, phản ánh được mở lại',
    en: 'Reopened by the reporter',
  },
  comment: { vi: 'Cập nhật', en: 'Update' },
};

export const RATING_LABELS: Record<(typeof RATINGS)[number], Label> = {
  satisfied: { vi: 'Hài lòng', en: 'Satisfied' },
  acceptable: { vi: 'Chấp nhận được', en: 'Acceptable' },
  unsatisfied: { vi: 'Không hài lòng', en: 'Unsatisfied' },
};

/** States in which a report still waits for the government: "me too" and nearby look at these. */
export const OPEN_STATUSES = [
  'received',
  'assigned',
  'in_progress',
] as const satisfies readonly ReportStatus[];
