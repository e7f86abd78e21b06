import type { z } from '@hono/zod-openapi';
import type { OfficialRole, PaymentProvider, PaymentStatus } from '@tinh/db/schema';
import type { NotificationListSchema } from '../../src/notifications/schemas';
import type { OfficialSchema, PasswordLinkSchema } from '../../src/officials/schemas';
import type {
  EventSchema,
  PAYABLE_MODULES,
  WorkListSchema,
  WorkOrderDetailSchema,
} from '../../src/payments/schemas';
import type { FiguresSchema } from '../../src/stats/figures';
import type { LeaderStatsSchema } from '../../src/stats/leader';
import type {
  AssignResultSchema,
  MapSchema,
  PendingExtensionsSchema,
  QueuePageSchema,
  WorkDetailSchema,
} from '../../src/work/schemas';

// Shapes of the API answers the admin reads. Where the API exports its zod schema, the type
// is inferred from it (type-only imports: nothing of the Worker reaches the bundle), so a
// change of shape fails `tsc -p edge/admin` instead of a screen. The rest are written out
// from the routes' schemas (edge/src/officials/admin-routes.ts, edge/src/management/routes.ts,
// edge/src/catalog/routes.ts, edge/src/stats/routes.ts).

export type { OfficialRole, PaymentProvider, PaymentStatus };

export type Me = z.infer<typeof OfficialSchema>;
export interface MeResponse {
  official: Me;
  csrfToken?: string;
}
export type PasswordLink = z.infer<typeof PasswordLinkSchema>;

export type QueuePage = z.infer<typeof QueuePageSchema>;
export type QueueItem = QueuePage['items'][number];
export type MapPoint = z.infer<typeof MapSchema>['items'][number];
export type ReportDetail = z.infer<typeof WorkDetailSchema>;
export type TimelineEvent = ReportDetail['timeline'][number];
export type MediaItem = ReportDetail['media'][number];
export type AuditEntry = NonNullable<ReportDetail['audit']>[number];
export type ReportExtension = ReportDetail['extensionRequests'][number];
export type PendingExtension = z.infer<typeof PendingExtensionsSchema>['items'][number];
export type AssignResult = z.infer<typeof AssignResultSchema>;
export type LeaderStats = z.infer<typeof LeaderStatsSchema>;
export type Duration = LeaderStats['summary']['intakeToAgency'];
export type Figures = z.infer<typeof FiguresSchema>;
export type NotificationPage = z.infer<typeof NotificationListSchema>;
export type OfficialNotification = NotificationPage['items'][number];

// Payments (issue 10): the officials' list, one order with its events.
export type PaymentList = z.infer<typeof WorkListSchema>;
export type PaymentOrder = PaymentList['items'][number];
export type PaymentOrderDetail = z.infer<typeof WorkOrderDetailSchema>;
export type PaymentEvent = z.infer<typeof EventSchema>;
export type PayableModule = (typeof PAYABLE_MODULES)[number];

export interface Ref {
  id: string;
  name: string;
}

/** GET /api/v1/catalog/categories (public) and /api/v1/admin/categories (management). */
export interface Category {
  id: string;
  name: string;
  slaHours: number;
  slaWorkingDays?: number;
  defaultAgency: Ref & { scope?: string };
  updatedAt?: string | null;
}

/** GET /api/v1/catalog/agencies and /api/v1/admin/agencies. */
export interface Agency {
  id: string;
  name: string;
  scope: 'province' | 'commune';
  communeId: string | null;
  communeName?: string | null;
  phone: string | null;
  email: string | null;
  categoryCount?: number;
}

export interface AdminUnit {
  id: string;
  name: string;
  fullName: string;
  level: string;
  lat: number | null;
  lng: number | null;
}

/** GET /api/v1/admin/officials items. */
export interface Official {
  id: string;
  email: string;
  fullName: string;
  agencyId: string;
  agencyName: string;
  communeId: string | null;
  roles: OfficialRole[];
  status: 'active' | 'disabled';
  hasPassword: boolean;
  totpEnabled: boolean;
  zaloLinked: boolean;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  createdAt: string;
}

export interface Holiday {
  date: string;
  name: string;
  provisional: boolean;
}

/** GET /api/v1/stats (public transparency figures). */
export interface PublicStats {
  period: { from: string; to: string };
  province: Figures & {
    medianIntakeToAgencySeconds: number | null;
    medianTimeToResolveSeconds: number | null;
  };
  agencies: (Figures & { agency: Ref })[];
}
