import type { ReportStatus } from '@tinh/db/schema';
import { type Action, can, type Principal, type Target } from '../access/permissions';
import { ApiError } from '../platform/errors';
import { STATUS_LABELS } from '../reports/labels';

// The officials' workflow as one pure table: which action is legal from which state, and
// which permission it needs. The route code asks `assertLegal` before writing, and writes
// with a guarded UPDATE (WHERE status/agency as read), so a race or a retry that finds the
// report moved on gets the same 409 as an illegal request. `allowedActions` derives the
// buttons the admin and the mini app show from the same table, so they never disagree.
//
//   received (verified_at null) ──intake valid──► assigned (default agency) | received+verified
//            │                   ──spam / out_of_scope──► rejected
//            │                   ──duplicate──► duplicate
//   received / assigned / in_progress ──assign (IOC)──► assigned
//   assigned (not accepted) ──accept──► assigned (accepted_at)
//   assigned ──start──► in_progress
//   assigned / in_progress ──return──► received (no agency)
//   in_progress, or assigned + accepted ──resolve──► resolved
//   resolved ──reopen (citizen)──► in_progress (follow.ts)

export const WORK_ACTIONS = [
  'intake',
  'assign',
  'accept',
  'return',
  'start',
  'update',
  'note',
  'request_extension',
  'resolve',
  'decide_extension',
] as const;
export type WorkAction = (typeof WORK_ACTIONS)[number];

/** What the table looks at: the report's state, as read before the action. */
export interface WorkState extends Target {
  status: ReportStatus;
  verifiedAt: string | null;
  acceptedAt: string | null;
  /** An extension request of this report waits for the IOC. */
  pendingExtension: boolean;
}

export interface Rule {
  permission: Action;
  /** Statuses the action may start from. */
  from: readonly ReportStatus[];
  /** A further condition on the state; its Vietnamese explanation when it fails. */
  also?: { holds: (s: WorkState) => boolean; refusal: string };
  /** Shown in messages: "Không thể <label> …". */
  label: string;
}

const OPEN: readonly ReportStatus[] = ['received', 'assigned', 'in_progress'];
const HANDLING: readonly ReportStatus[] = ['assigned', 'in_progress'];
const ALL: readonly ReportStatus[] = [
  'received',
  'assigned',
  'in_progress',
  'resolved',
  'rejected',
  'duplicate',
];

export const RULES: Record<WorkAction, Rule> = {
  intake: {
    permission: 'report.intake',
    from: ['received'],
    also: {
      holds: (s) => s.verifiedAt === null,
      refusal: 'Phản ánh này đã được kiểm tra trước đó.',
    },
    label: 'kiểm tra (tiếp nhận)',
  },
  assign: { permission: 'report.assign', from: OPEN, label: 'chuyển xử lý' },
  accept: {
    permission: 'report.accept',
    from: ['assigned'],
    also: {
      holds: (s) => s.acceptedAt === null,
      refusal: 'Cơ quan đã tiếp nhận phản ánh này rồi.',
    },
    label: 'tiếp nhận',
  },
  return: { permission: 'report.return', from: HANDLING, label: 'trả lại IOC' },
  start: { permission: 'report.start', from: ['assigned'], label: 'bắt đầu xử lý' },
  update: { permission: 'report.update', from: HANDLING, label: 'cập nhật tiến độ' },
  // Internal notes are history, not a state change: allowed whatever the state.
  note: { permission: 'report.note', from: ALL, label: 'ghi chú nội bộ' },
  request_extension: {
    permission: 'report.request_extension',
    from: HANDLING,
    also: {
      holds: (s) => !s.pendingExtension,
      refusal: 'Đã có một đề nghị gia hạn đang chờ IOC xem xét.',
    },
    label: 'đề nghị gia hạn',
  },
  resolve: {
    permission: 'report.resolve',
    from: HANDLING,
    also: {
      holds: (s) => s.status === 'in_progress' || s.acceptedAt !== null,
      refusal: 'Cơ quan cần tiếp nhận phản ánh trước khi báo cáo kết quả.',
    },
    label: 'báo cáo kết quả xử lý',
  },
  decide_extension: {
    permission: 'extension.decide',
    from: HANDLING,
    also: {
      holds: (s) => s.pendingExtension,
      refusal: 'Không có đề nghị gia hạn nào đang chờ xem xét.',
    },
    label: 'xem xét gia hạn',
  },
};

/** Whether the state allows `action` (permissions aside). */
export function isLegal(action: WorkAction, s: WorkState): boolean {
  const rule = RULES[action];
  return rule.from.includes(s.status) && (rule.also?.holds(s) ?? true);
}

/** 409 `illegal_transition`, in words an official understands. */
export function illegalTransition(action: WorkAction, s: WorkState) {
  const rule = RULES[action];
  const status = STATUS_LABELS[s.status].vi;
  const because =
    rule.from.includes(s.status) && rule.also && !rule.also.holds(s) ? ` ${rule.also.refusal}` : '';
  return new ApiError(
    409,
    'illegal_transition',
    `Không thể ${rule.label} khi phản ánh đang ở trạng thái "${status}".${because}`,
    { from: s.status, action },
  );
}

/** The report changed between reading and writing (a colleague acted first). */
export function staleState(action: WorkAction, from: ReportStatus) {
  return new ApiError(
    409,
    'illegal_transition',
    `Không thể ${RULES[action].label}: phản ánh vừa được người khác cập nhật. Vui lòng tải lại.`,
    { from, action },
  );
}

export function assertLegal(action: WorkAction, s: WorkState): void {
  if (!isLegal(action, s)) throw illegalTransition(action, s);
}

/** What `principal` may do to this report now: the buttons of the admin and the mini app. */
export function allowedActions(principal: Principal, s: WorkState): WorkAction[] {
  return WORK_ACTIONS.filter(
    (action) => can(principal, RULES[action].permission, s) && isLegal(action, s),
  );
}
