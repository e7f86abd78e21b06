import type { InStatement } from '@libsql/client';
import { foldVietnamese } from '../edge/src/platform/text';

// The demo socio-economic indicators of local development (`npm start`) and of the browser
// test: about fifteen indicators of Hậu Giang kept by the provincial statistics office
// (thong_ke_tinh, demo editor thongke@demo.gov.vn), with yearly values 2020–2025 and
// quarterly values for the last eight quarters, plus one draft. The figures are plausible,
// not official. Development only: no deployment path imports this module.
//
// Idempotent, with fixed ids: indicators and values are only added (an editor's changes and
// imports survive a restart).

interface Client {
  batch(statements: InStatement[], mode?: 'write'): Promise<unknown>;
  execute(stmt: InStatement): Promise<unknown>;
}

export const DEMO_INDICATOR_AGENCY = 'thong_ke_tinh';
export const DEMO_INDICATOR_EDITOR = 'demo-thongke';

interface DemoIndicator {
  code: string;
  group: string;
  name: string;
  unit: string;
  en: { name: string; unit: string; groupName: string };
  higherIsBetter: boolean;
  /** Yearly values 2020–2025. */
  years: number[];
  /** Yearly plan targets 2024, 2025 when the resolution set one. */
  targets?: [number, number];
  /** Quarterly figures, as a share of the year (sums of flows) or as the level (rates). */
  quarterly?: 'flow' | 'level';
  description: string;
}

const ECO = { vi: 'Kinh tế', en: 'Economy' };
const SOC = { vi: 'Xã hội', en: 'Society' };
const ENV = { vi: 'Môi trường', en: 'Environment' };
const AGR = { vi: 'Nông nghiệp', en: 'Agriculture' };

