import type { InStatement } from '@libsql/client';
import { foldVietnamese } from '../edge/src/platform/text';

// The demo investment promotion content of local development (`npm start`) and of the browser
// test: projects calling for investment in Hậu Giang and two incentive policies of the
// Department of Finance (so_tai_chinh, whose demo editor is dautu@demo.gov.vn), plus one draft
// project that must not show in the app. Figures are plausible examples, not official data.
// No documents: files live in R2, which the seed does not reach; an editor uploads them in
// the web admin. Development only: no deployment path imports this module.
//
// Idempotent, with fixed ids: rows are only added (an editor's changes survive a restart); the
// search index entries are rewritten from what is stored, as the API writes them.

interface Client {
  batch(statements: InStatement[], mode?: 'write'): Promise<unknown>;
}

export const DEMO_INVESTMENT_AGENCY = 'so_tai_chinh';
export const DEMO_INVESTMENT_EDITOR = 'demo-dautu';

const DAY = 86_400_000;

interface DemoProject {
  id: string;
  sectorId: string;
  title: string;
  summary: string;
  bodyHtml: string;
  location: string;
  communeId: string;
  lat: number;
  lng: number;
  areaHectares: number;
  capitalVnd: number;
  stage: 'calling' | 'negotiating' | 'licensed' | 'closed';
  status: 'published' | 'draft';
  daysAgo: number;
  en: { title: string; summary: string; location: string; bodyHtml: string };
}

const BILLION = 1_000_000_000;

