import { useT } from '../../i18n/use-t';
import type { ProjectStage } from '../../services/investment/types';

export const STAGES: readonly ProjectStage[] = ['calling', 'negotiating', 'licensed', 'closed'];

export function StageBadge({ stage }: { stage: ProjectStage }) {
  const t = useT();
  return <span className={`inv-stage inv-stage--${stage}`}>{t(`invest.stage.${stage}`)}</span>;
}
