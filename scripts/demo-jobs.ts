import type { InStatement } from '@libsql/client';
import { foldVietnamese } from '../edge/src/platform/text';
import { localDate } from '../edge/src/platform/working-days';

// The demo jobs (việc làm) of local development (`npm start`) and of the browser test: a few
// employers of the province — a seafood processor, a pineapple cooperative, a private
// kindergarten, an electronics shop, a rice mill — with about a dozen vacancies, and a few
// job seekers (two visible to employers, one hidden) with some applications. Names, tax codes
// and phone numbers are invented. Development only: no deployment path imports this module.
//
// Idempotent, with fixed ids: rows are only added. Deadlines are relative to `now`, so the
// vacancies nobody edited (version 1) get theirs moved forward on each start and the demo
// never goes stale; one vacancy stays past its deadline and one closed, to show both states.
// The demo accounts are citizens (users rows) with made-up Zalo ids nobody signs in with.

interface Client {
  batch(statements: InStatement[], mode?: 'write'): Promise<unknown>;
}

const DAY = 86_400_000;
const MILLION = 1_000_000;

interface DemoEmployer {
  id: string;
  owner: string;
  ownerName: string;
  name: string;
  taxCode: string | null;
  communeId: string;
  communeName: string;
  address: string;
  phone: string;
  email: string | null;
  description: string;
}

export const DEMO_EMPLOYERS: DemoEmployer[] = [
  {
    id: 'demo-emp-thuy-san',
    owner: 'demo-jobs-owner-1',
    ownerName: 'Lê Văn Hùng',
    name: 'Công ty TNHH Chế biến Thủy sản Sông Hậu',
    taxCode: '6300412345',
    communeId: 'chau-thanh',
    communeName: 'Châu Thành',
    address: 'Lô B3, Khu công nghiệp Sông Hậu, xã Châu Thành',
    phone: '02933850123',
    email: 'tuyendung@thuysansonghau.vn',
    description:
      'Chế biến tôm, cá tra đông lạnh xuất khẩu sang Nhật Bản, EU. Hơn 1.200 lao động, có nhà ăn, xe đưa rước công nhân.',
  },
  {
    id: 'demo-emp-htx-khom',
    owner: 'demo-jobs-owner-2',
    ownerName: 'Nguyễn Thị Mai',
    name: 'Hợp tác xã Khóm Cầu Đúc',
    taxCode: '6300567890',
    communeId: 'hoa-luu',
    communeName: 'Hỏa Lựu',
    address: 'Ấp Thạnh Hòa, xã Hỏa Lựu',
    phone: '0918234567',
    email: null,
    description:
      'Hợp tác xã trồng và sơ chế khóm Cầu Đúc đạt chứng nhận VietGAP, bao tiêu cho nhà máy chế biến trong tỉnh.',
  },
  {
    id: 'demo-emp-mam-non',
    owner: 'demo-jobs-owner-3',
    ownerName: 'Phạm Thị Thu',
    name: 'Trường Mầm non Tư thục Hoa Sen',
    taxCode: '6300234567',
    communeId: 'vi-thanh',
    communeName: 'Vị Thanh',
    address: '25 đường Trần Hưng Đạo, phường Vị Thanh',
    phone: '02933870456',
    email: 'mamnonhoasen.vt@gmail.com',
    description: 'Trường mầm non tư thục nhận trẻ từ 12 tháng đến 6 tuổi, 12 lớp, bán trú.',
  },
  {
    id: 'demo-emp-dien-may',
    owner: 'demo-jobs-owner-4',
    ownerName: 'Trần Quốc Bảo',
    name: 'Cửa hàng Điện máy Phương Nam',
    taxCode: '6300345678001',
    communeId: 'nga-bay',
    communeName: 'Ngã Bảy',
    address: '112 Quốc lộ 61, phường Ngã Bảy',
    phone: '0907345678',
    email: 'dienmayphuongnam.nb@gmail.com',
    description: 'Bán lẻ, lắp đặt và bảo hành điện máy, điện lạnh, gia dụng.',
  },
  {
    id: 'demo-emp-nha-may-lua',
    owner: 'demo-jobs-owner-5',
    ownerName: 'Võ Minh Tâm',
    name: 'Nhà máy xay xát lúa gạo Tân Phước',
    taxCode: null,
    communeId: 'tan-phuoc-hung',
    communeName: 'Tân Phước Hưng',
    address: 'Ấp Tân Phú, xã Tân Phước Hưng (cạnh kênh Xà No)',
    phone: '0939456789',
    email: null,
    description:
      'Hộ kinh doanh xay xát, sấy lúa và lau bóng gạo cho thương lái, công suất 80 tấn/ngày.',
  },
];

