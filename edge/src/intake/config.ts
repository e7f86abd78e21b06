import type { Env } from '../platform/env';

// Smart intake settings are configuration (wrangler.toml [vars]); a bad value falls back to
// the default rather than stopping report intake.

export interface IntakeConfig {
  /**
   * Route reports on arrival at all. Off: every report waits in the IOC queue with the
   * classifier's suggestion (e.g. the first weeks of a deployment, while the IOC checks the
   * suggestions on local reports).
   */
  autoRoute: boolean;
  /**
   * Classifier confidence from which a report is routed on arrival even when the citizen
   * picked another category. 0.75 is the lowest threshold whose auto-routed reports were ≥ 95 %
   * correct on the held-out split (`npm run eval:classifier` prints the table); above 1 turns
   * confident routing off (agreement with the citizen's category still routes).
   */
  autoRouteThreshold: number;
  /** Duplicate search: open reports within this distance of the new one, metres. */
  duplicateRadiusMetres: number;
  /** Duplicate search: open reports created within this many days. */
  duplicateWindowDays: number;
}

export const DEFAULT_INTAKE_CONFIG: IntakeConfig = {
  autoRoute: true,
  autoRouteThreshold: 0.75,
  duplicateRadiusMetres: 250,
  duplicateWindowDays: 30,
};

function numberIn(
  value: string | number | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  if (value === undefined || value === '') return fallback;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) && n >= min && n <= max ? n : fallback;
}

export function intakeConfig(env: Partial<Env>): IntakeConfig {
  const d = DEFAULT_INTAKE_CONFIG;
  return {
    autoRoute:
      String(env.INTAKE_AUTO_ROUTE ?? 'on')
        .trim()
        .toLowerCase() !== 'off',
    autoRouteThreshold: numberIn(env.INTAKE_AUTO_ROUTE_THRESHOLD, d.autoRouteThreshold, 0, 1.01),
    duplicateRadiusMetres: Math.round(
      numberIn(env.DUPLICATE_RADIUS_METRES, d.duplicateRadiusMetres, 10, 5000),
    ),
    duplicateWindowDays: Math.round(
      numberIn(env.DUPLICATE_WINDOW_DAYS, d.duplicateWindowDays, 1, 365),
    ),
  };
}
