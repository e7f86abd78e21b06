import { z } from 'zod';
import adminUnitsJson from '../../../fixtures/admin-units.json';
import categoriesJson from '../../../fixtures/categories.json';
import clusterRulesJson from '../../../fixtures/cluster-rules.json';
import holidaysJson from '../../../fixtures/holidays.json';
import { ADMIN_KINDS } from '../schema/admin-units';

// The fixtures are deployment configuration, so they are validated like any
// other input: a typo in a JSON file must stop the seed with a clear message,
// not leave a half-seeded database.
const id = z.string().regex(/^[a-z0-9_-]+$/, 'id: chữ thường, số, "_" hoặc "-"');

const categoriesFile = z.object({
  categories: z
    .array(
      z.object({
        id,
        name: z.string().min(1),
        en: z.string().min(1),
        examples: z.string(),
        default_agency: id,
        sla_hours: z.number().int().positive(),
      }),
    )
    .min(1),
  agencies: z.array(z.object({ id, name: z.string().min(1) })).min(1),
});

const coordinate = { lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) };

const adminUnitsFile = z.object({
  province: z.object({
    id,
    name: z.string().min(1),
    kind: z.enum(ADMIN_KINDS),
    ...coordinate,
    bounds: z.object({ south: z.number(), west: z.number(), north: z.number(), east: z.number() }),
  }),
  units: z
    .array(
      z.object({
        id,
        name: z.string().min(1),
        kind: z.enum(ADMIN_KINDS),
        formerDistrict: z.string().optional(),
        ...coordinate,
      }),
    )
    .min(1),
});

const holidaysFile = z.object({
  holidays: z.array(
    z.object({
      date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date: YYYY-MM-DD'),
      name: z.string().min(1),
      provisional: z.boolean().optional(),
    }),
  ),
});

const clusterRule = z.object({
  minReports: z.number().int().min(2).max(1000),
  radiusMetres: z.number().int().min(50).max(20000),
  windowHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30),
  enabled: z.boolean(),
});
const clusterRulesFile = z.object({
  default: clusterRule,
  rules: z.record(z.string(), clusterRule),
});

export type ClusterRulesFixture = z.infer<typeof clusterRulesFile>;
export type HolidaysFixture = z.infer<typeof holidaysFile>;
export type CategoriesFixture = z.infer<typeof categoriesFile>;
export type AdminUnitsFixture = z.infer<typeof adminUnitsFile>;

export function loadFixtures(): {
  categories: CategoriesFixture;
  adminUnits: AdminUnitsFixture;
  holidays: HolidaysFixture;
  clusterRules: ClusterRulesFixture;
} {
  const categories = categoriesFile.parse(categoriesJson);
  const agencyIds = new Set(categories.agencies.map((a) => a.id));
  for (const c of categories.categories) {
    if (!agencyIds.has(c.default_agency)) {
      throw new Error(
        `fixtures/categories.json: lĩnh vực "${c.id}" trỏ tới cơ quan không có: ${c.default_agency}`,
      );
    }
  }
  const adminUnits = adminUnitsFile.parse(adminUnitsJson);
  const { bounds } = adminUnits.province;
  for (const u of adminUnits.units) {
    if (
      u.lat < bounds.south ||
      u.lat > bounds.north ||
      u.lng < bounds.west ||
      u.lng > bounds.east
    ) {
      throw new Error(`fixtures/admin-units.json: "${u.id}" nằm ngoài ranh giới tỉnh`);
    }
  }
  const clusterRules = clusterRulesFile.parse(clusterRulesJson);
  const categoryIds = new Set(categories.categories.map((c) => c.id));
  for (const key of Object.keys(clusterRules.rules)) {
    if (!categoryIds.has(key)) {
      throw new Error(`fixtures/cluster-rules.json: lĩnh vực không có: ${key}`);
    }
  }
  return { categories, adminUnits, holidays: holidaysFile.parse(holidaysJson), clusterRules };
}
