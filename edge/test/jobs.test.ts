import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { localDate } from '../src/platform/working-days';
import { call, failure, ok, sendJson } from './helpers';
import { signedInCitizen, type TestCitizen } from './support/citizens';
import { withinOneClockWindow } from './support/clock-window';
import { db, signedInOfficial } from './support/officials';

// Jobs against the real Worker and database: employers' registration and vacancies
// (validation, retries, versions, deadlines), seekers' profiles and applications, search
// without diacritics and paging, and the privacy matrix — who reads a seeker's phone, which
// employer reads which applicants, what anonymous users see — plus moderators' removals.

const PUBLIC = '/api/v1/jobs';
const EMPLOYER = '/api/v1/jobs/employer';
const ME = '/api/v1/jobs/me';
const WORK = '/api/v1/work/jobs';

type H = Record<string, string>;

const DAY = 86_400_000;
const inDays = (n: number) => localDate(new Date(Date.now() + n * DAY));
const key = () => `k${crypto.randomUUID().replace(/-/g, '').slice(0, 12)}`;
/** A made-up word only this run's rows contain: searches see them alone. */
const word = () => `zq${crypto.randomUUID().replace(/-/g, '').slice(0, 8)}`;

const send = sendJson;

const employerInput = (over: Record<string, unknown> = {}) => ({
  name: 'Công ty TNHH Chế biến Thủy sản Sông Hậu',
  taxCode: '6300123456',
  communeId: 'chau-thanh',
  address: 'Khu công nghiệp Sông Hậu, xã Châu Thành',
  phone: '0293 3850 123',
  email: 'tuyendung@songhau.vn',
  description: 'Chế biến tôm, cá tra xuất khẩu.',
  ...over,
});

const vacancyInput = (over: Record<string, unknown> = {}) => ({
  requestKey: key(),
  title: 'Công nhân đóng gói tôm xuất khẩu',
  description: 'Đóng gói, phân loại tôm đông lạnh theo ca; được đào tạo khi vào làm.',
  requirements: 'Từ 18 tuổi, sức khỏe tốt.',
  salaryMinVnd: 8_000_000,
  salaryMaxVnd: 12_000_000,
  salaryPeriod: 'month',
  positions: 20,
  communeId: 'chau-thanh',
  address: 'Khu công nghiệp Sông Hậu',
  deadline: inDays(30),
  ...over,
});

const profileInput = (over: Record<string, unknown> = {}) => ({
  fullName: 'Nguyễn Thị Lan',
  birthYear: 1998,
  phone: '0912345678',
  communeId: 'vi-thanh',
  desiredPosition: 'Kế toán kho',
  skills: 'Excel, phần mềm MISA',
  experience: '3 năm kế toán kho tại cửa hàng vật liệu xây dựng',
  visible: false,
  ...over,
});

interface Vacancy {
  id: string;
  version: number;
  status: string;
  accepting: boolean;
  applicationCount: number;
  applicants: { id: string; status: string; profile: { phone: string; fullName: string } }[];
}

async function newEmployer(over: Record<string, unknown> = {}) {
  const citizen = await signedInCitizen();
  const employer = await ok<{ id: string; version: number }>(
    await send('POST', EMPLOYER, citizen.headers, employerInput(over)),
    201,
  );
  return { citizen, employer };
}

async function post(citizen: TestCitizen, over: Record<string, unknown> = {}) {
  return ok<Vacancy>(
    await send('POST', `${EMPLOYER}/vacancies`, citizen.headers, vacancyInput(over)),
    201,
  );
}

async function newSeeker(over: Record<string, unknown> = {}) {
  const citizen = await signedInCitizen();
  const profile = await ok<{ version: number }>(
    await send('PUT', `${ME}/profile`, citizen.headers, profileInput(over)),
    201,
  );
  return { citizen, profile };
}

const applyTo = (citizen: TestCitizen, vacancyId: string, coverLetter = 'Tôi muốn ứng tuyển.') =>
  send('POST', `${ME}/applications`, citizen.headers, { vacancyId, coverLetter });

beforeAll(async () => {
  await call('/api/v1/health');
}, 60_000);

