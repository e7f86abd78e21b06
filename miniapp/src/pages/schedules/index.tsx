import '../field-reports/reports.css';
import './schedules.css';
import { useEffect, useState } from 'react';
import { AppIcon, registerIcons } from '../../components/app-icon';
import { useApi } from '../../hooks/use-api';
import { useLanguage, useT } from '../../i18n/use-t';
import { schedulesClient } from '../../services/schedules/client';
import {
  longDate,
  shortDate,
  vnTimeAndDate,
  vnToday,
  weekdayIndex,
} from '../../services/schedules/format';
import type { ScheduleItem } from '../../services/schedules/types';
import { ReportPage } from '../field-reports/components/report-page';
import { CardSkeleton, EmptyState, ErrorState } from '../field-reports/components/states';
import { REPORT_SVG } from '../field-reports/icons.gen';

registerIcons(REPORT_SVG);

const SEARCH_DELAY_MS = 350;
const DAY_KEYS = [
  'schedule.day0',
  'schedule.day1',
  'schedule.day2',
  'schedule.day3',
  'schedule.day4',
  'schedule.day5',
  'schedule.day6',
] as const;

function ItemCard({ item, showAgency }: { item: ScheduleItem; showAgency: boolean }) {
  const t = useT();
  const cancelled = item.status === 'cancelled';
  const time = item.allDay
    ? t('schedule.allDay')
    : `${item.startTime ?? ''}${item.endTime ? ` – ${item.endTime}` : ''}`;
  return (
    <li
      className={`rp-card schedule-item${cancelled ? ' schedule-item--cancelled' : ''}`}
      data-schedule={item.id}
    >
      <span className="schedule-item__time">{time}</span>
      <span className="rp-card__body">
        {item.leaderName ? (
          <span className="schedule-item__leader">
            {item.leaderName}
            {item.leaderTitle ? ` · ${item.leaderTitle}` : ''}
          </span>
        ) : null}
        {showAgency ? <span className="rp-card__meta">{item.agencyName}</span> : null}
        <span className="schedule-item__content">{item.content}</span>
        <span className="rp-card__meta">
          <AppIcon icon="zi-location" size={14} /> {t('schedule.location')}: {item.location}
        </span>
        <span className="rp-card__meta">
          {t('schedule.host')}: {item.host}
        </span>
        {item.participants ? (
          <span className="rp-card__meta">
            {t('schedule.participants')}: {item.participants}
          </span>
        ) : null}
        {cancelled ? (
          <span className="schedule-badge schedule-badge--cancelled">
            {t('schedule.cancelled')}
            {item.revisionNote ? `: ${item.revisionNote}` : ''}
          </span>
        ) : item.revisedAt ? (
          <span className="schedule-badge schedule-badge--revised">
            {t('schedule.revised', { time: vnTimeAndDate(item.revisedAt) })}
            {item.revisionNote ? `: ${item.revisionNote}` : ''}
          </span>
        ) : null}
      </span>
    </li>
  );
}

/**
 * Work schedules: one week (Monday to Sunday, Vietnam time) of the agencies' and leaders'
 * published items, by day. Cancelled items stay, struck through, with their reason; items
 * changed after publication carry a badge with when and what.
 */
