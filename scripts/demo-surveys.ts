import type { InStatement } from '@libsql/client';
import {
  type AnswerInput,
  checkResponse,
  parseDefinition,
  type SurveyDefinition,
} from '../edge/src/surveys/definition';

// Demo opinion surveys of local development (`npm start`) and of the browser tests: two
// published surveys of Sở Nội vụ (the demo survey editor khaosat@demo.gov.vn belongs to it),
// open from a week ago for 30 days, with some answers from the past days so that the results
// page has charts to show. Development only: no deployment path imports this module.
//
// Idempotent: fixed ids, rows only added. A survey an editor closed stays closed; a demo survey
// whose window has run out (an old local database) is opened again for 30 days.

const DAY_MS = 86_400_000;
const AGENCY = 'so_noi_vu';
const CREATED_BY = 'demo-khaosat';

export const DEMO_SURVEY_IDS = {
  verified: 'demo-khao-sat-hai-long-dich-vu-cong',
  anyone: 'demo-khao-sat-mot-cua-thu-bay',
} as const;

interface DemoSurvey {
  id: string;
  title: string;
  description: string;
  audience: 'verified' | 'anyone';
  definition: SurveyDefinition;
  /** The demo answers: one per respondent, checked against the definition before seeding. */
  answers: Record<string, AnswerInput>[];
}

const satisfaction: SurveyDefinition = {
  sections: [
    {
      id: 'thong-tin-chung',
      title: 'Thông tin chung',
      description: 'Thông tin về thủ tục hành chính Anh/Chị đã thực hiện.',
      questions: [
        {
          id: 'linh-vuc',
          type: 'single',
          title: 'Anh/Chị đã thực hiện thủ tục hành chính thuộc lĩnh vực nào?',
          required: true,
          options: [
            { id: 'dat-dai', label: 'Đất đai' },
            { id: 'ho-tich', label: 'Hộ tịch' },
            { id: 'xay-dung', label: 'Xây dựng' },
            { id: 'kinh-doanh', label: 'Đăng ký kinh doanh' },
            { id: 'khac', label: 'Lĩnh vực khác' },
          ],
        },
        {
          id: 'da-nop-ho-so',
          type: 'single',
          title:
            'Trong 12 tháng qua, Anh/Chị có nộp hồ sơ tại Trung tâm Phục vụ hành chính công tỉnh hoặc Bộ phận một cửa cấp xã không?',
          help: 'Nếu chưa, Anh/Chị sẽ chuyển thẳng tới phần góp ý.',
          required: true,
          options: [
            { id: 'co', label: 'Có' },
            { id: 'khong', label: 'Chưa' },
          ],
        },
      ],
    },
    {
      id: 'danh-gia',
      title: 'Đánh giá chất lượng phục vụ',
      questions: [
        {
          id: 'kenh-nop',
          type: 'multiple',
          title: 'Anh/Chị đã nộp hồ sơ qua những kênh nào?',
          help: 'Có thể chọn nhiều kênh.',
          required: false,
          options: [
            { id: 'truc-tiep', label: 'Trực tiếp tại Bộ phận một cửa' },
            { id: 'dvc', label: 'Cổng Dịch vụ công trực tuyến' },
            { id: 'buu-chinh', label: 'Dịch vụ bưu chính công ích' },
            { id: 'zalo', label: 'Ứng dụng Zalo của tỉnh' },
          ],
        },
        {
          id: 'hai-long',
          type: 'scale',
          title: 'Mức độ hài lòng chung của Anh/Chị',
          required: true,
          scale: { min: 1, max: 5, minLabel: 'Rất không hài lòng', maxLabel: 'Rất hài lòng' },
        },
        {
          id: 'thai-do',
          type: 'scale',
          title: 'Thái độ phục vụ của công chức tiếp nhận hồ sơ',
          required: false,
          scale: { min: 1, max: 5, minLabel: 'Rất kém', maxLabel: 'Rất tốt' },
        },
      ],
    },
    {
      id: 'gop-y',
      title: 'Góp ý',
      questions: [
        {
          id: 'noi-dung-gop-y',
          type: 'text',
          title: 'Anh/Chị có góp ý gì để nâng cao chất lượng phục vụ người dân?',
          required: false,
          maxLength: 2000,
        },
        {
          id: 'gioi-thieu',
          type: 'scale',
          title: 'Anh/Chị có sẵn lòng giới thiệu người thân dùng dịch vụ công trực tuyến không?',
          required: false,
          scale: { min: 0, max: 10, minLabel: 'Chắc chắn không', maxLabel: 'Chắc chắn có' },
        },
      ],
    },
  ],
  // "Chưa nộp hồ sơ" skips the rating of the service.
  logic: [{ questionId: 'da-nop-ho-so', optionId: 'khong', goTo: 'gop-y' }],
};

