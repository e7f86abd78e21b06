import type { InStatement } from '@libsql/client';
import { foldVietnamese } from '../edge/src/platform/text';

// The demo public services catalogue of local development (`npm start`) and of the browser
// test: common procedures of the Public Administration Service Centre (trung_tam_phuc_vu_hcc,
// whose demo editor is dichvucong@demo.gov.vn), of the Department of Construction and of the
// provincial police, with documents, fees, processing times and steps, plus one draft the
// public never sees. Fees and times are plausible demo figures, not the legal ones. Development
// only: no deployment path imports this module.
//
// Idempotent, with fixed ids: procedures are only added, so an editor's changes survive.

interface Client {
  batch(statements: InStatement[], mode?: 'write'): Promise<unknown>;
}

export const DEMO_PROCEDURES_AGENCY = 'trung_tam_phuc_vu_hcc';
export const DEMO_PROCEDURES_EDITOR = 'demo-dichvucong';
const PORTAL = 'https://dichvucong.haugiang.gov.vn';

type Level = 'full' | 'partial' | 'info';

interface DemoProcedure {
  id: string;
  code: string | null;
  agencyId: string;
  field: string;
  name: string;
  level: Level;
  feeText: string;
  feeVnd: number | null;
  processingTime: string;
  processingDays: number | null;
  documents: string[];
  steps: string[];
  where: string;
  en?: Record<string, string>;
  status?: 'published' | 'draft';
}

const HCC = DEMO_PROCEDURES_AGENCY;

