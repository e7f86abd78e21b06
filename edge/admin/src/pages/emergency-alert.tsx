import { useEffect, useState } from 'react';
import { useParams } from 'wouter';
import { api } from '../api';
import { ErrorBox, Notice, useAction, useLoad } from '../components/common';
import { SEVERITY_LABELS, SOURCE_LABELS, STATE_LABELS, type WorkAlert } from './emergency-alerts';

// One emergency alert: edit (hazard, severity, area, validity window in Vietnam time, text and
// English), publish (naming how many followers will be told), update, cancel, CAP document.

type Result = {
  alert: WorkAlert;
  followers: number;
  notified: number | null;
  notice: string | null;
};

const HAZARDS: Record<string, string> = {
  storm: 'Bão, mưa lớn',
  flood: 'Ngập lụt',
  salinity: 'Xâm nhập mặn',
  drought: 'Hạn hán',
  landslide: 'Sạt lở',
  epidemic: 'Dịch bệnh',
  fire: 'Cháy',
  pollution: 'Ô nhiễm',
  infrastructure: 'Sự cố hạ tầng',
  other: 'Khác',
};
const URGENCIES = {
  immediate: 'Ngay lập tức',
  expected: 'Sắp xảy ra',
  future: 'Trong thời gian tới',
  past: 'Đã qua',
};
const CERTAINTIES = {
  observed: 'Đã quan sát',
  likely: 'Nhiều khả năng',
  possible: 'Có thể',
  unlikely: 'Ít khả năng',
};

/** `datetime-local` value in Vietnam time ↔ UTC ISO. */
const toLocal = (iso: string) =>
  new Date(Date.parse(iso) + 7 * 3_600_000).toISOString().slice(0, 16);
const fromLocal = (local: string) => `${local}:00+07:00`;

const Select = ({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: string;
  options: Record<string, string>;
  onChange: (v: string) => void;
}) => (
  <label className="field">
    <span>{label}</span>
    <select value={value} onChange={(e) => onChange(e.target.value)}>
      {Object.entries(options).map(([k, v]) => (
        <option key={k} value={k}>
          {v}
        </option>
      ))}
    </select>
  </label>
);

