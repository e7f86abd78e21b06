import type { Client, InStatement } from '@libsql/client';
import { richTextToPlain, sanitizeRichText } from '../edge/src/content/rich-text';
import { foldVietnamese } from '../edge/src/platform/text';

// The demo government news (thông tin chính quyền) of local development (`npm start`), the
// browser test and the home-screen benchmark: a dozen articles of the province's agencies in
// every category of the seeded news_categories, most by the Provincial People's Committee
// Office (van_phong_ubnd_tinh, whose demo editor is tintuc@demo.gov.vn), some with an English
// version, and one draft of that office that the public must never see.
// Development only: no deployment path imports this module.
//
// Idempotent: fixed ids, rows only added (an editor's changes survive a restart). Publication
// dates count back from the first seeding, so a fresh checkout shows this week's news.

export const DEMO_NEWS_AGENCY = 'van_phong_ubnd_tinh';
/** The unpublished article: tests check that no public answer ever contains it. */
export const DEMO_NEWS_DRAFT = 'demo-tin-du-thao-le-hoi';
const EDITOR = 'demo-tintuc';
const HOUR = 3_600_000;

interface DemoArticle {
  id: string;
  agencyId: string;
  categoryId: string;
  title: string;
  summary: string;
  bodyHtml: string;
  en?: { title: string; summary?: string; bodyHtml?: string };
  /** Hours before `now` it was published; null: still a draft. */
  hoursAgo: number | null;
}