export const DEMO_PROCEDURES: DemoProcedure[] = [
  {
    id: 'demo-tt-khai-sinh',
    code: '1.001193',
    agencyId: HCC,
    field: 'Hộ tịch',
    name: 'Đăng ký khai sinh',
    level: 'full',
    feeText: 'Miễn phí (đăng ký đúng hạn)',
    feeVnd: 0,
    processingTime: 'Ngay trong ngày làm việc',
    processingDays: 1,
    documents: [
      'Tờ khai đăng ký khai sinh (theo mẫu)',
      'Giấy chứng sinh hoặc văn bản của người làm chứng',
      'Giấy tờ tùy thân của người đi đăng ký',
    ],
    steps: [
      'Nộp hồ sơ trực tuyến trên Cổng dịch vụ công hoặc tại bộ phận một cửa cấp xã.',
      'Công chức tư pháp – hộ tịch kiểm tra, ghi vào Sổ hộ tịch.',
      'Nhận Giấy khai sinh bản chính (bản điện tử gửi vào tài khoản định danh).',
    ],
    where: 'UBND xã, phường nơi cư trú của cha hoặc mẹ',
    en: {
      name: 'Birth registration',
      field: 'Civil status',
      feeText: 'Free (registered on time)',
      processingTime: 'Same working day',
    },
  },
  {
    id: 'demo-tt-trich-luc',
    code: '2.000635',
    agencyId: HCC,
    field: 'Hộ tịch',
    name: 'Cấp bản sao trích lục hộ tịch',
    level: 'full',
    feeText: '8.000 đồng/bản sao',
    feeVnd: 8000,
    processingTime: 'Ngay trong ngày làm việc',
    processingDays: 1,
    documents: ['Tờ khai cấp bản sao trích lục hộ tịch', 'Giấy tờ tùy thân của người yêu cầu'],
    steps: [
      'Nộp yêu cầu trực tuyến, chọn loại trích lục và số bản.',
      'Nộp lệ phí trực tuyến.',
      'Nhận bản sao trích lục qua bưu chính hoặc tại quầy.',
    ],
    where: 'Cơ quan đang lưu Sổ hộ tịch',
    en: { name: 'Copy of a civil status extract', field: 'Civil status' },
  },
  {
    id: 'demo-tt-ket-hon',
    code: '1.000894',
    agencyId: HCC,
    field: 'Hộ tịch',
    name: 'Đăng ký kết hôn',
    level: 'partial',
    feeText: 'Miễn phí',
    feeVnd: 0,
    processingTime: 'Ngay trong ngày làm việc',
    processingDays: 1,
    documents: [
      'Tờ khai đăng ký kết hôn (theo mẫu)',
      'Giấy xác nhận tình trạng hôn nhân (nếu đăng ký ở nơi không cư trú)',
      'Giấy tờ tùy thân của hai bên',
    ],
    steps: [
      'Nộp hồ sơ trực tuyến hoặc tại bộ phận một cửa cấp xã.',
      'Hai bên nam, nữ có mặt ký Giấy chứng nhận kết hôn.',
    ],
    where: 'UBND xã, phường nơi cư trú của một trong hai bên',
    en: { name: 'Marriage registration', field: 'Civil status', feeText: 'Free' },
  },
  {
    id: 'demo-tt-khai-tu',
    code: '1.000656',
    agencyId: HCC,
    field: 'Hộ tịch',
    name: 'Đăng ký khai tử',
    level: 'full',
    feeText: 'Miễn phí',
    feeVnd: 0,
    processingTime: 'Ngay trong ngày làm việc',
    processingDays: 1,
    documents: ['Tờ khai đăng ký khai tử', 'Giấy báo tử hoặc giấy tờ thay giấy báo tử'],
    steps: ['Nộp hồ sơ trong 15 ngày kể từ ngày có người chết.', 'Nhận Trích lục khai tử.'],
    where: 'UBND xã, phường nơi cư trú cuối cùng của người chết',
  },
  {
    id: 'demo-tt-xac-nhan-hon-nhan',
    code: null,
    agencyId: HCC,
    field: 'Hộ tịch',
    name: 'Cấp Giấy xác nhận tình trạng hôn nhân',
    level: 'full',
    feeText: 'Miễn phí',
    feeVnd: 0,
    processingTime: '03 ngày làm việc',
    processingDays: 3,
    documents: ['Tờ khai cấp Giấy xác nhận tình trạng hôn nhân', 'Giấy tờ tùy thân'],
    steps: ['Nộp hồ sơ trực tuyến.', 'Nhận kết quả qua tài khoản định danh hoặc bưu chính.'],
    where: 'UBND xã, phường nơi thường trú',
  },
  {
    id: 'demo-tt-ly-lich-tu-phap',
    code: null,
    agencyId: HCC,
    field: 'Lý lịch tư pháp',
    name: 'Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam',
    level: 'full',
    feeText: '200.000 đồng/lần (sinh viên, người có công: 100.000 đồng)',
    feeVnd: 200000,
    processingTime: '10 ngày làm việc',
    processingDays: 10,
    documents: ['Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp', 'Căn cước công dân'],
    steps: [
      'Nộp tờ khai trực tuyến, nộp phí trực tuyến.',
      'Sở Tư pháp tra cứu, xác minh thông tin lý lịch.',
      'Nhận Phiếu lý lịch tư pháp (bản điện tử hoặc bản giấy qua bưu chính).',
    ],
    where: 'Sở Tư pháp, qua Trung tâm Phục vụ hành chính công',
    en: { name: 'Criminal record certificate', field: 'Judicial records' },
  },
  {
    id: 'demo-tt-chung-thuc',
    code: null,
    agencyId: HCC,
    field: 'Chứng thực',
    name: 'Chứng thực bản sao từ bản chính',
    level: 'partial',
    feeText: '2.000 đồng/trang (từ trang thứ 3: 1.000 đồng/trang)',
    feeVnd: 2000,
    processingTime: 'Ngay trong ngày làm việc',
    processingDays: 1,
    documents: ['Bản chính giấy tờ cần chứng thực', 'Bản sao cần chứng thực'],
    steps: ['Mang bản chính và bản sao đến bộ phận một cửa.', 'Nhận bản sao đã chứng thực.'],
    where: 'UBND xã, phường hoặc tổ chức hành nghề công chứng',
  },
  {
    id: 'demo-tt-ho-kinh-doanh',
    code: null,
    agencyId: HCC,
    field: 'Thành lập và hoạt động của hộ kinh doanh',
    name: 'Đăng ký thành lập hộ kinh doanh',
    level: 'full',
    feeText: '100.000 đồng/lần',
    feeVnd: 100000,
    processingTime: '03 ngày làm việc',
    processingDays: 3,
    documents: [
      'Giấy đề nghị đăng ký hộ kinh doanh',
      'Bản sao giấy tờ pháp lý của chủ hộ kinh doanh',
      'Biên bản họp thành viên hộ gia đình (nếu các thành viên cùng đăng ký)',
    ],
    steps: [
      'Nộp hồ sơ trực tuyến, ký số hoặc xác thực bằng tài khoản định danh.',
      'Cơ quan đăng ký kinh doanh kiểm tra tính hợp lệ của hồ sơ.',
      'Nhận Giấy chứng nhận đăng ký hộ kinh doanh.',
    ],
    where: 'Cơ quan đăng ký kinh doanh cấp xã',
    en: { name: 'Household business registration', field: 'Household businesses' },
  },
  {
    id: 'demo-tt-gpxd',
    code: null,
    agencyId: 'so_xay_dung',
    field: 'Xây dựng',
    name: 'Cấp giấy phép xây dựng nhà ở riêng lẻ',
    level: 'partial',
    feeText: '75.000 đồng/giấy phép',
    feeVnd: 75000,
    processingTime: '15 ngày làm việc',
    processingDays: 15,
    documents: [
      'Đơn đề nghị cấp giấy phép xây dựng (theo mẫu)',
      'Giấy tờ chứng minh quyền sử dụng đất',
      'Hai bộ bản vẽ thiết kế xây dựng',
      'Bản cam kết bảo đảm an toàn công trình liền kề (nếu có)',
    ],
    steps: [
      'Nộp hồ sơ trực tuyến hoặc tại Trung tâm Phục vụ hành chính công.',
      'Cơ quan cấp phép kiểm tra hiện trạng khu đất.',
      'Nhận giấy phép xây dựng kèm bản vẽ có đóng dấu.',
    ],
    where: 'UBND xã, phường nơi xây dựng công trình',
    en: { name: 'Building permit for a private house', field: 'Construction' },
  },
  {
    id: 'demo-tt-thuong-tru',
    code: null,
    agencyId: 'cong_an_tinh',
    field: 'Đăng ký, quản lý cư trú',
    name: 'Đăng ký thường trú',
    level: 'full',
    feeText: '10.000 đồng (nộp trực tuyến), 20.000 đồng (nộp trực tiếp)',
    feeVnd: 10000,
    processingTime: '07 ngày làm việc',
    processingDays: 7,
    documents: [
      'Tờ khai thay đổi thông tin cư trú',
      'Giấy tờ chứng minh chỗ ở hợp pháp',
      'Văn bản đồng ý của chủ hộ (nếu nhập vào hộ đã có)',
    ],
    steps: ['Nộp hồ sơ trên Cổng dịch vụ công hoặc ứng dụng định danh.', 'Nhận thông báo kết quả.'],
    where: 'Công an xã, phường nơi cư trú',
    en: { name: 'Permanent residence registration', field: 'Residence' },
  },
  {
    id: 'demo-tt-gcn-dat',
    code: null,
    agencyId: HCC,
    field: 'Đất đai',
    name: 'Đăng ký, cấp Giấy chứng nhận quyền sử dụng đất lần đầu',
    level: 'partial',
    feeText: 'Theo Nghị quyết của HĐND tỉnh (lệ phí cấp giấy chứng nhận và phí thẩm định hồ sơ)',
    feeVnd: null,
    processingTime: '20 ngày làm việc',
    processingDays: 20,
    documents: [
      'Đơn đăng ký đất đai, tài sản gắn liền với đất',
      'Giấy tờ về quyền sử dụng đất (nếu có)',
      'Chứng từ thực hiện nghĩa vụ tài chính (nếu có)',
    ],
    steps: [
      'Nộp hồ sơ tại Trung tâm Phục vụ hành chính công hoặc trực tuyến.',
      'Văn phòng đăng ký đất đai đo đạc, xác minh.',
      'Thực hiện nghĩa vụ tài chính và nhận Giấy chứng nhận.',
    ],
    where: 'Văn phòng đăng ký đất đai',
    en: { name: 'First land use right certificate', field: 'Land' },
  },
  {
    id: 'demo-tt-ho-tro-thien-tai',
    code: null,
    agencyId: HCC,
    field: 'Bảo trợ xã hội',
    name: 'Hỗ trợ khẩn cấp cho hộ gia đình có nhà bị đổ, sập do thiên tai',
    level: 'partial',
    feeText: 'Miễn phí',
    feeVnd: 0,
    processingTime: '05 ngày làm việc',
    processingDays: 5,
    documents: ['Tờ khai đề nghị hỗ trợ về nhà ở (theo mẫu)'],
    steps: [
      'Nộp tờ khai cho UBND cấp xã.',
      'UBND cấp xã xem xét, quyết định hỗ trợ.',
      'Nhận tiền hỗ trợ.',
    ],
    where: 'UBND xã, phường nơi có nhà bị thiệt hại',
  },
  {
    id: 'demo-tt-draft',
    code: null,
    agencyId: HCC,
    field: 'Hộ tịch',
    name: 'Đăng ký giám hộ (đang soạn)',
    level: 'partial',
    feeText: 'Miễn phí',
    feeVnd: 0,
    processingTime: '03 ngày làm việc',
    processingDays: 3,
    documents: ['Tờ khai đăng ký giám hộ'],
    steps: ['Nộp hồ sơ tại UBND cấp xã.'],
    where: 'UBND xã, phường',
    status: 'draft',
  },
];

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** Steps as the sanitiser would store them (the page titles them): a list, then where to file. */
function bodyHtml(p: DemoProcedure): string {
  const steps = p.steps.map((s) => `<li>${escapeHtml(s)}</li>`).join('');
  return `<ol>${steps}</ol><h3>Nơi nộp hồ sơ</h3><p>${escapeHtml(p.where)}</p>`;
}