describe('employer registration', () => {
  it('refuses anonymous callers before looking at the form', async () => {
    expect((await failure(await send('POST', EMPLOYER, {}, {}), 401)).code).toBe(
      'session_required',
    );
    expect((await failure(await call(EMPLOYER), 401)).code).toBe('session_required');
  });

  it('validates the form with Vietnamese messages', async () => {
    const citizen = await signedInCitizen();
    const badTax = await failure(
      await send('POST', EMPLOYER, citizen.headers, employerInput({ taxCode: '123456789' })),
      400,
    );
    expect(badTax.code).toBe('validation_failed');
    expect(JSON.stringify(badTax.details)).toContain('Mã số thuế gồm 10 hoặc 13 chữ số');
    const badPhone = await failure(
      await send('POST', EMPLOYER, citizen.headers, employerInput({ phone: '12345' })),
      400,
    );
    expect(JSON.stringify(badPhone.details)).toContain('Số điện thoại không hợp lệ');
    const badEmail = await failure(
      await send('POST', EMPLOYER, citizen.headers, employerInput({ email: 'not-an-email' })),
      400,
    );
    expect(JSON.stringify(badEmail.details)).toContain('Email không hợp lệ');
    const commune = await failure(
      await send('POST', EMPLOYER, citizen.headers, employerInput({ communeId: 'khong-co' })),
      400,
    );
    expect(commune.code).toBe('unknown_commune');
    expect(
      (await ok<{ employer: null }>(await call(EMPLOYER, { headers: citizen.headers }))).employer,
    ).toBeNull();
  });

  it('registers once per account: a second registration answers the first', async () => {
    const citizen = await signedInCitizen();
    const first = await ok<{ id: string; taxCode: string | null; phone: string }>(
      await send(
        'POST',
        EMPLOYER,
        citizen.headers,
        employerInput({ taxCode: '6300123456-001', phone: '0293.3850.123' }),
      ),
      201,
    );
    expect(first.taxCode).toBe('6300123456001');
    expect(first.phone).toBe('02933850123');
    const again = await ok<{ id: string; name: string }>(
      await send('POST', EMPLOYER, citizen.headers, employerInput({ name: 'Tên khác hẳn' })),
      200,
    );
    expect(again.id).toBe(first.id);
    expect(again.name).toBe('Công ty TNHH Chế biến Thủy sản Sông Hậu');
    // A household without a tax code registers too.
    const household = await signedInCitizen();
    const h = await ok<{ taxCode: string | null; email: string | null }>(
      await send(
        'POST',
        EMPLOYER,
        household.headers,
        employerInput({ name: 'Hộ kinh doanh Cô Ba', taxCode: '', email: null }),
      ),
      201,
    );
    expect(h.taxCode).toBeNull();
    expect(h.email).toBeNull();
  });

  it('edits with the version read', async () => {
    const { citizen, employer } = await newEmployer();
    const edited = await ok<{ name: string; version: number }>(
      await send('PUT', EMPLOYER, citizen.headers, {
        ...employerInput({ name: 'HTX Khóm Cầu Đúc' }),
        version: employer.version,
      }),
    );
    expect(edited.name).toBe('HTX Khóm Cầu Đúc');
    const stale = await failure(
      await send('PUT', EMPLOYER, citizen.headers, {
        ...employerInput(),
        version: employer.version,
      }),
      409,
    );
    expect(stale.code).toBe('version_conflict');
  });
});

