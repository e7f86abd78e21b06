import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { ErrorBox, useLoad } from '../components/common';
import { Figure } from '../components/filters';
import { formatDate, formatNumber, formatPhone, vnDay } from '../format';
import {
  appointmentsApi,
  BOOKING_STATUS_LABELS,
  type DayBooking,
  type DaySlot,
} from '../services/appointments';
import {
  CapacityBar,
  dayLabel,
  type Feedback,
  shiftDay,
  Toast,
  useFeedback,
  usePolling,
  vnTime,
} from '../services/shared';
import '../services/services.css';

// The hospital's day at the reception desk: every slot of the day with its bookings, check-in
// by button or by the code on the citizen's QR, no-shows, closing a slot or changing its
// places, and the day's list as a spreadsheet. Refreshed every 30 s: citizens keep booking.

const REFRESH_MS = 30_000;

function BookingRow({
  booking,
  highlighted,
  feedback,
  onChanged,
}: {
  booking: DayBooking;
  highlighted: boolean;
  feedback: Feedback;
  onChanged: () => Promise<void>;
}) {
  const act = async (kind: 'check-in' | 'no-show') => {
    const ok = await feedback.run(
      () =>
        kind === 'check-in'
          ? appointmentsApi.checkIn(booking.id)
          : appointmentsApi.noShow(booking.id),
      kind === 'check-in'
        ? `Đã check-in số ${booking.queueNumber}: ${booking.patientName}.`
        : `Đã ghi vắng mặt số ${booking.queueNumber}: ${booking.patientName}.`,
    );
    if (ok) await onChanged();
  };
  const classes = [
    highlighted ? 'is-highlight' : '',
    booking.status === 'cancelled' ? 'svc-row--cancelled' : '',
  ].join(' ');
  return (
    <tr data-booking-id={booking.id} className={classes.trim() || undefined}>
      <td className="num">
        <strong className="svc-queue">{booking.queueNumber}</strong>
      </td>
      <td>
        <strong>{booking.patientName}</strong>
        <div className="muted small code" title="Mã check-in">
          {booking.checkInCode}
        </div>
      </td>
      <td className="nowrap">{formatPhone(booking.patientPhone)}</td>
      <td className="nowrap">{formatDate(booking.patientBirthDate)}</td>
      <td className="nowrap">{booking.insuranceNumber ?? <span className="muted">—</span>}</td>
      <td>
        {booking.symptoms ? (
          <span className="clip">{booking.symptoms}</span>
        ) : (
          <span className="muted">—</span>
        )}
      </td>
      <td className="nowrap">
        <span className={`badge svc-status--${booking.status}`}>
          {BOOKING_STATUS_LABELS[booking.status]}
        </span>
        {booking.checkedInAt ? (
          <div className="muted small">lúc {vnTime(booking.checkedInAt)}</div>
        ) : null}
      </td>
      <td className="nowrap">
        {booking.status === 'booked' ? (
          <div className="row">
            <button
              type="button"
              className="primary"
              disabled={feedback.busy}
              onClick={() => void act('check-in')}
            >
              Check-in
            </button>
            <button type="button" disabled={feedback.busy} onClick={() => void act('no-show')}>
              Vắng mặt
            </button>
          </div>
        ) : null}
      </td>
    </tr>
  );
}

