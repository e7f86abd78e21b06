import { type FormEvent, useEffect, useState } from 'react';
import type { GatewayAnswer } from '../../../src/environment/schemas';
import { api } from '../api';
import { ErrorBox, Notice, useAction, useLoad } from '../components/common';
import { formatDateTime } from '../format';
import { explained } from './stations';

// Sensor gateways (the vendors' servers the cron polls) and their health: when each was last
// read, its last error, how many failures in a row and when it will be tried again. The page
// refreshes itself every minute, the pace at which the poll job changes these columns.

const PROTOCOLS: Record<GatewayAnswer['protocol'], string> = {
  sensorthings: 'OGC SensorThings API v1.1',
  simple_json: 'JSON đơn giản',
};

const HEALTH: Record<GatewayAnswer['health']['status'], [label: string, badge: string]> = {
  ok: ['Hoạt động', 'badge badge--resolved'],
  failing: ['Đang lỗi', 'badge badge--overdue'],
  never: ['Chưa đọc lần nào', 'badge badge--received'],
  disabled: ['Đã tắt', 'badge'],
};

interface GatewayForm {
  id: string;
  name: string;
  protocol: GatewayAnswer['protocol'];
  baseUrl: string;
  authSecretName: string;
  pollIntervalMinutes: string;
  timeoutMs: string;
  enabled: boolean;
}

const EMPTY: GatewayForm = {
  id: '',
  name: '',
  protocol: 'sensorthings',
  baseUrl: '',
  authSecretName: '',
  pollIntervalMinutes: '5',
  timeoutMs: '10000',
  enabled: true,
};

const REFRESH_MS = 60_000;

