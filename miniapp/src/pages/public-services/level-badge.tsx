import { useT } from '../../i18n/use-t';
import { levelKey } from '../../services/procedures/client';
import type { ProcedureSummary } from '../../services/procedures/types';

/** "Toàn trình" / "Một phần" / "Cung cấp thông tin", coloured by level. */
export function LevelBadge({ level }: { level: ProcedureSummary['level'] }) {
  const t = useT();
  return <span className={`ps-level ps-level--${level}`}>{t(levelKey(level))}</span>;
}
