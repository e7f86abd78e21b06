/**
 * Vietnamese is the reference catalog: its keys define `MessageKey`, and en.ts must
 * provide exactly the same keys. `{name}` marks a parameter that `t()` requires.
 */
export const vi = {
  'app.tagline': 'Kết nối người dân với chính quyền',
  'lang.label': 'Ngôn ngữ',
  'lang.vi': 'Tiếng Việt',
  'lang.en': 'English',

  'home.flagshipHint': 'Gửi ảnh và vị trí sự cố, chính quyền tiếp nhận và xử lý',
  'home.emergencyTitle': 'Gọi khẩn cấp',
  'home.emergencyHint': 'Miễn phí, gọi được từ mọi điện thoại',
  'home.allFunctions': 'Tất cả chức năng',
  'home.footer': '{count} chức năng đang được xây dựng và sẽ lần lượt ra mắt.',

  'group.publicServices': 'Dịch vụ công',
  'group.information': 'Thông tin và môi trường',
  'group.economy': 'Kinh tế và tiện ích',
  'group.officials': 'Dành cho cán bộ',

  'emergency.police': 'Công an',
  'emergency.fire': 'Cứu hỏa',
  'emergency.ambulance': 'Cấp cứu',
  'emergency.callA11y': 'Gọi {number} ({label})',

  'feature.comingSoon': 'Sắp ra mắt',
  'feature.officialsOnly': 'Cán bộ',
  'comingSoon.body': 'Chức năng này đang được xây dựng và sẽ sớm có trên {app}.',
  'comingSoon.officials': 'Chỉ dành cho cán bộ đã liên kết tài khoản công vụ.',
  'comingSoon.emergency': 'Cần trợ giúp gấp? Gọi 113 (Công an), 114 (Cứu hỏa) hoặc 115 (Cấp cứu).',
  'comingSoon.ok': 'Đã hiểu',

  'error.network': 'Không có kết nối mạng. Vui lòng thử lại.',
  'error.timeout': 'Mạng đang chậm, máy chủ chưa phản hồi. Vui lòng thử lại.',
  'error.server': 'Hệ thống đang bận. Vui lòng thử lại sau ít phút.',
  'error.unexpected': 'Đã có lỗi xảy ra. Vui lòng thử lại.',
  'error.denied': 'Bạn chưa cho phép quyền truy cập. Vui lòng cấp quyền để tiếp tục.',
  'error.cancelled': 'Bạn đã hủy thao tác.',
  'error.unsupported': 'Chức năng này chỉ dùng được khi mở ứng dụng trong Zalo.',
  'error.locationUnavailable': 'Không xác định được vị trí. Vui lòng bật định vị và thử lại.',
  'error.invalidPhone': 'Số điện thoại không hợp lệ.',
  'error.invalidUrl': 'Địa chỉ liên kết không hợp lệ.',
  'error.storage': 'Không lưu được dữ liệu trên máy.',
} as const;

export type MessageKey = keyof typeof vi;
export type Messages = { readonly [K in MessageKey]: string };