export const DEMO_PROJECTS: DemoProject[] = [
  {
    id: 'demo-inv-kcn-song-hau',
    sectorId: 'cong-nghiep-ho-tro',
    title: 'Hạ tầng Khu công nghiệp Sông Hậu – giai đoạn 2',
    summary:
      'Kêu gọi nhà đầu tư xây dựng và kinh doanh hạ tầng khu công nghiệp ven sông Hậu, gần Quốc lộ 1 và cảng Cái Cui.',
    bodyHtml:
      '<p>Khu đất đã có quy hoạch phân khu, ưu tiên ngành <strong>chế biến nông sản, cơ khí, công nghiệp hỗ trợ</strong>.</p><ul><li>Cách trung tâm Cần Thơ khoảng 20 km</li><li>Tiếp giáp tuyến đường thủy sông Hậu, tàu 10.000 tấn</li><li>Nguồn điện 110 kV đã có trong khu vực</li></ul><p>Nhà đầu tư được hưởng ưu đãi theo chính sách khu công nghiệp của tỉnh.</p>',
    location: 'Khu công nghiệp Sông Hậu, xã Châu Thành',
    communeId: 'chau-thanh',
    lat: 9.9586,
    lng: 105.8461,
    areaHectares: 150,
    capitalVnd: 1_800 * BILLION,
    stage: 'calling',
    status: 'published',
    daysAgo: 3,
    en: {
      title: 'Song Hau Industrial Park infrastructure – phase 2',
      summary:
        'Seeking an investor to build and operate industrial park infrastructure on the Hau River, near National Road 1 and Cai Cui port.',
      location: 'Song Hau Industrial Park, Chau Thanh commune',
      bodyHtml:
        '<p>Zoning is approved; priority industries are <strong>agricultural processing, engineering and supporting industries</strong>.</p><ul><li>About 20 km from central Can Tho</li><li>On the Hau River waterway, 10,000-tonne vessels</li><li>110 kV power available nearby</li></ul>',
    },
  },
  {
    id: 'demo-inv-khom-cau-duc',
    sectorId: 'che-bien-nong-san',
    title: 'Nhà máy chế biến khóm (dứa) Cầu Đúc',
    summary:
      'Nhà máy chế biến khóm Cầu Đúc đạt chuẩn xuất khẩu: nước ép cô đặc, khóm đóng hộp, sấy dẻo, gần vùng nguyên liệu chỉ dẫn địa lý.',
    bodyHtml:
      '<p>Vùng khóm Cầu Đúc hơn <strong>2.000 ha</strong> cung cấp nguyên liệu quanh năm. Dự án gồm nhà máy chế biến công suất dự kiến 50.000 tấn quả/năm và kho lạnh.</p><p>Tỉnh hỗ trợ kết nối hợp tác xã trồng khóm để bảo đảm nguồn nguyên liệu ổn định.</p>',
    location: 'Xã Hỏa Lựu (vùng khóm Cầu Đúc), gần Quốc lộ 61C',
    communeId: 'hoa-luu',
    lat: 9.7655,
    lng: 105.4958,
    areaHectares: 8.5,
    capitalVnd: 450 * BILLION,
    stage: 'calling',
    status: 'published',
    daysAgo: 5,
    en: {
      title: 'Cau Duc pineapple processing plant',
      summary:
        'Export-grade pineapple processing (concentrate, canned, dried) next to the Cau Duc geographical-indication growing area.',
      location: 'Hoa Luu commune (Cau Duc pineapple area), near National Road 61C',
      bodyHtml:
        '<p>More than <strong>2,000 ha</strong> of Cau Duc pineapple supply fruit all year. Planned capacity is 50,000 tonnes of fruit a year, with cold storage.</p>',
    },
  },
  {
    id: 'demo-inv-dien-mat-troi',
    sectorId: 'nang-luong',
    title: 'Điện mặt trời kết hợp nuôi trồng thủy sản Long Mỹ',
    summary:
      'Điện mặt trời lắp trên mặt nước ao nuôi, kết hợp nuôi thủy sản dưới tấm pin, đấu nối lưới điện 110 kV.',
    bodyHtml:
      '<p>Mô hình <em>điện – thủy sản</em> tận dụng diện tích mặt nước, giảm bốc hơi và nhiệt độ nước ao nuôi.</p><p>Nhà đầu tư cần có kinh nghiệm vận hành nhà máy điện mặt trời và phương án đấu nối được ngành điện chấp thuận.</p>',
    location: 'Phường Long Mỹ',
    communeId: 'long-my',
    lat: 9.6786,
    lng: 105.5692,
    areaHectares: 45,
    capitalVnd: 900 * BILLION,
    stage: 'negotiating',
    status: 'published',
    daysAgo: 12,
    en: {
      title: 'Long My solar power with aquaculture',
      summary:
        'Floating solar over aquaculture ponds, with fish farming under the panels, connected to the 110 kV grid.',
      location: 'Long My ward',
      bodyHtml:
        '<p>The <em>solar–aquaculture</em> model uses pond surfaces and lowers evaporation and water temperature.</p>',
    },
  },
  {
    id: 'demo-inv-logistics-cai-cui',
    sectorId: 'ha-tang-logistics',
    title: 'Trung tâm logistics kết nối cảng Cái Cui',
    summary:
      'Kho bãi, trung tâm phân phối và bến thủy nội địa phục vụ hàng nông sản, kết nối cảng Cái Cui và cao tốc Cần Thơ – Cà Mau.',
    bodyHtml:
      '<p>Trung tâm gồm <strong>kho lạnh, kho khô, bãi container</strong> và bến thủy nội địa trên sông Hậu.</p><p>Vị trí thuận lợi gom hàng lúa gạo, trái cây, thủy sản của vùng Tây sông Hậu.</p>',
    location: 'Xã Phú Hữu, ven sông Hậu',
    communeId: 'phu-huu',
    lat: 9.9325,
    lng: 105.8762,
    areaHectares: 60,
    capitalVnd: 1_200 * BILLION,
    stage: 'calling',
    status: 'published',
    daysAgo: 1,
    en: {
      title: 'Logistics centre linked to Cai Cui port',
      summary:
        'Warehousing, a distribution centre and an inland wharf for farm produce, linked to Cai Cui port and the Can Tho – Ca Mau expressway.',
      location: 'Phu Huu commune, on the Hau River',
      bodyHtml:
        '<p>Includes <strong>cold and dry storage, a container yard</strong> and an inland wharf on the Hau River.</p>',
    },
  },
  {
    id: 'demo-inv-nong-nghiep-cnc',
    sectorId: 'nong-nghiep-cong-nghe-cao',
    title: 'Khu nông nghiệp ứng dụng công nghệ cao Vị Thủy',
    summary:
      'Vùng sản xuất lúa chất lượng cao, rau màu nhà kính và trung tâm giống, liên kết tiêu thụ với hợp tác xã.',
    bodyHtml:
      '<p>Quỹ đất tập trung, hệ thống thủy lợi hoàn chỉnh. Ưu tiên nhà đầu tư có công nghệ <strong>tưới tiết kiệm, nhà kính, truy xuất nguồn gốc</strong>.</p>',
    location: 'Xã Vị Thủy',
    communeId: 'vi-thuy',
    lat: 9.8009,
    lng: 105.5541,
    areaHectares: 200,
    capitalVnd: 650 * BILLION,
    stage: 'calling',
    status: 'published',
    daysAgo: 8,
    en: {
      title: 'Vi Thuy high-tech agriculture zone',
      summary:
        'High-quality rice, greenhouse vegetables and a seed centre, with offtake agreements through cooperatives.',
      location: 'Vi Thuy commune',
      bodyHtml:
        '<p>Consolidated land with complete irrigation. Preference for <strong>water-saving irrigation, greenhouse and traceability</strong> technology.</p>',
    },
  },
  {
    id: 'demo-inv-lung-ngoc-hoang',
    sectorId: 'du-lich',
    title: 'Khu du lịch sinh thái Lung Ngọc Hoàng',
    summary:
      'Du lịch sinh thái, trải nghiệm rừng tràm và đất ngập nước, khu lưu trú thân thiện môi trường.',
    bodyHtml:
      '<p>Dự án nằm ở vùng đệm khu bảo tồn thiên nhiên, phải tuân thủ quy định bảo vệ rừng và đa dạng sinh học.</p>',
    location: 'Xã Phương Bình, vùng đệm Khu bảo tồn Lung Ngọc Hoàng',
    communeId: 'phuong-binh',
    lat: 9.7246,
    lng: 105.6731,
    areaHectares: 30,
    capitalVnd: 300 * BILLION,
    stage: 'licensed',
    status: 'published',
    daysAgo: 20,
    en: {
      title: 'Lung Ngoc Hoang eco-tourism area',
      summary: 'Eco-tourism in melaleuca forest and wetland, with low-impact lodging.',
      location: 'Phuong Binh commune, buffer zone of Lung Ngoc Hoang nature reserve',
      bodyHtml:
        '<p>In the buffer zone of a nature reserve: forest and biodiversity rules apply.</p>',
    },
  },
  {
    id: 'demo-inv-do-thi-nga-bay',
    sectorId: 'do-thi',
    title: 'Khu đô thị mới ven sông Ngã Bảy (đang soạn)',
    summary: 'Bản nháp: chờ hoàn thiện quy hoạch chi tiết trước khi công bố.',
    bodyHtml: '<p>Nội dung đang được hoàn thiện.</p>',
    location: 'Phường Ngã Bảy',
    communeId: 'nga-bay',
    lat: 9.8167,
    lng: 105.8206,
    areaHectares: 85,
    capitalVnd: 2_500 * BILLION,
    stage: 'calling',
    status: 'draft',
    daysAgo: 0,
    en: { title: '', summary: '', location: '', bodyHtml: '' },
  },
];

