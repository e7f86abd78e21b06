import type { InStatement } from '@libsql/client';
import { foldVietnamese } from '../edge/src/platform/text';

// The demo of the two-level interaction (tương tác 2 cấp) for local development (`npm start`)
// and the browser test: questions of Hậu Giang's communes to provincial agencies, most of them
// answered (so the handbook has content), one closed after its answer, two still waiting
// (one for xaydung@demo.gov.vn to answer). Vị Thanh's questions are asked by
// vithanh@demo.gov.vn; the other communes' askers and the answerers of the agencies other
// than the Department of Construction are demo accounts without a password (authors only).
// Development only: no deployment path imports this module.
//
// Idempotent, with fixed ids: rows are only added, so what officials did in the demo survives
// a restart. Run after seedDemoOfficials (vithanh@ and xaydung@ must exist).

interface Client {
  batch(statements: InStatement[], mode?: 'write'): Promise<unknown>;
}

const DAY = 86_400_000;

interface DemoAuthor {
  id: string;
  email: string;
  fullName: string;
  agencyId: string;
  communeId: string | null;
  role: 'commune_officer' | 'agency_handler';
}

/** Accounts that only author demo threads: no password, nobody signs in with them. */
const AUTHORS: readonly DemoAuthor[] = [
  {
    id: 'demo-qa-ngabay',
    email: 'ngabay.hoidap@demo.gov.vn',
    fullName: 'Huỳnh Văn Ngã (Ngã Bảy, demo)',
    agencyId: 'ubnd_nga-bay',
    communeId: 'nga-bay',
    role: 'commune_officer',
  },
  {
    id: 'demo-qa-longmy',
    email: 'longmy.hoidap@demo.gov.vn',
    fullName: 'Trương Thị Mỹ (Long Mỹ, demo)',
    agencyId: 'ubnd_long-my',
    communeId: 'long-my',
    role: 'commune_officer',
  },
  {
    id: 'demo-qa-hoaluu',
    email: 'hoaluu.hoidap@demo.gov.vn',
    fullName: 'Lâm Văn Lựu (Hỏa Lựu, demo)',
    agencyId: 'ubnd_hoa-luu',
    communeId: 'hoa-luu',
    role: 'commune_officer',
  },
  {
    id: 'demo-qa-nnmt',
    email: 'nnmt.hoidap@demo.gov.vn',
    fullName: 'Đoàn Văn Thủy (Sở Nông nghiệp và Môi trường, demo)',
    agencyId: 'so_nong_nghiep_moi_truong',
    communeId: null,
    role: 'agency_handler',
  },
  {
    id: 'demo-qa-noivu',
    email: 'noivu.hoidap@demo.gov.vn',
    fullName: 'Cao Thị Vụ (Sở Nội vụ, demo)',
    agencyId: 'so_noi_vu',
    communeId: null,
    role: 'agency_handler',
  },
];

const AGENCY_OF: Record<string, string> = {
  'demo-vithanh': 'ubnd_vi-thanh',
  'demo-xaydung': 'so_xay_dung',
  ...Object.fromEntries(AUTHORS.map((a) => [a.id, a.agencyId])),
};

interface DemoMessage {
  by: string;
  isAnswer: boolean;
  body: string;
  /** Days after the question. */
  after: number;
}

interface DemoThread {
  id: string;
  by: string;
  target: string;
  topic: string;
  subject: string;
  body: string;
  /** Days before now. */
  askedDaysAgo: number;
  messages: DemoMessage[];
  closed?: boolean;
}

