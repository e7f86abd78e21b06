import '../field-reports/reports.css';
import './appointments.css';
import { useEffect, useMemo, useState } from 'react';
import { useRecoilValue } from 'recoil';
import { Button, useNavigate, useParams, useSearchParams } from 'zmp-ui';
import { AppIcon, registerIcons } from '../../components/app-icon';
import { SignInGate } from '../../components/sign-in-gate';
import { useApi } from '../../hooks/use-api';
import { useT } from '../../i18n/use-t';
import type { ApiError } from '../../services/api';
import { appointmentsClient } from '../../services/appointments/client';
import {
  type BookingForm,
  bookingInput,
  checkBookingForm,
  emptyBookingForm,
  type FormProblems,
} from '../../services/appointments/form';
import {
  addDays,
  buildDateStrip,
  firstBookableDay,
  slotState,
  vnDate,
} from '../../services/appointments/schedule';
import { sessionState } from '../../state/session';
import { ReportPage } from '../field-reports/components/report-page';
import { ErrorState, LoadingBlock, Notice } from '../field-reports/components/states';
import { REPORT_SVG } from '../field-reports/icons.gen';
import { BookingFormFields } from './components/booking-form';
import { DateStrip } from './components/date-strip';
import { useNow, useSlotText } from './components/shared';
import { SlotList } from './components/slot-list';

registerIcons(REPORT_SVG);

const STRIP_DAYS = 7;
/** The API opens slots 14 days ahead: this week and the next. */
const WEEKS = 2;

/** Answers that mean "this slot can no longer be had": pick another, with fresh places. */
const SLOT_GONE = new Set(['slot_full', 'slot_closed', 'slot_started', 'slot_not_found']);

type Problem = { error: ApiError; step: 'slot' | 'form' };

/**
 * Booking in one department (or moving a booking there, `?reschedule=<id>`): a week of days
 * with their free places, the day's slots, then who the appointment is for. A slot taken
 * meanwhile answers "hết chỗ", refreshes the places and sends the citizen back to choose;
 * a lost answer is retried with the same request key, so it never books twice.
 */