interface DemoPolicy {
  id: string;
  title: string;
  summary: string;
  bodyHtml: string;
  daysAgo: number;
  en: { title: string; summary: string; bodyHtml: string };
}

export const DEMO_POLICIES: DemoPolicy[] = [
  {
    id: 'demo-inv-csach-kcn',
    title: 'Ưu đãi đầu tư vào khu, cụm công nghiệp tỉnh Hậu Giang',
    summary:
      'Ưu đãi về tiền thuê đất, thuế thu nhập doanh nghiệp và hỗ trợ thủ tục cho dự án trong khu, cụm công nghiệp.',
    bodyHtml:
      '<h3>Đối tượng</h3><p>Dự án đầu tư mới, dự án mở rộng trong khu, cụm công nghiệp của tỉnh.</p><h3>Nội dung ưu đãi</h3><ul><li>Miễn, giảm tiền thuê đất theo quy định của pháp luật về đất đai</li><li>Ưu đãi thuế thu nhập doanh nghiệp theo Luật Đầu tư</li><li>Hỗ trợ thủ tục đầu tư theo cơ chế "một cửa", có cán bộ theo dõi từng dự án</li></ul><p>Chi tiết mức ưu đãi áp dụng cho từng dự án do cơ quan có thẩm quyền xác định.</p>',
    daysAgo: 15,
    en: {
      title: 'Incentives for investment in Hau Giang industrial parks and clusters',
      summary:
        'Land rent, corporate income tax incentives and procedural support for projects in industrial parks and clusters.',
      bodyHtml:
        '<h3>Who</h3><p>New and expansion projects in the province’s industrial parks and clusters.</p><h3>Incentives</h3><ul><li>Land rent exemptions or reductions under land law</li><li>Corporate income tax incentives under the Investment Law</li><li>One-stop procedural support, with a contact officer for each project</li></ul>',
    },
  },
  {
    id: 'demo-inv-csach-nong-nghiep',
    title: 'Hỗ trợ doanh nghiệp đầu tư vào nông nghiệp, nông thôn',
    summary:
      'Hỗ trợ liên kết sản xuất, đào tạo lao động, xây dựng hạ tầng và ứng dụng công nghệ cao cho doanh nghiệp nông nghiệp.',
    bodyHtml:
      '<p>Doanh nghiệp đầu tư vào chế biến nông sản, nông nghiệp công nghệ cao, liên kết chuỗi giá trị với nông dân và hợp tác xã được xem xét hỗ trợ:</p><ul><li>Một phần chi phí xây dựng hạ tầng, xử lý chất thải</li><li>Chi phí đào tạo lao động địa phương</li><li>Xúc tiến thương mại, xây dựng thương hiệu, truy xuất nguồn gốc</li></ul>',
    daysAgo: 30,
    en: {
      title: 'Support for businesses investing in agriculture and rural areas',
      summary: 'Support for production linkages, training, infrastructure and high-tech farming.',
      bodyHtml:
        '<p>Businesses in agricultural processing, high-tech farming and value chains with farmers and cooperatives may receive support for infrastructure, training and trade promotion.</p>',
    },
  },
];