export const DEMO_QA_THREADS: readonly DemoThread[] = [
  {
    id: 'demo-qa-giay-phep-xay-dung',
    by: 'demo-vithanh',
    target: 'so_xay_dung',
    topic: 'Xây dựng',
    subject: 'Thủ tục cấp giấy phép xây dựng nhà ở nông thôn',
    body: 'Hộ dân ở ấp 3 xây nhà ở riêng lẻ một tầng trên đất ở nông thôn, không thuộc khu vực đã có quy hoạch chi tiết. Xin hỏi hộ có phải xin giấy phép xây dựng không, và nếu phải thì nộp hồ sơ ở đâu?',
    askedDaysAgo: 20,
    messages: [
      {
        by: 'demo-xaydung',
        isAnswer: true,
        after: 2,
        body: 'Theo điểm k khoản 2 Điều 89 Luật Xây dựng, nhà ở riêng lẻ ở nông thôn có quy mô dưới 7 tầng, không thuộc khu vực có quy hoạch đô thị, quy hoạch xây dựng khu chức năng hoặc quy hoạch chi tiết xây dựng điểm dân cư nông thôn đã được phê duyệt thì được miễn giấy phép xây dựng. Trường hợp thuộc khu vực đã có quy hoạch, hộ dân nộp hồ sơ cấp giấy phép xây dựng tại bộ phận một cửa của UBND xã; thời hạn giải quyết 15 ngày. Xã cần nhắc hộ dân tuân thủ chỉ giới xây dựng và hành lang an toàn giao thông, kênh rạch.',
      },
    ],
  },
  {
    id: 'demo-qa-lan-chiem-kenh-rach',
    by: 'demo-vithanh',
    target: 'so_nong_nghiep_moi_truong',
    topic: 'Thủy lợi',
    subject: 'Xử lý lấn chiếm hành lang bảo vệ kênh rạch',
    body: 'Một số hộ dọc kênh Xà No dựng chòi, cất nhà tạm lấn ra hành lang bảo vệ kênh. Xã có thẩm quyền xử phạt và buộc tháo dỡ không, mức phạt áp dụng theo văn bản nào?',
    askedDaysAgo: 15,
    messages: [
      {
        by: 'demo-qa-nnmt',
        isAnswer: true,
        after: 3,
        body: 'Hành vi xây dựng công trình trái phép trong phạm vi bảo vệ công trình thủy lợi bị xử phạt theo Nghị định 03/2022/NĐ-CP. Chủ tịch UBND cấp xã có thẩm quyền phạt tiền đến 25 triệu đồng và áp dụng biện pháp buộc khôi phục lại tình trạng ban đầu. Đề nghị xã lập biên bản vi phạm, vận động hộ dân tự tháo dỡ trước; trường hợp vượt thẩm quyền thì chuyển hồ sơ về Sở.',
      },
    ],
  },
  {
    id: 'demo-qa-ho-tro-han-man',
    by: 'demo-qa-ngabay',
    target: 'so_nong_nghiep_moi_truong',
    topic: 'Nông nghiệp',
    subject: 'Hướng dẫn hỗ trợ hộ bị thiệt hại do hạn mặn',
    body: 'Vụ lúa đông xuân vừa qua nhiều hộ bị thiệt hại trên 70% do xâm nhập mặn. Xin hướng dẫn mức hỗ trợ, hồ sơ và trình tự xã phải lập để đề nghị hỗ trợ khôi phục sản xuất.',
    askedDaysAgo: 12,
    messages: [
      {
        by: 'demo-qa-nnmt',
        isAnswer: true,
        after: 2,
        body: 'Mức hỗ trợ áp dụng theo Nghị định 09/2025/NĐ-CP: diện tích lúa thiệt hại trên 70% được hỗ trợ 3.000.000 đồng/ha. UBND xã thành lập tổ kiểm tra, thống kê thiệt hại theo từng hộ, niêm yết công khai danh sách 7 ngày tại trụ sở và ấp, sau đó tổng hợp gửi Sở Nông nghiệp và Môi trường kèm biên bản kiểm tra hiện trường.',
      },
      {
        by: 'demo-qa-ngabay',
        isAnswer: false,
        after: 3,
        body: 'Hộ thuê đất canh tác (không đứng tên trên giấy chứng nhận) có được hỗ trợ không?',
      },
      {
        by: 'demo-qa-nnmt',
        isAnswer: true,
        after: 4,
        body: 'Được. Hỗ trợ trả cho người trực tiếp sản xuất bị thiệt hại, kể cả người thuê đất, có xác nhận của UBND xã.',
      },
    ],
  },
  {
    id: 'demo-qa-cong-chuc-sau-sap-xep',
    by: 'demo-qa-longmy',
    target: 'so_noi_vu',
    topic: 'Nội vụ',
    subject: 'Bố trí công chức văn hóa - xã hội sau sắp xếp đơn vị hành chính',
    body: 'Sau khi sắp xếp đơn vị hành chính, xã có 4 công chức văn hóa - xã hội, vượt số lượng được giao. Xin hỏi lộ trình bố trí, điều động số công chức dôi dư như thế nào?',
    askedDaysAgo: 9,
    closed: true,
    messages: [
      {
        by: 'demo-qa-noivu',
        isAnswer: true,
        after: 1,
        body: 'Số công chức dôi dư được bố trí trong thời hạn 5 năm kể từ ngày nghị quyết sắp xếp có hiệu lực. Xã rà soát vị trí việc làm, ưu tiên điều động sang xã còn thiếu biên chế trong huyện cũ; trường hợp nghỉ hưu trước tuổi thì thực hiện chính sách theo Nghị định 178/2024/NĐ-CP. Đề nghị xã gửi phương án về Sở Nội vụ trước ngày 30 hằng quý.',
      },
    ],
  },
  {
    id: 'demo-qa-sua-chua-nha-o',
    by: 'demo-qa-hoaluu',
    target: 'so_xay_dung',
    topic: 'Xây dựng',
    subject: 'Sửa chữa, cải tạo nhà ở có phải xin phép không',
    body: 'Người dân thay mái tôn, lát lại nền và ngăn thêm phòng bên trong nhà ở. Các việc này có phải xin giấy phép sửa chữa, cải tạo không?',
    askedDaysAgo: 6,
    messages: [
      {
        by: 'demo-xaydung',
        isAnswer: true,
        after: 1,
        body: 'Sửa chữa, cải tạo bên trong nhà ở không làm thay đổi kết cấu chịu lực, công năng sử dụng và không ảnh hưởng môi trường, an toàn công trình thì được miễn giấy phép xây dựng (điểm h khoản 2 Điều 89 Luật Xây dựng). Thay mái tôn cùng kích thước, lát nền và ngăn phòng bằng vách nhẹ thuộc trường hợp này.',
      },
    ],
  },
  {
    id: 'demo-qa-ho-kinh-doanh-truc-tuyen',
    by: 'demo-vithanh',
    target: 'trung_tam_phuc_vu_hcc',
    topic: 'Thủ tục hành chính',
    subject: 'Tiếp nhận hồ sơ đăng ký hộ kinh doanh trực tuyến',
    body: 'Từ khi đăng ký hộ kinh doanh chuyển về cấp xã, bộ phận một cửa xã tiếp nhận hồ sơ trực tuyến trên Cổng dịch vụ công bằng tài khoản nào, và xử lý hồ sơ nộp nhầm cơ quan ra sao?',
    askedDaysAgo: 2,
    messages: [],
  },
  {
    id: 'demo-qa-nha-tien-che-ven-song',
    by: 'demo-qa-longmy',
    target: 'so_xay_dung',
    topic: 'Xây dựng',
    subject: 'Cấp phép xây dựng nhà ven sông trong vùng sạt lở',
    body: 'Một số hộ ở ấp Long Hòa muốn xây lại nhà kiên cố ven sông Cái Lớn, khu vực đã cắm biển cảnh báo sạt lở. Xã có được xác nhận cho xây dựng không?',
    askedDaysAgo: 1,
    messages: [],
  },
];

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The search index entry of a thread, as searchIndexStatements writes it (edge/src/content),
 * only when it has none yet: an entry rewritten by a later answer is kept.
 */
