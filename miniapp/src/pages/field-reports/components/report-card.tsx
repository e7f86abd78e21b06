import { useNavigate } from 'zmp-ui';
import { AppIcon } from '../../../components/app-icon';
import { useLanguage, useT } from '../../../i18n/use-t';
import { mediaSrc } from '../../../services/reports/client';
import { formatDateTime } from '../../../services/reports/format';
import type { ReportStatus } from '../../../services/reports/types';
import { StatusBadge } from './status-badge';

export type CardReport = {
  code: string;
  status: ReportStatus;
  category: { name: string; nameEn: string };
  description: string;
  place?: string | null;
  photoUrl?: string | null;
  createdAt: string;
  supporterCount?: number;
};

/** One report in a list: photo, status, category, a few lines of text, code and date. */
export function ReportCard({ report, extra }: { report: CardReport; extra?: React.ReactNode }) {
  const navigate = useNavigate();
  const [language] = useLanguage();
  const t = useT();
  return (
    <li>
      <button
        type="button"
        className="rp-card"
        data-code={report.code}
        onClick={() => navigate(`/field-reports/r/${report.code}`)}
      >
        {report.photoUrl ? (
          <img className="rp-card__thumb" src={mediaSrc(report.photoUrl)} alt="" loading="lazy" />
        ) : (
          <span className="rp-card__thumb rp-card__thumb--empty">
            <AppIcon icon="zi-camera" size={26} />
          </span>
        )}
        <span className="rp-card__body">
          <span className="rp-card__top">
            <StatusBadge status={report.status} />
            <span className="rp-card__code">{report.code}</span>
          </span>
          <span className="rp-card__category">
            {language === 'vi' ? report.category.name : report.category.nameEn}
          </span>
          <span className="rp-card__text">{report.description}</span>
          <span className="rp-card__meta">
            {formatDateTime(report.createdAt)}
            {report.place ? ` · ${report.place}` : ''}
            {report.supporterCount
              ? ` · ${t('reports.nearby.supporters', { count: report.supporterCount })}`
              : ''}
          </span>
          {extra}
        </span>
      </button>
    </li>
  );
}