export const DEMO_ARTICLES: readonly DemoArticle[] = [
  {
    id: 'demo-tin-lich-thoi-vu-he-thu',
    agencyId: 'so_nong_nghiep_moi_truong',
    categoryId: 'nong-nghiep',
    title: 'Khuyến cáo lịch thời vụ xuống giống lúa Hè Thu né rầy, né mặn',
    summary:
      'Sở Nông nghiệp và Môi trường khuyến cáo nông dân xuống giống tập trung, đồng loạt theo từng cánh đồng trong ba đợt, né rầy nâu di trú và nước mặn cuối mùa khô.',
    bodyHtml: `<p>Căn cứ kết quả theo dõi bẫy đèn và độ mặn trên các tuyến sông chính, Sở Nông nghiệp và Môi trường khuyến cáo lịch xuống giống vụ lúa Hè Thu như sau:</p>
<ul><li>Đợt 1: từ ngày 20 đến 30 tháng 4, các xã Vị Thủy, Vĩnh Tường, Long Mỹ;</li><li>Đợt 2: từ ngày 1 đến 10 tháng 5, các xã Phụng Hiệp, Hiệp Hưng, Tân Phước Hưng;</li><li>Đợt 3: từ ngày 11 đến 20 tháng 5, các xã còn lại.</li></ul>
<p>Nông dân sử dụng giống xác nhận, gieo sạ thưa (80–100 kg/ha), áp dụng "<strong>1 phải 5 giảm</strong>" và theo dõi thông báo độ mặn trước khi lấy nước vào ruộng.</p>
<p>Chi tiết liên hệ Trạm Trồng trọt và Bảo vệ thực vật nơi gần nhất hoặc số điện thoại <a href="tel:02933876543">0293 3876 543</a>.</p>`,
    en: {
      title: 'Recommended sowing calendar for the summer–autumn rice crop',
      summary:
        'Farmers are advised to sow in three synchronised rounds by field to avoid migrating brown planthoppers and late dry-season salinity.',
    },
    hoursAgo: 5,
  },
  {
    id: 'demo-tin-tiep-cong-dan-thang',
    agencyId: DEMO_NEWS_AGENCY,
    categoryId: 'thong-bao',
    title: 'Thông báo lịch tiếp công dân định kỳ của Chủ tịch UBND tỉnh',
    summary:
      'Chủ tịch UBND tỉnh tiếp công dân định kỳ vào ngày 15 hằng tháng tại Trụ sở Tiếp công dân tỉnh; người dân đăng ký trước qua số điện thoại đường dây nóng.',
    bodyHtml: `<p>Thực hiện Luật Tiếp công dân, Văn phòng UBND tỉnh thông báo lịch tiếp công dân định kỳ của Chủ tịch UBND tỉnh:</p>
<ul><li><strong>Thời gian:</strong> ngày 15 hằng tháng (nếu trùng ngày nghỉ thì dời sang ngày làm việc kế tiếp), từ 7 giờ 30.</li><li><strong>Địa điểm:</strong> Trụ sở Tiếp công dân tỉnh, số 9 Trần Hưng Đạo, phường Vị Thanh.</li></ul>
<p>Công dân mang theo căn cước và giấy tờ liên quan; đăng ký trước qua số <a href="tel:02933878787">0293 3878 787</a> để được bố trí thời gian.</p>`,
    en: {
      title: 'Monthly citizen reception by the Chairman of the Provincial People’s Committee',
      summary:
        'The Chairman receives citizens on the 15th of every month at the Provincial Citizen Reception Office; register in advance by phone.',
      bodyHtml:
        '<p>The Chairman of the Provincial People’s Committee receives citizens on the 15th of each month from 7:30 at the Provincial Citizen Reception Office, 9 Tran Hung Dao, Vi Thanh ward. Please bring your ID card and register in advance at <a href="tel:02933878787">0293 3878 787</a>.</p>',
    },
    hoursAgo: 20,
  },
  {
    id: 'demo-tin-cap-nuoc-mua-kho',
    agencyId: DEMO_NEWS_AGENCY,
    categoryId: 'thoi-su',
    title: 'Bảo đảm nước sinh hoạt cho người dân vùng hạn mặn cuối mùa khô',
    summary:
      'UBND tỉnh chỉ đạo các đơn vị cấp nước tăng giờ vận hành, bố trí điểm cấp nước miễn phí tại các xã thuộc huyện Long Mỹ cũ khi độ mặn vượt ngưỡng.',
    bodyHtml: `<p>Trước diễn biến xâm nhập mặn trên sông Cái Lớn và sông Nước Đục, UBND tỉnh yêu cầu Công ty Cấp thoát nước và các xã:</p>
<ol><li>Tăng thời gian vận hành các trạm cấp nước tập trung, trữ nước ngọt vào bồn chứa khi độ mặn dưới 1‰;</li><li>Bố trí điểm cấp nước sinh hoạt miễn phí tại trụ sở UBND xã Long Mỹ, Lương Tâm, Xà Phiên;</li><li>Thông báo kịp thời độ mặn trên ứng dụng Hậu Giang Số để người dân chủ động trữ nước.</li></ol>
<blockquote>Không để người dân nào thiếu nước sinh hoạt trong mùa khô.</blockquote>`,
    hoursAgo: 30,
  },
  {
    id: 'demo-tin-ho-tro-hoc-phi',
    agencyId: 'so_giao_duc',
    categoryId: 'chinh-sach',
    title: 'Miễn học phí cho học sinh từ mầm non đến trung học phổ thông công lập',
    summary:
      'Từ năm học mới, học sinh các trường công lập trên địa bàn tỉnh được miễn học phí; cơ sở giáo dục ngoài công lập được hỗ trợ theo mức quy định.',
    bodyHtml: `<p>Thực hiện nghị quyết của Quốc hội về miễn, hỗ trợ học phí, Sở Giáo dục và Đào tạo hướng dẫn các trường:</p>
<ul><li>Không thu học phí đối với trẻ mầm non, học sinh phổ thông công lập từ đầu năm học;</li><li>Học sinh trường ngoài công lập được hỗ trợ học phí bằng mức thu của trường công lập cùng cấp;</li><li>Phụ huynh không phải nộp hồ sơ đề nghị; nhà trường lập danh sách.</li></ul>
<p>Mọi thắc mắc, phụ huynh liên hệ nhà trường hoặc phòng Kế hoạch – Tài chính của Sở.</p>`,
    en: {
      title: 'Free tuition for public pre-school to upper-secondary pupils',
      summary:
        'From the new school year public-school pupils in the province pay no tuition; private-school pupils receive support at the public rate.',
    },
    hoursAgo: 46,
  },
  {
    id: 'demo-tin-tiem-chung-soi',
    agencyId: 'so_y_te',
    categoryId: 'y-te-giao-duc',
    title: 'Chiến dịch tiêm vắc xin sởi cho trẻ từ 1 đến 5 tuổi',
    summary:
      'Ngành y tế tổ chức tiêm bổ sung vắc xin sởi miễn phí tại các trạm y tế xã, phường; phụ huynh mang theo sổ tiêm chủng của trẻ.',
    bodyHtml: `<p>Để chủ động phòng bệnh sởi, Sở Y tế tổ chức chiến dịch tiêm bổ sung vắc xin sởi cho trẻ từ 1 đến 5 tuổi chưa tiêm đủ hai mũi.</p>
<p><strong>Thời gian:</strong> trong hai tuần, từ thứ Hai đến thứ Bảy, sáng 7 giờ – 11 giờ, chiều 13 giờ 30 – 16 giờ 30, tại trạm y tế 31 xã, phường.</p>
<p>Phụ huynh mang theo sổ hoặc phiếu tiêm chủng; trẻ đang sốt, mắc bệnh cấp tính được hẹn tiêm sau. Theo dõi trẻ 30 phút tại điểm tiêm và 24 giờ tại nhà.</p>`,
    hoursAgo: 52,
  },
  {
    id: 'demo-tin-giai-ngan-dau-tu-cong',
    agencyId: 'so_tai_chinh',
    categoryId: 'kinh-te',
    title: 'Đẩy nhanh giải ngân vốn đầu tư công những tháng cuối năm',
    summary:
      'Tỷ lệ giải ngân vốn đầu tư công của tỉnh đạt hơn 62% kế hoạch; UBND tỉnh yêu cầu các chủ đầu tư chậm giải ngân báo cáo nguyên nhân hằng tuần.',
    bodyHtml: `<p>Theo báo cáo của Sở Tài chính, đến cuối tháng, toàn tỉnh đã giải ngân hơn 62% kế hoạch vốn đầu tư công được giao, cao hơn bình quân cả nước.</p>
<p>UBND tỉnh yêu cầu:</p>
<ul><li>Chủ đầu tư có tỷ lệ giải ngân dưới 50% báo cáo nguyên nhân và giải pháp hằng tuần;</li><li>Tập trung tháo gỡ vướng mắc mặt bằng ở dự án đường tỉnh 927C và kè chống sạt lở sông Cái Côn;</li><li>Điều chuyển vốn từ dự án không có khả năng giải ngân sang dự án có khối lượng.</li></ul>`,
    hoursAgo: 75,
  },
  {
    id: 'demo-tin-le-hoi-khmer',
    agencyId: DEMO_NEWS_AGENCY,
    categoryId: 'van-hoa-xa-hoi',
    title: 'Tổ chức Lễ hội Ok Om Bok và đua ghe Ngo của đồng bào Khmer',
    summary:
      'Lễ hội Ok Om Bok năm nay diễn ra tại xã Hỏa Lựu với đua ghe Ngo, thả đèn nước và các hoạt động văn hóa, thể thao của đồng bào Khmer.',
    bodyHtml: `<p>Nhằm giữ gìn bản sắc văn hóa của đồng bào Khmer, UBND tỉnh tổ chức Lễ hội Ok Om Bok – đua ghe Ngo tại xã Hỏa Lựu.</p>
<ul><li>Tối ngày rằm tháng 10 âm lịch: lễ cúng trăng, thả đèn gió và đèn nước;</li><li>Ngày hôm sau: giải đua ghe Ngo trên kênh Xà No với 12 đội tham gia;</li><li>Hội chợ sản phẩm OCOP và ẩm thực Khmer.</li></ul>
<p>Người dân và du khách được tham dự miễn phí.</p>`,
    en: {
      title: 'Ok Om Bok festival and Ngo boat race of the Khmer community',
      summary:
        'This year’s Ok Om Bok festival takes place in Hoa Luu commune with Ngo boat racing, floating lanterns and cultural events.',
    },
    hoursAgo: 98,
  },
  {
    id: 'demo-tin-dich-vu-cong-truc-tuyen',
    agencyId: DEMO_NEWS_AGENCY,
    categoryId: 'thong-bao',
    title: 'Nộp hồ sơ thủ tục hành chính trực tuyến trên ứng dụng Hậu Giang Số',
    summary:
      'Từ tháng này người dân tra cứu thủ tục, nộp hồ sơ trực tuyến và theo dõi kết quả ngay trên ứng dụng Hậu Giang Số trong Zalo.',
    bodyHtml: `<p>Văn phòng UBND tỉnh thông báo: người dân, doanh nghiệp có thể tra cứu hơn 1.800 thủ tục hành chính, nộp hồ sơ trực tuyến và theo dõi tình trạng xử lý ngay trên ứng dụng <strong>Hậu Giang Số</strong> trong Zalo.</p>
<p>Các thủ tục thường dùng như đăng ký khai sinh, chứng thực bản sao, đăng ký kinh doanh hộ cá thể được hướng dẫn từng bước. Khi cần hỗ trợ, liên hệ Trung tâm Phục vụ hành chính công tỉnh.</p>`,
    hoursAgo: 122,
  },
  {
    id: 'demo-tin-khu-cong-nghiep',
    agencyId: 'so_tai_chinh',
    categoryId: 'kinh-te',
    title: 'Thu hút thêm ba dự án vào Khu công nghiệp Tân Phú Thạnh',
    summary:
      'Ba dự án chế biến nông sản, thủy sản với tổng vốn đăng ký hơn 1.200 tỷ đồng được cấp chủ trương đầu tư, dự kiến tạo việc làm cho khoảng 2.000 lao động.',
    bodyHtml: `<p>UBND tỉnh vừa trao quyết định chủ trương đầu tư cho ba dự án tại Khu công nghiệp Tân Phú Thạnh, chủ yếu chế biến gạo, trái cây và thủy sản xuất khẩu.</p>
<p>Tổng vốn đăng ký hơn 1.200 tỷ đồng; khi đi vào hoạt động các dự án cần khoảng 2.000 lao động. Người lao động quan tâm theo dõi mục Việc làm trên ứng dụng.</p>`,
    hoursAgo: 150,
  },
  {
    id: 'demo-tin-sat-lo-bo-song',
    agencyId: 'so_nong_nghiep_moi_truong',
    categoryId: 'thoi-su',
    title: 'Công bố tình huống khẩn cấp sạt lở bờ sông Cái Côn, phường Ngã Bảy',
    summary:
      'UBND tỉnh công bố tình huống khẩn cấp sạt lở bờ sông đoạn qua phường Ngã Bảy, di dời 14 hộ dân đến nơi an toàn và cấm phương tiện trọng tải lớn.',
    bodyHtml: `<p>Đoạn bờ sông Cái Côn dài khoảng 120 m thuộc khu vực 3, phường Ngã Bảy xảy ra sạt lở, ảnh hưởng 14 hộ dân và tuyến đường ven sông.</p>
<p>UBND tỉnh đã:</p>
<ul><li>Công bố tình huống khẩn cấp, cắm biển cảnh báo và rào chắn khu vực nguy hiểm;</li><li>Di dời 14 hộ dân đến nơi ở tạm, hỗ trợ mỗi hộ 10 triệu đồng;</li><li>Giao Sở Nông nghiệp và Môi trường khảo sát phương án kè khẩn cấp.</li></ul>
<p>Người dân không đến gần khu vực sạt lở; phát hiện vết nứt mới, báo ngay qua mục Phản ánh hiện trường.</p>`,
    hoursAgo: 200,
  },
  {
    id: 'demo-tin-bao-hiem-y-te',
    agencyId: 'so_y_te',
    categoryId: 'chinh-sach',
    title: 'Hỗ trợ mức đóng bảo hiểm y tế cho hộ cận nghèo và học sinh, sinh viên',
    summary:
      'Ngân sách tỉnh hỗ trợ thêm 30% mức đóng bảo hiểm y tế cho người thuộc hộ cận nghèo và 20% cho học sinh, sinh viên ngoài mức hỗ trợ của Trung ương.',
    bodyHtml: `<p>Theo nghị quyết của HĐND tỉnh, ngoài mức hỗ trợ của ngân sách Trung ương, ngân sách tỉnh hỗ trợ thêm:</p>
<table><thead><tr><th>Đối tượng</th><th>Mức hỗ trợ thêm</th></tr></thead><tbody><tr><td>Người thuộc hộ cận nghèo</td><td>30%</td></tr><tr><td>Học sinh, sinh viên</td><td>20%</td></tr><tr><td>Hộ làm nông, lâm, ngư nghiệp có mức sống trung bình</td><td>10%</td></tr></tbody></table>
<p>Người dân đăng ký tại UBND xã, phường hoặc đại lý thu bảo hiểm y tế.</p>`,
    hoursAgo: 260,
  },
  {
    id: 'demo-tin-tuyen-sinh-lop-10',
    agencyId: 'so_giao_duc',
    categoryId: 'y-te-giao-duc',
    title: 'Kế hoạch tuyển sinh lớp 10 trung học phổ thông năm học mới',
    summary:
      'Tuyển sinh lớp 10 bằng hình thức thi tuyển ba môn Toán, Ngữ văn, Tiếng Anh; học sinh đăng ký nguyện vọng trực tuyến trước ngày 20 tháng 5.',
    bodyHtml: `<p>Sở Giáo dục và Đào tạo ban hành kế hoạch tuyển sinh lớp 10 trung học phổ thông:</p>
<ul><li>Thi tuyển ba môn: Toán, Ngữ văn, Tiếng Anh; trường chuyên Vị Thanh thi thêm môn chuyên;</li><li>Mỗi học sinh đăng ký tối đa hai nguyện vọng, nộp trực tuyến trước ngày 20 tháng 5;</li><li>Kết quả công bố trên cổng thông tin của Sở và ứng dụng Hậu Giang Số.</li></ul>`,
    hoursAgo: 320,
  },
  {
    id: DEMO_NEWS_DRAFT,
    agencyId: DEMO_NEWS_AGENCY,
    categoryId: 'van-hoa-xa-hoi',
    title: 'Dự thảo: Chương trình Lễ hội Trái cây và Khóm Cầu Đúc lần thứ hai',
    summary: 'Bản nháp nội bộ, chưa được duyệt đăng.',
    bodyHtml: `<p>Dự kiến tổ chức trong ba ngày tại phường Vị Tân; chương trình chi tiết đang chờ ý kiến của Sở Văn hóa, Thể thao và Du lịch.</p>`,
    hoursAgo: null,
  },
];