describe('vacancies', () => {
  it('needs a registered employer to post', async () => {
    const citizen = await signedInCitizen();
    const e = await failure(
      await send('POST', `${EMPLOYER}/vacancies`, citizen.headers, vacancyInput()),
      403,
    );
    expect(e.code).toBe('employer_required');
    expect(e.message).toContain('đăng ký nhà tuyển dụng');
  });

  it('validates salary, deadline and fields', async () => {
    const { citizen } = await newEmployer();
    const range = await failure(
      await send(
        'POST',
        `${EMPLOYER}/vacancies`,
        citizen.headers,
        vacancyInput({ salaryMinVnd: 12_000_000, salaryMaxVnd: 8_000_000 }),
      ),
      400,
    );
    expect(JSON.stringify(range.details)).toContain('Mức lương cao nhất');
    const past = await failure(
      await send(
        'POST',
        `${EMPLOYER}/vacancies`,
        citizen.headers,
        vacancyInput({ deadline: inDays(-1) }),
      ),
      400,
    );
    expect(past.code).toBe('deadline_past');
    const far = await failure(
      await send(
        'POST',
        `${EMPLOYER}/vacancies`,
        citizen.headers,
        vacancyInput({ deadline: inDays(400) }),
      ),
      400,
    );
    expect(far.code).toBe('deadline_too_far');
    const fake = await failure(
      await send(
        'POST',
        `${EMPLOYER}/vacancies`,
        citizen.headers,
        vacancyInput({ deadline: '2026-02-30' }),
      ),
      400,
    );
    expect(JSON.stringify(fake.details)).toContain('không phải một ngày có thật');
    const short = await failure(
      await send('POST', `${EMPLOYER}/vacancies`, citizen.headers, vacancyInput({ title: 'a' })),
      400,
    );
    expect(JSON.stringify(short.details)).toContain('Vị trí tuyển dụng cần ít nhất 3 ký tự');
    const text = await failure(
      await call(`${EMPLOYER}/vacancies`, {
        method: 'POST',
        headers: { ...citizen.headers, 'Content-Type': 'text/plain' },
        body: 'x',
      }),
      415,
    );
    expect(text.code).toBe('unsupported_media_type');
  });

  it('a retried post answers the stored vacancy; a key of another employer is refused', async () => {
    const { citizen } = await newEmployer();
    const input = vacancyInput();
    const first = await ok<Vacancy>(
      await send('POST', `${EMPLOYER}/vacancies`, citizen.headers, input),
      201,
    );
    const again = await ok<Vacancy>(
      await send('POST', `${EMPLOYER}/vacancies`, citizen.headers, input),
      200,
    );
    expect(again.id).toBe(first.id);
    const [count] = await db().all<{ n: number }>(
      sql`select count(*) as n from job_vacancies where request_key = ${input.requestKey}`,
    );
    expect(Number(count?.n)).toBe(1);
    const other = await newEmployer();
    expect(
      (
        await failure(
          await send('POST', `${EMPLOYER}/vacancies`, other.citizen.headers, input),
          409,
        )
      ).code,
    ).toBe('request_key_used');
  });

  it('edits with the version read, and "thỏa thuận" has no salary', async () => {
    const { citizen } = await newEmployer();
    const v = await post(citizen);
    const edited = await ok<Vacancy & { salaryMinVnd: number | null }>(
      await send('PUT', `${EMPLOYER}/vacancies/${v.id}`, citizen.headers, {
        ...vacancyInput({ salaryMinVnd: null, salaryMaxVnd: null }),
        version: v.version,
      }),
    );
    expect(edited.salaryMinVnd).toBeNull();
    expect(edited.version).toBe(v.version + 1);
    const stale = await failure(
      await send('PUT', `${EMPLOYER}/vacancies/${v.id}`, citizen.headers, {
        ...vacancyInput(),
        version: v.version,
      }),
      409,
    );
    expect(stale.code).toBe('version_conflict');
  });

  it('lists open vacancies, found without diacritics, filtered and paged', async () => {
    const w = word();
    const { citizen } = await newEmployer({ name: `Cửa hàng điện máy Phương Nam ${w}` });
    const a = await post(citizen, {
      title: `Nhân viên bán hàng điện máy ${w}`,
      salaryMinVnd: 6_000_000,
      salaryMaxVnd: 9_000_000,
    });
    const b = await post(citizen, {
      title: `Kỹ thuật viên sửa chữa điều hòa ${w}`,
      communeId: 'vi-thanh',
      salaryMinVnd: 10_000_000,
      salaryMaxVnd: 15_000_000,
    });
    const c = await post(citizen, {
      title: `Phụ việc giao hàng ${w}`,
      salaryMinVnd: 250_000,
      salaryMaxVnd: null,
      salaryPeriod: 'day',
    });
    // Without diacritics, on the title or the employer's name.
    const found = await ok<{ items: { id: string }[] }>(
      await call(`${PUBLIC}/vacancies?q=${encodeURIComponent(`ky thuat vien dieu hoa ${w}`)}`),
    );
    expect(found.items.map((i) => i.id)).toEqual([b.id]);
    const byEmployer = await ok<{ items: { id: string }[] }>(
      await call(`${PUBLIC}/vacancies?q=${encodeURIComponent(`phuong nam ${w}`)}`),
    );
    expect(byEmployer.items.map((i) => i.id).sort()).toEqual([a.id, b.id, c.id].sort());
    const q = `q=${w}`;
    const commune = await ok<{ items: { id: string }[] }>(
      await call(`${PUBLIC}/vacancies?${q}&commune=vi-thanh`),
    );
    expect(commune.items.map((i) => i.id)).toEqual([b.id]);
    const pays = await ok<{ items: { id: string }[] }>(
      await call(`${PUBLIC}/vacancies?${q}&salaryMin=9000000&period=month`),
    );
    expect(pays.items.map((i) => i.id).sort()).toEqual([a.id, b.id].sort());
    const daily = await ok<{ items: { id: string }[] }>(
      await call(`${PUBLIC}/vacancies?${q}&period=day`),
    );
    expect(daily.items.map((i) => i.id)).toEqual([c.id]);
    // Paging: newest first, no overlap, nothing lost.
    const p1 = await ok<{ items: { id: string }[]; nextCursor: string | null }>(
      await call(`${PUBLIC}/vacancies?${q}&limit=2`),
    );
    expect(p1.items.map((i) => i.id)).toEqual([c.id, b.id]);
    expect(p1.nextCursor).toBeTruthy();
    const p2 = await ok<{ items: { id: string }[]; nextCursor: string | null }>(
      await call(`${PUBLIC}/vacancies?${q}&limit=2&cursor=${p1.nextCursor}`),
    );
    expect(p2.items.map((i) => i.id)).toEqual([a.id]);
    expect(p2.nextCursor).toBeNull();
    expect((await failure(await call(`${PUBLIC}/vacancies?cursor=xyz`), 400)).code).toBe(
      'invalid_cursor',
    );
    expect((await failure(await call(`${PUBLIC}/vacancies?salaryMin=abc`), 400)).code).toBe(
      'validation_failed',
    );
    // One vacancy, with the employer's public fields and never its owner.
    const one = await ok<Record<string, unknown> & { employer: Record<string, unknown> }>(
      await call(`${PUBLIC}/vacancies/${a.id}`),
    );
    expect(one.accepting).toBe(true);
    expect(one.employer.phone).toBe('02933850123');
    expect(JSON.stringify(one)).not.toContain(citizen.userId);
    expect(one).not.toHaveProperty('requestKey');
  });

  it('closed and past-deadline vacancies leave the list and refuse applications clearly', async () => {
    const w = word();
    const { citizen } = await newEmployer();
    const closed = await post(citizen, { title: `Giáo viên mầm non ${w}` });
    const expired = await post(citizen, { title: `Bảo mẫu ${w}` });
    await db().run(sql`update job_vacancies set deadline = ${inDays(-1)} where id = ${expired.id}`);
    const closedNow = await ok<Vacancy>(
      await send('POST', `${EMPLOYER}/vacancies/${closed.id}/close`, citizen.headers),
    );
    expect(closedNow.status).toBe('closed');
    // Closing twice changes nothing.
    await ok(await send('POST', `${EMPLOYER}/vacancies/${closed.id}/close`, citizen.headers));
    const list = await ok<{ items: unknown[] }>(await call(`${PUBLIC}/vacancies?q=${w}`));
    expect(list.items).toHaveLength(0);
    const byLink = await ok<{ accepting: boolean; status: string }>(
      await call(`${PUBLIC}/vacancies/${expired.id}`),
    );
    expect(byLink.accepting).toBe(false);
    const { citizen: seeker } = await newSeeker();
    const c = await failure(await applyTo(seeker, closed.id), 409);
    expect(c.code).toBe('vacancy_closed');
    expect(c.message).toContain('đã đóng tin');
    const e = await failure(await applyTo(seeker, expired.id), 409);
    expect(e.code).toBe('vacancy_expired');
    const [y, m, d] = inDays(-1).split('-');
    expect(e.message).toBe(`Tin tuyển dụng đã hết hạn nộp hồ sơ (hạn cuối ${d}/${m}/${y}).`);
    // The deadline day itself still takes applications.
    const lastDay = await post(citizen, { title: `Cấp dưỡng ${w}`, deadline: inDays(0) });
    await ok(await applyTo(seeker, lastDay.id), 201);
  });
});