export default function EmergencyAlertPage() {
  const { id = '' } = useParams<{ id: string }>();
  const loaded = useLoad(() => api<Result>('GET', `/work/emergency-alerts/${id}`), [id]);
  const communes = useLoad(
    () =>
      api<{ items: { id: string; name: string }[] }>('GET', '/catalog/admin-units', {
        query: { level: 'commune' },
      }),
    [],
  );
  const [form, setForm] = useState<WorkAlert | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const action = useAction();
  useEffect(() => {
    if (loaded.data) setForm(loaded.data.alert);
  }, [loaded.data]);

  if (!form || !loaded.data) {
    return (
      <section className="page">
        <h1>Cảnh báo khẩn cấp</h1>
        <ErrorBox message={loaded.error} />
        {loaded.loading ? <p>Đang tải…</p> : null}
      </section>
    );
  }
  const a = loaded.data.alert;
  const set = (patch: Partial<WorkAlert>) => setForm({ ...form, ...patch });
  const editable = a.status !== 'cancelled';
  const done = (r: Result) => {
    loaded.setData(r);
    setMessage(r.notice ?? 'Đã lưu.');
  };
  const save = () =>
    action.run(async () => {
      const r = await api<Result>('PUT', `/work/emergency-alerts/${id}`, {
        body: {
          version: a.version,
          hazard: form.hazard,
          severity: form.severity,
          urgency: form.urgency,
          certainty: form.certainty,
          headline: form.headline,
          description: form.description,
          instruction: form.instruction,
          en: form.en,
          provinceWide: form.provinceWide,
          communeIds: form.provinceWide ? [] : form.areas.map((x) => x.id),
          onsetAt: fromLocal(toLocal(form.onsetAt)),
          expiresAt: fromLocal(toLocal(form.expiresAt)),
        },
      });
      done(r);
    });
  const publish = () => {
    if (
      !window.confirm(
        `Công bố cảnh báo? ${loaded.data?.followers ?? 0} người theo dõi vùng này sẽ nhận thông báo.`,
      )
    )
      return;
    void action.run(async () =>
      done(
        await api<Result>('POST', `/work/emergency-alerts/${id}/publish`, {
          body: { version: a.version },
        }),
      ),
    );
  };
  const cancel = () => {
    if (!window.confirm('Hủy cảnh báo? Người theo dõi sẽ được báo rằng cảnh báo đã được gỡ bỏ.'))
      return;
    void action.run(async () =>
      done(
        await api<Result>('POST', `/work/emergency-alerts/${id}/cancel`, {
          body: { version: a.version },
        }),
      ),
    );
  };
  const chosen = new Set(form.areas.map((x) => x.id));

  return (
    <section className="page">
      <h1>{a.headline}</h1>
      <p>
        {STATE_LABELS[a.state]} · {SOURCE_LABELS[a.source]} · {a.agencyName}
        {a.revision > 0 ? ` · lần công bố ${a.revision}` : ''}
        {a.status !== 'draft' ? (
          <>
            {' · '}
            <a href={`/api/v1/emergency-alerts/${a.id}/cap`} target="_blank" rel="noreferrer">
              Văn bản CAP
            </a>
          </>
        ) : null}
      </p>
      <ErrorBox message={action.error} />
      <Notice message={message} />
      <fieldset disabled={!editable || action.busy} className="form">
        <Select
          label="Loại thiên tai, sự cố"
          value={form.hazard}
          options={HAZARDS}
          onChange={(v) => set({ hazard: v })}
        />
        <Select
          label="Mức độ"
          value={form.severity}
          options={SEVERITY_LABELS}
          onChange={(v) => set({ severity: v })}
        />
        <Select
          label="Mức khẩn"
          value={form.urgency}
          options={URGENCIES}
          onChange={(v) => set({ urgency: v })}
        />
        <Select
          label="Độ chắc chắn"
          value={form.certainty}
          options={CERTAINTIES}
          onChange={(v) => set({ certainty: v })}
        />
        <label className="field">
          <span>Bắt đầu (giờ Việt Nam)</span>
          <input
            type="datetime-local"
            value={toLocal(form.onsetAt)}
            onChange={(e) => set({ onsetAt: new Date(fromLocal(e.target.value)).toISOString() })}
          />
        </label>
        <label className="field">
          <span>Hết hiệu lực (giờ Việt Nam)</span>
          <input
            type="datetime-local"
            value={toLocal(form.expiresAt)}
            onChange={(e) => set({ expiresAt: new Date(fromLocal(e.target.value)).toISOString() })}
          />
        </label>
        <label className="field">
          <input
            type="checkbox"
            checked={form.provinceWide}
            onChange={(e) => set({ provinceWide: e.target.checked })}
          />{' '}
          Toàn tỉnh
        </label>
        {form.provinceWide ? null : (
          <label className="field">
            <span>Xã/phường ({chosen.size})</span>
            <select
              multiple
              size={8}
              value={[...chosen]}
              onChange={(e) =>
                set({
                  areas: [...e.target.selectedOptions].map((o) => ({ id: o.value, name: o.text })),
                })
              }
            >
              {(communes.data?.items ?? []).map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="field">
          <span>Tiêu đề</span>
          <input
            value={form.headline}
            maxLength={200}
            onChange={(e) => set({ headline: e.target.value })}
          />
        </label>
        <label className="field">
          <span>Nội dung</span>
          <textarea
            rows={4}
            value={form.description}
            onChange={(e) => set({ description: e.target.value })}
          />
        </label>
        <label className="field">
          <span>Người dân cần làm gì</span>
          <textarea
            rows={3}
            value={form.instruction}
            onChange={(e) => set({ instruction: e.target.value })}
          />
        </label>
        <label className="field">
          <span>Tiêu đề (tiếng Anh)</span>
          <input
            value={form.en?.headline ?? ''}
            onChange={(e) => set({ en: { ...form.en, headline: e.target.value } })}
          />
        </label>
        <label className="field">
          <span>Nội dung (tiếng Anh)</span>
          <textarea
            rows={3}
            value={form.en?.description ?? ''}
            onChange={(e) => set({ en: { ...form.en, description: e.target.value } })}
          />
        </label>
        <label className="field">
          <span>Hướng dẫn (tiếng Anh)</span>
          <textarea
            rows={2}
            value={form.en?.instruction ?? ''}
            onChange={(e) => set({ en: { ...form.en, instruction: e.target.value } })}
          />
        </label>
      </fieldset>
      <div className="toolbar">
        {editable ? (
          <button
            type="button"
            className="button"
            disabled={action.busy}
            onClick={() => void save()}
          >
            {a.status === 'published' ? 'Cập nhật (công bố lần mới)' : 'Lưu nháp'}
          </button>
        ) : null}
        {a.status === 'draft' ? (
          <button
            type="button"
            className="button button--primary"
            disabled={action.busy}
            onClick={publish}
          >
            Công bố ({loaded.data.followers} người theo dõi)
          </button>
        ) : null}
        {a.status === 'published' ? (
          <button
            type="button"
            className="button button--danger"
            disabled={action.busy}
            onClick={cancel}
          >
            Hủy cảnh báo
          </button>
        ) : null}
      </div>
    </section>
  );
}