interface DemoVacancy {
  id: string;
  employerId: string;
  title: string;
  description: string;
  requirements: string;
  salaryMin: number | null;
  salaryMax: number | null;
  period: 'month' | 'day' | 'hour' | 'piece';
  positions: number;
  communeId: string;
  communeName: string;
  address: string;
  daysAgo: number;
  /** Days from `now` to the deadline; negative: already past. */
  deadlineIn: number;
  status: 'open' | 'closed';
}

export const DEMO_VACANCIES: DemoVacancy[] = [
  {
    id: 'demo-job-cong-nhan-tom',
    employerId: 'demo-emp-thuy-san',
    title: 'Công nhân chế biến tôm đông lạnh',
    description:
      'Lột, phân cỡ, xếp khuôn tôm theo ca (ca ngày 7:00–16:00 hoặc ca tối). Được hướng dẫn tay nghề từ đầu, làm việc trong xưởng lạnh đạt chuẩn HACCP.',
    requirements: 'Nam/nữ từ 18 đến 45 tuổi, sức khỏe tốt, không cần kinh nghiệm.',
    salaryMin: 7 * MILLION,
    salaryMax: 10 * MILLION,
    period: 'month',
    positions: 50,
    communeId: 'chau-thanh',
    communeName: 'Châu Thành',
    address: 'Khu công nghiệp Sông Hậu',
    daysAgo: 1,
    deadlineIn: 30,
    status: 'open',
  },
  {
    id: 'demo-job-ky-thuat-lanh',
    employerId: 'demo-emp-thuy-san',
    title: 'Kỹ thuật viên vận hành kho lạnh',
    description:
      'Vận hành, bảo trì hệ thống máy nén, kho lạnh −25 °C và băng chuyền cấp đông; ghi nhật ký vận hành, xử lý sự cố theo ca.',
    requirements:
      'Tốt nghiệp trung cấp trở lên ngành điện lạnh hoặc cơ điện; ưu tiên có 1 năm kinh nghiệm.',
    salaryMin: 10 * MILLION,
    salaryMax: 14 * MILLION,
    period: 'month',
    positions: 3,
    communeId: 'chau-thanh',
    communeName: 'Châu Thành',
    address: 'Khu công nghiệp Sông Hậu',
    daysAgo: 3,
    deadlineIn: 20,
    status: 'open',
  },
  {
    id: 'demo-job-qc-thuy-san',
    employerId: 'demo-emp-thuy-san',
    title: 'Nhân viên kiểm tra chất lượng (QC)',
    description:
      'Kiểm tra nguyên liệu đầu vào, nhiệt độ, vệ sinh dây chuyền; lấy mẫu và lập hồ sơ truy xuất nguồn gốc cho lô hàng xuất khẩu.',
    requirements:
      'Cao đẳng/đại học ngành thực phẩm, thủy sản hoặc sinh học. Đọc hiểu tiếng Anh cơ bản.',
    salaryMin: 9 * MILLION,
    salaryMax: 12 * MILLION,
    period: 'month',
    positions: 2,
    communeId: 'chau-thanh',
    communeName: 'Châu Thành',
    address: 'Khu công nghiệp Sông Hậu',
    daysAgo: 12,
    deadlineIn: -2,
    status: 'open',
  },
  {
    id: 'demo-job-thu-hoach-khom',
    employerId: 'demo-emp-htx-khom',
    title: 'Lao động thời vụ thu hoạch khóm',
    description:
      'Thu hoạch, vận chuyển khóm ra bờ kênh mùa cao điểm. Làm từ 5:30 đến 11:00, nghỉ trưa, có bao cơm trưa.',
    requirements: 'Chịu được nắng, có thể làm liên tục 2 tháng mùa vụ.',
    salaryMin: 250_000,
    salaryMax: 300_000,
    period: 'day',
    positions: 30,
    communeId: 'hoa-luu',
    communeName: 'Hỏa Lựu',
    address: 'Vùng khóm Cầu Đúc, ấp Thạnh Hòa',
    daysAgo: 2,
    deadlineIn: 10,
    status: 'open',
  },
  {
    id: 'demo-job-so-che-khom',
    employerId: 'demo-emp-htx-khom',
    title: 'Công nhân sơ chế, đóng thùng khóm',
    description:
      'Gọt vỏ, phân loại, đóng thùng khóm giao nhà máy và chợ đầu mối. Trả công theo thùng, thanh toán cuối tuần.',
    requirements: 'Không yêu cầu kinh nghiệm; ưu tiên người ở gần xã Hỏa Lựu.',
    salaryMin: 8_000,
    salaryMax: 10_000,
    period: 'piece',
    positions: 15,
    communeId: 'hoa-luu',
    communeName: 'Hỏa Lựu',
    address: 'Nhà sơ chế HTX, ấp Thạnh Hòa',
    daysAgo: 5,
    deadlineIn: 25,
    status: 'open',
  },
  {
    id: 'demo-job-ke-toan-htx',
    employerId: 'demo-emp-htx-khom',
    title: 'Kế toán hợp tác xã (bán thời gian)',
    description:
      'Ghi sổ thu chi, lập báo cáo tài chính năm, kê khai thuế cho hợp tác xã; làm 3 buổi mỗi tuần, có thể làm thêm từ xa.',
    requirements: 'Trung cấp kế toán trở lên, biết dùng phần mềm MISA.',
    salaryMin: null,
    salaryMax: null,
    period: 'month',
    positions: 1,
    communeId: 'hoa-luu',
    communeName: 'Hỏa Lựu',
    address: 'Văn phòng HTX Khóm Cầu Đúc',
    daysAgo: 8,
    deadlineIn: 15,
    status: 'open',
  },
  {
    id: 'demo-job-giao-vien-mn',
    employerId: 'demo-emp-mam-non',
    title: 'Giáo viên mầm non',
    description:
      'Chăm sóc, giáo dục trẻ 3–5 tuổi theo chương trình Bộ Giáo dục và Đào tạo; phối hợp với phụ huynh qua sổ liên lạc điện tử.',
    requirements: 'Tốt nghiệp cao đẳng sư phạm mầm non trở lên, yêu trẻ, giọng nói rõ ràng.',
    salaryMin: 7 * MILLION,
    salaryMax: 9 * MILLION,
    period: 'month',
    positions: 2,
    communeId: 'vi-thanh',
    communeName: 'Vị Thanh',
    address: '25 đường Trần Hưng Đạo, phường Vị Thanh',
    daysAgo: 4,
    deadlineIn: 21,
    status: 'open',
  },
  {
    id: 'demo-job-bao-mau',
    employerId: 'demo-emp-mam-non',
    title: 'Bảo mẫu (cô nuôi) lớp nhà trẻ',
    description: 'Cho trẻ ăn, ngủ, vệ sinh cá nhân; hỗ trợ giáo viên trong giờ sinh hoạt.',
    requirements: 'Nữ từ 20 đến 45 tuổi, có chứng chỉ bảo mẫu là lợi thế.',
    salaryMin: 5_500_000,
    salaryMax: 6_500_000,
    period: 'month',
    positions: 3,
    communeId: 'vi-thanh',
    communeName: 'Vị Thanh',
    address: '25 đường Trần Hưng Đạo, phường Vị Thanh',
    daysAgo: 6,
    deadlineIn: 12,
    status: 'open',
  },
  {
    id: 'demo-job-cap-duong',
    employerId: 'demo-emp-mam-non',
    title: 'Cấp dưỡng (nấu ăn bán trú)',
    description: 'Nấu bữa trưa và bữa xế cho khoảng 200 trẻ theo thực đơn dinh dưỡng của trường.',
    requirements: 'Có giấy chứng nhận an toàn thực phẩm.',
    salaryMin: 6 * MILLION,
    salaryMax: null,
    period: 'month',
    positions: 1,
    communeId: 'vi-thanh',
    communeName: 'Vị Thanh',
    address: '25 đường Trần Hưng Đạo, phường Vị Thanh',
    daysAgo: 20,
    deadlineIn: 5,
    status: 'closed',
  },
  {
    id: 'demo-job-ban-hang-dien-may',
    employerId: 'demo-emp-dien-may',
    title: 'Nhân viên bán hàng điện máy',
    description:
      'Tư vấn khách chọn tivi, tủ lạnh, máy giặt; lập hóa đơn, hướng dẫn trả góp. Thưởng theo doanh số hằng tháng.',
    requirements: 'Tốt nghiệp THPT, giao tiếp tốt, sử dụng được điện thoại thông minh.',
    salaryMin: 6 * MILLION,
    salaryMax: 12 * MILLION,
    period: 'month',
    positions: 4,
    communeId: 'nga-bay',
    communeName: 'Ngã Bảy',
    address: '112 Quốc lộ 61, phường Ngã Bảy',
    daysAgo: 2,
    deadlineIn: 40,
    status: 'open',
  },
  {
    id: 'demo-job-tho-dieu-hoa',
    employerId: 'demo-emp-dien-may',
    title: 'Thợ lắp đặt, sửa chữa điều hòa',
    description:
      'Lắp đặt, bảo dưỡng máy lạnh tại nhà khách trong tỉnh; có xe công ty đưa đi, phụ cấp xăng và điện thoại.',
    requirements: 'Có tay nghề điện lạnh, ưu tiên có chứng chỉ nghề; có bằng lái xe máy.',
    salaryMin: 9 * MILLION,
    salaryMax: 15 * MILLION,
    period: 'month',
    positions: 2,
    communeId: 'nga-bay',
    communeName: 'Ngã Bảy',
    address: '112 Quốc lộ 61, phường Ngã Bảy',
    daysAgo: 7,
    deadlineIn: 18,
    status: 'open',
  },
  {
    id: 'demo-job-boc-xep-gao',
    employerId: 'demo-emp-nha-may-lua',
    title: 'Công nhân bốc xếp, vận hành máy sấy lúa',
    description:
      'Bốc xếp bao lúa, gạo lên ghe và xe tải; trực máy sấy theo ca khi vào mùa. Có chỗ ở lại cho người ở xa.',
    requirements: 'Nam, sức khỏe tốt. Làm ca đêm được tính thêm 30%.',
    salaryMin: 35_000,
    salaryMax: 40_000,
    period: 'hour',
    positions: 6,
    communeId: 'tan-phuoc-hung',
    communeName: 'Tân Phước Hưng',
    address: 'Ấp Tân Phú, xã Tân Phước Hưng',
    daysAgo: 1,
    deadlineIn: 14,
    status: 'open',
  },
];