describe('rate limits', () => {
  it('an employer posting too fast is told to wait; retries are not counted', async () => {
    await withinOneClockWindow(25);
    const { citizen } = await newEmployer();
    const first = vacancyInput();
    await ok(await send('POST', `${EMPLOYER}/vacancies`, citizen.headers, first), 201);
    // MARKET_POST_LIMITER: 10 a minute per employer. Retries of the first are answered
    // before the limiter.
    for (let i = 0; i < 5; i++) {
      await ok(await send('POST', `${EMPLOYER}/vacancies`, citizen.headers, first), 200);
    }
    let limited: Response | undefined;
    for (let i = 0; i < 12 && !limited; i++) {
      const res = await send('POST', `${EMPLOYER}/vacancies`, citizen.headers, vacancyInput());
      if (res.status === 429) limited = res;
      else expect(res.status).toBe(201);
    }
    expect(limited, 'no 429 after 12 posts').toBeDefined();
    if (!limited) return;
    expect(limited.headers.get('Retry-After')).toBe('60');
    const e = await failure(limited, 429);
    expect(e.code).toBe('rate_limited');
    expect(e.message).toContain('thử lại sau');
  }, 60_000);
});

describe('profiles and applications', () => {
  it('needs a profile to apply, one application per vacancy, retry answers it', async () => {
    const { citizen: boss } = await newEmployer();
    const v = await post(boss);
    const seeker = await signedInCitizen();
    const none = await failure(await applyTo(seeker, v.id), 409);
    expect(none.code).toBe('profile_required');
    const created = await ok<{ version: number; visible: boolean }>(
      await send('PUT', `${ME}/profile`, seeker.headers, profileInput()),
      201,
    );
    expect(created.visible).toBe(false);
    // Saving again needs the version read (two devices must not overwrite each other).
    expect(
      (await failure(await send('PUT', `${ME}/profile`, seeker.headers, profileInput()), 409)).code,
    ).toBe('version_conflict');
    const first = await ok<{ id: string; status: string }>(await applyTo(seeker, v.id), 201);
    expect(first.status).toBe('submitted');
    const again = await ok<{ id: string }>(await applyTo(seeker, v.id, 'Gửi lại'), 200);
    expect(again.id).toBe(first.id);
    const [count] = await db().all<{ n: number }>(
      sql`select count(*) as n from job_applications where vacancy_id = ${v.id}`,
    );
    expect(Number(count?.n)).toBe(1);
    // The employer heard of it.
    const notes = await db().all<{ kind: string }>(
      sql`select kind from notifications where recipient_type = 'user' and recipient_id = ${boss.userId}`,
    );
    expect(notes.map((n) => n.kind)).toEqual(['jobs.application.new']);
    expect((await failure(await applyTo(boss, v.id), 409)).code).toBe('own_vacancy');
    expect((await failure(await applyTo(seeker, 'khong-co-tin-nay'), 404)).code).toBe(
      'vacancy_not_found',
    );
    const bad = await failure(
      await send(
        'PUT',
        `${ME}/profile`,
        seeker.headers,
        profileInput({ birthYear: 1900, version: created.version }),
      ),
      400,
    );
    expect(JSON.stringify(bad.details)).toContain('Năm sinh không hợp lệ');
  });

  it('marks reach the applicant; withdrawing hides the application; applying again resends it', async () => {
    const { citizen: boss } = await newEmployer();
    const v = await post(boss);
    const { citizen: seeker } = await newSeeker();
    const app = await ok<{ id: string }>(await applyTo(seeker, v.id), 201);
    const marked = await ok<{ status: string }>(
      await send('POST', `${EMPLOYER}/applications/${app.id}/status`, boss.headers, {
        status: 'shortlisted',
      }),
    );
    expect(marked.status).toBe('shortlisted');
    // Same mark again: no second notice. "Viewed" does not undo "shortlisted".
    await ok(
      await send('POST', `${EMPLOYER}/applications/${app.id}/status`, boss.headers, {
        status: 'shortlisted',
      }),
    );
    const viewed = await ok<{ status: string }>(
      await send('POST', `${EMPLOYER}/applications/${app.id}/status`, boss.headers, {
        status: 'viewed',
      }),
    );
    expect(viewed.status).toBe('shortlisted');
    const notes = await db().all<{ kind: string; body: string; link: string }>(
      sql`select kind, body, link from notifications where recipient_type = 'user' and recipient_id = ${seeker.userId}`,
    );
    expect(notes).toHaveLength(1);
    expect(notes[0]?.kind).toBe('jobs.application.shortlisted');
    // A route of the mini app: "Hồ sơ của tôi", which lists the seeker's applications.
    expect(notes[0]?.link).toBe('/jobs?tab=profile');
    expect(notes[0]?.body).toContain('Công nhân đóng gói tôm xuất khẩu');
    expect(
      (
        await failure(
          await send('POST', `${EMPLOYER}/applications/${app.id}/status`, boss.headers, {
            status: 'withdrawn',
          }),
          400,
        )
      ).code,
    ).toBe('validation_failed');
    const mine = await ok<{ items: { id: string; status: string; vacancy: { id: string } }[] }>(
      await call(`${ME}/applications`, { headers: seeker.headers }),
    );
    expect(mine.items.map((i) => [i.id, i.status, i.vacancy.id])).toEqual([
      [app.id, 'shortlisted', v.id],
    ]);
    const withdrawn = await ok<{ status: string }>(
      await send('POST', `${ME}/applications/${app.id}/withdraw`, seeker.headers),
    );
    expect(withdrawn.status).toBe('withdrawn');
    const seen = await ok<Vacancy>(
      await call(`${EMPLOYER}/vacancies/${v.id}`, { headers: boss.headers }),
    );
    expect(seen.applicants).toHaveLength(0);
    expect(
      (
        await failure(
          await send('POST', `${EMPLOYER}/applications/${app.id}/status`, boss.headers, {
            status: 'rejected',
          }),
          404,
        )
      ).code,
    ).toBe('application_not_found');
    const back = await ok<{ id: string; status: string }>(await applyTo(seeker, v.id), 201);
    expect(back).toMatchObject({ id: app.id, status: 'submitted' });
    // Someone else's application cannot be withdrawn.
    const other = await signedInCitizen();
    expect(
      (
        await failure(
          await send('POST', `${ME}/applications/${app.id}/withdraw`, other.headers),
          404,
        )
      ).code,
    ).toBe('application_not_found');
  });
});

