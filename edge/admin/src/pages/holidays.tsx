import { type FormEvent, useState } from 'react';
import { api } from '../api';
import { ErrorBox, Notice, useAction, useLoad } from '../components/common';
import { formatDate } from '../format';
import type { Holiday } from '../types';

const WEEKDAYS = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'];

/** Public holidays: days the SLA clock does not count. */
export function HolidaysPage() {
  const [year, setYear] = useState(new Date().getFullYear());
  const list = useLoad(
    () => api<{ items: Holiday[] }>('GET', '/admin/holidays', { query: { year } }),
    [year],
  );
  const [date, setDate] = useState('');
  const [name, setName] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const action = useAction();

  const add = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await action.run(() =>
      api('POST', '/admin/holidays', { body: { date, name: name.trim() } }),
    );
    if (ok) {
      setNotice(`Đã thêm ngày nghỉ ${formatDate(date)}.`);
      setDate('');
      setName('');
      await list.reload();
    }
  };

  const remove = async (holiday: Holiday) => {
    if (!window.confirm(`Xoá ngày nghỉ ${formatDate(holiday.date)} (${holiday.name})?`)) return;
    const ok = await action.run(() => api('DELETE', `/admin/holidays/${holiday.date}`));
    if (ok) {
      setNotice(`Đã xoá ngày nghỉ ${formatDate(holiday.date)}.`);
      await list.reload();
    }
  };

  const items = (list.data?.items ?? []).filter((h) => h.date.startsWith(String(year)));
  return (
    <section className="page">
      <header className="page__header">
        <h1>Ngày nghỉ lễ</h1>
        <p className="muted">
          Thời hạn xử lý không tính những ngày này (cùng thứ Bảy, Chủ nhật). Thay đổi áp dụng cho
          các phản ánh tiếp nhận sau đó.
        </p>
      </header>
      <Notice message={notice} />
      <ErrorBox message={list.error ?? action.error} />
      <form className="filters" onSubmit={add} aria-label="Thêm ngày nghỉ">
        <label>
          Năm
          <input
            type="number"
            className="narrow"
            value={year}
            onChange={(e) => setYear(Number(e.target.value) || new Date().getFullYear())}
          />
        </label>
        <label>
          Ngày
          <input
            type="date"
            name="date"
            required
            value={date}
            onChange={(e) => setDate(e.target.value)}
          />
        </label>
        <label className="grow">
          Tên ngày nghỉ
          <input name="name" required value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <div className="filters__buttons">
          <button type="submit" className="primary" disabled={action.busy}>
            Thêm
          </button>
        </div>
      </form>
      <table className="table">
        <thead>
          <tr>
            <th>Ngày</th>
            <th>Thứ</th>
            <th>Tên</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {items.map((h) => (
            <tr key={h.date}>
              <td className="nowrap">{formatDate(h.date)}</td>
              <td>{WEEKDAYS[new Date(`${h.date}T12:00:00Z`).getUTCDay()]}</td>
              <td>
                {h.name}
                {h.provisional ? <span className="tag">Dự kiến</span> : null}
              </td>
              <td>
                <button type="button" className="link-button" onClick={() => void remove(h)}>
                  Xoá
                </button>
              </td>
            </tr>
          ))}
          {!list.loading && items.length === 0 ? (
            <tr>
              <td colSpan={4} className="empty">
                Chưa có ngày nghỉ nào trong năm {year}.
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </section>
  );
}
