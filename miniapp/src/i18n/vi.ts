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

  'common.loading': 'Đang tải...',
  'common.retry': 'Thử lại',
  'common.back': 'Quay lại',
  'common.next': 'Tiếp tục',
  'common.cancel': 'Hủy',
  'common.delete': 'Xóa',
  'common.edit': 'Sửa',
  'common.copy': 'Sao chép',
  'common.copied': 'Đã sao chép',
  'common.optional': 'không bắt buộc',
  'common.offline': 'Bạn đang ngoại tuyến. Một số thông tin có thể chưa được cập nhật.',
  'common.loadMore': 'Xem thêm',
  'common.search': 'Tìm',

  'error.readFile': 'Không đọc được tệp đã chọn. Vui lòng chọn lại.',
  'error.copy': 'Không sao chép được. Vui lòng ghi lại mã.',

  'reports.title': 'Phản ánh hiện trường',
  'reports.hub.new': 'Gửi phản ánh mới',
  'reports.hub.newHint': 'Chụp ảnh, chọn vị trí và mô tả sự việc. Không cần tài khoản.',
  'reports.hub.mine': 'Phản ánh của tôi',
  'reports.hub.mineCount': '{count} phản ánh đã gửi từ máy này',
  'reports.hub.feed': 'Phản ánh công khai',
  'reports.hub.feedHint': 'Xem người dân đã phản ánh gì và kết quả xử lý',
  'reports.hub.stats': 'Thống kê phản ánh',
  'reports.hub.statsHint': 'Số phản ánh đã tiếp nhận, đã xử lý, tỉ lệ đúng hạn và hài lòng',
  'reports.hub.lookupTitle': 'Tra cứu theo mã',
  'reports.hub.lookupPlaceholder': 'Ví dụ: PA-7K3F9Q',
  'reports.hub.lookupButton': 'Tra cứu',
  'reports.hub.lookupInvalid': 'Mã phản ánh gồm "PA-" và 6 ký tự, ví dụ PA-7K3F9Q.',
  'reports.hub.privacy':
    'Thông tin liên hệ của bạn (nếu có) chỉ Trung tâm IOC và cơ quan xử lý được bạn cho phép mới xem được; không bao giờ công khai.',

  'reports.drafts.title': 'Phản ánh chưa gửi được ({count})',
  'reports.drafts.saved': 'Đã lưu bản nháp, sẽ tự gửi khi có mạng.',
  'reports.drafts.sending': 'Đang gửi...',
  'reports.drafts.resend': 'Gửi lại',
  'reports.drafts.rejected': 'Chưa gửi được: {message}',
  'reports.drafts.fix': 'Sửa và gửi lại',
  'reports.drafts.deleteConfirm': 'Xóa phản ánh chưa gửi này? Ảnh và nội dung sẽ bị xóa khỏi máy.',
  'reports.drafts.sentToast': 'Đã gửi phản ánh {code}.',
  'reports.drafts.photos': '{count} ảnh/video',

  'reports.step': 'Bước {current}/{total}',
  'reports.step.category': 'Lĩnh vực',
  'reports.step.media': 'Ảnh hoặc video',
  'reports.step.location': 'Vị trí',
  'reports.step.description': 'Nội dung',
  'reports.step.contact': 'Liên hệ',
  'reports.step.review': 'Xem lại và gửi',

  'reports.category.title': 'Bạn muốn phản ánh về việc gì?',
  'reports.category.loadError': 'Không tải được danh sách lĩnh vực.',
  'reports.category.required': 'Vui lòng chọn một lĩnh vực.',

  'reports.media.title': 'Thêm ảnh hoặc video',
  'reports.media.hint':
    'Ảnh rõ nét giúp cơ quan xử lý nhanh hơn. Ảnh được thu nhỏ trên máy trước khi gửi để tiết kiệm dung lượng.',
  'reports.media.limits':
    'Tối đa {photos} ảnh (mỗi ảnh không quá {photoSize}) và {videos} video (không quá {videoSize}).',
  'reports.media.addPhoto': 'Thêm ảnh',
  'reports.media.takePhoto': 'Chụp ảnh',
  'reports.media.addVideo': 'Thêm video',
  'reports.media.processing': 'Đang xử lý ảnh...',
  'reports.media.remove': 'Bỏ tệp này',
  'reports.media.count': 'Đã chọn {photos}/{maxPhotos} ảnh, {videos}/{maxVideos} video',
  'reports.media.tooManyPhotos': 'Chỉ gửi được tối đa {max} ảnh.',
  'reports.media.photoTooLarge': 'Ảnh "{name}" lớn hơn {max}, vui lòng chọn ảnh khác.',
  'reports.media.videoTooLarge': 'Video lớn hơn {max}. Vui lòng quay video ngắn hơn.',
  'reports.media.notImage': 'Tệp "{name}" không phải là ảnh.',
  'reports.media.notVideo': 'Tệp đã chọn không phải là video.',
  'reports.media.none': 'Chưa có ảnh. Bạn vẫn có thể gửi phản ánh không kèm ảnh.',
  'reports.media.video': 'Video',

  'reports.location.title': 'Sự việc ở đâu?',
  'reports.location.gps': 'Dùng vị trí hiện tại của tôi',
  'reports.location.gpsBusy': 'Đang lấy vị trí...',
  'reports.location.gpsDone': 'Đã lấy vị trí hiện tại',
  'reports.location.zaloDone': 'Đã lấy vị trí từ Zalo. Máy chủ sẽ xác định tọa độ khi gửi.',
  'reports.location.mapHint': 'Chạm vào bản đồ để ghim vị trí, kéo ghim để chỉnh lại.',
  'reports.location.pinned': 'Vị trí đã ghim: {coords}',
  'reports.location.outside':
    'Vị trí này nằm ngoài địa bàn tỉnh {province}. Vui lòng chọn một điểm trong tỉnh.',
  'reports.location.commune': 'Xã/phường',
  'reports.location.communePlaceholder': 'Chọn xã/phường',
  'reports.location.communeLoadError': 'Không tải được danh sách xã/phường.',
  'reports.location.address': 'Địa chỉ, mô tả nơi xảy ra',
  'reports.location.addressPlaceholder': 'Ví dụ: trước số 12 đường Trần Hưng Đạo, gần chợ',
  'reports.location.required':
    'Vui lòng lấy vị trí hiện tại, ghim trên bản đồ, hoặc chọn xã/phường và nhập địa chỉ.',
  'reports.location.addressRequired':
    'Khi không có tọa độ, vui lòng chọn xã/phường và nhập địa chỉ (ít nhất 3 ký tự).',
  'reports.location.or': 'hoặc',
  'reports.location.mapUnavailable':
    'Không hiển thị được bản đồ. Bạn vẫn có thể chọn xã/phường và nhập địa chỉ.',
  'reports.location.mapLabel': 'Bản đồ chọn vị trí',

  'reports.nearby.title': 'Tôi cũng gặp?',
  'reports.nearby.hint':
    'Có {count} phản ánh cùng lĩnh vực trong bán kính 250 m đang được xử lý. Nếu là cùng sự việc, hãy ủng hộ phản ánh đó thay vì gửi mới.',
  'reports.nearby.support': 'Tôi cũng gặp',
  'reports.nearby.supported': 'Đã ủng hộ',
  'reports.nearby.supporters': '{count} người cũng gặp',
  'reports.nearby.distance': 'cách {distance}',
  'reports.nearby.thanks':
    'Cảm ơn bạn! Phản ánh {code} đã có thêm người ủng hộ. Bạn có thể theo dõi phản ánh này.',
  'reports.nearby.view': 'Xem phản ánh',
  'reports.nearby.continue': 'Vẫn gửi phản ánh mới',

  'reports.description.title': 'Mô tả sự việc',
  'reports.description.placeholder':
    'Ví dụ: Ổ gà lớn giữa đường, xe máy dễ té ngã, đã có từ tuần trước.',
  'reports.description.counter': '{count}/{max} ký tự',
  'reports.description.tooShort': 'Vui lòng mô tả ít nhất {min} ký tự.',
  'reports.description.examples': 'Gợi ý: {examples}',

  'reports.contact.title': 'Thông tin liên hệ',
  'reports.contact.intro':
    'Bạn có thể bỏ trống để gửi ẩn danh. Nếu để lại, cán bộ có thể hỏi thêm hoặc báo kết quả cho bạn.',
  'reports.contact.name': 'Họ và tên',
  'reports.contact.namePlaceholder': 'Ví dụ: Nguyễn Văn An',
  'reports.contact.phone': 'Số điện thoại',
  'reports.contact.phonePlaceholder': 'Ví dụ: 0912 345 678',
  'reports.contact.phoneInvalid':
    'Số điện thoại không hợp lệ. Nhập số di động 10 số (ví dụ 0912345678), số cố định 11 số, hoặc dạng +84.',
  'reports.contact.consent':
    'Tôi đồng ý để Trung tâm Giám sát, điều hành đô thị thông minh (IOC) của tỉnh lưu và sử dụng họ tên, số điện thoại này chỉ để liên hệ về phản ánh. Thông tin này không được công khai.',
  'reports.contact.consentRequired':
    'Vui lòng đánh dấu đồng ý, hoặc xóa họ tên và số điện thoại để gửi ẩn danh.',
  'reports.contact.agencyMayContact': 'Cho phép cơ quan xử lý liên hệ trực tiếp với tôi',
  'reports.contact.agencyMayContactHint':
    'Nếu không đánh dấu, chỉ Trung tâm IOC thấy thông tin liên hệ của bạn.',
  'reports.contact.anonymous': 'Gửi ẩn danh',

  'reports.review.title': 'Kiểm tra trước khi gửi',
  'reports.review.category': 'Lĩnh vực',
  'reports.review.media': 'Ảnh, video',
  'reports.review.noMedia': 'Không kèm ảnh',
  'reports.review.location': 'Vị trí',
  'reports.review.description': 'Nội dung',
  'reports.review.contact': 'Liên hệ',
  'reports.review.agencyMayContact': 'Cơ quan xử lý được phép liên hệ',
  'reports.review.send': 'Gửi phản ánh',
  'reports.review.sending': 'Đang gửi...',
  'reports.review.uploading': 'Đang tải lên {name}',
  'reports.review.uploaded': 'Đã tải lên',
  'reports.review.savedOffline':
    'Chưa gửi được vì mạng yếu hoặc mất kết nối. Đã lưu bản nháp, sẽ tự gửi khi có mạng.',
  'reports.review.rejected': 'Chưa gửi được: {message}',
  'reports.review.savedLater': 'Chưa gửi được: {message} Đã lưu bản nháp, sẽ tự gửi lại sau.',
  'reports.review.sourceGps': 'Vị trí GPS',
  'reports.review.sourceZalo': 'Vị trí từ Zalo',
  'reports.review.sourcePin': 'Ghim trên bản đồ',
  'reports.review.sourceAddress': 'Địa chỉ',

  'reports.sent.title': 'Đã gửi phản ánh',
  'reports.sent.thanks':
    'Cảm ơn bạn đã phản ánh. Trung tâm IOC sẽ kiểm tra và chuyển đến cơ quan xử lý.',
  'reports.sent.code': 'Mã phản ánh của bạn',
  'reports.sent.keep':
    'Mã đã được lưu trên máy này, trong mục "Phản ánh của tôi". Dùng mã để tra cứu tiến độ.',
  'reports.sent.view': 'Xem tiến độ xử lý',
  'reports.sent.another': 'Gửi phản ánh khác',
  'reports.sent.home': 'Về trang phản ánh',
  'reports.sent.noToken':
    'Lưu ý: máy này chưa nhận được mã theo dõi bí mật, nên chưa thể đánh giá kết quả từ máy này.',

  'reports.mine.title': 'Phản ánh của tôi',
  'reports.mine.empty': 'Bạn chưa gửi phản ánh nào từ máy này.',
  'reports.mine.note':
    'Danh sách gồm phản ánh gửi từ máy này. Nếu đổi máy, hãy đăng nhập bằng Zalo hoặc tra cứu bằng mã phản ánh.',
  'reports.mine.noteSignedIn':
    'Danh sách gồm phản ánh gửi từ máy này và mọi phản ánh gắn với tài khoản Zalo của bạn.',
  'reports.mine.emptySignedIn': 'Bạn chưa gửi phản ánh nào.',

  'session.cardTitle': 'Đăng nhập bằng Zalo để xem phản ánh của bạn trên mọi thiết bị',
  'session.cardHint':
    'Không bắt buộc: bạn vẫn gửi phản ánh được khi chưa đăng nhập. Ứng dụng chỉ lưu mã tài khoản và tên Zalo của bạn.',
  'session.signIn': 'Đăng nhập bằng Zalo',
  'session.signedInAs': 'Đã đăng nhập: {name}',
  'session.signedIn': 'Đã đăng nhập bằng Zalo',
  'session.signedInHint':
    'Phản ánh của bạn được gắn với tài khoản Zalo và xem được trên mọi thiết bị.',
  'session.signOut': 'Đăng xuất',
  'session.expired': 'Phiên đăng nhập đã hết hạn, vui lòng đăng nhập lại.',
  'session.unavailable':
    'Chức năng đăng nhập bằng Zalo đang tạm ngừng. Bạn vẫn dùng được ứng dụng mà không cần đăng nhập.',
  'session.error.browser':
    'Đăng nhập bằng Zalo chỉ dùng được khi mở ứng dụng trong Zalo. Trên trình duyệt, bạn vẫn xem được phản ánh đã gửi từ máy này.',
  'session.error.denied':
    'Bạn chưa cho phép ứng dụng dùng tài khoản Zalo nên chưa đăng nhập được. Hãy bấm đăng nhập lại và chọn "Cho phép" khi Zalo hỏi.',
  'session.error.cancelled': 'Bạn đã hủy đăng nhập.',
  'session.error.unsupported':
    'Phiên bản Zalo trên máy chưa hỗ trợ đăng nhập. Vui lòng cập nhật Zalo rồi thử lại.',
  'session.error.failed': 'Chưa lấy được thông tin đăng nhập từ Zalo. Vui lòng thử lại.',
  'session.error.zaloRejected':
    'Zalo chưa xác nhận được tài khoản của bạn. Vui lòng thử đăng nhập lại.',
  'session.error.zaloUnavailable':
    'Chưa kết nối được với Zalo để đăng nhập. Vui lòng thử lại sau ít phút.',

  'reports.detail.title': 'Chi tiết phản ánh',
  'reports.detail.notFound': 'Không tìm thấy phản ánh {code}. Vui lòng kiểm tra lại mã.',
  'reports.detail.category': 'Lĩnh vực',
  'reports.detail.agency': 'Cơ quan xử lý',
  'reports.detail.noAgency': 'Đang chờ phân công',
  'reports.detail.created': 'Ngày gửi',
  'reports.detail.due': 'Hạn xử lý',
  'reports.detail.resolved': 'Ngày xử lý xong',
  'reports.detail.location': 'Địa điểm',
  'reports.detail.before': 'Ảnh người dân gửi',
  'reports.detail.after': 'Ảnh kết quả xử lý',
  'reports.detail.timeline': 'Quá trình xử lý',
  'reports.detail.supporters': '{count} người cũng gặp sự việc này',
  'reports.detail.duplicateOf': 'Trùng với phản ánh {code}',
  'reports.detail.ratings': 'Đánh giá của người phản ánh',
  'reports.detail.mine': 'Bạn đã gửi phản ánh này',
  'reports.detail.overdue': 'Quá hạn',

  'reports.rate.title': 'Bạn có hài lòng với kết quả xử lý?',
  'reports.rate.satisfied': 'Hài lòng',
  'reports.rate.acceptable': 'Chấp nhận được',
  'reports.rate.unsatisfied': 'Không hài lòng',
  'reports.rate.comment': 'Góp ý thêm',
  'reports.rate.commentPlaceholder': 'Ví dụ: đã vá xong nhưng còn đọng nước',
  'reports.rate.submit': 'Gửi đánh giá',
  'reports.rate.thanks': 'Cảm ơn bạn đã đánh giá.',
  'reports.rate.choose': 'Vui lòng chọn một mức đánh giá.',
  'reports.reopen.title': 'Chưa hài lòng?',
  'reports.reopen.hint':
    'Bạn có thể yêu cầu xử lý lại trong vòng 7 ngày kể từ khi xử lý xong (đến {until}).',
  'reports.reopen.reason': 'Lý do',
  'reports.reopen.reasonPlaceholder': 'Ví dụ: ổ gà đã bị bể lại sau cơn mưa',
  'reports.reopen.submit': 'Yêu cầu xử lý lại',
  'reports.reopen.done': 'Đã mở lại phản ánh. Cơ quan xử lý sẽ tiếp tục giải quyết.',

  'reports.status.received': 'Đã tiếp nhận',
  'reports.status.assigned': 'Đã chuyển xử lý',
  'reports.status.in_progress': 'Đang xử lý',
  'reports.status.resolved': 'Đã xử lý',
  'reports.status.rejected': 'Không thuộc thẩm quyền / Từ chối',
  'reports.status.duplicate': 'Trùng',

  'reports.feed.title': 'Phản ánh công khai',
  'reports.feed.searchPlaceholder': 'Ví dụ: duong bi ngap',
  'reports.feed.allCategories': 'Mọi lĩnh vực',
  'reports.feed.allCommunes': 'Mọi xã/phường',
  'reports.feed.allStatuses': 'Mọi trạng thái',
  'reports.feed.list': 'Danh sách',
  'reports.feed.map': 'Bản đồ',
  'reports.feed.empty': 'Không có phản ánh nào phù hợp.',
  'reports.feed.emptyFiltered': 'Không có phản ánh nào phù hợp. Hãy thử bỏ bớt bộ lọc.',
  'reports.feed.clearFilters': 'Bỏ lọc',
  'reports.feed.end': 'Đã hiển thị tất cả.',
  'reports.feed.mapCount': '{count} phản ánh trên bản đồ',
  'reports.feed.mapTruncated': 'Hiển thị {count} phản ánh gần nhất. Dùng bộ lọc để thu hẹp.',

  'reports.period.label': 'Thời gian',
  'reports.period.7d': '7 ngày',
  'reports.period.30d': '30 ngày',
  'reports.period.year': 'Năm nay',
  'reports.period.all': 'Tất cả',
  'reports.period.custom': 'Chọn ngày',
  'reports.period.from': 'Từ ngày',
  'reports.period.to': 'Đến ngày',
  'reports.period.range': 'Từ {from} đến {to}',
  'reports.period.allTime': 'Từ trước đến nay',

  'reports.feed.stats': 'Xem thống kê',

  'reports.stats.title': 'Thống kê phản ánh',
  'reports.stats.province': 'Toàn tỉnh {name}',
  'reports.stats.received': 'Đã tiếp nhận',
  'reports.stats.resolved': 'Đã xử lý',
  'reports.stats.onTime': 'Đúng hạn',
  'reports.stats.satisfaction': 'Hài lòng',
  'reports.stats.receivedHint': '{count} đang chờ xử lý',
  'reports.stats.resolvedHint': '{percent} số đã tiếp nhận',
  'reports.stats.onTimeHint': '{count} phản ánh xử lý kịp hạn',
  'reports.stats.onTimeNone': 'Chưa có phản ánh nào được xử lý',
  'reports.stats.onTimeNoDue': 'Các phản ánh đã xử lý chưa có hạn xử lý',
  'reports.stats.satisfactionHint': 'Theo {count} đánh giá',
  'reports.stats.satisfactionNone': 'Chưa có đánh giá nào',
  'reports.stats.agencies': 'Theo cơ quan xử lý',
  'reports.stats.agencyReceived': '{count} tiếp nhận',
  'reports.stats.agenciesEmpty': 'Chưa có phản ánh nào trong kỳ được chuyển đến cơ quan xử lý.',
  'reports.stats.empty': 'Chưa có phản ánh nào được tiếp nhận trong khoảng thời gian này.',
  'reports.stats.showAll': 'Xem từ trước đến nay',
  'reports.stats.noValue':
    '“—”: chưa đủ dữ liệu để tính tỉ lệ (chưa có phản ánh đã xử lý, hoặc chưa có đánh giá).',
  'reports.stats.method':
    'Tính trên các phản ánh tiếp nhận trong kỳ, theo trạng thái hiện tại (giờ Việt Nam). Đúng hạn: xử lý xong không muộn hơn hạn xử lý. Hài lòng: người phản ánh đánh giá “hài lòng” hoặc “chấp nhận được”. Phản ánh chưa chuyển cơ quan chỉ được tính vào số liệu toàn tỉnh.',
  'reports.stats.feedLink': 'Xem các phản ánh trong kỳ',
} as const;

export type MessageKey = keyof typeof vi;
export type Messages = { readonly [K in MessageKey]: string };