const INDICATORS: DemoIndicator[] = [
  {
    code: 'GRDP_TANG_TRUONG',
    group: ECO.vi,
    name: 'Tốc độ tăng trưởng GRDP',
    unit: '%',
    en: { name: 'GRDP growth rate', unit: '%', groupName: ECO.en },
    higherIsBetter: true,
    years: [2.6, 3.1, 7.2, 6.9, 7.5, 8.1],
    targets: [7.0, 8.0],
    quarterly: 'level',
    description: 'Tổng sản phẩm trên địa bàn tỉnh so với cùng kỳ năm trước (giá so sánh 2010).',
  },
  {
    code: 'GRDP_BINH_QUAN',
    group: ECO.vi,
    name: 'GRDP bình quân đầu người',
    unit: 'triệu đồng',
    en: { name: 'GRDP per capita', unit: 'million VND', groupName: ECO.en },
    higherIsBetter: true,
    years: [55.2, 58.4, 63.9, 69.5, 75.3, 81.6],
    targets: [74, 80],
    description: 'Giá hiện hành.',
  },
  {
    code: 'THU_NGAN_SACH',
    group: ECO.vi,
    name: 'Thu ngân sách trên địa bàn',
    unit: 'tỷ đồng',
    en: { name: 'Budget revenue', unit: 'billion VND', groupName: ECO.en },
    higherIsBetter: true,
    years: [5210, 5480, 6315, 6020, 6870, 7450],
    targets: [6500, 7200],
    quarterly: 'flow',
    description: 'Tổng thu ngân sách nhà nước trên địa bàn.',
  },
  {
    code: 'XUAT_KHAU',
    group: ECO.vi,
    name: 'Kim ngạch xuất khẩu',
    unit: 'triệu USD',
    en: { name: 'Export turnover', unit: 'million USD', groupName: ECO.en },
    higherIsBetter: true,
    years: [585, 612, 705, 742, 818, 905],
    targets: [800, 900],
    quarterly: 'flow',
    description: 'Chủ yếu thủy sản, gạo, may mặc.',
  },
  {
    code: 'VON_DAU_TU',
    group: ECO.vi,
    name: 'Tổng vốn đầu tư toàn xã hội',
    unit: 'tỷ đồng',
    en: { name: 'Total social investment', unit: 'billion VND', groupName: ECO.en },
    higherIsBetter: true,
    years: [19800, 20500, 22750, 24100, 26400, 29200],
    quarterly: 'flow',
    description: 'Thực hiện trên địa bàn tỉnh.',
  },
  {
    code: 'DN_THANH_LAP',
    group: ECO.vi,
    name: 'Số doanh nghiệp thành lập mới',
    unit: 'doanh nghiệp',
    en: { name: 'Newly established enterprises', unit: 'enterprises', groupName: ECO.en },
    higherIsBetter: true,
    years: [402, 381, 455, 470, 512, 560],
    targets: [500, 550],
    quarterly: 'flow',
    description: 'Đăng ký thành lập mới trong kỳ.',
  },
  {
    code: 'TY_LE_HO_NGHEO',
    group: SOC.vi,
    name: 'Tỷ lệ hộ nghèo',
    unit: '%',
    en: { name: 'Poverty rate', unit: '%', groupName: SOC.en },
    higherIsBetter: false,
    years: [4.9, 4.3, 3.8, 3.1, 2.6, 2.1],
    targets: [2.8, 2.2],
    description: 'Theo chuẩn nghèo đa chiều giai đoạn 2022–2025.',
  },
  {
    code: 'BHYT',
    group: SOC.vi,
    name: 'Tỷ lệ dân số tham gia bảo hiểm y tế',
    unit: '%',
    en: { name: 'Health insurance coverage', unit: '%', groupName: SOC.en },
    higherIsBetter: true,
    years: [89.1, 90.4, 91.2, 92.5, 93.1, 94.0],
    targets: [93, 95],
    quarterly: 'level',
    description: 'Trên tổng dân số.',
  },
  {
    code: 'THAT_NGHIEP',
    group: SOC.vi,
    name: 'Tỷ lệ thất nghiệp',
    unit: '%',
    en: { name: 'Unemployment rate', unit: '%', groupName: SOC.en },
    higherIsBetter: false,
    years: [2.9, 3.4, 2.6, 2.4, 2.3, 2.2],
    quarterly: 'level',
    description: 'Lực lượng lao động trong độ tuổi.',
  },
  {
    code: 'LAO_DONG_VIEC_LAM',
    group: SOC.vi,
    name: 'Lao động được giải quyết việc làm',
    unit: 'người',
    en: { name: 'Workers placed in jobs', unit: 'people', groupName: SOC.en },
    higherIsBetter: true,
    years: [15200, 14800, 16100, 16900, 17300, 18000],
    targets: [17000, 17500],
    quarterly: 'flow',
    description: 'Bao gồm xuất khẩu lao động.',
  },
  {
    code: 'NUOC_SACH',
    group: ENV.vi,
    name: 'Tỷ lệ dân số dùng nước sạch',
    unit: '%',
    en: { name: 'Population with clean water', unit: '%', groupName: ENV.en },
    higherIsBetter: true,
    years: [78.5, 81.0, 84.2, 86.9, 89.3, 91.5],
    targets: [89, 92],
    description: 'Nước sạch đạt quy chuẩn, khu vực thành thị và nông thôn.',
  },
  {
    code: 'RAC_THU_GOM',
    group: ENV.vi,
    name: 'Tỷ lệ chất thải rắn đô thị được thu gom',
    unit: '%',
    en: { name: 'Urban solid waste collected', unit: '%', groupName: ENV.en },
    higherIsBetter: true,
    years: [90.2, 91.5, 93.0, 94.1, 95.2, 96.0],
    description: 'Khu vực đô thị.',
  },
  {
    code: 'SAN_LUONG_LUA',
    group: AGR.vi,
    name: 'Sản lượng lúa',
    unit: 'nghìn tấn',
    en: { name: 'Rice output', unit: 'thousand tonnes', groupName: AGR.en },
    higherIsBetter: true,
    years: [1262, 1240, 1288, 1305, 1296, 1318],
    quarterly: 'flow',
    description: 'Cả năm, các vụ Đông Xuân, Hè Thu, Thu Đông.',
  },
  {
    code: 'THUY_SAN',
    group: AGR.vi,
    name: 'Sản lượng thủy sản',
    unit: 'nghìn tấn',
    en: { name: 'Fisheries output', unit: 'thousand tonnes', groupName: AGR.en },
    higherIsBetter: true,
    years: [78.2, 80.1, 82.6, 85.4, 88.0, 90.3],
    quarterly: 'flow',
    description: 'Nuôi trồng và khai thác.',
  },
  {
    code: 'XA_NONG_THON_MOI',
    group: AGR.vi,
    name: 'Số xã đạt chuẩn nông thôn mới',
    unit: 'xã',
    en: { name: 'Communes meeting new-rural standards', unit: 'communes', groupName: AGR.en },
    higherIsBetter: true,
    years: [35, 39, 42, 45, 48, 51],
    targets: [47, 51],
    description: 'Lũy kế.',
  },
];

const DRAFT: DemoIndicator = {
  code: 'CHI_SO_PCI',
  group: ECO.vi,
  name: 'Chỉ số năng lực cạnh tranh cấp tỉnh (PCI)',
  unit: 'điểm',
  en: { name: 'Provincial competitiveness index', unit: 'points', groupName: ECO.en },
  higherIsBetter: true,
  years: [64.2, 63.8, 65.1, 66.0, 66.7, 67.2],
  description: 'Bản nháp: chờ công bố chính thức.',
};

const YEARS = [2020, 2021, 2022, 2023, 2024, 2025];
// Seasonal shares of a year's flow by quarter (rice peaks in Q1 and Q3 harvests).
const SHARES = [0.22, 0.24, 0.26, 0.28];

export const demoIndicatorId = (code: string) =>
  `demo-ind-${code.toLowerCase().replace(/_/g, '-')}`;