describe('privacy matrix', () => {
  let bossA: TestCitizen;
  let bossB: TestCitizen;
  let vacancyA: Vacancy;
  let hidden: TestCitizen;
  let visible: TestCitizen;
  let appId: string;
  const w = word();

  beforeAll(async () => {
    bossA = (await newEmployer()).citizen;
    bossB = (await newEmployer({ name: 'Trường Mầm non Tư thục Hoa Sen' })).citizen;
    vacancyA = await post(bossA);
    hidden = (await newSeeker({ phone: '0911111111', skills: `Hàn điện ${w}` })).citizen;
    visible = (
      await newSeeker({
        fullName: 'Trần Văn Minh',
        phone: '0922222222',
        desiredPosition: 'Thợ điện công nghiệp',
        skills: `Sửa chữa điện dân dụng ${w}`,
        visible: true,
      })
    ).citizen;
    appId = (await ok<{ id: string }>(await applyTo(hidden, vacancyA.id), 201)).id;
  });

  it("the employer applied to reads the applicant's snapshot with the phone", async () => {
    const detail = await ok<Vacancy>(
      await call(`${EMPLOYER}/vacancies/${vacancyA.id}`, { headers: bossA.headers }),
    );
    expect(detail.applicants.map((a) => [a.id, a.profile.phone])).toEqual([[appId, '0911111111']]);
    // The snapshot is what was sent: a later change of the profile does not rewrite it.
    const p = await ok<{ profile: { version: number } }>(
      await call(`${ME}/profile`, { headers: hidden.headers }),
    );
    await ok(
      await send('PUT', `${ME}/profile`, hidden.headers, {
        ...profileInput({ phone: '0933333333', skills: `Hàn điện ${w}` }),
        version: p.profile.version,
      }),
    );
    const after = await ok<Vacancy>(
      await call(`${EMPLOYER}/vacancies/${vacancyA.id}`, { headers: bossA.headers }),
    );
    expect(after.applicants[0]?.profile.phone).toBe('0911111111');
    const list = await ok<{ items: Vacancy[] }>(
      await call(`${EMPLOYER}/vacancies`, { headers: bossA.headers }),
    );
    expect(list.items.map((i) => [i.id, i.applicationCount])).toEqual([[vacancyA.id, 1]]);
  });

  it('another employer never reaches them: 404 on the vacancy and the application', async () => {
    const e = await failure(
      await call(`${EMPLOYER}/vacancies/${vacancyA.id}`, { headers: bossB.headers }),
      404,
    );
    expect(e.code).toBe('vacancy_not_found');
    expect(
      (
        await failure(
          await send('POST', `${EMPLOYER}/applications/${appId}/status`, bossB.headers, {
            status: 'viewed',
          }),
          404,
        )
      ).code,
    ).toBe('application_not_found');
    expect(
      (
        await failure(
          await send('POST', `${EMPLOYER}/vacancies/${vacancyA.id}/close`, bossB.headers),
          404,
        )
      ).code,
    ).toBe('vacancy_not_found');
    expect(
      (
        await failure(
          await send('PUT', `${EMPLOYER}/vacancies/${vacancyA.id}`, bossB.headers, {
            ...vacancyInput(),
            version: 1,
          }),
          404,
        )
      ).code,
    ).toBe('vacancy_not_found');
    const bList = await ok<{ items: unknown[] }>(
      await call(`${EMPLOYER}/vacancies`, { headers: bossB.headers }),
    );
    expect(bList.items).toHaveLength(0);
  });

  it('registered employers find visible profiles only; others cannot search', async () => {
    const search = (h: H, q: string) =>
      call(`${EMPLOYER}/seekers?q=${encodeURIComponent(q)}`, { headers: h });
    const found = await ok<{ items: { userId: string; phone: string; fullName: string }[] }>(
      await search(bossB.headers, `sua chua dien ${w}`),
    );
    expect(found.items.map((i) => [i.userId, i.phone])).toEqual([[visible.userId, '0922222222']]);
    // The hidden seeker's words find nothing, not even for the employer they applied to.
    for (const boss of [bossA, bossB]) {
      const none = await ok<{ items: unknown[] }>(await search(boss.headers, `han dien ${w}`));
      expect(none.items).toHaveLength(0);
    }
    const [entry] = await db().all(
      sql`select 1 from content_search_docs where kind = 'job_seeker' and ref_id = ${hidden.userId}`,
    );
    expect(entry).toBeUndefined();
    // A signed-in citizen who is no employer, and anonymous callers.
    expect((await failure(await search(hidden.headers, w), 403)).code).toBe('employer_required');
    expect((await failure(await search({}, w), 401)).code).toBe('session_required');
    expect((await failure(await call(`${ME}/profile`), 401)).code).toBe('session_required');
    // Anonymous users see vacancies, with no applicant or profile anywhere.
    const pub = await call(`${PUBLIC}/vacancies/${vacancyA.id}`);
    const text = await pub.text();
    expect(pub.status).toBe(200);
    expect(text).not.toContain('0911111111');
    expect(text).not.toContain('applicants');
  });

  it('hiding a profile takes it out of the search and the index at once', async () => {
    const hiddenNow = await ok<{ visible: boolean }>(
      await send('PUT', `${ME}/profile/visibility`, visible.headers, { visible: false }),
    );
    expect(hiddenNow.visible).toBe(false);
    const none = await ok<{ items: unknown[] }>(
      await call(`${EMPLOYER}/seekers?q=${w}`, { headers: bossB.headers }),
    );
    expect(none.items).toHaveLength(0);
    const [entry] = await db().all(
      sql`select 1 from content_search_docs where kind = 'job_seeker' and ref_id = ${visible.userId}`,
    );
    expect(entry).toBeUndefined();
    await ok(await send('PUT', `${ME}/profile/visibility`, visible.headers, { visible: true }));
    const back = await ok<{ items: unknown[] }>(
      await call(`${EMPLOYER}/seekers?q=${w}`, { headers: bossB.headers }),
    );
    expect(back.items).toHaveLength(1);
    const noProfile = await signedInCitizen();
    expect(
      (
        await failure(
          await send('PUT', `${ME}/profile/visibility`, noProfile.headers, { visible: true }),
          409,
        )
      ).code,
    ).toBe('profile_required');
  });
});