/** The same three statements as edge/src/content/search-index.ts searchIndexStatements. */
function searchIndex(kind: string, refId: string, parts: (string | null | undefined)[]) {
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
  ] satisfies InStatement[];
}

export async function seedDemoProcedures(client: Client, now = new Date()): Promise<void> {
  const at = now.toISOString();
  const statements: InStatement[] = [];
  for (const p of DEMO_PROCEDURES) {
    const status = p.status ?? 'published';
    const html = bodyHtml(p);
    statements.push({
      sql: `insert into procedures (id, code, agency_id, field, name, level, fee_text, fee_vnd,
          processing_time, processing_days, documents, body_html, portal_url, en, status,
          published_at, version, created_by, updated_by, created_at, updated_at)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?)
        on conflict do nothing`,
      args: [
        p.id,
        p.code,
        p.agencyId,
        p.field,
        p.name,
        p.level,
        p.feeText,
        p.feeVnd,
        p.processingTime,
        p.processingDays,
        JSON.stringify(p.documents),
        html,
        `${PORTAL}/thu-tuc-hanh-chinh/${p.code ?? p.id}`,
        p.en ? JSON.stringify(p.en) : null,
        status,
        status === 'published' ? at : null,
        DEMO_PROCEDURES_EDITOR,
        DEMO_PROCEDURES_EDITOR,
        at,
        at,
      ],
    });
    // As edge/src/procedures/repo.ts searchTexts: code, names, field, fee, time, documents, steps.
    statements.push(
      ...searchIndex('procedure', p.id, [
        p.code,
        p.name,
        p.field,
        p.feeText,
        p.processingTime,
        ...p.documents,
        ...p.steps,
        p.where,
        p.en?.name,
        p.en?.field,
      ]),
    );
  }
  statements.push({
    sql: `insert into content_versions (module, version, updated_at) values ('procedures', 1, ?)
      on conflict (module) do update set version = version + 1, updated_at = excluded.updated_at`,
    args: [at],
  });
  await client.batch(statements, 'write');
}