const saturday: SurveyDefinition = {
  sections: [
    {
      id: 'y-kien',
      title: 'Ý kiến của Anh/Chị',
      questions: [
        {
          id: 'ung-ho',
          type: 'single',
          title:
            'Anh/Chị có ủng hộ việc Bộ phận một cửa tiếp nhận hồ sơ vào sáng thứ Bảy hằng tuần không?',
          required: true,
          options: [
            { id: 'ung-ho', label: 'Ủng hộ' },
            { id: 'khong-ung-ho', label: 'Không ủng hộ' },
            { id: 'khong-y-kien', label: 'Không có ý kiến' },
          ],
        },
        {
          id: 'noi-song',
          type: 'single',
          title: 'Anh/Chị đang sinh sống tại',
          required: false,
          options: [
            { id: 'vi-thanh', label: 'Vị Thanh' },
            { id: 'nga-bay', label: 'Ngã Bảy' },
            { id: 'long-my', label: 'Long Mỹ' },
            { id: 'phung-hiep', label: 'Phụng Hiệp' },
            { id: 'chau-thanh', label: 'Châu Thành' },
            { id: 'noi-khac', label: 'Nơi khác' },
          ],
        },
        {
          id: 'y-kien-khac',
          type: 'text',
          title: 'Ý kiến khác (nếu có)',
          required: false,
        },
      ],
    },
  ],
  logic: [],
};

const GOP_Y = [
  'Cán bộ hướng dẫn tận tình, thủ tục nhanh hơn trước nhiều.',
  'Nên có thêm chỗ ngồi chờ và nước uống cho người cao tuổi.',
  'Mong được nhận kết quả qua bưu điện để đỡ phải đi lại từ Long Mỹ lên Vị Thanh.',
  'Cổng dịch vụ công đôi khi chậm, tải giấy tờ lên bị lỗi vào buổi trưa.',
  'Hài lòng, cảm ơn các anh chị ở Bộ phận một cửa phường Ngã Bảy.',
];
const Y_KIEN = [
  'Người đi làm ngày thường rất cần được nộp hồ sơ vào thứ Bảy.',
  'Nên nhận hồ sơ cả chiều thứ Bảy.',
  'Cán bộ cũng cần nghỉ ngơi, chỉ nên làm thứ Bảy cách tuần.',
];

/** A deterministic spread of demo answers (the same on every machine and every run). */
function satisfactionAnswers(n: number): Record<string, AnswerInput>[] {
  const fields = ['dat-dai', 'ho-tich', 'xay-dung', 'kinh-doanh', 'khac'];
  const channels = ['truc-tiep', 'dvc', 'buu-chinh', 'zalo'];
  return Array.from({ length: n }, (_, i) => {
    const a: Record<string, AnswerInput> = {
      'linh-vuc': { optionIds: [fields[(i * 7) % fields.length] as string] },
      'da-nop-ho-so': { optionIds: [i % 6 === 5 ? 'khong' : 'co'] },
    };
    if (i % 6 !== 5) {
      a['kenh-nop'] = {
        optionIds: channels.filter((_, k) => (i + k) % 3 === 0 || k === i % channels.length),
      };
      a['hai-long'] = { value: [5, 4, 4, 3, 5, 2, 4, 5, 3, 4][i % 10] as number };
      if (i % 4 !== 0) a['thai-do'] = { value: [5, 4, 3, 5, 4][i % 5] as number };
    }
    if (i % 3 === 0) a['noi-dung-gop-y'] = { value: GOP_Y[(i / 3) % GOP_Y.length] as string };
    if (i % 2 === 0) a['gioi-thieu'] = { value: [9, 8, 10, 6, 7, 9][i % 6] as number };
    return a;
  });
}

function saturdayAnswers(n: number): Record<string, AnswerInput>[] {
  const choices = ['ung-ho', 'ung-ho', 'khong-ung-ho', 'ung-ho', 'khong-y-kien'];
  const places = ['vi-thanh', 'nga-bay', 'long-my', 'phung-hiep', 'chau-thanh', 'noi-khac'];
  return Array.from({ length: n }, (_, i) => {
    const a: Record<string, AnswerInput> = {
      'ung-ho': { optionIds: [choices[i % choices.length] as string] },
    };
    if (i % 5 !== 4) a['noi-song'] = { optionIds: [places[(i * 5) % places.length] as string] };
    if (i % 4 === 1) a['y-kien-khac'] = { value: Y_KIEN[i % Y_KIEN.length] as string };
    return a;
  });
}

