import { useState } from 'react';
import { Page, useNavigate } from 'zmp-ui';
import { ComingSoonDialog } from '../../components/coming-soon-dialog';
import { EmergencyCalls } from '../../components/emergency-calls';
import { FeatureTile } from '../../components/feature-tile';
import { FlagshipCard } from '../../components/flagship-card';
import { HomeHeader } from '../../components/home-header';
import { FEATURE_GROUPS, FEATURES, type Feature, featuresInGroup } from '../../features';
import { useT } from '../../i18n/use-t';
import { HomeNews } from './home-news';

const GROUP_TITLE = {
  publicServices: 'group.publicServices',
  information: 'group.information',
  economy: 'group.economy',
  officials: 'group.officials',
} as const;

export function HomePage() {
  const t = useT();
  const navigate = useNavigate();
  const [selected, setSelected] = useState<Feature>();
  const [dialogVisible, setDialogVisible] = useState(false);

  const open = (feature: Feature) => {
    if (feature.status === 'available') {
      navigate(feature.route);
      return;
    }
    setSelected(feature);
    setDialogVisible(true);
  };

  const comingSoonCount = FEATURES.filter((f) => f.status === 'coming_soon').length;

  return (
    <Page className="home" hideScrollbar>
      <HomeHeader />
      <main className="home__content">
        <HomeNews />
        {featuresInGroup('flagship').map((feature) => (
          <FlagshipCard key={feature.id} feature={feature} onOpen={open} />
        ))}
        <EmergencyCalls />
        {FEATURE_GROUPS.map((group) => {
          if (group === 'flagship') return null;
          const features = featuresInGroup(group);
          return (
            <section key={group} className="group" aria-labelledby={`group-${group}`}>
              <h2 id={`group-${group}`} className="section-title">
                {t(GROUP_TITLE[group])}
              </h2>
              <ul
                className={
                  features.length === 1 ? 'card tile-grid tile-grid--row' : 'card tile-grid'
                }
              >
                {features.map((feature) => (
                  <FeatureTile key={feature.id} feature={feature} onOpen={open} />
                ))}
              </ul>
            </section>
          );
        })}
        {comingSoonCount > 0 ? (
          <p className="home__footer">{t('home.footer', { count: comingSoonCount })}</p>
        ) : null}
      </main>
      <ComingSoonDialog
        feature={selected}
        visible={dialogVisible}
        onClose={() => setDialogVisible(false)}
      />
    </Page>
  );
}
