import { type FormEvent, useState } from 'react';
import { Link, useSearch } from 'wouter';
import { api, messageOf } from '../api';
import { ErrorBox, useLoad } from '../components/common';

type LinkInfo = { valid?: boolean; email?: string; fullName?: string; expiresAt?: string };

// The API checks the rest (edge/src/officials/password.ts); this only saves a round trip.
const MIN_LENGTH = 10;

export function SetPasswordPage() {
  const token = new URLSearchParams(useSearch()).get('token') ?? '';
  const info = useLoad(
    () =>
      token
        ? api<LinkInfo>('GET', `/officials/auth/password-links/${encodeURIComponent(token)}`, {
            quiet401: true,
          })
        : Promise.reject(new Error('Đường dẫn thiếu mã. Hãy mở đúng đường dẫn được gửi cho bạn.')),
    [token],
  );
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (password.length < MIN_LENGTH) {
      setError(`Mật khẩu cần ít nhất ${MIN_LENGTH} ký tự.`);
      return;
    }
    if (password !== again) {
      setError('Hai lần nhập mật khẩu không khớp.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api('POST', '/officials/auth/password', { body: { token, password }, quiet401: true });
      setDone(true);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  const valid = info.data && info.data.valid !== false;
  return (
    <div className="auth">
      <div className="auth__card">
        <h1>Đặt mật khẩu</h1>
        {info.loading ? <p className="muted">Đang kiểm tra đường dẫn…</p> : null}
        <ErrorBox message={info.error} />
        {info.data && !valid ? (
          <p className="alert alert--error">
            Đường dẫn đã hết hạn hoặc đã được dùng. Hãy đề nghị quản trị hệ thống gửi đường dẫn mới.
          </p>
        ) : null}
        {done ? (
          <>
            <p className="alert alert--ok" role="status">
              Đã đặt mật khẩu. Bạn có thể đăng nhập ngay.
            </p>
            <Link href="/" className="button primary">
              Đăng nhập
            </Link>
          </>
        ) : valid ? (
          <form onSubmit={submit} aria-label="Đặt mật khẩu">
            <p>
              Tài khoản: <strong>{info.data?.fullName}</strong> ({info.data?.email})
            </p>
            <label>
              Mật khẩu mới (ít nhất {MIN_LENGTH} ký tự)
              <input
                type="password"
                name="password"
                autoComplete="new-password"
                required
                minLength={MIN_LENGTH}
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            </label>
            <label>
              Nhập lại mật khẩu
              <input
                type="password"
                name="password-again"
                autoComplete="new-password"
                required
                value={again}
                onChange={(e) => setAgain(e.target.value)}
              />
            </label>
            <ErrorBox message={error} />
            <button type="submit" className="primary" disabled={busy}>
              {busy ? 'Đang lưu…' : 'Đặt mật khẩu'}
            </button>
          </form>
        ) : null}
      </div>
    </div>
  );
}
