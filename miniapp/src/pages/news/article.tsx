import '../field-reports/reports.css';
import { useParams } from 'zmp-ui';
import { RichText } from '../../components/rich-text';
import { useApi } from '../../hooks/use-api';
import { useLanguage, useT } from '../../i18n/use-t';
import { newsClient, vnDate } from '../../services/news/client';
import { ReportPage } from '../field-reports/components/report-page';
import { ErrorState, LoadingBlock } from '../field-reports/components/states';

/** One article: category, date and agency, title, then the (sanitised) body. */
export default function ArticlePage() {
  const t = useT();
  const [lang] = useLanguage();
  const { id = '' } = useParams();
  const article = useApi(() => newsClient.article(id, lang), [id, lang]);
  const a = article.data;
  return (
    <ReportPage title={t('news.article')} parent="/government-news">
      {!a && article.status === 'loading' ? <LoadingBlock /> : null}
      {article.status === 'error' && !a ? (
        <ErrorState message={article.error.message} onRetry={article.reload} />
      ) : null}
      {a ? (
        <article className="card rp-section">
          <p className="rp-card__meta">
            {a.category.name} · {vnDate(a.publishedAt)} · {a.agency.name}
          </p>
          <h2 data-testid="article-title">{a.title}</h2>
          <RichText html={a.bodyHtml} />
        </article>
      ) : null}
    </ReportPage>
  );
}
