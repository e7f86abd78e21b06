import { foldVietnamese } from '../../platform/text';

// The draft public warning of an early-warning alert, for the future news-and-alerts module.
// The job writes it from the alert's figures and its reports' words; the IOC edits, approves
// or discards it. Deterministic: the same alert and reports give the same text.
//
// A category is broad ("Cấp thoát nước" covers both floods and water cuts), so the draft
// names the topic most of the reports talk about when at least half of them do (folded
// keywords, whole syllables), and falls back to the category's own wording otherwise.

interface Topic {
  label: string;
  /** Folded syllable sequences, matched as whole words. */
  keywords: readonly string[];
  advice?: string;
}

const CAUTION = 'Người dân trong khu vực chú ý quan sát, chủ động phòng tránh.';
const POWER_SAFETY = 'Người dân không tự ý sửa chữa, tránh xa dây điện đứt hoặc võng thấp.';

const TOPICS: Record<string, readonly Topic[]> = {
  cap_thoat_nuoc: [
    {
      label: 'ngập úng',
      keywords: ['ngap', 'ngap ung', 'ung ngap', 'nuoc tran', 'nuoc dang', 'ngap nuoc'],
      advice:
        'Người dân hạn chế đi qua các đoạn đường ngập sâu, chú ý an toàn điện và trông chừng trẻ nhỏ.',
    },
    {
      label: 'mất nước sinh hoạt',
      keywords: ['mat nuoc', 'cup nuoc', 'khong co nuoc', 'nuoc yeu', 'cat nuoc'],
      advice: 'Người dân chủ động trữ nước sinh hoạt trong thời gian chờ khắc phục.',
    },
    {
      label: 'nước sinh hoạt kém chất lượng',
      keywords: ['nuoc duc', 'nuoc ban', 'nuoc co mui', 'nuoc vang', 'nuoc hoi'],
      advice: 'Người dân đun sôi nước trước khi dùng để ăn uống cho đến khi có thông báo mới.',
    },
    {
      label: 'vỡ đường ống nước',
      keywords: ['be ong', 'vo ong', 'xi ong', 'ro ri nuoc', 'ong nuoc'],
    },
    { label: 'cống thoát nước bị nghẹt', keywords: ['cong nghet', 'nghet cong', 'cong bi tac'] },
  ],
  dien_chieu_sang: [
    {
      label: 'mất điện',
      keywords: ['mat dien', 'cup dien', 'cat dien', 'khong co dien', 'dien chap chon'],
      advice: POWER_SAFETY,
    },
    {
      label: 'đèn đường không sáng',
      keywords: ['den duong', 'den chieu sang', 'den khong sang'],
    },
    {
      label: 'dây điện, trụ điện mất an toàn',
      keywords: ['day dien', 'tru dien', 'cot dien', 'chap dien'],
      advice: POWER_SAFETY,
    },
  ],
  moi_truong: [
    {
      label: 'rác thải tồn đọng',
      keywords: ['rac', 'rac thai'],
      advice: 'Người dân bỏ rác đúng nơi, đúng giờ quy định và không đốt rác.',
    },
    { label: 'mùi hôi, khói bụi', keywords: ['mui hoi', 'hoi thoi', 'boc mui', 'khoi', 'bui'] },
    { label: 'nước thải, cá chết', keywords: ['nuoc thai', 'ca chet'] },
  ],
  nong_nghiep: [
    {
      label: 'xâm nhập mặn',
      keywords: ['xam nhap man', 'nhiem man', 'nuoc man', 'do man', 'man xam nhap'],
      advice: 'Người dân đo độ mặn trước khi lấy nước tưới và chủ động trữ nước ngọt.',
    },
    {
      label: 'sạt lở bờ kênh, bờ sông',
      keywords: ['sat lo', 'lo dat', 'sup bo'],
      advice: 'Người dân không đến gần, không neo đậu ghe xuồng tại khu vực sạt lở.',
    },
    {
      label: 'dịch bệnh cây trồng, vật nuôi',
      keywords: ['dich benh', 'sau benh', 'chet hang loat', 'dich'],
    },
  ],
  y_te: [
    {
      label: 'ngộ độc thực phẩm',
      keywords: ['ngo doc', 'tieu chay', 'non oi', 'dau bung'],
      advice:
        'Người dân có triệu chứng đau bụng, nôn ói, tiêu chảy cần đến ngay cơ sở y tế gần nhất.',
    },
    {
      label: 'sốt xuất huyết',
      keywords: ['sot xuat huyet', 'lang quang', 'muoi'],
      advice: 'Người dân diệt lăng quăng, ngủ mùng và đến cơ sở y tế khi bị sốt cao.',
    },
  ],
  an_ninh_trat_tu: [
    {
      label: 'trộm cắp tài sản',
      keywords: ['trom', 'an trom', 'cuop', 'giat'],
      advice: 'Người dân nâng cao cảnh giác, khóa cửa và giữ gìn tài sản.',
    },
    { label: 'đua xe, tụ tập gây rối', keywords: ['dua xe', 'tu tap', 'gay roi', 'danh nhau'] },
  ],
  giao_thong: [
    {
      label: 'hư hỏng mặt đường',
      keywords: ['o ga', 'o voi', 'sut lun', 'lun', 'ho sau', 'hu hong mat duong'],
      advice: 'Người dân đi chậm, chú ý quan sát khi qua khu vực.',
    },
    { label: 'ùn tắc giao thông', keywords: ['ket xe', 'un tac', 'tac duong'] },
    { label: 'đèn tín hiệu giao thông hư', keywords: ['den tin hieu', 'den giao thong'] },
  ],
};

