// Answers of /api/v1/indicators (edge/src/indicators/schemas.ts).

export type Frequency = 'month' | 'quarter' | 'year';
export type Change = { absolute: number | null; percent: number | null };

export type IndicatorDefinition = {
  id: string;
  code: string;
  groupName: string;
  name: string;
  unit: string;
  description: string;
  frequency: Frequency;
  higherIsBetter: boolean;
};

export type IndicatorCard = IndicatorDefinition & {
  latest: { period: string; value: number; target: number | null } | null;
  previous: { period: string; value: number } | null;
  change: Change | null;
};

export type IndicatorGroups = { groups: { name: string; items: IndicatorCard[] }[] };

export type IndicatorValue = {
  period: string;
  value: number;
  target: number | null;
  note: string | null;
};

export type IndicatorSeries = {
  indicator: IndicatorDefinition & { updatedAt: string };
  series: IndicatorValue[];
};

export type CompareRow = Omit<IndicatorDefinition, 'description'> & {
  value: number | null;
  target: number | null;
  previous: number | null;
  change: Change | null;
};

export type Comparison = {
  period: string;
  with: string;
  frequency: Frequency;
  items: CompareRow[];
};

export type Periods = Record<Frequency, string[]>;