/** The same parts as searchTexts (edge/src/news/repo.ts) joins for the shared index. */
function searchBody(a: DemoArticle, bodyHtml: string, enBody: string | undefined): string {
  return foldVietnamese(
    [
      a.title,
      a.summary,
      richTextToPlain(bodyHtml),
      a.en?.title,
      a.en?.summary,
      enBody ? richTextToPlain(enBody) : undefined,
    ]
      .filter((p): p is string => !!p)
      .join(' \n '),
  );
}

export async function seedDemoNews(client: Pick<Client, 'batch'>, now = new Date()): Promise<void> {
  const stamp = now.toISOString();
  const statements: InStatement[] = [];
  for (const a of DEMO_ARTICLES) {
    // Stored like an editor's article: only sanitised HTML ever reaches the table.
    const bodyHtml = sanitizeRichText(a.bodyHtml);
    const enBody = a.en?.bodyHtml ? sanitizeRichText(a.en.bodyHtml) : undefined;
    const en = a.en ? JSON.stringify({ ...a.en, ...(enBody ? { bodyHtml: enBody } : {}) }) : null;
    const publishedAt = a.hoursAgo === null ? null : new Date(now.getTime() - a.hoursAgo * HOUR);
    const at = publishedAt?.toISOString() ?? stamp;
    const author = a.agencyId === DEMO_NEWS_AGENCY ? EDITOR : 'demo';
    statements.push(
      {
        sql: `insert into news_articles (id, agency_id, category_id, title, summary, body_html,
            en, status, published_at, version, created_by, updated_by, created_at, updated_at)
          values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
          on conflict (id) do nothing`,
        args: [
          a.id,
          a.agencyId,
          a.categoryId,
          a.title,
          a.summary,
          bodyHtml,
          en,
          publishedAt ? 'published' : 'draft',
          publishedAt ? at : null,
          publishedAt ? 2 : 1,
          author,
          author,
          at,
          at,
        ],
      },
      // Like searchIndexStatements (edge/src/content/search-index.ts), but an article an editor
      // has since rewritten keeps the index entry of the editor's text.
      {
        sql: `insert into content_search_docs (kind, ref_id) values ('article', ?) on conflict do nothing`,
        args: [a.id],
      },
      {
        sql: `delete from content_search where rowid = (select id from content_search_docs
            where kind = 'article' and ref_id = ?)
          and exists (select 1 from news_articles where id = ? and title = ? and body_html = ?)`,
        args: [a.id, a.id, a.title, bodyHtml],
      },
      {
        sql: `insert or ignore into content_search (rowid, kind, body)
          select id, 'article', ? from content_search_docs where kind = 'article' and ref_id = ?
            and exists (select 1 from news_articles where id = ? and title = ? and body_html = ?)`,
        args: [searchBody(a, bodyHtml, enBody), a.id, a.id, a.title, bodyHtml],
      },
    );
  }
  // Cached public answers (ETags) carry the news version: a seeded article must show at once.
  statements.push({
    sql: `insert into content_versions (module, version, updated_at) values ('news', 1, ?)
      on conflict (module) do update set version = version + 1, updated_at = excluded.updated_at`,
    args: [stamp],
  });
  await client.batch(statements, 'write');
}