interface DemoSeeker {
  userId: string;
  fullName: string;
  birthYear: number;
  phone: string;
  communeId: string;
  communeName: string;
  desiredPosition: string;
  skills: string;
  experience: string;
  visible: boolean;
}

export const DEMO_SEEKERS: DemoSeeker[] = [
  {
    userId: 'demo-jobs-seeker-1',
    fullName: 'Trần Văn Minh',
    birthYear: 1995,
    phone: '0922123456',
    communeId: 'vi-thanh',
    communeName: 'Vị Thanh',
    desiredPosition: 'Thợ điện lạnh',
    skills: 'Lắp đặt, sửa chữa máy lạnh, tủ đông; đọc sơ đồ điện; có chứng chỉ nghề điện lạnh.',
    experience: '4 năm làm thợ điện lạnh cho cửa hàng ở Cần Thơ.',
    visible: true,
  },
  {
    userId: 'demo-jobs-seeker-2',
    fullName: 'Nguyễn Thị Hồng Nhung',
    birthYear: 2001,
    phone: '0933234567',
    communeId: 'nga-bay',
    communeName: 'Ngã Bảy',
    desiredPosition: 'Nhân viên bán hàng, thu ngân',
    skills: 'Giao tiếp tốt, tin học văn phòng, bán hàng qua Zalo và Facebook.',
    experience: '2 năm bán hàng tại siêu thị mini ở Ngã Bảy.',
    visible: true,
  },
  {
    userId: 'demo-jobs-seeker-3',
    fullName: 'Lý Thị Kim Anh',
    birthYear: 1999,
    phone: '0944345678',
    communeId: 'vi-thanh',
    communeName: 'Vị Thanh',
    desiredPosition: 'Giáo viên mầm non',
    skills: 'Cao đẳng sư phạm mầm non, múa hát, kể chuyện.',
    experience: '1 năm giáo viên hợp đồng tại trường mầm non công lập.',
    visible: false,
  },
];

