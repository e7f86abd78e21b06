import { type FormEvent, useEffect, useState } from 'react';
import { Link } from 'wouter';
import { assignableAgencies, loadCatalog } from '../catalog';
import { ErrorBox, useLoad } from '../components/common';
import { formatDate, vnDay } from '../format';
import {
  appointmentsApi,
  type Department,
  type Hospital,
  type HospitalBody,
  type HoursRow,
  minutesOf,
  slotsOf,
} from '../services/appointments';
import { type Feedback, Panel, Tabs, Toast, useFeedback, WEEKDAY_LABELS } from '../services/shared';
import { holdsEverywhere, useMe } from '../session';
import { explained } from './stations';
import '../services/services.css';

// A hospital's set-up: its details and booking rules (cut-off, bookings per person), its
// departments, each department's weekly opening hours cut into slots, the days it is closed
// besides public holidays, and the button that lays out the next 14 days of slots.

const GENERATE_DAYS = 14;
/** Monday first, Sunday last: how a Vietnamese week reads. */
const WEEK_ORDER = [1, 2, 3, 4, 5, 6, 0];

interface HospitalForm {
  name: string;
  address: string;
  phone: string;
  communeId: string;
  agencyId: string;
  cutoffHours: string;
  maxActiveBookings: string;
  enabled: boolean;
}

const formOf = (h: Hospital | null, agencyId: string): HospitalForm => ({
  name: h?.name ?? '',
  address: h?.address ?? '',
  phone: h?.phone ?? '',
  communeId: h?.communeId ?? '',
  agencyId: h?.agencyId ?? agencyId,
  cutoffHours: String(h?.cutoffHours ?? 12),
  maxActiveBookings: String(h?.maxActiveBookings ?? 3),
  enabled: h?.enabled ?? true,
});

const bodyOf = (f: HospitalForm, withAgency: boolean): HospitalBody => ({
  name: f.name.trim(),
  address: f.address.trim() || null,
  phone: f.phone.trim() || null,
  communeId: f.communeId || null,
  cutoffHours: Number(f.cutoffHours),
  maxActiveBookings: Number(f.maxActiveBookings),
  enabled: f.enabled,
  ...(withAgency ? { agencyId: f.agencyId } : {}),
});

