// Emergency alerts as /api/v1/emergency-alerts answers them (edge/src/emergency/live.ts).

export type Severity = 'extreme' | 'severe' | 'moderate' | 'minor';
export type Hazard =
  | 'storm'
  | 'flood'
  | 'salinity'
  | 'drought'
  | 'landslide'
  | 'epidemic'
  | 'fire'
  | 'pollution'
  | 'infrastructure'
  | 'other';

export interface PublicAlert {
  id: string;
  hazard: Hazard;
  severity: Severity;
  urgency: string;
  certainty: string;
  headline: string;
  description: string;
  instruction: string;
  provinceWide: boolean;
  areas: { id: string; name: string }[];
  onsetAt: string;
  expiresAt: string;
  publishedAt: string | null;
  revision: number;
  agency: { id: string; name: string };
}

export type AlertState = 'live' | 'upcoming' | 'expired' | 'cancelled';

export interface AlertDetail extends PublicAlert {
  state: AlertState;
  cancelledAt: string | null;
}

export interface AlertList {
  items: PublicAlert[];
  recent: AlertDetail[];
}
