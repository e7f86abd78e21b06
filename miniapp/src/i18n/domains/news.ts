// Messages of one function, spread into vi.ts and en.ts (keys prefixed "news.").
export const newsVi = {
  // The list's title bar: "Thông tin chính quyền" does not fit beside Zalo's own buttons.
  'news.listTitle': 'Tin tức, thông báo',
  'news.search': 'Tìm tin',
  'news.searchPlaceholder': 'Tìm tin tức, thông báo…',
  'news.categories': 'Chuyên mục',
  'news.allCategories': 'Tất cả',
  'news.alerts': 'Cảnh báo khẩn cấp',
  'news.alertsHint': 'Thiên tai, dịch bệnh, sự cố đang có hiệu lực',
  'news.empty': 'Chưa có tin nào.',
  'news.noMatch': 'Không có tin nào khớp với “{query}”.',
  'news.article': 'Tin tức',
  'news.latest': 'Tin mới',
  'news.seeAll': 'Xem tất cả',
  'news.myCommune': 'Xã/phường của bạn',
  'news.chooseCommune': 'Chọn xã/phường',
  'news.communePrompt':
    'Chọn xã/phường để nhận cảnh báo khẩn cấp nơi bạn ở. Hiện chỉ hiện cảnh báo toàn tỉnh.',
  'news.validUntil': 'Hiệu lực đến {time}',
  'news.provinceWide': 'Toàn tỉnh',
  'news.offline': 'Đang hiển thị dữ liệu đã lưu.',
} as const;

export const newsEn: { readonly [K in keyof typeof newsVi]: string } = {
  'news.listTitle': 'News and notices',
  'news.search': 'Search news',
  'news.searchPlaceholder': 'Search news, announcements…',
  'news.categories': 'Categories',
  'news.allCategories': 'All',
  'news.alerts': 'Emergency alerts',
  'news.alertsHint': 'Disasters, epidemics and incidents in force',
  'news.empty': 'No news yet.',
  'news.noMatch': 'No news matches “{query}”.',
  'news.article': 'News',
  'news.latest': 'Latest news',
  'news.seeAll': 'See all',
  'news.myCommune': 'Your commune',
  'news.chooseCommune': 'Choose a commune',
  'news.communePrompt':
    'Choose your commune to get emergency alerts where you live. Only province-wide alerts are shown now.',
  'news.validUntil': 'Valid until {time}',
  'news.provinceWide': 'Whole province',
  'news.offline': 'Showing saved data.',
};