export function GatewaysPage() {
  const list = useLoad(
    () => api<{ items: GatewayAnswer[] }>('GET', '/admin/environment/gateways'),
    [],
  );
  const [editing, setEditing] = useState<GatewayAnswer | 'new' | null>(null);
  const [form, setForm] = useState<GatewayForm>(EMPTY);
  const [notice, setNotice] = useState<string | null>(null);
  const action = useAction();
  const { reload } = list;

  useEffect(() => {
    const timer = window.setInterval(() => void reload(), REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [reload]);

  const open = (gateway: GatewayAnswer | 'new') => {
    setEditing(gateway);
    setNotice(null);
    action.setError(null);
    setForm(
      gateway === 'new'
        ? EMPTY
        : {
            id: gateway.id,
            name: gateway.name,
            protocol: gateway.protocol,
            baseUrl: gateway.baseUrl,
            authSecretName: gateway.authSecretName ?? '',
            pollIntervalMinutes: String(gateway.pollIntervalMinutes),
            timeoutMs: String(gateway.timeoutMs),
            enabled: gateway.enabled,
          },
    );
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const body = {
      name: form.name.trim(),
      protocol: form.protocol,
      baseUrl: form.baseUrl.trim(),
      authSecretName: form.authSecretName.trim() || null,
      pollIntervalMinutes: Number(form.pollIntervalMinutes),
      timeoutMs: Number(form.timeoutMs),
      enabled: form.enabled,
    };
    const ok = await action.run(() =>
      explained(
        editing === 'new'
          ? api('POST', '/admin/environment/gateways', { body: { id: form.id.trim(), ...body } })
          : api('PATCH', `/admin/environment/gateways/${(editing as GatewayAnswer).id}`, { body }),
      ),
    );
    if (ok) {
      setNotice(`Đã lưu cổng dữ liệu ${body.name}.`);
      setEditing(null);
      await list.reload();
    }
  };

  const pollNow = async (gateway: GatewayAnswer) => {
    const ok = await action.run(() =>
      api('POST', `/admin/environment/gateways/${gateway.id}/poll`),
    );
    if (ok) {
      setNotice(`${gateway.name} sẽ được đọc ở lượt kế tiếp (trong vòng 5 phút).`);
      await list.reload();
    }
  };

  const remove = async (gateway: GatewayAnswer) => {
    if (!window.confirm(`Xoá cổng dữ liệu ${gateway.name}?`)) return;
    const ok = await action.run(() => api('DELETE', `/admin/environment/gateways/${gateway.id}`));
    if (ok) {
      setNotice(`Đã xoá cổng dữ liệu ${gateway.name}.`);
      await list.reload();
    }
  };

  const items = list.data?.items ?? [];
  return (
    <section className="page">
      <header className="page__header row-between">
        <div>
          <h1>Cổng dữ liệu cảm biến</h1>
          <p className="muted">
            Máy chủ của các đơn vị cung cấp số liệu quan trắc. Hệ thống đọc mỗi cổng theo chu kỳ;
            cổng lỗi được thử lại thưa dần.
          </p>
        </div>
        <button type="button" className="primary" onClick={() => open('new')}>
          + Thêm cổng
        </button>
      </header>
      <Notice message={notice} />
      <ErrorBox message={list.error ?? (editing ? null : action.error)} />
      {editing ? (
        <form className="card form-grid" onSubmit={save} aria-label="Thông tin cổng dữ liệu">
          <h2>{editing === 'new' ? 'Thêm cổng dữ liệu' : `Sửa ${editing.name}`}</h2>
          {editing === 'new' ? (
            <label>
              Mã (chữ thường không dấu, số, "_", "-")
              <input
                name="id"
                required
                pattern="[a-z0-9][a-z0-9_\-]{1,63}"
                value={form.id}
                onChange={(e) => setForm({ ...form, id: e.target.value })}
              />
            </label>
          ) : null}
          <label>
            Tên
            <input
              name="name"
              required
              value={form.name}
              onChange={(e) => setForm({ ...form, name: e.target.value })}
            />
          </label>
          <label>
            Giao thức
            <select
              name="protocol"
              value={form.protocol}
              onChange={(e) =>
                setForm({ ...form, protocol: e.target.value as GatewayAnswer['protocol'] })
              }
            >
              {Object.entries(PROTOCOLS).map(([id, label]) => (
                <option key={id} value={id}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <label>
            Địa chỉ (SensorThings: gốc dịch vụ, ví dụ …/v1.1)
            <input
              name="baseUrl"
              type="url"
              required
              value={form.baseUrl}
              onChange={(e) => setForm({ ...form, baseUrl: e.target.value })}
            />
          </label>
          <label>
            Tên secret chứa khoá truy cập (để trống nếu không cần)
            <input
              name="authSecretName"
              pattern="[A-Z][A-Z0-9_]{1,63}"
              placeholder="GATEWAY_TOKEN"
              value={form.authSecretName}
              onChange={(e) => setForm({ ...form, authSecretName: e.target.value })}
            />
          </label>
          <label>
            Chu kỳ đọc (phút)
            <input
              name="pollIntervalMinutes"
              type="number"
              min={5}
              max={1440}
              required
              value={form.pollIntervalMinutes}
              onChange={(e) => setForm({ ...form, pollIntervalMinutes: e.target.value })}
            />
          </label>
          <label>
            Thời gian chờ mỗi lần gọi (ms)
            <input
              name="timeoutMs"
              type="number"
              min={1000}
              max={30000}
              step={500}
              required
              value={form.timeoutMs}
              onChange={(e) => setForm({ ...form, timeoutMs: e.target.value })}
            />
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={form.enabled}
              onChange={(e) => setForm({ ...form, enabled: e.target.checked })}
            />{' '}
            Đang dùng
          </label>
          <p className="muted small">
            Khoá truy cập không nhập ở đây: người vận hành lưu bằng lệnh{' '}
            <code className="code">wrangler secret put {form.authSecretName || 'TEN_SECRET'}</code>.
          </p>
          <ErrorBox message={action.error} />
          <div className="row">
            <button type="submit" className="primary" disabled={action.busy}>
              Lưu
            </button>
            <button type="button" onClick={() => setEditing(null)}>
              Huỷ
            </button>
          </div>
        </form>
      ) : null}
      <table className="table" aria-busy={list.loading}>
        <thead>
          <tr>
            <th>Cổng</th>
            <th>Tình trạng</th>
            <th>Thành công gần nhất</th>
            <th>Lỗi gần nhất</th>
            <th className="num">Lỗi liên tiếp</th>
            <th>Lần đọc tới</th>
            <th className="num">Số trạm</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {items.map((g) => {
            const [label, badge] = HEALTH[g.health.status];
            return (
              <tr key={g.id}>
                <td>
                  <strong>{g.name}</strong>
                  <div className="muted small">
                    <span className="code">{g.id}</span> · {PROTOCOLS[g.protocol]} · mỗi{' '}
                    {g.pollIntervalMinutes} phút
                  </div>
                  <div className="muted small clip" title={g.baseUrl}>
                    {g.baseUrl}
                  </div>
                </td>
                <td>
                  <span className={badge}>{label}</span>
                </td>
                <td className="nowrap">{formatDateTime(g.health.lastSuccessAt)}</td>
                <td>
                  {g.health.lastErrorAt ? (
                    <>
                      <div className="nowrap">{formatDateTime(g.health.lastErrorAt)}</div>
                      <div className="small danger">{g.health.lastError}</div>
                    </>
                  ) : (
                    '—'
                  )}
                </td>
                <td className="num">{g.health.consecutiveFailures}</td>
                <td className="nowrap">{g.enabled ? formatDateTime(g.health.nextPollAt) : '—'}</td>
                <td className="num">{g.stationCount}</td>
                <td className="nowrap">
                  <button type="button" className="link-button" onClick={() => open(g)}>
                    Sửa
                  </button>{' '}
                  {g.enabled ? (
                    <button
                      type="button"
                      className="link-button"
                      disabled={action.busy}
                      onClick={() => void pollNow(g)}
                    >
                      Đọc ngay
                    </button>
                  ) : null}{' '}
                  {g.stationCount === 0 ? (
                    <button
                      type="button"
                      className="link-button"
                      disabled={action.busy}
                      onClick={() => void remove(g)}
                    >
                      Xoá
                    </button>
                  ) : null}
                </td>
              </tr>
            );
          })}
          {!list.loading && items.length === 0 ? (
            <tr>
              <td colSpan={8} className="empty">
                Chưa có cổng dữ liệu nào.
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </section>
  );
}
