import { Suspense } from 'react';
import { AnimationRoutes, Route } from 'zmp-ui';
import { PageLoading } from '../components/page-loading';
import { FEATURES } from '../features';
import { HomePage } from './home';
import { FEATURE_PAGES, FEATURE_SUBPAGES } from './registry';

const featureRoutes = FEATURES.flatMap((feature) => {
  if (feature.status !== 'available') return [];
  const FeaturePage = FEATURE_PAGES[feature.id];
  if (!FeaturePage) return [];
  const subpages = Object.entries(FEATURE_SUBPAGES[feature.id] ?? {}).map(([path, Page]) => ({
    path: `${feature.route}/${path}`,
    FeaturePage: Page,
  }));
  return [{ path: feature.route, FeaturePage }, ...subpages];
});

export function AppRoutes() {
  return (
    <AnimationRoutes>
      <Route path="/" element={<HomePage />} />
      {featureRoutes.map(({ path, FeaturePage }) => (
        <Route
          key={path}
          path={path}
          element={
            <Suspense fallback={<PageLoading />}>
              <FeaturePage />
            </Suspense>
          }
        />
      ))}
      {/* Unknown paths (an old link, a mistyped URL) land on the home screen, not a blank page. */}
      <Route path="*" element={<HomePage />} />
    </AnimationRoutes>
  );
}
