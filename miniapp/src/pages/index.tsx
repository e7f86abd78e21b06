import { Suspense } from 'react';
import { AnimationRoutes, Route, Spinner } from 'zmp-ui';
import { FEATURES } from '../features';
import { HomePage } from './home';
import { FEATURE_PAGES } from './registry';

const featureRoutes = FEATURES.flatMap((feature) => {
  if (feature.status !== 'available') return [];
  const FeaturePage = FEATURE_PAGES[feature.id];
  return FeaturePage ? [{ path: feature.route, FeaturePage }] : [];
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
            <Suspense fallback={<Spinner />}>
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