export default function SchedulesPage() {
  const t = useT();
  const [lang] = useLanguage();
  const [week, setWeek] = useState<string | undefined>(undefined);
  const [agency, setAgency] = useState('');
  const [leader, setLeader] = useState('');
  const [query, setQuery] = useState('');
  const [searched, setSearched] = useState('');

  useEffect(() => {
    const timer = setTimeout(() => setSearched(query.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [query]);

  const agencies = useApi(() => schedulesClient.agencies(), []);
  const schedule = useApi(
    () =>
      schedulesClient.week({
        week,
        agency: agency || undefined,
        leader: leader || undefined,
        q: searched || undefined,
        lang,
      }),
    [week, agency, leader, searched, lang],
  );

  const agencyList = agencies.data ?? [];
  const leaders = (agency ? agencyList.filter((a) => a.id === agency) : agencyList).flatMap(
    (a) => a.leaders,
  );
  const data = schedule.data;
  const today = vnToday();

  return (
    <ReportPage title={t('schedule.title')} parent="/">
      <div className="schedule-week" data-testid="schedule-week">
        <button
          type="button"
          className="schedule-week__nav"
          aria-label={t('schedule.previousWeek')}
          disabled={!data}
          onClick={() => data && setWeek(data.previousWeek)}
        >
          <AppIcon icon="zi-chevron-right" size={22} className="schedule-week__prev" />
        </button>
        <span className="schedule-week__label">
          {data ? t('schedule.week', { from: shortDate(data.from), to: longDate(data.to) }) : '…'}
          {week ? (
            <button
              type="button"
              className="schedule-week__today"
              onClick={() => setWeek(undefined)}
            >
              {t('schedule.thisWeek')}
            </button>
          ) : null}
        </span>
        <button
          type="button"
          className="schedule-week__nav"
          aria-label={t('schedule.nextWeek')}
          disabled={!data}
          onClick={() => data && setWeek(data.nextWeek)}
        >
          <AppIcon icon="zi-chevron-right" size={22} />
        </button>
      </div>

      <div className="schedule-filters">
        <label>
          <span className="sr-only">{t('schedule.agency')}</span>
          <select
            className="rp-input"
            value={agency}
            aria-label={t('schedule.agency')}
            data-testid="schedule-agency"
            onChange={(e) => {
              setAgency(e.target.value);
              setLeader('');
            }}
          >
            <option value="">{t('schedule.allAgencies')}</option>
            {agencyList.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className="sr-only">{t('schedule.leader')}</span>
          <select
            className="rp-input"
            value={leader}
            aria-label={t('schedule.leader')}
            onChange={(e) => setLeader(e.target.value)}
          >
            <option value="">{t('schedule.allLeaders')}</option>
            {agency ? <option value="-">{t('schedule.agencyOwn')}</option> : null}
            {leaders.map((l) => (
              <option key={l.name} value={l.name}>
                {l.name}
                {l.title ? ` (${l.title})` : ''}
              </option>
            ))}
          </select>
        </label>
        <form
          className="feed-search"
          onSubmit={(e) => {
            e.preventDefault();
            setSearched(query.trim());
          }}
        >
          <input
            className="rp-input"
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            placeholder={t('schedule.searchPlaceholder')}
            aria-label={t('schedule.search')}
            enterKeyHint="search"
            data-testid="schedule-search"
          />
        </form>
      </div>

      {schedule.status === 'loading' && !data ? <CardSkeleton count={3} /> : null}
      {schedule.status === 'error' ? (
        <ErrorState message={schedule.error.message} onRetry={schedule.reload} />
      ) : null}
      {data && schedule.status !== 'error' && data.total === 0 ? (
        <EmptyState icon="zi-calendar">
          {searched ? t('schedule.noMatch', { query: searched }) : t('schedule.empty')}
        </EmptyState>
      ) : null}
      {data && data.total > 0 ? (
        <div
          className={schedule.status === 'loading' ? 'schedule-days is-loading' : 'schedule-days'}
        >
          {data.days.map((day) => (
            <section
              key={day.date}
              className={`rp-section schedule-day${day.date === today ? ' schedule-day--today' : ''}`}
              aria-label={`${t(DAY_KEYS[weekdayIndex(day.date)] ?? 'schedule.day0')} ${longDate(day.date)}`}
            >
              <h2 className="rp-section__title">
                {t(DAY_KEYS[weekdayIndex(day.date)] ?? 'schedule.day0')}, {longDate(day.date)}
                {day.date === today ? (
                  <span className="schedule-day__today">{t('schedule.today')}</span>
                ) : null}
              </h2>
              {day.items.length === 0 ? (
                <p className="schedule-day__none">{t('schedule.noItems')}</p>
              ) : (
                <ul className="rp-list">
                  {day.items.map((item) => (
                    <ItemCard key={item.id} item={item} showAgency={!agency} />
                  ))}
                </ul>
              )}
            </section>
          ))}
        </div>
      ) : null}

      <p className="schedule-ics">
        <AppIcon icon="zi-calendar" size={18} />{' '}
        {agency ? (
          <a
            href={schedulesClient.icsUrl(agency)}
            target="_blank"
            rel="noreferrer"
            data-testid="schedule-ics"
          >
            {t('schedule.subscribe')}
          </a>
        ) : (
          t('schedule.subscribeHint')
        )}
      </p>
    </ReportPage>
  );
}