/** Who applied where: a demo employer opening "Nhà tuyển dụng" sees applicants. */
const DEMO_APPLICATIONS = [
  {
    id: 'demo-jobapp-1',
    vacancyId: 'demo-job-tho-dieu-hoa',
    seeker: 'demo-jobs-seeker-1',
    status: 'viewed',
    coverLetter: 'Tôi có 4 năm sửa máy lạnh, có xe máy riêng, có thể đi làm ngay.',
  },
  {
    id: 'demo-jobapp-2',
    vacancyId: 'demo-job-ban-hang-dien-may',
    seeker: 'demo-jobs-seeker-2',
    status: 'submitted',
    coverLetter: 'Em ở gần cửa hàng, đã quen bán hàng điện tử, mong được phỏng vấn.',
  },
  {
    id: 'demo-jobapp-3',
    vacancyId: 'demo-job-giao-vien-mn',
    seeker: 'demo-jobs-seeker-3',
    status: 'shortlisted',
    coverLetter: 'Em tốt nghiệp sư phạm mầm non, yêu trẻ và muốn làm lâu dài.',
  },
] as const;

function indexStatements(kind: string, refId: string, parts: string[]): InStatement[] {
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

export async function seedDemoJobs(client: Client, now = new Date()): Promise<void> {
  const at = (days: number) => new Date(now.getTime() - days * DAY).toISOString();
  const day = (days: number) => localDate(new Date(now.getTime() + days * DAY));
  const statements: InStatement[] = [];
  const users = [
    ...DEMO_EMPLOYERS.map((e) => ({ id: e.owner, name: e.ownerName, phone: e.phone })),
    ...DEMO_SEEKERS.map((s) => ({ id: s.userId, name: s.fullName, phone: s.phone })),
  ];
  for (const u of users) {
    statements.push({
      sql: `insert into users (id, zalo_id, phone, display_name, created_at, updated_at)
        values (?, ?, ?, ?, ?, ?) on conflict (id) do nothing`,
      args: [u.id, `demo-zalo-${u.id}`, u.phone, u.name, at(30), at(30)],
    });
  }
  for (const e of DEMO_EMPLOYERS) {
    statements.push({
      sql: `insert into employers (id, owner_id, name, tax_code, commune_id, address, phone, email,
          description, status, version, created_at, updated_at)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', 1, ?, ?) on conflict do nothing`,
      args: [
        e.id,
        e.owner,
        e.name,
        e.taxCode,
        e.communeId,
        e.address,
        e.phone,
        e.email,
        e.description,
        at(30),
        at(30),
      ],
    });
  }
  const employerName = new Map(DEMO_EMPLOYERS.map((e) => [e.id, e.name]));
  for (const v of DEMO_VACANCIES) {
    statements.push(
      {
        sql: `insert into job_vacancies (id, employer_id, title, description, requirements,
            salary_min_vnd, salary_max_vnd, salary_period, positions, commune_id, address, deadline,
            status, request_key, version, created_at, updated_at)
          values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?) on conflict do nothing`,
        args: [
          v.id,
          v.employerId,
          v.title,
          v.description,
          v.requirements,
          v.salaryMin,
          v.salaryMax,
          v.period,
          v.positions,
          v.communeId,
          v.address,
          day(v.deadlineIn),
          v.status,
          `demo-${v.id}`,
          at(v.daysAgo),
          at(v.daysAgo),
        ],
      },
      // Untouched since seeded: keep its deadline and date as far from today as designed.
      {
        sql: 'update job_vacancies set deadline = ?, created_at = ?, updated_at = ? where id = ? and version = 1',
        args: [day(v.deadlineIn), at(v.daysAgo), at(v.daysAgo), v.id],
      },
      ...indexStatements('job_vacancy', v.id, [
        v.title,
        employerName.get(v.employerId) ?? '',
        v.communeName,
        v.address,
        v.requirements,
        v.description,
      ]),
    );
  }
  for (const s of DEMO_SEEKERS) {
    statements.push({
      sql: `insert into job_seeker_profiles (user_id, full_name, birth_year, phone, commune_id,
          desired_position, skills, experience, visible, version, created_at, updated_at)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?) on conflict do nothing`,
      args: [
        s.userId,
        s.fullName,
        s.birthYear,
        s.phone,
        s.communeId,
        s.desiredPosition,
        s.skills,
        s.experience,
        s.visible ? 1 : 0,
        at(10),
        at(10),
      ],
    });
    if (s.visible) {
      statements.push(
        ...indexStatements('job_seeker', s.userId, [
          s.desiredPosition,
          s.skills,
          s.experience,
          s.communeName,
        ]),
      );
    }
  }
  const seekers = new Map(DEMO_SEEKERS.map((s) => [s.userId, s]));
  DEMO_APPLICATIONS.forEach((a, i) => {
    const s = seekers.get(a.seeker);
    if (!s) return;
    const snapshot = {
      fullName: s.fullName,
      birthYear: s.birthYear,
      phone: s.phone,
      communeId: s.communeId,
      communeName: s.communeName,
      desiredPosition: s.desiredPosition,
      skills: s.skills,
      experience: s.experience,
    };
    statements.push({
      sql: `insert into job_applications (id, vacancy_id, applicant_id, profile_snapshot,
          cover_letter, status, created_at, updated_at)
        values (?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing`,
      args: [
        a.id,
        a.vacancyId,
        a.seeker,
        JSON.stringify(snapshot),
        a.coverLetter,
        a.status,
        at(i + 0.5),
        at(i + 0.5),
      ],
    });
  });
  await client.batch(statements, 'write');
}