function HospitalFields({
  form,
  setForm,
  chooseAgency,
}: {
  form: HospitalForm;
  setForm: (form: HospitalForm) => void;
  chooseAgency: boolean;
}) {
  const catalog = useLoad(loadCatalog, []);
  const set = <K extends keyof HospitalForm>(key: K, value: HospitalForm[K]) =>
    setForm({ ...form, [key]: value });
  return (
    <>
      <label>
        Tên bệnh viện
        <input
          name="name"
          required
          maxLength={200}
          value={form.name}
          onChange={(e) => set('name', e.target.value)}
        />
      </label>
      <label>
        Địa chỉ
        <input
          name="address"
          maxLength={300}
          value={form.address}
          onChange={(e) => set('address', e.target.value)}
        />
      </label>
      <label>
        Điện thoại
        <input
          name="phone"
          type="tel"
          maxLength={20}
          value={form.phone}
          onChange={(e) => set('phone', e.target.value)}
        />
      </label>
      <label>
        Xã/phường
        <select value={form.communeId} onChange={(e) => set('communeId', e.target.value)}>
          <option value="">—</option>
          {catalog.data?.communes.map((u) => (
            <option key={u.id} value={u.id}>
              {u.fullName}
            </option>
          ))}
        </select>
      </label>
      {chooseAgency ? (
        <label>
          Cơ quan quản lý (nhân viên bệnh viện thuộc cơ quan này)
          <select required value={form.agencyId} onChange={(e) => set('agencyId', e.target.value)}>
            {assignableAgencies(catalog.data?.agencies ?? []).map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <label>
        Hạn huỷ/đổi lịch (số giờ trước giờ khám)
        <input
          name="cutoffHours"
          type="number"
          min={0}
          max={168}
          required
          value={form.cutoffHours}
          onChange={(e) => set('cutoffHours', e.target.value)}
        />
      </label>
      <label>
        Số lịch hẹn chưa khám tối đa mỗi người
        <input
          name="maxActiveBookings"
          type="number"
          min={1}
          max={20}
          required
          value={form.maxActiveBookings}
          onChange={(e) => set('maxActiveBookings', e.target.value)}
        />
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={form.enabled}
          onChange={(e) => set('enabled', e.target.checked)}
        />
        Đang nhận đặt lịch (hiện trong ứng dụng)
      </label>
    </>
  );
}

interface HoursDraft extends HoursRow {
  key: string;
}

const draftOf = ({ weekday, opensAt, closesAt, slotMinutes, capacity }: HoursRow): HoursDraft => ({
  weekday,
  opensAt,
  closesAt,
  slotMinutes,
  capacity,
  key: crypto.randomUUID(),
});

const byWeekThenTime = (a: HoursRow, b: HoursRow) =>
  WEEK_ORDER.indexOf(a.weekday) - WEEK_ORDER.indexOf(b.weekday) ||
  minutesOf(a.opensAt) - minutesOf(b.opensAt);

/** A typical week: mornings and afternoons, Monday to Saturday. */
const TEMPLATE: HoursRow[] = [1, 2, 3, 4, 5, 6].flatMap((weekday) => [
  { weekday, opensAt: '07:00', closesAt: '11:00', slotMinutes: 30, capacity: 10 },
  { weekday, opensAt: '13:30', closesAt: '16:30', slotMinutes: 30, capacity: 10 },
]);

function HoursEditor({ department, feedback }: { department: Department; feedback: Feedback }) {
  const hours = useLoad(() => appointmentsApi.hours(department.id), [department.id]);
  const [rows, setRows] = useState<HoursDraft[] | null>(null);
  useEffect(() => {
    if (hours.data) setRows([...hours.data].sort(byWeekThenTime).map(draftOf));
  }, [hours.data]);

  if (hours.error) return <ErrorBox message={hours.error} />;
  if (!rows) return <p className="muted">Đang tải giờ khám…</p>;

  const set = (key: string, patch: Partial<HoursRow>) =>
    setRows(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const problems = rows
    .filter((r) => slotsOf(r) === 0)
    .map((r) => `${WEEKDAY_LABELS[r.weekday]} ${r.opensAt}–${r.closesAt}`);
  const perWeek = rows.reduce((sum, r) => sum + slotsOf(r) * r.capacity, 0);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    let outcome: { removedSlots: number; created: number } | undefined;
    const ok = await feedback.run(async () => {
      outcome = await explained(
        appointmentsApi.saveHours(
          department.id,
          rows.map(({ weekday, opensAt, closesAt, slotMinutes, capacity }) => ({
            weekday,
            opensAt,
            closesAt,
            slotMinutes,
            capacity,
          })),
        ),
      );
    });
    if (ok && outcome) {
      feedback.setNotice(
        `Đã lưu giờ khám của ${department.name}: tạo ${outcome.created} khung giờ mới cho ${GENERATE_DAYS} ngày tới` +
          (outcome.removedSlots > 0
            ? `, bỏ ${outcome.removedSlots} khung giờ cũ chưa ai đặt.`
            : '.') +
          ' Khung giờ đã có người đặt được giữ nguyên.',
      );
      await hours.reload();
    }
  };

  return (
    <form onSubmit={save} aria-label={`Giờ khám ${department.name}`}>
      <table className="table table--compact svc-hours">
        <thead>
          <tr>
            <th>Thứ</th>
            <th>Bắt đầu</th>
            <th>Kết thúc</th>
            <th>Mỗi khung (phút)</th>
            <th>Người mỗi khung</th>
            <th className="num">Số khung</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={r.key} className={slotsOf(r) === 0 ? 'svc-row--invalid' : undefined}>
              <td>
                <select
                  aria-label={`Thứ, dòng ${i + 1}`}
                  value={r.weekday}
                  onChange={(e) => set(r.key, { weekday: Number(e.target.value) })}
                >
                  {WEEK_ORDER.map((d) => (
                    <option key={d} value={d}>
                      {WEEKDAY_LABELS[d]}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <input
                  type="time"
                  required
                  aria-label={`Bắt đầu, dòng ${i + 1}`}
                  value={r.opensAt}
                  onChange={(e) => set(r.key, { opensAt: e.target.value })}
                />
              </td>
              <td>
                <input
                  type="time"
                  required
                  aria-label={`Kết thúc, dòng ${i + 1}`}
                  value={r.closesAt}
                  onChange={(e) => set(r.key, { closesAt: e.target.value })}
                />
              </td>
              <td>
                <select
                  aria-label={`Phút mỗi khung, dòng ${i + 1}`}
                  value={r.slotMinutes}
                  onChange={(e) => set(r.key, { slotMinutes: Number(e.target.value) })}
                >
                  {[10, 15, 20, 30, 45, 60, 90, 120].map((m) => (
                    <option key={m} value={m}>
                      {m}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <input
                  type="number"
                  className="narrow"
                  min={1}
                  max={500}
                  required
                  aria-label={`Người mỗi khung, dòng ${i + 1}`}
                  value={r.capacity}
                  onChange={(e) => set(r.key, { capacity: Number(e.target.value) })}
                />
              </td>
              <td className="num">{slotsOf(r)}</td>
              <td>
                <button
                  type="button"
                  className="link-button"
                  onClick={() => setRows(rows.filter((x) => x.key !== r.key))}
                >
                  Bỏ
                </button>
              </td>
            </tr>
          ))}
          {rows.length === 0 ? (
            <tr>
              <td colSpan={7} className="empty">
                Khoa chưa có giờ khám: chưa nhận đặt lịch.
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
      {problems.length > 0 ? (
        <p className="alert alert--error">
          Giờ kết thúc phải sau giờ bắt đầu ít nhất một khung: {problems.join('; ')}.
        </p>
      ) : null}
      <div className="row-between svc-hours__foot">
        <div className="row">
          <button
            type="button"
            onClick={() => {
              const last = rows[rows.length - 1];
              const next = last ? WEEK_ORDER[(WEEK_ORDER.indexOf(last.weekday) + 1) % 7] : 1;
              setRows([
                ...rows,
                draftOf({
                  weekday: next ?? 1,
                  opensAt: last?.opensAt ?? '07:00',
                  closesAt: last?.closesAt ?? '11:00',
                  slotMinutes: last?.slotMinutes ?? 30,
                  capacity: last?.capacity ?? 10,
                }),
              ]);
            }}
          >
            + Thêm ca
          </button>
          <button
            type="button"
            onClick={() => {
              if (
                rows.length === 0 ||
                window.confirm('Thay toàn bộ giờ khám bằng mẫu sáng và chiều, Thứ Hai–Thứ Bảy?')
              ) {
                setRows(TEMPLATE.map(draftOf));
              }
            }}
          >
            Dùng mẫu sáng & chiều T2–T7
          </button>
        </div>
        <div className="row">
          <span className="muted small">{perWeek.toLocaleString('vi-VN')} chỗ mỗi tuần</span>
          <button type="submit" className="primary" disabled={feedback.busy || problems.length > 0}>
            Lưu giờ khám
          </button>
        </div>
      </div>
    </form>
  );
}

function DepartmentRow({
  department,
  selected,
  onSelect,
  feedback,
  onChanged,
}: {
  department: Department;
  selected: boolean;
  onSelect: () => void;
  feedback: Feedback;
  onChanged: () => Promise<void>;
}) {
  const [edit, setEdit] = useState<{ name: string; description: string } | null>(null);
  const enabled = department.enabled !== false;
  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!edit) return;
    const ok = await feedback.run(
      () =>
        explained(
          appointmentsApi.updateDepartment(department.id, {
            name: edit.name.trim(),
            description: edit.description.trim() || null,
          }),
        ),
      `Đã lưu khoa ${edit.name.trim()}.`,
    );
    if (ok) {
      setEdit(null);
      await onChanged();
    }
  };
  const toggle = async () => {
    const ok = await feedback.run(
      () => appointmentsApi.updateDepartment(department.id, { enabled: !enabled }),
      enabled ? `Đã tạm dừng khoa ${department.name}.` : `Đã mở lại khoa ${department.name}.`,
    );
    if (ok) await onChanged();
  };
  if (edit) {
    return (
      <tr>
        <td colSpan={4}>
          <form className="row" onSubmit={save} aria-label={`Sửa khoa ${department.name}`}>
            <input
              required
              maxLength={200}
              aria-label="Tên khoa"
              value={edit.name}
              onChange={(e) => setEdit({ ...edit, name: e.target.value })}
            />
            <input
              maxLength={500}
              aria-label="Mô tả"
              placeholder="Mô tả"
              value={edit.description}
              onChange={(e) => setEdit({ ...edit, description: e.target.value })}
            />
            <button type="submit" className="primary" disabled={feedback.busy}>
              Lưu
            </button>
            <button type="button" onClick={() => setEdit(null)}>
              Huỷ
            </button>
          </form>
        </td>
      </tr>
    );
  }
  return (
    <tr className={selected ? 'is-selected' : undefined}>
      <td>
        <button type="button" className="link-button" onClick={onSelect}>
          {department.name}
        </button>
        {enabled ? null : <span className="tag">Tạm dừng</span>}
      </td>
      <td className="muted">{department.description ?? '—'}</td>
      <td className="nowrap">
        <div className="row svc-nowrap">
          <button type="button" onClick={onSelect} disabled={selected}>
            Giờ khám
          </button>
          <button
            type="button"
            onClick={() =>
              setEdit({ name: department.name, description: department.description ?? '' })
            }
          >
            Sửa
          </button>
          <button type="button" disabled={feedback.busy} onClick={() => void toggle()}>
            {enabled ? 'Tạm dừng' : 'Mở lại'}
          </button>
        </div>
      </td>
    </tr>
  );
}

function Departments({
  hospital,
  feedback,
  onChanged,
}: {
  hospital: Hospital;
  feedback: Feedback;
  onChanged: () => Promise<void>;
}) {
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const selected =
    hospital.departments.find((d) => d.id === selectedId) ?? hospital.departments[0] ?? null;

  const add = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await feedback.run(
      () =>
        explained(
          appointmentsApi.addDepartment(hospital.id, {
            name: name.trim(),
            description: description.trim() || null,
          }),
        ),
      `Đã thêm khoa ${name.trim()}. Đặt giờ khám cho khoa để bắt đầu nhận lịch.`,
    );
    if (ok) {
      setName('');
      setDescription('');
      await onChanged();
    }
  };

  return (
    <>
      <table className="table">
        <thead>
          <tr>
            <th>Khoa</th>
            <th>Mô tả</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {hospital.departments.map((d) => (
            <DepartmentRow
              key={d.id}
              department={d}
              selected={d.id === selected?.id}
              onSelect={() => setSelectedId(d.id)}
              feedback={feedback}
              onChanged={onChanged}
            />
          ))}
          {hospital.departments.length === 0 ? (
            <tr>
              <td colSpan={3} className="empty">
                Chưa có khoa nào.
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
      <form className="filters svc-add" onSubmit={add} aria-label="Thêm khoa">
        <label className="grow">
          Tên khoa mới
          <input
            required
            maxLength={200}
            placeholder="Khoa Nội tổng hợp"
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        <label className="grow">
          Mô tả (không bắt buộc)
          <input
            maxLength={500}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
          />
        </label>
        <button type="submit" className="primary" disabled={feedback.busy}>
          Thêm khoa
        </button>
      </form>
      {selected ? (
        <>
          <h3 className="svc-subhead">Giờ khám hằng tuần · {selected.name}</h3>
          <HoursEditor key={selected.id} department={selected} feedback={feedback} />
        </>
      ) : null}
    </>
  );
}

function Closures({ hospital, feedback }: { hospital: Hospital; feedback: Feedback }) {
  const list = useLoad(() => appointmentsApi.closures(hospital.id), [hospital.id]);
  const [date, setDate] = useState('');
  const [reason, setReason] = useState('');
  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (
      !window.confirm(
        `Nghỉ ngày ${formatDate(date)}? Mọi khung giờ của ngày đó sẽ đóng; người đã đặt lịch được báo trong ứng dụng và được đổi hoặc huỷ lịch.`,
      )
    ) {
      return;
    }
    let outcome: { closedSlots: number; notified: number } | undefined;
    const ok = await feedback.run(async () => {
      outcome = await explained(
        appointmentsApi.addClosure(hospital.id, { date, reason: reason.trim() }),
      );
    });
    if (ok && outcome) {
      feedback.setNotice(
        `Đã thêm ngày nghỉ ${formatDate(date)}: đóng ${outcome.closedSlots} khung giờ, báo cho ${outcome.notified} người đã đặt lịch.`,
      );
      setDate('');
      setReason('');
      await list.reload();
    }
  };

  const remove = async (day: string) => {
    if (!window.confirm(`Bỏ ngày nghỉ ${formatDate(day)}? Bệnh viện nhận lịch lại ngày này.`))
      return;
    let reopened = 0;
    const ok = await feedback.run(async () => {
      reopened = (await appointmentsApi.removeClosure(hospital.id, day)).reopenedSlots;
    });
    if (ok) {
      feedback.setNotice(`Đã bỏ ngày nghỉ ${formatDate(day)}, mở lại ${reopened} khung giờ.`);
      await list.reload();
    }
  };
  const items = [...(list.data ?? [])].sort((a, b) => a.date.localeCompare(b.date));
  return (
    <>
      <p className="muted small">
        Ngày lễ chung của tỉnh đã được tính sẵn (trang Ngày nghỉ lễ). Ở đây là những ngày riêng bệnh
        viện không khám; các khung giờ của ngày đó không nhận đặt lịch.
      </p>
      <ErrorBox message={list.error} />
      <table className="table table--compact">
        <thead>
          <tr>
            <th>Ngày</th>
            <th>Lý do</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {items.map((c) => (
            <tr key={c.date}>
              <td className="nowrap">{formatDate(c.date)}</td>
              <td>{c.reason}</td>
              <td>
                <button
                  type="button"
                  className="link-button"
                  disabled={feedback.busy}
                  onClick={() => void remove(c.date)}
                >
                  Bỏ
                </button>
              </td>
            </tr>
          ))}
          {!list.loading && items.length === 0 ? (
            <tr>
              <td colSpan={3} className="empty">
                Không có ngày nghỉ riêng.
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
      <form className="filters svc-add" onSubmit={add} aria-label="Thêm ngày nghỉ">
        <label>
          Ngày
          <input
            type="date"
            required
            min={vnDay(0)}
            value={date}
            onChange={(e) => setDate(e.target.value)}
          />
        </label>
        <label className="grow">
          Lý do
          <input
            required
            maxLength={200}
            placeholder="Bảo trì hệ thống điện"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </label>
        <button type="submit" className="primary" disabled={feedback.busy}>
          Thêm ngày nghỉ
        </button>
      </form>
    </>
  );
}

type DetailTab = 'departments' | 'closures' | 'details';

function HospitalDetail({
  hospital,
  chooseAgency,
  feedback,
  onChanged,
}: {
  hospital: Hospital;
  chooseAgency: boolean;
  feedback: Feedback;
  onChanged: () => Promise<void>;
}) {
  const [tab, setTab] = useState<DetailTab>('departments');
  const [form, setForm] = useState(() => formOf(hospital, ''));
  useEffect(() => setForm(formOf(hospital, '')), [hospital]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await feedback.run(
      () => explained(appointmentsApi.updateHospital(hospital.id, bodyOf(form, chooseAgency))),
      `Đã lưu thông tin ${form.name.trim()}.`,
    );
    if (ok) await onChanged();
  };

  const generate = async () => {
    const departments = hospital.departments.filter((d) => d.enabled !== false);
    if (departments.length === 0) {
      feedback.setError('Bệnh viện chưa có khoa nào đang hoạt động.');
      return;
    }
    let created = 0;
    const ok = await feedback.run(async () => {
      for (const d of departments) {
        created += (await appointmentsApi.generate(d.id, vnDay(0), GENERATE_DAYS)).created;
      }
    });
    if (ok) {
      feedback.setNotice(
        created > 0
          ? `Đã tạo ${created} khung giờ mới cho ${GENERATE_DAYS} ngày tới (bỏ qua ngày lễ, ngày nghỉ riêng và các khung đã có).`
          : `Lịch ${GENERATE_DAYS} ngày tới đã đủ: không có khung giờ mới.`,
      );
    }
  };

  return (
    <Panel
      label={`Bệnh viện ${hospital.name}`}
      title={
        <>
          {hospital.name}
          {hospital.enabled === false ? <span className="tag">Tạm dừng</span> : null}
        </>
      }
      actions={
        <>
          <Link className="button" href="/lich-kham">
            Xem lịch khám
          </Link>
          <button
            type="button"
            className="primary"
            disabled={feedback.busy}
            onClick={() => void generate()}
          >
            Tạo lịch khám {GENERATE_DAYS} ngày tới
          </button>
        </>
      }
    >
      <Tabs<DetailTab>
        label="Thiết lập bệnh viện"
        value={tab}
        onChange={setTab}
        tabs={[
          { id: 'departments', label: 'Khoa & giờ khám', count: hospital.departments.length },
          { id: 'closures', label: 'Ngày nghỉ riêng' },
          { id: 'details', label: 'Thông tin & quy định' },
        ]}
      />
      {tab === 'departments' ? (
        <Departments hospital={hospital} feedback={feedback} onChanged={onChanged} />
      ) : null}
      {tab === 'closures' ? <Closures hospital={hospital} feedback={feedback} /> : null}
      {tab === 'details' ? (
        <form className="form-grid" onSubmit={save} aria-label="Thông tin bệnh viện">
          <HospitalFields form={form} setForm={setForm} chooseAgency={chooseAgency} />
          <div className="row">
            <button type="submit" className="primary" disabled={feedback.busy}>
              Lưu thông tin
            </button>
          </div>
        </form>
      ) : null}
    </Panel>
  );
}

export default function HospitalsPage() {
  const me = useMe();
  // An administrator sets up hospitals for any agency; hospital staff for their own.
  const chooseAgency = holdsEverywhere(me, 'appointments.configure');
  const list = useLoad(appointmentsApi.hospitals, []);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [creating, setCreating] = useState<HospitalForm | null>(null);
  const feedback = useFeedback();

  const hospitals = list.data ?? [];
  const selected = hospitals.find((h) => h.id === selectedId) ?? hospitals[0] ?? null;

  const create = async (event: FormEvent) => {
    event.preventDefault();
    if (!creating) return;
    let created: Hospital | undefined;
    const ok = await feedback.run(async () => {
      created = await explained(appointmentsApi.createHospital(bodyOf(creating, chooseAgency)));
    }, `Đã thêm ${creating.name.trim()}. Tiếp theo: thêm khoa và giờ khám.`);
    if (ok) {
      setCreating(null);
      await list.reload();
      if (created?.id) setSelectedId(created.id);
    }
  };

  return (
    <section className="page">
      <header className="page__header row-between">
        <div>
          <h1>Bệnh viện</h1>
          <p className="muted">
            Khoa, giờ khám, số người mỗi khung giờ và ngày nghỉ: người dân đặt lịch theo những thiết
            lập này.
          </p>
        </div>
        <button
          type="button"
          className="primary"
          onClick={() => setCreating(formOf(null, me.agencyId))}
        >
          + Thêm bệnh viện
        </button>
      </header>
      <ErrorBox message={list.error} />
      {creating ? (
        <form className="card form-grid" onSubmit={create} aria-label="Thêm bệnh viện">
          <h2>Thêm bệnh viện</h2>
          <HospitalFields form={creating} setForm={setCreating} chooseAgency={chooseAgency} />
          <div className="row">
            <button type="submit" className="primary" disabled={feedback.busy}>
              Thêm
            </button>
            <button type="button" onClick={() => setCreating(null)}>
              Huỷ
            </button>
          </div>
        </form>
      ) : null}
      <table className="table svc-list" aria-busy={list.loading && !list.data}>
        <thead>
          <tr>
            <th>Bệnh viện</th>
            <th>Địa chỉ</th>
            <th className="num">Khoa</th>
            <th className="num">Hạn huỷ/đổi</th>
            <th className="num">Lịch tối đa/người</th>
          </tr>
        </thead>
        <tbody>
          {hospitals.map((h) => (
            <tr key={h.id} className={h.id === selected?.id ? 'is-selected' : undefined}>
              <td>
                <button type="button" className="link-button" onClick={() => setSelectedId(h.id)}>
                  {h.name}
                </button>
                {h.enabled === false ? <span className="tag">Tạm dừng</span> : null}
                {h.agencyName ? <div className="muted small">{h.agencyName}</div> : null}
              </td>
              <td>{h.address ?? '—'}</td>
              <td className="num">{h.departments.length}</td>
              <td className="num">{h.cutoffHours} giờ</td>
              <td className="num">{h.maxActiveBookings}</td>
            </tr>
          ))}
          {!list.loading && hospitals.length === 0 ? (
            <tr>
              <td colSpan={5} className="empty">
                Chưa có bệnh viện nào.
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
      {selected ? (
        <HospitalDetail
          key={selected.id}
          hospital={selected}
          chooseAgency={chooseAgency}
          feedback={feedback}
          onChanged={list.reload}
        />
      ) : null}
      <Toast feedback={feedback} />
    </section>
  );
}
