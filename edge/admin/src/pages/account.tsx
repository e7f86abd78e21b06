import { type FormEvent, useState } from 'react';
import { api } from '../api';
import { ErrorBox, Notice, useAction } from '../components/common';
import { formatDateTime, ROLE_LABELS } from '../format';
import { useMe, useSession } from '../session';

/** The official's own account: two-step sign-in (TOTP), the Zalo link code, signing out. */
export function AccountPage() {
  const me = useMe();
  const { refresh, signOut } = useSession();
  const action = useAction();
  const [notice, setNotice] = useState<string | null>(null);
  const [setup, setSetup] = useState<{ secret: string; otpauthUrl: string } | null>(null);
  const [code, setCode] = useState('');
  const [linkCode, setLinkCode] = useState<{ code: string; expiresAt: string } | null>(null);

  const startTotp = () =>
    action.run(async () => {
      setSetup(await api('POST', '/officials/auth/totp/setup'));
      setCode('');
    });

  const enableTotp = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await action.run(() =>
      api('POST', '/officials/auth/totp/enable', { body: { code } }),
    );
    if (ok) {
      setSetup(null);
      setCode('');
      setNotice('Đã bật xác thực hai lớp. Lần đăng nhập sau sẽ hỏi mã 6 số.');
      await refresh();
    }
  };

  const disableTotp = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await action.run(() =>
      api('POST', '/officials/auth/totp/disable', { body: { code } }),
    );
    if (ok) {
      setCode('');
      setNotice('Đã tắt xác thực hai lớp.');
      await refresh();
    }
  };

  const zaloCode = () =>
    action.run(async () => {
      setLinkCode(await api('POST', '/officials/auth/zalo-link-code'));
    });

  return (
    <section className="page">
      <header className="page__header">
        <h1>Tài khoản</h1>
      </header>
      <Notice message={notice} />
      <ErrorBox message={action.error} />
      <div className="card">
        <dl className="facts">
          <dt>Họ tên</dt>
          <dd>{me.fullName}</dd>
          <dt>Thư điện tử</dt>
          <dd>{me.email}</dd>
          <dt>Cơ quan</dt>
          <dd>{me.agencyName ?? me.agencyId}</dd>
          <dt>Vai trò</dt>
          <dd>{me.roles.map((r) => ROLE_LABELS[r] ?? r).join(', ')}</dd>
        </dl>
      </div>

      <div className="card">
        <h2>Xác thực hai lớp (TOTP)</h2>
        {me.totpEnabled ? (
          <form onSubmit={disableTotp} className="stack">
            <p>
              <span className="badge badge--resolved">Đang bật</span> Mỗi lần đăng nhập cần mã 6 số
              từ ứng dụng xác thực.
            </p>
            <label>
              Nhập mã hiện tại để tắt
              <input
                inputMode="numeric"
                maxLength={6}
                required
                value={code}
                onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))}
              />
            </label>
            <button type="submit" disabled={action.busy}>
              Tắt xác thực hai lớp
            </button>
          </form>
        ) : setup ? (
          <form onSubmit={enableTotp} className="stack">
            <p>
              Thêm tài khoản vào ứng dụng xác thực (Google Authenticator, Microsoft Authenticator…)
              bằng khoá bí mật hoặc đường dẫn dưới đây, rồi nhập mã 6 số ứng dụng hiển thị.
            </p>
            <label>
              Khoá bí mật
              <input
                readOnly
                value={setup.secret}
                className="mono"
                onFocus={(e) => e.target.select()}
              />
            </label>
            <label>
              Đường dẫn otpauth
              <input
                readOnly
                value={setup.otpauthUrl}
                className="mono"
                onFocus={(e) => e.target.select()}
              />
            </label>
            <label>
              Mã 6 số
              <input
                inputMode="numeric"
                maxLength={6}
                required
                value={code}
                onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))}
              />
            </label>
            <button type="submit" className="primary" disabled={action.busy}>
              Bật xác thực hai lớp
            </button>
          </form>
        ) : (
          <>
            <p>Chưa bật. Nên bật để bảo vệ tài khoản khi lộ mật khẩu.</p>
            <button type="button" className="primary" onClick={() => void startTotp()}>
              Thiết lập
            </button>
          </>
        )}
      </div>

      <div className="card">
        <h2>Liên kết Zalo</h2>
        {me.zaloLinked ? (
          <p>
            <span className="badge badge--resolved">Đã liên kết</span> Bạn dùng được các màn hình
            cán bộ trong ứng dụng trên Zalo.
          </p>
        ) : (
          <p>Chưa liên kết.</p>
        )}
        <p className="muted">
          Trong ứng dụng trên Zalo, mở "Cán bộ" → "Liên kết tài khoản" và nhập mã dưới đây (dùng một
          lần, hết hạn sau ít phút).
        </p>
        {linkCode ? (
          <p className="link-code" data-testid="zalo-link-code">
            <strong>{linkCode.code}</strong>
            <span className="muted small"> hết hạn lúc {formatDateTime(linkCode.expiresAt)}</span>
          </p>
        ) : null}
        <button type="button" onClick={() => void zaloCode()} disabled={action.busy}>
          {linkCode ? 'Lấy mã mới' : 'Lấy mã liên kết'}
        </button>
      </div>

      <div className="card">
        <h2>Đăng xuất</h2>
        <p className="muted">Kết thúc phiên đăng nhập trên trình duyệt này.</p>
        <button type="button" onClick={() => void signOut()}>
          Đăng xuất
        </button>
      </div>
    </section>
  );
}