/** The last 8 quarters up to the quarter before `now`'s (the figures of a closed quarter). */
export function lastQuarters(now: Date, count = 8): string[] {
  const local = new Date(now.getTime() + 7 * 3_600_000);
  let year = local.getUTCFullYear();
  let q = Math.floor(local.getUTCMonth() / 3); // the previous quarter (0 → Q4 of last year)
  if (q === 0) {
    q = 4;
    year--;
  }
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    out.unshift(`${year}-Q${q}`);
    q--;
    if (q === 0) {
      q = 4;
      year--;
    }
  }
  return out;
}

/** Rows (code, period, value, target) of the demo values: the fixtures are written from them. */
export function demoValues(now: Date, list = INDICATORS) {
  const quarters = lastQuarters(now);
  const rows: { code: string; period: string; value: number; target: number | null }[] = [];
  for (const ind of list) {
    ind.years.forEach((value, i) => {
      const year = YEARS[i] as number;
      const target = ind.targets && year >= 2024 ? (ind.targets[year - 2024] as number) : null;
      rows.push({ code: ind.code, period: String(year), value, target });
    });
    if (!ind.quarterly) continue;
    for (const period of quarters) {
      const year = Number(period.slice(0, 4));
      const q = Number(period.slice(-1));
      const base = ind.years[Math.min(YEARS.length - 1, Math.max(0, year - 2020))] as number;
      // A small, fixed wobble so the chart is not a straight line.
      const wobble = 1 + ((q * 7 + year) % 5) / 100 - 0.02;
      const raw =
        ind.quarterly === 'flow' ? base * (SHARES[q - 1] as number) * wobble : base * wobble;
      const digits = Math.abs(raw) >= 1000 ? 0 : Math.abs(raw) >= 100 ? 1 : 2;
      rows.push({ code: ind.code, period, value: Number(raw.toFixed(digits)), target: null });
    }
  }
  return rows;
}

export async function seedDemoIndicators(client: Client, now = new Date()): Promise<void> {
  const at = now.toISOString();
  const statements: InStatement[] = [];
  const all = [
    ...INDICATORS.map((i) => ({ ...i, status: 'published' })),
    { ...DRAFT, status: 'draft' },
  ];
  all.forEach((ind, order) => {
    const id = demoIndicatorId(ind.code);
    statements.push({
      sql: `insert into indicators (id, code, agency_id, group_name, name, unit, description, frequency,
              higher_is_better, en, sort_order, status, published_at, version, created_by, updated_by,
              created_at, updated_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?)
            on conflict do nothing`,
      args: [
        id,
        ind.code,
        DEMO_INDICATOR_AGENCY,
        ind.group,
        ind.name,
        ind.unit,
        ind.description,
        ind.quarterly ? 'quarter' : 'year',
        ind.higherIsBetter ? 1 : 0,
        JSON.stringify(ind.en),
        order * 10,
        ind.status,
        ind.status === 'published' ? at : null,
        DEMO_INDICATOR_EDITOR,
        DEMO_INDICATOR_EDITOR,
        at,
        at,
      ],
    });
    // The index entry, folded as edge/src/content/search-index.ts folds it.
    const body = foldVietnamese(
      [ind.code, ind.name, ind.group, ind.description, ind.en.name, ind.en.groupName].join(' \n '),
    );
    statements.push(
      {
        sql: 'insert into content_search_docs (kind, ref_id) values (?, ?) on conflict do nothing',
        args: ['indicator', id],
      },
      {
        sql: 'delete from content_search where rowid = (select id from content_search_docs where kind = ? and ref_id = ?)',
        args: ['indicator', id],
      },
      {
        sql: 'insert into content_search (rowid, kind, body) select id, ?, ? from content_search_docs where kind = ? and ref_id = ?',
        args: ['indicator', body, 'indicator', id],
      },
    );
  });
  // An indicator has one frequency: a quarterly one keeps its quarters (derived from the
  // yearly figures above), a yearly one its years.
  for (const v of demoValues(now, [...INDICATORS, DRAFT])) {
    const ind = [...INDICATORS, DRAFT].find((i) => i.code === v.code);
    const quarterly = !!ind?.quarterly;
    if (quarterly !== v.period.includes('Q')) continue;
    statements.push({
      sql: `insert into indicator_values (indicator_id, period, value, target, note, import_id, updated_by, updated_at)
            values (?, ?, ?, ?, null, null, ?, ?) on conflict do nothing`,
      args: [demoIndicatorId(v.code), v.period, v.value, v.target, DEMO_INDICATOR_EDITOR, at],
    });
  }
  statements.push({
    sql: `insert into content_versions (module, version, updated_at) values ('indicators', 1, ?)
          on conflict (module) do update set version = version + 1, updated_at = excluded.updated_at`,
    args: [at],
  });
  await client.batch(statements, 'write');
}