/** The category's own wording when no topic stands out. */
const CATEGORY_WORDING: Record<string, string> = {
  giao_thong: 'sự cố giao thông',
  moi_truong: 'ô nhiễm môi trường',
  trat_tu_do_thi: 'vi phạm trật tự đô thị',
  an_ninh_trat_tu: 'mất an ninh trật tự',
  dien_chieu_sang: 'sự cố điện, chiếu sáng',
  cap_thoat_nuoc: 'sự cố cấp thoát nước',
  y_te: 'vấn đề y tế, an toàn thực phẩm',
  giao_duc: 'vấn đề giáo dục',
  thu_tuc_hanh_chinh: 'vướng mắc thủ tục hành chính',
  an_sinh_xa_hoi: 'vấn đề an sinh xã hội',
  nong_nghiep: 'sự cố nông nghiệp, thủy lợi',
  vien_thong: 'sự cố viễn thông',
};

const words = (text: string) =>
  ` ${foldVietnamese(text)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()} `;

/** The topic at least half of the texts mention (the most mentioned one), if any. */
export function dominantTopic(categoryId: string, texts: readonly string[]): Topic | null {
  const topics = TOPICS[categoryId];
  if (!topics || texts.length === 0) return null;
  const folded = texts.map(words);
  let best: Topic | null = null;
  let bestCount = 0;
  for (const topic of topics) {
    const count = folded.filter((t) => topic.keywords.some((k) => t.includes(` ${k} `))).length;
    if (count > bestCount) {
      best = topic;
      bestCount = count;
    }
  }
  return bestCount * 2 >= texts.length ? best : null;
}

export interface DraftInput {
  categoryId: string;
  categoryName: string;
  /** Full name of the commune most reports lie in ("Phường Vị Thanh"), if known. */
  place: string | null;
  /** How many communes the reports lie in. */
  communeCount: number;
  reportCount: number;
  firstReportAt: string;
  lastReportAt: string;
  spreadMetres: number;
  /** The reports' descriptions (for the topic). */
  descriptions: readonly string[];
}

export interface WarningDraft {
  title: string;
  body: string;
}

const VN_OFFSET_MS = 7 * 3_600_000;
const pad = (n: number) => String(n).padStart(2, '0');

function vnParts(iso: string) {
  const d = new Date(new Date(iso).getTime() + VN_OFFSET_MS);
  return {
    time: `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`,
    day: `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`,
  };
}

/** "từ 14:05 đến 19:20 ngày 12/10/2025", with both days when they differ ("lúc …" when one minute). */
export function period(fromIso: string, toIso: string): string {
  const from = vnParts(fromIso);
  const to = vnParts(toIso);
  if (from.day === to.day && from.time === to.time) return `lúc ${from.time} ngày ${from.day}`;
  return from.day === to.day
    ? `từ ${from.time} đến ${to.time} ngày ${from.day}`
    : `từ ${from.time} ngày ${from.day} đến ${to.time} ngày ${to.day}`;
}

/** "khoảng 300 m" (to 50 m, at least 50 m) or "khoảng 1,5 km". */
export function distance(metres: number): string {
  if (metres < 1000) return `khoảng ${Math.max(50, Math.ceil(metres / 50) * 50)} m`;
  // Vietnamese decimal comma, written by hand: the same text in every runtime.
  return `khoảng ${String(Math.ceil(metres / 100) / 10).replace('.', ',')} km`;
}

export function draftWarning(input: DraftInput): WarningDraft {
  const topic = dominantTopic(input.categoryId, input.descriptions);
  const subject =
    topic?.label ??
    CATEGORY_WORDING[input.categoryId] ??
    `sự việc thuộc lĩnh vực ${input.categoryName.toLowerCase()}`;
  const place = input.place ?? 'một khu vực của tỉnh';
  const where = input.communeCount > 1 ? `${place} và khu vực lân cận` : place;
  const title = `Cảnh báo ${subject} tại ${where}`;
  const body = [
    `${capitalise(period(input.firstReportAt, input.lastReportAt))}, hệ thống đã tiếp nhận ${input.reportCount} phản ánh của người dân về ${subject} tại ${where}, trong phạm vi bán kính ${distance(input.spreadMetres)}.`,
    'Các cơ quan chức năng đang kiểm tra, xử lý.',
    topic?.advice ?? CAUTION,
    'Người dân tiếp tục gửi phản ánh qua mục Phản ánh hiện trường nếu phát hiện sự việc mới.',
  ].join(' ');
  return { title, body };
}

const capitalise = (text: string) => `${text[0]?.toUpperCase() ?? ''}${text.slice(1)}`;
