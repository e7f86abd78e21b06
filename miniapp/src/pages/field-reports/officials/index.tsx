import '../reports.css';
import './officials.css';
import { useRecoilValue } from 'recoil';
import { registerIcons } from '../../../components/app-icon';
import { useT } from '../../../i18n/use-t';
import { officialState } from '../../../state/official';
import { ReportPage } from '../components/report-page';
import { LoadingBlock } from '../components/states';
import { REPORT_SVG } from '../icons.gen';
import { LinkView } from './link-view';
import { QueueView } from './queue-view';

registerIcons(REPORT_SVG);

/**
 * "Cán bộ": the link page until this Zalo account is linked to an official account, then
 * the agency's queue. The mode lasts on this phone until the official leaves it or the
 * API no longer accepts the link.
 */
export default function OfficialsPage() {
  const t = useT();
  const { ready, link } = useRecoilValue(officialState);
  return (
    <ReportPage
      title={link ? t('officials.queue.title') : t('officials.link.title')}
      parent="/field-reports"
    >
      {!ready ? <LoadingBlock /> : link ? <QueueView official={link.official} /> : <LinkView />}
    </ReportPage>
  );
}
