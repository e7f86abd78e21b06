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
import { ReportPage } from './pages/report';
import { SetPasswordPage } from './pages/set-password';
import { StationsPage } from './pages/stations';
import { Landing } from './services/landing';
import { SessionProvider, useSession } from './session';

// Pages with Leaflet or Chart.js load on demand: the queue opens without them.
const MapPage = lazy(() => import('./pages/map'));
const AlertPage = lazy(() => import('./pages/alert'));
const StatsPage = lazy(() => import('./pages/stats'));
const TransparencyPage = lazy(() => import('./pages/transparency'));
// The station page shows a Leaflet pin map.
const StationPage = lazy(() => import('./pages/station').then((m) => ({ default: m.StationPage })));
// Officials' chat (issue 7); appointments, training and surveys (issue 9).
const ChatPage = lazy(() => import('./pages/chat'));
const HospitalsPage = lazy(() => import('./pages/hospitals'));
const AppointmentsDayPage = lazy(() => import('./pages/appointments-day'));
const CoursesPage = lazy(() => import('./pages/courses'));
const CoursePage = lazy(() => import('./pages/course'));
const SurveysPage = lazy(() => import('./pages/surveys'));
const SurveyPage = lazy(() => import('./pages/survey'));
// Public information (issue 8).
const SchedulesPage = lazy(() => import('./pages/schedules'));
const NewsPage = lazy(() => import('./pages/news'));
const ArticlePage = lazy(() => import('./pages/article'));
const EmergencyAlertsPage = lazy(() => import('./pages/emergency-alerts'));
const EmergencyAlertPage = lazy(() => import('./pages/emergency-alert'));
const InvestmentPage = lazy(() => import('./pages/investment'));
const InvestmentProjectPage = lazy(() => import('./pages/investment-project'));
const DirectoryPage = lazy(() => import('./pages/directory'));
const PlacesPage = lazy(() => import('./pages/places'));
const ProceduresPage = lazy(() => import('./pages/procedures'));
const IndicatorsPage = lazy(() => import('./pages/indicators'));
const QaPage = lazy(() => import('./pages/qa'));
const JobsPage = lazy(() => import('./pages/jobs'));
const MarketPage = lazy(() => import('./pages/market'));
const PaymentsPage = lazy(() => import('./pages/payments'));
const PaymentPage = lazy(() => import('./pages/payment'));

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
          <Route path="/" component={Landing} />
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
          {/* officials' chat (issue 7) */}
          <Route path="/tro-chuyen" component={ChatPage} />
          <Route path="/tro-chuyen/:roomId" component={ChatPage} />
          {/* appointments, training and surveys (issue 9) */}
          <Route path="/benh-vien" component={HospitalsPage} />
          <Route path="/lich-kham" component={AppointmentsDayPage} />
          <Route path="/tap-huan" component={CoursesPage} />
          <Route path="/tap-huan/:id" component={CoursePage} />
          <Route path="/khao-sat" component={SurveysPage} />
          <Route path="/khao-sat/:id" component={SurveyPage} />
          {/* public information (issue 8) */}
          <Route path="/lich-cong-tac" component={SchedulesPage} />
          <Route path="/tin-tuc" component={NewsPage} />
          <Route path="/tin-tuc/:id" component={ArticlePage} />
          <Route path="/canh-bao-khan-cap" component={EmergencyAlertsPage} />
          <Route path="/canh-bao-khan-cap/:id" component={EmergencyAlertPage} />
          <Route path="/dau-tu" component={InvestmentPage} />
          <Route path="/dau-tu/du-an/:id" component={InvestmentProjectPage} />
          <Route path="/danh-ba" component={DirectoryPage} />
          <Route path="/ban-do-so" component={PlacesPage} />
          <Route path="/dich-vu-cong" component={ProceduresPage} />
          <Route path="/chi-tieu" component={IndicatorsPage} />
          <Route path="/tuong-tac" component={QaPage} />
          <Route path="/tuong-tac/:id" component={QaPage} />
          {/* jobs (issue 10) */}
          <Route path="/viec-lam" component={JobsPage} />
          {/* agricultural market (issue 10) */}
          <Route path="/thi-truong-nong-san" component={MarketPage} />
          {/* payments (issue 10) */}
          <Route path="/thanh-toan" component={PaymentsPage} />
          <Route path="/thanh-toan/:id" component={PaymentPage} />
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