describe('moderation', () => {
  it('needs jobs.moderate, removes with an audited reason and tells the employer', async () => {
    const w = word();
    const { citizen: boss } = await newEmployer();
    const v = await post(boss, { title: `Tuyển gấp việc nhẹ lương cao ${w}` });
    const mod = await signedInOfficial({ roles: ['market_moderator'] });
    const editor = await signedInOfficial({ roles: ['news_editor'] });
    expect((await failure(await call(`${WORK}/vacancies`), 401)).code).toBe(
      'official_session_required',
    );
    expect(
      (await failure(await call(`${WORK}/vacancies`, { headers: boss.headers }), 401)).code,
    ).toBe('official_session_required');
    expect(
      (await failure(await call(`${WORK}/vacancies`, { headers: editor.headers }), 403)).code,
    ).toBe('forbidden');
    expect(
      (
        await failure(
          await send('POST', `${WORK}/vacancies/${v.id}/remove`, editor.headers, {
            reason: 'Lừa đảo',
          }),
          403,
        )
      ).code,
    ).toBe('forbidden');
    const list = await ok<{ items: { id: string }[] }>(
      await call(`${WORK}/vacancies?q=${w}`, { headers: mod.headers }),
    );
    expect(list.items.map((i) => i.id)).toEqual([v.id]);
    expect(
      (
        await failure(
          await send('POST', `${WORK}/vacancies/${v.id}/remove`, mod.headers, { reason: '' }),
          400,
        )
      ).code,
    ).toBe('validation_failed');
    const reason = 'Tin có dấu hiệu lừa đảo thu phí việc làm';
    const removed = await ok<{ status: string; removedReason: string }>(
      await send('POST', `${WORK}/vacancies/${v.id}/remove`, mod.headers, { reason }),
    );
    expect(removed).toMatchObject({ status: 'removed', removedReason: reason });
    await ok(await send('POST', `${WORK}/vacancies/${v.id}/remove`, mod.headers, { reason }));
    const audit = await db().all<{ actorId: string; note: string; toValue: string }>(
      sql`select actor_id as actorId, note, to_value as toValue from audit_log
        where entity_type = 'job_vacancy' and entity_id = ${v.id}`,
    );
    expect(audit).toEqual([{ actorId: mod.official.id, note: reason, toValue: 'removed' }]);
    expect((await failure(await call(`${PUBLIC}/vacancies/${v.id}`), 404)).code).toBe(
      'vacancy_not_found',
    );
    const notes = await db().all<{ kind: string; body: string }>(
      sql`select kind, body from notifications where recipient_type = 'user' and recipient_id = ${boss.userId}`,
    );
    expect(notes.map((n) => n.kind)).toEqual(['jobs.vacancy.removed']);
    expect(notes[0]?.body).toContain(reason);
    const { citizen: seeker } = await newSeeker();
    expect((await failure(await applyTo(seeker, v.id), 404)).code).toBe('vacancy_not_found');
    expect(
      (
        await failure(
          await send('PUT', `${EMPLOYER}/vacancies/${v.id}`, boss.headers, {
            ...vacancyInput(),
            version: 2,
          }),
          409,
        )
      ).code,
    ).toBe('vacancy_removed');
  });
});