const plain = (html: string) =>
  html
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** The same three statements as edge/src/content/search-index.ts searchIndexStatements. */
function searchIndex(kind: string, refId: string, parts: string[]): InStatement[] {
  const body = foldVietnamese(parts.filter(Boolean).join(' \n '));
  return [
    {
      sql: 'insert into content_search_docs (kind, ref_id) values (?, ?) on conflict do nothing',
      args: [kind, refId],
    },
    {
      sql: 'delete from content_search where rowid = (select id from content_search_docs where kind = ? and ref_id = ?)',
      args: [kind, refId],
    },
    {
      sql: 'insert into content_search (rowid, kind, body) select id, ?, ? from content_search_docs where kind = ? and ref_id = ?',
      args: [kind, body, kind, refId],
    },
  ];
}

const englishJson = (en: Record<string, string>) => {
  const kept = Object.entries(en).filter(([, v]) => v);
  return kept.length > 0 ? JSON.stringify(Object.fromEntries(kept)) : null;
};

export async function seedDemoInvestment(client: Client, now = new Date()): Promise<void> {
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY).toISOString();
  const statements: InStatement[] = [];
  for (const p of DEMO_PROJECTS) {
    const published = p.status === 'published' ? at(p.daysAgo) : null;
    statements.push({
      sql: `insert into investment_projects (id, agency_id, sector_id, title, summary, body_html,
          location, commune_id, lat, lng, area_hectares, capital_vnd, stage, en, status,
          published_at, version, created_by, updated_by, created_at, updated_at)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?)
        on conflict (id) do nothing`,
      args: [
        p.id,
        DEMO_INVESTMENT_AGENCY,
        p.sectorId,
        p.title,
        p.summary,
        p.bodyHtml,
        p.location,
        p.communeId,
        p.lat,
        p.lng,
        p.areaHectares,
        p.capitalVnd,
        p.stage,
        englishJson(p.en),
        p.status,
        published,
        DEMO_INVESTMENT_EDITOR,
        DEMO_INVESTMENT_EDITOR,
        at(p.daysAgo),
        at(p.daysAgo),
      ],
    });
    statements.push(
      ...searchIndex('investment_project', p.id, [
        p.title,
        p.summary,
        plain(p.bodyHtml),
        p.location,
        p.en.title,
        p.en.summary,
      ]),
    );
  }
  for (const p of DEMO_POLICIES) {
    statements.push({
      sql: `insert into investment_policies (id, agency_id, title, summary, body_html, en, status,
          published_at, version, created_by, updated_by, created_at, updated_at)
        values (?, ?, ?, ?, ?, ?, 'published', ?, 1, ?, ?, ?, ?)
        on conflict (id) do nothing`,
      args: [
        p.id,
        DEMO_INVESTMENT_AGENCY,
        p.title,
        p.summary,
        p.bodyHtml,
        englishJson(p.en),
        at(p.daysAgo),
        DEMO_INVESTMENT_EDITOR,
        DEMO_INVESTMENT_EDITOR,
        at(p.daysAgo),
        at(p.daysAgo),
      ],
    });
    statements.push(
      ...searchIndex('investment_policy', p.id, [
        p.title,
        p.summary,
        plain(p.bodyHtml),
        p.en.title,
        p.en.summary,
      ]),
    );
  }
  statements.push({
    sql: `insert into content_versions (module, version, updated_at) values ('investment', 1, ?)
      on conflict (module) do update set version = version + 1, updated_at = excluded.updated_at`,
    args: [now.toISOString()],
  });
  await client.batch(statements, 'write');
}