function indexStatements(t: DemoThread): InStatement[] {
  const answers = t.messages.filter((m) => m.isAnswer).map((m) => m.body);
  const text = foldVietnamese([t.topic, t.subject, t.body, ...answers].join(' \n '));
  return [
    {
      sql: "insert into content_search_docs (kind, ref_id) values ('qa_thread', ?) on conflict do nothing",
      args: [t.id],
    },
    {
      sql:
        "insert into content_search (rowid, kind, body) select d.id, 'qa_thread', ? from content_search_docs d " +
        "where d.kind = 'qa_thread' and d.ref_id = ? and not exists (select 1 from content_search s where s.rowid = d.id)",
      args: [text, t.id],
    },
  ];
}

/** Writes the demo threads (only those not there yet: an official's changes are kept). */
export async function seedDemoQa(client: Client, now = new Date()): Promise<void> {
  const at = now.toISOString();
  const statements: InStatement[] = [];
  for (const a of AUTHORS) {
    statements.push(
      {
        sql:
          'insert into officials (id, email, full_name, agency_id, commune_id, status, created_at, updated_at) ' +
          "values (?, ?, ?, ?, ?, 'active', ?, ?) on conflict do nothing",
        args: [a.id, a.email, a.fullName, a.agencyId, a.communeId, at, at],
      },
      {
        sql: 'insert or ignore into official_roles (official_id, role) values (?, ?)',
        args: [a.id, a.role],
      },
    );
  }
  for (const t of DEMO_QA_THREADS) {
    const asked = now.getTime() - t.askedDaysAgo * DAY;
    const times = t.messages.map((m) => asked + m.after * DAY);
    const last = times.length ? Math.max(...times) : asked;
    const firstAnswer = t.messages.findIndex((m) => m.isAnswer);
    const lastMessage = t.messages[t.messages.length - 1];
    const status = t.closed ? 'closed' : !lastMessage?.isAnswer ? 'open' : 'answered';
    statements.push({
      sql:
        'insert into qa_threads (id, asking_agency_id, target_agency_id, asked_by, request_key, topic, subject, body, status, in_handbook, answered_at, last_message_at, created_at, updated_at) ' +
        'values (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?) on conflict do nothing',
      args: [
        t.id,
        AGENCY_OF[t.by] ?? '',
        t.target,
        t.by,
        `demo:${t.id}`,
        t.topic,
        t.subject,
        t.body,
        status,
        firstAnswer >= 0 ? iso(times[firstAnswer] as number) : null,
        iso(last),
        iso(asked),
        iso(last),
      ],
    });
    t.messages.forEach((m, i) => {
      statements.push({
        sql:
          'insert into qa_messages (id, thread_id, author_id, author_agency_id, is_answer, body, request_key, created_at) ' +
          'values (?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing',
        args: [
          `${t.id}-${i + 1}`,
          t.id,
          m.by,
          AGENCY_OF[m.by] ?? '',
          m.isAnswer ? 1 : 0,
          m.body,
          `demo:${t.id}:${i + 1}`,
          iso(times[i] as number),
        ],
      });
    });
    statements.push(...indexStatements(t));
  }
  await client.batch(statements, 'write');
}