export default function BookPage() {
  const t = useT();
  const navigate = useNavigate();
  const { departmentId = '' } = useParams();
  const [params] = useSearchParams();
  const rescheduleId = params.get('reschedule') ?? undefined;
  const { session } = useRecoilValue(sessionState);
  const now = useNow();
  const slotText = useSlotText();

  const [week, setWeek] = useState(0);
  const [reloads, setReloads] = useState(0);
  const today = vnDate(now);
  const from = addDays(today, week * STRIP_DAYS);
  const slots = useApi(
    // A reload follows a refusal or "Thử lại": past the cache, to show the places as they are.
    () => appointmentsClient.slots(departmentId, from, STRIP_DAYS, reloads > 0),
    [departmentId, from, reloads],
  );
  const moving = useApi(
    () => (rescheduleId && session ? appointmentsClient.booking(rescheduleId) : null),
    [rescheduleId, session?.token],
  );

  const [wantedDate, setWantedDate] = useState<string>();
  const [slotId, setSlotId] = useState<string>();
  const [step, setStep] = useState<'slot' | 'form'>('slot');
  const [form, setForm] = useState<BookingForm>(emptyBookingForm);
  const [problems, setProblems] = useState<FormProblems>({});
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<Problem>();

  // The Zalo name for a booking for oneself, once the session is known.
  useEffect(() => {
    const name = session?.user.displayName;
    if (name) setForm((f) => (f.forSelf && !f.patientName ? { ...f, patientName: name } : f));
  }, [session?.user.displayName]);

  const strip = useMemo(
    () => buildDateStrip(slots.data?.days ?? [], from, STRIP_DAYS, now),
    [slots.data, from, now],
  );
  const date = firstBookableDay(strip, wantedDate);
  const day = slots.data?.days.find((d) => d.date === date);
  const slot = day?.slots.find((s) => s.id === slotId);
  // A slot that filled up or started while the page was open is no longer chosen.
  const chosen = day && slot && slotState(day, slot, now) === 'open' ? slot : undefined;
  const department = slots.data?.department;

  const pickDay = (next: string) => {
    setWantedDate(next);
    setSlotId(undefined);
  };

  const changeWeek = (next: number) => {
    setWeek(next);
    setWantedDate(undefined);
    setSlotId(undefined);
  };

  /** The slot is gone: back to choosing, with the places as they are now. */
  const slotGone = (error: ApiError) => {
    setProblem({ error, step: 'slot' });
    setSlotId(undefined);
    setStep('slot');
    setReloads((n) => n + 1);
  };

  const book = async () => {
    if (!chosen || !day) return;
    const found = checkBookingForm(form, new Date());
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    setSending(true);
    setProblem(undefined);
    const result = await appointmentsClient.book(
      `book:${departmentId}`,
      bookingInput(form, chosen.id),
    );
    setSending(false);
    if (result.ok) {
      navigate(`/hospital-appointments/b/${result.data.id}?new=1`, { replace: true });
      return;
    }
    if (SLOT_GONE.has(result.error.code)) slotGone(result.error);
    else setProblem({ error: result.error, step: 'form' });
  };

  const move = async () => {
    if (!chosen || !rescheduleId) return;
    setSending(true);
    setProblem(undefined);
    const result = await appointmentsClient.reschedule(rescheduleId, chosen.id);
    setSending(false);
    if (result.ok) {
      navigate(`/hospital-appointments/b/${result.data.id}?moved=1`, { replace: true });
      return;
    }
    if (SLOT_GONE.has(result.error.code)) slotGone(result.error);
    else setProblem({ error: result.error, step: 'slot' });
  };

  const problemNotice = (at: 'slot' | 'form') => {
    if (problem?.step !== at) return null;
    const { error } = problem;
    const lost = error.kind !== 'http' || error.status >= 500;
    return (
      <div className="appt-problem" data-testid="booking-problem">
        <Notice tone="error">{lost ? t('appt.book.lost') : error.message}</Notice>
        {error.code === 'booking_limit' ? (
          <Button
            size="medium"
            variant="secondary"
            onClick={() => navigate('/hospital-appointments/mine')}
          >
            {t('appt.mine.title')}
          </Button>
        ) : null}
      </div>
    );
  };

  const title = t(rescheduleId ? 'appt.reschedule.title' : 'appt.book.title');

  const header = department ? (
    <section className="rp-section card appt-dept">
      <p className="appt-dept__hospital">{department.hospitalName}</p>
      <h2 className="rp-section__title">{department.name}</h2>
      {rescheduleId && moving.data ? (
        <p className="appt-dept__moving" data-testid="moving-from">
          {t('appt.reschedule.from', { slot: slotText(moving.data.slot) })}
        </p>
      ) : null}
    </section>
  ) : null;

  if (step === 'form' && chosen && day) {
    return (
      <ReportPage
        title={t('appt.book.formTitle')}
        parent="/hospital-appointments"
        footer={
          session ? (
            <Button fullWidth loading={sending} disabled={sending} onClick={() => void book()}>
              {t('appt.book.submit')}
            </Button>
          ) : undefined
        }
      >
        <section className="rp-section card appt-summary" data-testid="booking-summary">
          <p className="appt-dept__hospital">{department?.hospitalName}</p>
          <h2 className="rp-section__title">
            <AppIcon icon="zi-clock-1" size={22} />
            {slotText({ date: day.date, startTime: chosen.startTime, endTime: chosen.endTime })}
          </h2>
          <p>{department?.name}</p>
          <Button
            size="small"
            variant="secondary"
            onClick={() => setStep('slot')}
            prefixIcon={<AppIcon icon="zi-edit" size={18} />}
          >
            {t('appt.book.changeTime')}
          </Button>
        </section>
        <SignInGate title={t('appt.gate.title')} reason={t('appt.gate.reason')}>
          <section className="rp-section card">
            <BookingFormFields form={form} onChange={setForm} problems={problems} />
          </section>
          {problemNotice('form')}
          <p className="hub-privacy">{t('appt.book.privacy')}</p>
        </SignInGate>
      </ReportPage>
    );
  }

  const content = (
    <>
      {header}
      {problemNotice('slot')}
      <section className="rp-section card" aria-labelledby="appt-pick-day">
        <div className="appt-week">
          <h2 id="appt-pick-day" className="rp-section__title">
            <AppIcon icon="zi-calendar" size={22} />
            {t('appt.book.pickDay')}
          </h2>
          <div className="appt-week__nav">
            <button
              type="button"
              className="appt-week__button"
              disabled={week === 0}
              onClick={() => changeWeek(week - 1)}
              aria-label={t('appt.book.prevWeek')}
            >
              <AppIcon icon="zi-arrow-left" size={22} />
            </button>
            <button
              type="button"
              className="appt-week__button appt-week__button--next"
              disabled={week >= WEEKS - 1}
              onClick={() => changeWeek(week + 1)}
              aria-label={t('appt.book.nextWeek')}
            >
              <AppIcon icon="zi-arrow-left" size={22} />
            </button>
          </div>
        </div>
        {slots.status === 'error' && !slots.data ? (
          <ErrorState message={slots.error.message} onRetry={slots.reload} />
        ) : slots.data ? (
          <DateStrip days={strip} selected={date} onSelect={pickDay} />
        ) : (
          <LoadingBlock />
        )}
      </section>
      {slots.data ? (
        <section className="rp-section card" aria-labelledby="appt-pick-time">
          <h2 id="appt-pick-time" className="rp-section__title">
            <AppIcon icon="zi-clock-1" size={22} />
            {t('appt.book.pickTime')}
          </h2>
          {slots.status === 'loading' ? <LoadingBlock /> : null}
          <SlotList day={day} selected={chosen?.id} now={now} onSelect={setSlotId} />
          {slots.status === 'error' ? <Notice tone="warning">{slots.error.message}</Notice> : null}
        </section>
      ) : null}
    </>
  );

  const footer = chosen ? (
    rescheduleId ? (
      session ? (
        <Button fullWidth loading={sending} disabled={sending} onClick={() => void move()}>
          {t('appt.reschedule.submit')}
        </Button>
      ) : undefined
    ) : (
      <Button
        fullWidth
        onClick={() => {
          setProblem(undefined);
          setStep('form');
        }}
      >
        {t('common.next')}
      </Button>
    )
  ) : undefined;

  return (
    <ReportPage title={title} parent="/hospital-appointments" footer={footer}>
      {rescheduleId ? (
        <SignInGate title={t('appt.gate.title')} reason={t('appt.gate.reasonMine')}>
          {content}
        </SignInGate>
      ) : (
        content
      )}
    </ReportPage>
  );
}
