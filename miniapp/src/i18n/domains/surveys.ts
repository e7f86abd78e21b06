// Messages of one function, spread into vi.ts and en.ts (keys prefixed "survey.").
export const surveysVi = {
  'survey.title': 'Khảo sát ý kiến',
  'survey.intro':
    'Góp ý của bạn giúp các cơ quan của tỉnh hoàn thiện chủ trương, chính sách và dịch vụ công.',
  'survey.openList': 'Khảo sát đang mở',
  'survey.answeredList': 'Bạn đã trả lời',
  'survey.answered': 'Đã trả lời',
  'survey.verifiedOnly': 'Cần đăng nhập Zalo',
  'survey.questions': '{count} câu hỏi',
  'survey.closes': 'Hạn trả lời: {date}',
  'survey.empty': 'Hiện chưa có khảo sát nào đang mở.',
  'survey.privacy':
    'Câu trả lời được tổng hợp để phân tích, không công khai kèm tên của bạn. Mỗi người chỉ trả lời một lần cho mỗi khảo sát.',

  'survey.questionsSections': '{questions} câu hỏi, chia thành {sections} phần',
  'survey.closesAt': 'Nhận câu trả lời đến {time}',
  'survey.onceAccount': 'Mỗi tài khoản Zalo trả lời một lần',
  'survey.onceDevice': 'Mỗi thiết bị trả lời một lần; không cần đăng nhập',
  'survey.requiredHint': 'Câu có dấu * là câu bắt buộc.',
  'survey.start': 'Bắt đầu trả lời',
  'survey.continue': 'Tiếp tục trả lời',
  'survey.gate.title': 'Đăng nhập để trả lời khảo sát',
  'survey.gate.reason':
    'Khảo sát này chỉ nhận ý kiến của người đã xác thực qua Zalo, mỗi người một lần. Cơ quan khảo sát không thấy tên hay số điện thoại của bạn cùng câu trả lời.',

  'survey.progress': 'Phần {step}/{total}',
  'survey.required': 'bắt buộc',
  'survey.pickSeveral': 'Có thể chọn nhiều đáp án.',
  'survey.textPlaceholder': 'Nhập câu trả lời của bạn',
  'survey.counter': '{count}/{max} ký tự',
  'survey.toReview': 'Xem lại',
  'survey.fixProblems': 'Vui lòng xem lại các câu được đánh dấu bên dưới.',
  'survey.problem.required': 'Câu hỏi này bắt buộc, vui lòng trả lời.',
  'survey.problem.unknown_option': 'Lựa chọn không còn trong phiếu. Vui lòng chọn lại.',
  'survey.problem.not_in_path':
    'Câu này không thuộc các phần bạn cần trả lời. Vui lòng xem lại câu trả lời trước đó.',
  'survey.problem.out_of_range': 'Vui lòng chọn một mức điểm trong thang.',
  'survey.problem.too_long': 'Câu trả lời quá dài, vui lòng rút gọn.',
  'survey.problem.unknown_question': 'Câu hỏi không còn trong phiếu. Vui lòng tải lại khảo sát.',
  'survey.problem.invalid': 'Câu trả lời chưa đúng dạng. Vui lòng chọn hoặc nhập lại.',

  'survey.review.title': 'Xem lại câu trả lời',
  'survey.review.hint': 'Kiểm tra lại trước khi gửi. Sau khi gửi, bạn không thể sửa câu trả lời.',
  'survey.review.skipped': 'Không trả lời',
  'survey.submit': 'Gửi câu trả lời',
  'survey.lost':
    'Chưa gửi được: {message} Câu trả lời vẫn được giữ trên máy, bấm "Gửi câu trả lời" để thử lại.',

  'survey.thanks.title': 'Cảm ơn bạn đã góp ý!',
  'survey.thanks.body': 'Câu trả lời của bạn đã được gửi tới {agency}.',
  'survey.theAgency': 'cơ quan khảo sát',
  'survey.thanks.more': 'Xem khảo sát khác',
  'survey.thanks.home': 'Về trang chủ',
  'survey.already': 'Bạn đã trả lời khảo sát này. Mỗi người chỉ trả lời một lần. Cảm ơn bạn!',
  'survey.notYet': 'Khảo sát chưa mở. Bạn có thể trả lời từ {date}.',
  'survey.closed': 'Khảo sát đã kết thúc ngày {date}, không nhận thêm câu trả lời.',
} as const;

export const surveysEn: { readonly [K in keyof typeof surveysVi]: string } = {
  'survey.title': 'Opinion surveys',
  'survey.intro':
    "Your opinion helps the province's agencies improve their policies and public services.",
  'survey.openList': 'Open surveys',
  'survey.answeredList': 'You answered',
  'survey.answered': 'Answered',
  'survey.verifiedOnly': 'Zalo sign-in needed',
  'survey.questions': '{count} questions',
  'survey.closes': 'Answer by {date}',
  'survey.empty': 'No survey is open at the moment.',
  'survey.privacy':
    'Answers are analysed together and never published with your name. Each person answers each survey once.',

  'survey.questionsSections': '{questions} questions in {sections} sections',
  'survey.closesAt': 'Open for answers until {time}',
  'survey.onceAccount': 'One answer per Zalo account',
  'survey.onceDevice': 'One answer per device; no sign-in needed',
  'survey.requiredHint': 'Questions marked * must be answered.',
  'survey.start': 'Start',
  'survey.continue': 'Continue answering',
  'survey.gate.title': 'Sign in to answer this survey',
  'survey.gate.reason':
    'This survey only takes answers from people verified through Zalo, once each. The agency does not see your name or phone number with your answers.',

  'survey.progress': 'Section {step}/{total}',
  'survey.required': 'required',
  'survey.pickSeveral': 'You may choose several answers.',
  'survey.textPlaceholder': 'Type your answer',
  'survey.counter': '{count}/{max} characters',
  'survey.toReview': 'Review',
  'survey.fixProblems': 'Please check the questions marked below.',
  'survey.problem.required': 'This question is required; please answer it.',
  'survey.problem.unknown_option': 'That choice is no longer on the form. Please choose again.',
  'survey.problem.not_in_path':
    'This question is not part of the sections you answer. Please check your earlier answers.',
  'survey.problem.out_of_range': 'Please choose a value on the scale.',
  'survey.problem.too_long': 'The answer is too long; please shorten it.',
  'survey.problem.unknown_question':
    'The question is no longer on the form. Please reload the survey.',
  'survey.problem.invalid': 'The answer is not in the right form. Please choose or type it again.',

  'survey.review.title': 'Review your answers',
  'survey.review.hint': 'Check before sending. Answers cannot be changed once sent.',
  'survey.review.skipped': 'Not answered',
  'survey.submit': 'Send my answers',
  'survey.lost':
    'Not sent: {message} Your answers are kept on the phone; tap "Send my answers" to try again.',

  'survey.thanks.title': 'Thank you for your opinion!',
  'survey.thanks.body': 'Your answers were sent to {agency}.',
  'survey.theAgency': 'the agency',
  'survey.thanks.more': 'See other surveys',
  'survey.thanks.home': 'Back to home',
  'survey.already': 'You have already answered this survey. Each person answers once. Thank you!',
  'survey.notYet': 'The survey is not open yet. You can answer from {date}.',
  'survey.closed': 'The survey ended on {date} and takes no more answers.',
};
