import { lazy, type ReactNode, Suspense } from 'react';
import { Link, Route, Router, Switch, useLocation } from 'wouter';
import { PageBoundary } from './components/boundary';
import { Layout } from './components/layout';
import { AccountPage } from './pages/account';
import { AgenciesPage } from './pages/agencies';
import { AlertsPage } from './pages/alerts';
import { CategoriesPage } from './pages/categories';
import { ClusterRulesPage } from './pages/cluster-rules';
import { EnvironmentReportsPage } from './pages/environment-reports';
import { ExtensionsPage } from './pages/extensions';
import { GatewaysPage } from './pages/gateways';
import { HolidaysPage } from './pages/holidays';
import { LoginPage } from './pages/login';
import { NotificationsPage } from './pages/notifications';
import { OfficialsPage } from './pages/officials';
import { QueuePage } from './pages/queue';
import { ReportPage } from './pages/report';
import { SetPasswordPage } from './pages/set-password';
import { StationsPage } from './pages/stations';
import { SessionProvider, useSession } from './session';

// Pages with Leaflet or Chart.js load on demand: the queue opens without them.
const MapPage = lazy(() => import('./pages/map'));
const AlertPage = lazy(() => import('./pages/alert'));
const StatsPage = lazy(() => import('./pages/stats'));
const TransparencyPage = lazy(() => import('./pages/transparency'));
// The station page shows a Leaflet pin map.
const StationPage = lazy(() => import('./pages/station').then((m) => ({ default: m.StationPage })));

function Loading() {
  return <p className="muted pad">Đang tải…</p>;
}

function NotFound() {
  return (
    <section className="page">
      <h1>Không tìm thấy trang</h1>
      <p>
        <Link href="/">Về hàng chờ</Link>
      </p>
    </section>
  );
}

/** Pages that need a signed-in official: the sign-in form in their place otherwise. */
function SignedIn({ children }: { children: ReactNode }) {
  const { state } = useSession();
  // A new address starts a fresh boundary, so a failed page does not stick to the next one.
  const [location] = useLocation();
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'signed-out') return <LoginPage />;
  return (
    <Layout>
      <PageBoundary key={location}>{children}</PageBoundary>
    </Layout>
  );
}

function Pages() {
  const [location] = useLocation();
  // Public pages: no session needed (the transparency page is for everyone).
  if (location === '/minh-bach') {
    return (
      <Suspense fallback={<Loading />}>
        <TransparencyPage />
      </Suspense>
    );
  }
  if (location === '/dat-mat-khau') return <SetPasswordPage />;
  return (
    <SignedIn>
      <Suspense fallback={<Loading />}>
        <Switch>
          <Route path="/" component={QueuePage} />
          <Route path="/phan-anh/:code" component={ReportPage} />
          <Route path="/ban-do" component={MapPage} />
          <Route path="/thong-ke" component={StatsPage} />
          <Route path="/gia-han" component={ExtensionsPage} />
          <Route path="/canh-bao" component={AlertsPage} />
          <Route path="/canh-bao/:id" component={AlertPage} />
          <Route path="/quan-tri/can-bo" component={OfficialsPage} />
          <Route path="/quan-tri/co-quan" component={AgenciesPage} />
          <Route path="/quan-tri/linh-vuc" component={CategoriesPage} />
          <Route path="/quan-tri/ngay-nghi" component={HolidaysPage} />
          <Route path="/quan-tri/canh-bao-som" component={ClusterRulesPage} />
          {/* weather and environment monitoring (issue 6) */}
          <Route path="/quan-tri/tram-quan-trac" component={StationsPage} />
          <Route path="/quan-tri/tram-quan-trac/:id" component={StationPage} />
          <Route path="/quan-tri/cong-du-lieu" component={GatewaysPage} />
          <Route path="/bao-cao-moi-truong" component={EnvironmentReportsPage} />
          <Route path="/thong-bao" component={NotificationsPage} />
          <Route path="/tai-khoan" component={AccountPage} />
          <Route component={NotFound} />
        </Switch>
      </Suspense>
    </SignedIn>
  );
}

export function App() {
  return (
    <Router base="/admin">
      <SessionProvider>
        <Pages />
      </SessionProvider>
    </Router>
  );
}
