import { type FormEvent, useState } from 'react';
import { ApiError, api, messageOf } from '../api';
import { formatDateTime } from '../format';
import { useSession } from '../session';
import type { MeResponse } from '../types';

export function LoginPage() {
  const { signedIn } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [needTotp, setNeedTotp] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const response = await api<MeResponse>('POST', '/officials/auth/login', {
        body: { email, password, client: 'web', ...(needTotp ? { totp } : {}) },
        quiet401: true,
      });
      signedIn(response);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'totp_required') {
        setNeedTotp(true);
        setError(needTotp ? err.message : null);
      } else if (err instanceof ApiError && err.code === 'account_locked') {
        const until = (err.details as { lockedUntil?: string } | undefined)?.lockedUntil;
        setError(until ? `${err.message} (đến ${formatDateTime(until)})` : err.message);
      } else {
        setError(messageOf(err));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="auth">
      <form className="auth__card" onSubmit={submit} aria-label="Đăng nhập">
        <h1>Đăng nhập</h1>
        <p className="muted">Trang quản trị phản ánh hiện trường dành cho cán bộ.</p>
        <label>
          Thư điện tử công vụ
          <input
            type="email"
            name="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </label>
        <label>
          Mật khẩu
          <input
            type="password"
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {needTotp ? (
          <label>
            Mã xác thực 6 số (ứng dụng xác thực)
            <input
              name="totp"
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="[0-9]{6}"
              maxLength={6}
              required
              value={totp}
              onChange={(e) => setTotp(e.target.value.replace(/\D/g, ''))}
            />
          </label>
        ) : null}
        {error ? (
          <p className="alert alert--error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Đang đăng nhập…' : needTotp ? 'Xác nhận' : 'Đăng nhập'}
        </button>
        <p className="muted small">
          Quên mật khẩu? Liên hệ quản trị hệ thống để nhận đường dẫn đặt lại mật khẩu.
        </p>
      </form>
    </div>
  );
}
