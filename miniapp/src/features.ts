import type { IconProps } from 'zmp-ui/icon';
import type { Language } from './i18n';

/**
 * The product's 18 functions (shared/FEATURES.md), the single source for the home grid.
 *
 * To ship a function: write its page under src/pages/<feature>/, register it in
 * src/pages/registry.ts, and here replace `status: 'coming_soon'` with
 * `status: 'available', route: '/<feature>'`. The unit tests check that every available
 * function has both a route and a page.
 */

export type FeatureId =
  | 'field-reports'
  | 'work-schedules'
  | 'government-news'
  | 'hospital-appointments'
  | 'online-training'
  | 'investment'
  | 'surveys'
  | 'weather'
  | 'environment'
  | 'official-chat'
  | 'agri-market'
  | 'public-services'
  | 'socio-economic'
  | 'payment'
  | 'directory'
  | 'digital-map'
  | 'jobs'
  | 'utilities';

/** Home sections, in display order; `flagship` is the large card at the top. */
export const FEATURE_GROUPS = [
  'flagship',
  'publicServices',
  'information',
  'economy',
  'officials',
] as const;
export type FeatureGroup = (typeof FEATURE_GROUPS)[number];

export type ZiIcon = NonNullable<IconProps['icon']>;

type Localized = { readonly [L in Language]: string };

type FeatureBase = {
  id: FeatureId;
  /** Number in the Hậu Giang app's list of functions (shared/FEATURES.md). */
  no: number;
  group: FeatureGroup;
  icon: ZiIcon;
  /** Officials-only functions stay listed so citizens know they exist, with a mark. */
  audience: 'public' | 'officials';
  label: Localized;
  /** What the function will let people do; shown while it is not available yet. */
  description: Localized;
};

/** A route is required exactly when a function is available. */
export type Feature = FeatureBase &
  ({ status: 'coming_soon' } | { status: 'available'; route: `/${string}` });

