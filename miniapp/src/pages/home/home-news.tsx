import '../field-reports/reports.css';
import './home-news.css';
import { useEffect, useState } from 'react';
import { useNavigate } from 'zmp-ui';
import { useApi } from '../../hooks/use-api';
import { useLanguage, useT } from '../../i18n/use-t';
import {
  SEVERITY_COLOUR,
  saveCommune,
  savedCommune,
  vnTime,
} from '../../services/emergency/client';
import { cachedHome, type HomeData, loadHome } from '../../services/home/client';
import { reportsClient } from '../../services/reports/client';
import { ArticleCard } from '../news/components/article-card';

/**
 * What the province has to say on the home screen, from one request: the emergency alerts
 * live in the person's commune pinned on top, their commune (chosen once, kept on the
 * phone), and the latest news. The last answer is shown at once and while offline.
 */
export function HomeNews() {
  const t = useT();
  const [lang] = useLanguage();
  const navigate = useNavigate();
  const [commune, setCommune] = useState<string | null>(() => savedCommune());
  const [data, setData] = useState<HomeData | null>(() => cachedHome(commune, lang));
  const [offline, setOffline] = useState(false);
  const [choosing, setChoosing] = useState(false);
  const communes = useApi(
    () => (choosing || commune ? reportsClient.communes() : null),
    [choosing, commune],
  );

  useEffect(() => {
    let live = true;
    setData(cachedHome(commune, lang));
    void loadHome(commune, lang).then((result) => {
      if (!live) return;
      if (result.ok) {
        setData(result.data);
        setOffline(false);
      } else {
        setOffline(true);
        // A commune removed from the list: forget it and show the province's alerts.
        if (result.error.code === 'unknown_commune') {
          saveCommune(null);
          setCommune(null);
        }
      }
    });
    return () => {
      live = false;
    };
  }, [commune, lang]);

  return (
    <>
      {data?.alerts.length ? (
        <ul className="home-alerts" data-testid="home-alerts">
          {data.alerts.map((a) => (
            <li key={a.id}>
              <button
                type="button"
                className="home-alert"
                style={{ background: SEVERITY_COLOUR[a.severity] }}
                onClick={() => navigate(`/government-news/a/${a.id}`)}
              >
                <strong>{a.headline}</strong>
                <span>
                  {a.provinceWide ? t('news.provinceWide') : a.areas.map((x) => x.name).join(', ')}
                </span>
                <span>{t('news.validUntil', { time: vnTime(a.expiresAt) })}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <section className="card home-commune">
        <label htmlFor="home-commune">{t('news.myCommune')}</label>
        {commune || choosing ? (
          <select
            id="home-commune"
            className="rp-input"
            value={commune ?? ''}
            onChange={(e) => {
              const id = e.target.value || null;
              saveCommune(id);
              setCommune(id);
              setChoosing(false);
            }}
          >
            <option value="">{t('news.chooseCommune')}</option>
            {(communes.data ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        ) : (
          <button type="button" className="home-commune__prompt" onClick={() => setChoosing(true)}>
            {t('news.communePrompt')}
          </button>
        )}
      </section>
      {offline && data ? <p className="home-commune__offline">{t('news.offline')}</p> : null}
      {data?.news.length ? (
        <section className="group" aria-labelledby="home-latest" data-testid="home-news">
          <h2 id="home-latest" className="section-title">
            {t('news.latest')}
            <button
              type="button"
              className="home-news__all"
              onClick={() => navigate('/government-news')}
            >
              {t('news.seeAll')}
            </button>
          </h2>
          <ul className="rp-list">
            {data.news.map((a) => (
              <ArticleCard key={a.id} article={a} compact />
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
