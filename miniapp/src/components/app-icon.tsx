import { Icon } from 'zmp-ui';
import type { ZiIcon } from '../features';
import { ZI_SVG } from './zi-icons.gen';

const maskCache = new Map<ZiIcon, string>();
const registered = new Map<ZiIcon, string>();

/** Adds icons shipped with a lazily loaded screen (see scripts/gen-icons.ts). */
export function registerIcons(svgs: Partial<Record<ZiIcon, string>>): void {
  for (const [name, svg] of Object.entries(svgs)) {
    if (svg) registered.set(name as ZiIcon, svg);
  }
}

function maskFor(icon: ZiIcon, svg: string): string {
  let mask = maskCache.get(icon);
  if (!mask) {
    mask = `url("data:image/svg+xml,${encodeURIComponent(svg)}")`;
    maskCache.set(icon, mask);
  }
  return mask;
}

type AppIconProps = { icon: ZiIcon; size?: number; className?: string };

/**
 * A zmp-ui icon drawn from the bundled SVG (see scripts/gen-icons.ts) and painted with
 * the current text colour. An icon that was not bundled falls back to zmp-ui's own
 * <Icon>, whose font comes from Zalo's CDN.
 */
export function AppIcon({ icon, size = 24, className }: AppIconProps) {
  const svg = ZI_SVG[icon] ?? registered.get(icon);
  if (!svg) return <Icon icon={icon} size={size} className={className} />;
  const mask = maskFor(icon, svg);
  return (
    <span
      aria-hidden="true"
      className={className ? `app-icon ${className}` : 'app-icon'}
      style={{ width: size, height: size, WebkitMaskImage: mask, maskImage: mask }}
    />
  );
}