function SlotCard({
  slot,
  highlight,
  feedback,
  onChanged,
}: {
  slot: DaySlot;
  highlight: string | null;
  feedback: Feedback;
  onChanged: () => Promise<void>;
}) {
  const [editing, setEditing] = useState(false);
  const [capacity, setCapacity] = useState(String(slot.capacity));
  const closed = slot.status === 'closed';
  const bookings = [...slot.bookings].sort((a, b) => a.queueNumber - b.queueNumber);
  const time = `${slot.startTime}–${slot.endTime}`;

  const toggle = async () => {
    if (
      !closed &&
      slot.booked > 0 &&
      !window.confirm(
        `Khung giờ ${time} đã có ${slot.booked} lượt đặt. Đóng lại thì không nhận thêm lượt mới; các lượt đã đặt vẫn giữ nguyên. Tiếp tục?`,
      )
    ) {
      return;
    }
    const ok = await feedback.run(
      () => (closed ? appointmentsApi.openSlot(slot.id) : appointmentsApi.closeSlot(slot.id)),
      closed ? `Đã mở lại khung giờ ${time}.` : `Đã đóng khung giờ ${time}.`,
    );
    if (ok) await onChanged();
  };

  const saveCapacity = async (event: FormEvent) => {
    event.preventDefault();
    const value = Number(capacity);
    const ok = await feedback.run(
      () => appointmentsApi.setCapacity(slot.id, value),
      `Khung giờ ${time} nhận ${value} người.`,
    );
    if (ok) {
      setEditing(false);
      await onChanged();
    }
  };

  return (
    <article
      className={closed ? 'svc-slot is-closed' : 'svc-slot'}
      data-slot-id={slot.id}
      aria-label={`Khung giờ ${time} ${slot.departmentName}`}
    >
      <header className="svc-slot__head">
        <strong className="svc-slot__time">{time}</strong>
        <CapacityBar used={slot.booked} capacity={slot.capacity} label={`Đã đặt khung ${time}`} />
        {closed ? <span className="badge badge--overdue">Đã đóng</span> : null}
        {bookings.length === 0 ? <span className="muted small">Chưa có lượt đặt</span> : null}
        <div className="svc-slot__actions">
          {editing ? (
            <form className="row" onSubmit={saveCapacity}>
              <label className="svc-inline">
                Số chỗ
                <input
                  type="number"
                  className="narrow"
                  min={Math.max(1, slot.booked)}
                  max={500}
                  required
                  value={capacity}
                  onChange={(e) => setCapacity(e.target.value)}
                />
              </label>
              <button type="submit" className="primary" disabled={feedback.busy}>
                Lưu
              </button>
              <button type="button" onClick={() => setEditing(false)}>
                Huỷ
              </button>
            </form>
          ) : (
            <button
              type="button"
              onClick={() => {
                setCapacity(String(slot.capacity));
                setEditing(true);
              }}
            >
              Sửa số chỗ
            </button>
          )}
          <button type="button" disabled={feedback.busy} onClick={() => void toggle()}>
            {closed ? 'Mở lại' : 'Đóng khung giờ'}
          </button>
        </div>
      </header>
      {bookings.length > 0 ? (
        <table className="table table--compact svc-bookings">
          <thead>
            <tr>
              <th className="num">Số</th>
              <th>Người bệnh · mã</th>
              <th>Điện thoại</th>
              <th>Ngày sinh</th>
              <th>Số BHYT</th>
              <th>Triệu chứng</th>
              <th>Trạng thái</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {bookings.map((b) => (
              <BookingRow
                key={b.id}
                booking={b}
                highlighted={b.id === highlight}
                feedback={feedback}
                onChanged={onChanged}
              />
            ))}
          </tbody>
        </table>
      ) : null}
    </article>
  );
}

