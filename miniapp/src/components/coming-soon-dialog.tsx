import { Button, Modal } from 'zmp-ui';
import { APP_NAME } from '../config';
import type { Feature } from '../features';
import { useLanguage, useT } from '../i18n/use-t';
import { AppIcon } from './app-icon';
import { ComingSoonBadge } from './coming-soon-badge';

type ComingSoonDialogProps = {
  /** Kept while the dialog fades out so its text does not vanish mid-animation. */
  feature: Feature | undefined;
  visible: boolean;
  onClose: () => void;
};

/**
 * Says what a function will do and that it is not there yet, instead of an empty page.
 * A Modal rather than zmp-ui's Sheet: the Sheet pulls in react-spring, use-gesture and a
 * ResizeObserver polyfill, 75 KB of minified JavaScript on the home screen (a fifth of
 * it), for one slide-up animation.
 */
export function ComingSoonDialog({ feature, visible, onClose }: ComingSoonDialogProps) {
  const [language] = useLanguage();
  const t = useT();
  // Someone looking for the directory may need an emergency number right now.
  const pointToEmergency = feature?.id === 'directory';
  return (
    <Modal visible={visible} onClose={onClose} maskClosable width="calc(100vw - 32px)">
      {feature ? (
        <div className="coming-soon">
          <span className={`coming-soon__icon tile--${feature.group}`}>
            <AppIcon icon={feature.icon} size={32} />
          </span>
          <h2 className="coming-soon__title">{feature.label[language]}</h2>
          <ComingSoonBadge />
          <p className="coming-soon__description">{feature.description[language]}</p>
          <p className="coming-soon__body">{t('comingSoon.body', { app: APP_NAME })}</p>
          {feature.audience === 'officials' ? (
            <p className="coming-soon__note">{t('comingSoon.officials')}</p>
          ) : null}
          {pointToEmergency ? (
            <p className="coming-soon__note">{t('comingSoon.emergency')}</p>
          ) : null}
          <Button fullWidth onClick={onClose}>
            {t('comingSoon.ok')}
          </Button>
        </div>
      ) : null}
    </Modal>
  );
}