export const FEATURES: readonly Feature[] = [
  {
    id: 'field-reports',
    no: 1,
    group: 'flagship',
    icon: 'zi-camera',
    audience: 'public',
    status: 'available',
    route: '/field-reports',
    label: { vi: 'Phản ánh hiện trường', en: 'Field reports' },
    description: {
      vi: 'Gửi ảnh, video và vị trí sự cố (ổ gà, ngập nước, rác thải...) mà không cần tài khoản; nhận mã theo dõi và đánh giá kết quả xử lý.',
      en: 'Send photos, video and the location of a problem (potholes, flooding, rubbish...) without an account; get a tracking code and rate how it was handled.',
    },
  },
  {
    id: 'public-services',
    no: 12,
    group: 'publicServices',
    icon: 'zi-note',
    audience: 'public',
    status: 'available',
    route: '/public-services',
    label: { vi: 'Dịch vụ công trực tuyến', en: 'Online public services' },
    description: {
      vi: 'Tra cứu thủ tục hành chính, nộp hồ sơ trên cổng dịch vụ công và theo dõi tiến độ giải quyết.',
      en: 'Find a procedure, apply on the public-service portal and follow your dossier.',
    },
  },
  {
    id: 'hospital-appointments',
    no: 4,
    group: 'publicServices',
    icon: 'zi-plus-circle',
    audience: 'public',
    status: 'available',
    route: '/hospital-appointments',
    label: { vi: 'Đặt lịch khám bệnh', en: 'Hospital appointments' },
    description: {
      vi: 'Chọn bệnh viện, khoa, ngày và giờ khám; nhận số thứ tự và hủy lịch khi cần.',
      en: 'Choose a hospital, department, day and time; get a queue number and cancel if needed.',
    },
  },
  {
    id: 'payment',
    no: 14,
    group: 'publicServices',
    icon: 'zi-qrline',
    audience: 'public',
    status: 'available',
    route: '/payment',
    label: { vi: 'Thanh toán', en: 'Payment' },
    description: {
      vi: 'Thanh toán phí, lệ phí qua ví điện tử ngay trong Zalo.',
      en: 'Pay fees with an e-wallet right inside Zalo.',
    },
  },
  {
    id: 'directory',
    no: 15,
    group: 'publicServices',
    icon: 'zi-call',
    audience: 'public',
    status: 'available',
    route: '/directory',
    label: { vi: 'Danh bạ điện thoại', en: 'Directory' },
    description: {
      vi: 'Đường dây nóng và số điện thoại các cơ quan, chạm để gọi; số khẩn cấp ở đầu danh sách.',
      en: 'Hotlines and agency phone numbers, tap to call; emergency numbers first.',
    },
  },
  {
    id: 'surveys',
    no: 7,
    group: 'publicServices',
    icon: 'zi-check-circle',
    audience: 'public',
    status: 'available',
    route: '/surveys',
    label: { vi: 'Khảo sát ý kiến', en: 'Opinion surveys' },
    description: {
      vi: 'Góp ý cho các dự thảo chủ trương, chính sách của tỉnh qua phiếu khảo sát.',
      en: 'Give your opinion on draft policies of the province through surveys.',
    },
  },
  {
    id: 'online-training',
    no: 5,
    group: 'publicServices',
    icon: 'zi-video',
    audience: 'public',
    status: 'available',
    route: '/online-training',
    label: { vi: 'Tập huấn trực tuyến', en: 'Online training' },
    description: {
      vi: 'Đăng ký khóa học, tham gia buổi học trực tuyến, xem tài liệu và đặt câu hỏi.',
      en: 'Register for courses, join live sessions, read the materials and ask questions.',
    },
  },
  {
    id: 'government-news',
    no: 3,
    group: 'information',
    icon: 'zi-notif-ring',
    audience: 'public',
    status: 'available',
    route: '/government-news',
    label: { vi: 'Thông tin chính quyền', en: 'Government news' },
    description: {
      vi: 'Tin tức từ các cơ quan và cảnh báo khẩn cấp về bão, lũ, xâm nhập mặn, dịch bệnh cho xã, phường của bạn.',
      en: 'News from agencies and urgent warnings about storms, floods, salinity and epidemics for your commune.',
    },
  },
  {
    id: 'work-schedules',
    no: 2,
    group: 'information',
    icon: 'zi-calendar',
    audience: 'public',
    status: 'available',
    route: '/work-schedules',
    label: { vi: 'Lịch công tác', en: 'Work schedules' },
    description: {
      vi: 'Lịch công tác hằng tuần của các cơ quan và lãnh đạo tỉnh.',
      en: 'Weekly work schedules of provincial agencies and leaders.',
    },
  },
  {
    id: 'weather',
    no: 8,
    group: 'information',
    icon: 'zi-backup-solid',
    audience: 'public',
    status: 'available',
    route: '/weather',
    label: { vi: 'Thời tiết', en: 'Weather' },
    description: {
      vi: 'Nhiệt độ, độ ẩm, gió, lượng mưa, chỉ số UV từ các trạm quan trắc của tỉnh và dự báo 5 ngày.',
      en: "Temperature, humidity, wind, rainfall and UV index from the province's stations, and a 5-day forecast.",
    },
  },
  {
    id: 'environment',
    no: 9,
    group: 'information',
    icon: 'zi-wifi',
    audience: 'public',
    status: 'available',
    route: '/environment',
    label: { vi: 'Giám sát môi trường', en: 'Environment monitoring' },
    description: {
      vi: 'Độ mặn, pH, nhiệt độ nước và chất lượng không khí từ các trạm tự động, xem trên bản đồ.',
      en: 'Salinity, pH, water temperature and air quality from automatic stations, on a map.',
    },
  },
  {
    id: 'digital-map',
    no: 16,
    group: 'information',
    icon: 'zi-location',
    audience: 'public',
    status: 'available',
    route: '/digital-map',
    label: { vi: 'Bản đồ số', en: 'Digital map' },
    description: {
      vi: 'Cơ sở y tế, trường học, nhà hàng, khách sạn, điểm du lịch theo xã, phường, trên bản đồ và danh sách.',
      en: 'Clinics, schools, restaurants, hotels and sights by commune, on a map and as a list.',
    },
  },
  {
    id: 'socio-economic',
    no: 13,
    group: 'information',
    icon: 'zi-poll',
    audience: 'public',
    status: 'available',
    route: '/socio-economic',
    label: { vi: 'Báo cáo kinh tế xã hội', en: 'Socio-economic indicators' },
    description: {
      vi: 'Theo dõi các chỉ tiêu phát triển kinh tế - xã hội của tỉnh qua thời gian.',
      en: "Follow the province's development indicators over time.",
    },
  },
  {
    id: 'agri-market',
    no: 11,
    group: 'economy',
    icon: 'zi-inbox',
    audience: 'public',
    status: 'available',
    route: '/agri-market',
    label: { vi: 'Thị trường nông sản', en: 'Agricultural market' },
    description: {
      vi: 'Đăng bán nông sản, sản phẩm OCOP hoặc nhu cầu mua; kết nối người mua và người bán.',
      en: 'Post produce and OCOP products to sell, or what you want to buy; connect buyers and sellers.',
    },
  },
  {
    id: 'jobs',
    no: 17,
    group: 'economy',
    icon: 'zi-user-search',
    audience: 'public',
    status: 'available',
    route: '/jobs',
    label: { vi: 'Việc làm', en: 'Jobs' },
    description: {
      vi: 'Người tìm việc đăng hồ sơ, doanh nghiệp đăng tin tuyển dụng, hai bên cùng tìm kiếm.',
      en: 'Job seekers post profiles, employers post vacancies, and both can search.',
    },
  },
  {
    id: 'investment',
    no: 6,
    group: 'economy',
    icon: 'zi-star',
    audience: 'public',
    status: 'available',
    route: '/investment',
    label: { vi: 'Thu hút đầu tư', en: 'Investment' },
    description: {
      vi: 'Chính sách, lĩnh vực và dự án của tỉnh đang kêu gọi đầu tư, kèm thông tin liên hệ.',
      en: 'Policies, sectors and projects open for investment, with contacts and an enquiry form.',
    },
  },
  {
    id: 'utilities',
    no: 18,
    group: 'economy',
    icon: 'zi-more-grid',
    audience: 'public',
    status: 'available',
    route: '/utilities',
    label: { vi: 'Tiện ích', en: 'Utilities' },
    description: {
      vi: 'Chuyển ảnh và giọng nói thành văn bản; dịch giữa tiếng Việt, Anh, Pháp, Đức, Nga, Nhật...',
      en: 'Image and voice to text; translation between Vietnamese, English, French, German, Russian, Japanese...',
    },
  },
  {
    id: 'official-chat',
    no: 10,
    group: 'officials',
    icon: 'zi-chat',
    audience: 'officials',
    status: 'available',
    route: '/official-chat',
    label: { vi: 'Trao đổi công việc', en: 'Official chat' },
    description: {
      vi: 'Nhắn tin, gọi thoại và gọi video giữa cán bộ, công chức; tin nhắn được mã hóa.',
      en: 'Messages, voice and video calls between officials; messages are encrypted.',
    },
  },
];

export function featuresInGroup(group: FeatureGroup): Feature[] {
  return FEATURES.filter((feature) => feature.group === group);
}

export function findFeature(id: FeatureId): Feature | undefined {
  return FEATURES.find((feature) => feature.id === id);
}