export default function AppointmentsDayPage() {
  const hospitals = useLoad(appointmentsApi.hospitals, []);
  const [hospitalId, setHospitalId] = useState('');
  const [date, setDate] = useState(() => vnDay(0));
  const [departmentId, setDepartmentId] = useState('');
  const [bookedOnly, setBookedOnly] = useState(false);
  const [code, setCode] = useState('');
  const [highlight, setHighlight] = useState<string | null>(null);
  const [refreshedAt, setRefreshedAt] = useState<Date | null>(null);
  const feedback = useFeedback();

  const hospital = hospitals.data?.find((h) => h.id === hospitalId) ?? hospitals.data?.[0];
  // The list answers for one hospital, day and department: another day's list stays off the
  // screen while the new one loads, so no one checks a patient in from the wrong day.
  const key = `${hospital?.id}|${date}|${departmentId}`;
  const loaded = useLoad(
    async () => ({
      key,
      day: hospital ? await appointmentsApi.day(hospital.id, date, departmentId) : undefined,
    }),
    [key],
  );
  const day = {
    data: loaded.data?.key === key ? loaded.data.day : undefined,
    error: loaded.error,
    loading: loaded.loading,
    reload: loaded.reload,
  };
  usePolling(loaded.reload, REFRESH_MS, Boolean(hospital));
  useEffect(() => {
    if (loaded.data?.day) setRefreshedAt(new Date());
  }, [loaded.data]);

  const slots = day.data?.slots ?? [];
  const totals = useMemo(() => {
    const all = slots.flatMap((s) => s.bookings).filter((b) => b.status !== 'cancelled');
    return {
      capacity: slots.reduce((sum, s) => sum + (s.status === 'open' ? s.capacity : s.booked), 0),
      booked: all.length,
      checkedIn: all.filter((b) => b.status === 'checked_in').length,
      noShow: all.filter((b) => b.status === 'no_show').length,
      waiting: all.filter((b) => b.status === 'booked').length,
    };
  }, [slots]);

  // By department (in the hospital's order), then by time.
  const groups = useMemo(() => {
    const order = new Map(hospital?.departments.map((d, i) => [d.id, i]) ?? []);
    const shown = slots.filter((s) => !bookedOnly || s.bookings.length > 0);
    const byDept = new Map<string, DaySlot[]>();
    for (const slot of shown) {
      const list = byDept.get(slot.departmentId) ?? [];
      list.push(slot);
      byDept.set(slot.departmentId, list);
    }
    return [...byDept.entries()]
      .sort(([a], [b]) => (order.get(a) ?? 99) - (order.get(b) ?? 99))
      .map(([id, list]) => ({
        id,
        name: list[0]?.departmentName ?? id,
        slots: list.sort((a, b) => a.startTime.localeCompare(b.startTime)),
      }));
  }, [slots, bookedOnly, hospital]);

  const checkInByCode = async (event: FormEvent) => {
    event.preventDefault();
    const typed = code.trim();
    if (!typed) return;
    let found: Awaited<ReturnType<typeof appointmentsApi.checkInByCode>> | undefined;
    const ok = await feedback.run(async () => {
      found = await appointmentsApi.checkInByCode(typed);
    });
    if (ok && found) {
      const date = found.slot.date === day.data?.date ? '' : ` ngày ${formatDate(found.slot.date)}`;
      feedback.setNotice(
        `Đã check-in ${found.patientName} — số ${found.queueNumber}, ${found.department.name}, khung ${found.slot.startTime}${date}.`,
      );
      setHighlight(found.id);
      setCode('');
      await day.reload();
      // The row may be in another department than the filter shows: bring it into view if shown.
      const id = found.id;
      window.requestAnimationFrame(() =>
        document
          .querySelector(`[data-booking-id="${CSS.escape(id)}"]`)
          ?.scrollIntoView({ block: 'center', behavior: 'smooth' }),
      );
    }
  };

  if (hospitals.error) {
    return (
      <section className="page">
        <h1>Lịch khám</h1>
        <ErrorBox message={hospitals.error} />
      </section>
    );
  }
  if (hospitals.data && hospitals.data.length === 0) {
    return (
      <section className="page">
        <h1>Lịch khám</h1>
        <p className="muted">Bạn chưa được giao bệnh viện nào. Liên hệ quản trị hệ thống.</p>
      </section>
    );
  }

  const today = vnDay(0);
  return (
    <section className="page">
      <header className="page__header row-between">
        <div>
          <h1>Lịch khám {hospital ? <span className="muted">· {hospital.name}</span> : null}</h1>
          <p className="muted">
            {dayLabel(date)}
            {date === today ? ' (hôm nay)' : ''} · tự cập nhật mỗi 30 giây
            {refreshedAt
              ? `, lần cuối lúc ${refreshedAt.toLocaleTimeString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' })}`
              : ''}
          </p>
        </div>
        {hospital ? (
          <a className="button" href={appointmentsApi.dayXlsxUrl(hospital.id, date)} download>
            Xuất XLSX
          </a>
        ) : null}
      </header>

      <div className="filters">
        {(hospitals.data?.length ?? 0) > 1 ? (
          <label>
            Bệnh viện
            <select
              value={hospital?.id ?? ''}
              onChange={(e) => {
                setHospitalId(e.target.value);
                setDepartmentId('');
              }}
            >
              {hospitals.data?.map((h) => (
                <option key={h.id} value={h.id}>
                  {h.name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <label>
          Ngày khám
          <span className="row svc-daypick">
            <button
              type="button"
              aria-label="Ngày trước"
              onClick={() => setDate(shiftDay(date, -1))}
            >
              ‹
            </button>
            <input
              type="date"
              required
              value={date}
              onChange={(e) => e.target.value && setDate(e.target.value)}
            />
            <button type="button" aria-label="Ngày sau" onClick={() => setDate(shiftDay(date, 1))}>
              ›
            </button>
          </span>
        </label>
        {date !== today ? (
          <button type="button" onClick={() => setDate(today)}>
            Hôm nay
          </button>
        ) : null}
        <label>
          Khoa
          <select value={departmentId} onChange={(e) => setDepartmentId(e.target.value)}>
            <option value="">Tất cả các khoa</option>
            {hospital?.departments.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={bookedOnly}
            onChange={(e) => setBookedOnly(e.target.checked)}
          />
          Chỉ khung giờ có người đặt
        </label>
        <form className="svc-code" onSubmit={checkInByCode} aria-label="Check-in bằng mã">
          <label>
            Nhập mã (mã QR của người bệnh)
            <input
              name="code"
              autoComplete="off"
              spellCheck={false}
              placeholder="Quét hoặc gõ mã"
              value={code}
              onChange={(e) => setCode(e.target.value)}
            />
          </label>
          <button type="submit" className="primary" disabled={feedback.busy || !code.trim()}>
            Check-in
          </button>
        </form>
      </div>

      <div className="figures">
        <Figure
          label="Đã đặt"
          value={`${formatNumber(totals.booked)} / ${formatNumber(totals.capacity)}`}
          hint="lượt / số chỗ trong ngày"
        />
        <Figure label="Đã đến khám" value={formatNumber(totals.checkedIn)} />
        <Figure label="Chưa đến" value={formatNumber(totals.waiting)} />
        <Figure label="Vắng mặt" value={formatNumber(totals.noShow)} />
      </div>

      <ErrorBox message={day.error} />
      {day.data?.closed ? (
        <p className="alert alert--error">
          Bệnh viện nghỉ ngày này{day.data.reason ? `: ${day.data.reason}` : ''}.
        </p>
      ) : null}
      {day.data && groups.length === 0 ? (
        <p className="card muted">
          {slots.length === 0
            ? 'Không có khung giờ khám nào trong ngày này (ngày nghỉ, hoặc lịch chưa được tạo ở trang Bệnh viện).'
            : 'Chưa có ai đặt lịch trong ngày này.'}
        </p>
      ) : null}
      {!day.data && !day.error ? <p className="muted">Đang tải…</p> : null}
      <div aria-busy={day.loading && !day.data}>
        {groups.map((group) => (
          <section key={group.id} className="svc-dept" aria-label={group.name}>
            <h2>
              {group.name}{' '}
              <span className="muted small">
                {group.slots.reduce((sum, s) => sum + s.booked, 0)} lượt đặt
              </span>
            </h2>
            {group.slots.map((slot) => (
              <SlotCard
                key={`${slot.id}:${slot.capacity}`}
                slot={slot}
                highlight={highlight}
                feedback={feedback}
                onChanged={day.reload}
              />
            ))}
          </section>
        ))}
      </div>
      <Toast feedback={feedback} />
    </section>
  );
}
