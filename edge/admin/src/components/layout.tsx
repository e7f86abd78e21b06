import type { ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import { holds, useMe, useSession } from '../session';
import { useUnreadCount } from './unread';

interface NavItem {
  href: string;
  label: string;
  show: boolean;
}

export function Layout({ children }: { children: ReactNode }) {
  const me = useMe();
  const { signOut } = useSession();
  const [location] = useLocation();
  const unread = useUnreadCount();
  const ioc = holds(me, 'report.intake');

  const work: NavItem[] = [
    { href: '/', label: ioc ? 'Hàng chờ IOC' : 'Phản ánh', show: holds(me, 'report.read') },
    { href: '/ban-do', label: 'Bản đồ', show: holds(me, 'report.read') },
    {
      href: '/gia-han',
      label: 'Gia hạn',
      show: holds(me, 'extension.decide') || holds(me, 'report.request_extension'),
    },
    { href: '/canh-bao', label: 'Cảnh báo sớm', show: holds(me, 'alerts.read') },
    { href: '/thong-ke', label: 'Thống kê', show: holds(me, 'stats.read') },
  ];
  const admin: NavItem[] = [
    { href: '/quan-tri/can-bo', label: 'Cán bộ', show: holds(me, 'official.manage') },
    { href: '/quan-tri/co-quan', label: 'Cơ quan', show: holds(me, 'catalog.manage') },
    { href: '/quan-tri/linh-vuc', label: 'Lĩnh vực & thời hạn', show: holds(me, 'catalog.manage') },
    { href: '/quan-tri/ngay-nghi', label: 'Ngày nghỉ lễ', show: holds(me, 'catalog.manage') },
    {
      href: '/quan-tri/canh-bao-som',
      label: 'Quy tắc cảnh báo sớm',
      show: holds(me, 'catalog.manage'),
    },
  ];
  // Weather and environment monitoring (issue 6).
  const environment: NavItem[] = [
    {
      href: '/quan-tri/tram-quan-trac',
      label: 'Trạm quan trắc',
      show: holds(me, 'environment.manage'),
    },
    {
      href: '/quan-tri/cong-du-lieu',
      label: 'Cổng dữ liệu',
      show: holds(me, 'environment.manage'),
    },
    {
      href: '/bao-cao-moi-truong',
      label: 'Báo cáo môi trường',
      show: holds(me, 'environment.publish_report'),
    },
  ];
  // Officials' chat (issue 7): every signed-in official.
  const chat: NavItem[] = [{ href: '/tro-chuyen', label: 'Trò chuyện', show: true }];
  // Appointments, training and surveys (issue 9).
  const services: NavItem[] = [
    { href: '/lich-kham', label: 'Lịch khám', show: holds(me, 'appointments.work') },
    { href: '/benh-vien', label: 'Bệnh viện', show: holds(me, 'appointments.configure') },
    { href: '/tap-huan', label: 'Tập huấn', show: holds(me, 'training.manage') },
    {
      href: '/khao-sat',
      label: 'Khảo sát',
      show: holds(me, 'surveys.manage') || holds(me, 'surveys.results'),
    },
    // Payments (issue 10): the fees citizens paid, for reconciling and refunds.
    { href: '/thanh-toan', label: 'Thanh toán', show: holds(me, 'payments.read') },
  ];
  // Public information (issue 8): each module for its editors; the Q&A for every official
  // (the handbook of answered questions is for all communes).
  const information: NavItem[] = [
    { href: '/tin-tuc', label: 'Tin tức', show: holds(me, 'news.manage') },
    {
      href: '/canh-bao-khan-cap',
      label: 'Cảnh báo khẩn cấp',
      show: holds(me, 'emergency.manage'),
    },
    { href: '/lich-cong-tac', label: 'Lịch công tác', show: holds(me, 'schedules.manage') },
    { href: '/dau-tu', label: 'Thu hút đầu tư', show: holds(me, 'investment.manage') },
    { href: '/danh-ba', label: 'Danh bạ', show: holds(me, 'directory.manage') },
    { href: '/ban-do-so', label: 'Bản đồ số', show: holds(me, 'places.manage') },
    { href: '/dich-vu-cong', label: 'Dịch vụ công', show: holds(me, 'procedures.manage') },
    { href: '/chi-tieu', label: 'Chỉ tiêu KT-XH', show: holds(me, 'indicators.manage') },
    { href: '/viec-lam', label: 'Việc làm', show: holds(me, 'jobs.moderate') },
    {
      href: '/thi-truong-nong-san',
      label: 'Thị trường nông sản',
      show: holds(me, 'market.moderate'),
    },
    { href: '/tuong-tac', label: 'Tương tác 2 cấp', show: true },
  ];
  const active = (href: string) =>
    href === '/'
      ? location === '/' || location.startsWith('/phan-anh/')
      : // Whole path segments: /ban-do must not light up on /ban-do-so.
        location === href || location.startsWith(`${href}/`);
  const item = (nav: NavItem) =>
    nav.show ? (
      <li key={nav.href}>
        <Link href={nav.href} className={active(nav.href) ? 'nav__link is-active' : 'nav__link'}>
          {nav.label}
        </Link>
      </li>
    ) : null;

  return (
    <div className="shell">
      <nav className="nav" aria-label="Điều hướng chính">
        <div className="nav__brand">
          <strong>Phản ánh hiện trường</strong>
          <span>Trang quản trị</span>
        </div>
        <ul>
          {work.map(item)}
          {chat.map(item)}
        </ul>
        {admin.some((nav) => nav.show) ? (
          <>
            <p className="nav__group">Quản trị</p>
            <ul>{admin.map(item)}</ul>
          </>
        ) : null}
        {environment.some((nav) => nav.show) ? (
          <>
            <p className="nav__group">Quan trắc môi trường</p>
            <ul>{environment.map(item)}</ul>
          </>
        ) : null}
        {services.some((nav) => nav.show) ? (
          <>
            <p className="nav__group">Dịch vụ cho người dân</p>
            <ul>{services.map(item)}</ul>
          </>
        ) : null}
        <p className="nav__group">Thông tin công khai</p>
        <ul>{information.map(item)}</ul>
        <p className="nav__group">Cá nhân</p>
        <ul>
          <li>
            <Link
              href="/thong-bao"
              className={active('/thong-bao') ? 'nav__link is-active' : 'nav__link'}
            >
              Thông báo
              {unread > 0 ? <span className="nav__badge">{unread}</span> : null}
            </Link>
          </li>
          <li>
            <Link
              href="/tai-khoan"
              className={active('/tai-khoan') ? 'nav__link is-active' : 'nav__link'}
            >
              Tài khoản
            </Link>
          </li>
          <li>
            <a className="nav__link" href="/admin/minh-bach" target="_blank" rel="noreferrer">
              Trang minh bạch ↗
            </a>
          </li>
        </ul>
        <div className="nav__me">
          <strong>{me.fullName}</strong>
          <span>{me.agencyName ?? me.agencyId}</span>
          <button type="button" className="link-button" onClick={() => void signOut()}>
            Đăng xuất
          </button>
        </div>
      </nav>
      <main className="main">{children}</main>
    </div>
  );
}