export const DEMO_SURVEYS: readonly DemoSurvey[] = [
  {
    id: DEMO_SURVEY_IDS.verified,
    title: 'Khảo sát mức độ hài lòng về dịch vụ hành chính công năm 2025',
    description:
      'Sở Nội vụ tỉnh Hậu Giang lấy ý kiến người dân về chất lượng giải quyết thủ tục hành chính, để cải thiện việc phục vụ. Khảo sát mất khoảng 3 phút; mỗi tài khoản Zalo trả lời một lần.',
    audience: 'verified',
    definition: satisfaction,
    answers: satisfactionAnswers(18),
  },
  {
    id: DEMO_SURVEY_IDS.anyone,
    title: 'Lấy ý kiến về việc nhận hồ sơ vào sáng thứ Bảy',
    description:
      'Bộ phận một cửa các xã, phường dự kiến tiếp nhận hồ sơ vào sáng thứ Bảy. Mời Anh/Chị cho ý kiến, không cần đăng nhập.',
    audience: 'anyone',
    definition: saturday,
    answers: saturdayAnswers(11),
  },
];

export interface SeedClient {
  batch(statements: InStatement[], mode?: 'write'): Promise<unknown>;
  execute(stmt: InStatement): Promise<unknown>;
}

/**
 * Creates the demo surveys with their answers (one batch, so a half-seeded survey never shows).
 * Answers are checked against the questionnaire as the API would check them.
 */
export async function seedDemoSurveys(
  client: SeedClient,
  now = new Date(),
): Promise<{ surveys: number; responses: number }> {
  const opensAt = new Date(now.getTime() - 7 * DAY_MS).toISOString();
  const closesAt = new Date(now.getTime() + 30 * DAY_MS).toISOString();
  const at = now.toISOString();
  const statements: InStatement[] = [];
  let responses = 0;
  for (const s of DEMO_SURVEYS) {
    const parsed = parseDefinition(s.definition);
    if (!parsed.ok) {
      throw new Error(`demo survey ${s.id}: ${parsed.issues.map((i) => i.path).join(', ')}`);
    }
    statements.push({
      sql:
        'insert into surveys (id, agency_id, title, description, status, audience, opens_at, closes_at, definition, version, response_count, created_by, published_at, created_at, updated_at) ' +
        "values (?, ?, ?, ?, 'published', ?, ?, ?, ?, 1, 0, ?, ?, ?, ?) " +
        'on conflict (id) do update set opens_at = excluded.opens_at, closes_at = excluded.closes_at, updated_at = excluded.updated_at ' +
        "where surveys.status = 'published' and surveys.closes_at <= excluded.updated_at",
      args: [
        s.id,
        AGENCY,
        s.title,
        s.description,
        s.audience,
        opensAt,
        closesAt,
        JSON.stringify(parsed.definition),
        CREATED_BY,
        opensAt,
        opensAt,
        at,
      ],
    });
    s.answers.forEach((answers, i) => {
      const check = checkResponse(parsed.definition, answers);
      if (!check.ok) {
        throw new Error(`demo answer ${i} of ${s.id}: ${JSON.stringify(check.questions)}`);
      }
      const responseId = `${s.id}-tra-loi-${String(i + 1).padStart(2, '0')}`;
      // Spread over the past week, so the daily chart has a shape.
      const submitted = new Date(
        now.getTime() - (6 - (i % 7)) * DAY_MS - ((i * 37) % 300) * 60_000,
      ).toISOString();
      const verified = s.audience === 'verified';
      const person = `demo-nguoi-dan-${String(i + 1).padStart(2, '0')}`;
      statements.push({
        sql:
          'insert into survey_responses (id, survey_id, respondent_key, user_id, created_at) ' +
          'values (?, ?, ?, ?, ?) on conflict do nothing',
        args: [
          responseId,
          s.id,
          verified ? `user:${person}` : `device:${person}`,
          verified ? person : null,
          submitted < opensAt ? opensAt : submitted,
        ],
      });
      for (const row of check.rows) {
        statements.push({
          sql:
            'insert into survey_answers (response_id, survey_id, question_id, option_id, value) ' +
            'values (?, ?, ?, ?, ?) on conflict do nothing',
          args: [responseId, s.id, row.questionId, row.optionId, row.value],
        });
      }
      responses++;
    });
    statements.push({
      sql: 'update surveys set response_count = (select count(*) from survey_responses where survey_id = ?) where id = ?',
      args: [s.id, s.id],
    });
  }
  await client.batch(statements, 'write');
  return { surveys: DEMO_SURVEYS.length, responses };
}
