import { sql } from 'drizzle-orm';
import type { AuditEntryInput } from '../audit/log';
import { searchIndexStatements, searchRemoveStatements } from '../content/search-index';
import { auditIfChanged } from '../management/repo';
import type { Db } from '../platform/db';
import { ApiError } from '../platform/errors';
import {
  type EmployerRow,
  findVacancy,
  type ProfileSnapshot,
  profileOf,
  today,
  type VacancyRow,
  vacancyNotFound,
} from './repo';
import type { EmployerValues, ProfileValues, VacancyValues } from './schemas';

// The writes of jobs. Each change and what goes with it (the search index entry, the
// notification to the other side, the moderator's audit entry) is one batch, so none is ever
// half-written; retries are answered from what is stored (request key, unique indexes).

export const versionConflict = () =>
  new ApiError(
    409,
    'version_conflict',
    'Nội dung đã được sửa ở nơi khác. Vui lòng tải lại rồi sửa tiếp.',
  );

/** How far ahead a deadline may be: a vacancy is not a standing advertisement. */
const MAX_DEADLINE_DAYS = 180;

export async function checkCommune(db: Db, communeId: string) {
  const [row] = await db.all(
    sql`select 1 from admin_units where id = ${communeId} and level = 'commune'`,
  );
  if (!row) {
    throw new ApiError(400, 'unknown_commune', 'Xã/phường không có trong danh mục.', {
      communeId,
    });
  }
}

export function checkDeadline(deadline: string, now: Date) {
  const day = today(now);
  if (deadline < day) {
    throw new ApiError(400, 'deadline_past', 'Hạn nộp hồ sơ phải từ hôm nay trở đi.', {
      deadline,
      today: day,
    });
  }
  const latest = today(new Date(now.getTime() + MAX_DEADLINE_DAYS * 86_400_000));
  if (deadline > latest) {
    throw new ApiError(
      400,
      'deadline_too_far',
      `Hạn nộp hồ sơ tối đa ${MAX_DEADLINE_DAYS} ngày kể từ hôm nay.`,
      { deadline, latest },
    );
  }
}

// ---- employer -------------------------------------------------------------------------------

/** One employer per account: a second registration (or a retry) answers the one stored. */
export async function registerEmployer(
  db: Db,
  userId: string,
  v: EmployerValues,
  now: string,
): Promise<boolean> {
  const [inserted] = await db.batch([
    db.all(sql`insert into employers (id, owner_id, name, tax_code, commune_id, address, phone,
        email, description, status, version, created_at, updated_at)
      values (${crypto.randomUUID()}, ${userId}, ${v.name}, ${v.taxCode}, ${v.communeId},
        ${v.address}, ${v.phone}, ${v.email}, ${v.description}, 'active', 1, ${now}, ${now})
      on conflict (owner_id) do nothing returning id`),
  ]);
  return inserted.length > 0;
}

/** The index text of a vacancy: what a seeker may type to find it. */
function vacancyIndex(
  db: Db,
  id: string,
  v: { title: string; description: string; requirements: string; address: string },
  employerName: string,
  communeName: string,
) {
  return searchIndexStatements(db, 'job_vacancy', id, [
    v.title,
    employerName,
    communeName,
    v.address,
    v.requirements,
    v.description,
  ]);
}

export async function updateEmployer(
  db: Db,
  employer: EmployerRow,
  version: number,
  v: EmployerValues,
  now: string,
) {
  if (employer.version !== version) throw versionConflict();
  // The employer's name is part of each vacancy's index entry: rewritten with it.
  const vacancies = await db.all<{
    id: string;
    title: string;
    description: string;
    requirements: string;
    address: string;
    communeName: string;
  }>(sql`select v.id, v.title, v.description, v.requirements, v.address, u.name as communeName
    from job_vacancies v join admin_units u on u.id = v.commune_id
    where v.employer_id = ${employer.id}`);
  const [updated] = await db.batch([
    db.all(sql`update employers set name = ${v.name}, tax_code = ${v.taxCode},
        commune_id = ${v.communeId}, address = ${v.address}, phone = ${v.phone},
        email = ${v.email}, description = ${v.description}, version = version + 1,
        updated_at = ${now}
      where id = ${employer.id} and version = ${version} returning id`),
    ...vacancies.flatMap((r) => vacancyIndex(db, r.id, r, v.name, r.communeName)),
  ]);
  if (updated.length === 0) throw versionConflict();
}

// ---- vacancies ------------------------------------------------------------------------------

export const employerRequired = () =>
  new ApiError(
    403,
    'employer_required',
    'Bạn cần đăng ký nhà tuyển dụng trước (mục "Nhà tuyển dụng").',
  );

export const employerSuspended = () =>
  new ApiError(
    403,
    'employer_suspended',
    'Tài khoản nhà tuyển dụng đang bị tạm khóa, không thể đăng hoặc sửa tin.',
  );

async function communeName(db: Db, communeId: string): Promise<string> {
  const [row] = await db.all<{ name: string }>(
    sql`select name from admin_units where id = ${communeId}`,
  );
  return row?.name ?? '';
}

export async function vacancyIdByKey(db: Db, requestKey: string) {
  const [row] = await db.all<{ id: string; employerId: string }>(
    sql`select id, employer_id as employerId from job_vacancies where request_key = ${requestKey}`,
  );
  return row ?? null;
}

export async function createVacancy(
  db: Db,
  employer: EmployerRow,
  v: VacancyValues & { requestKey: string },
  now: string,
): Promise<string> {
  const id = crypto.randomUUID();
  const [inserted] = await db.batch([
    db.all(sql`insert into job_vacancies (id, employer_id, title, description, requirements,
        salary_min_vnd, salary_max_vnd, salary_period, positions, commune_id, address, deadline,
        status, request_key, version, created_at, updated_at)
      values (${id}, ${employer.id}, ${v.title}, ${v.description}, ${v.requirements},
        ${v.salaryMinVnd}, ${v.salaryMaxVnd}, ${v.salaryPeriod}, ${v.positions}, ${v.communeId},
        ${v.address}, ${v.deadline}, 'open', ${v.requestKey}, 1, ${now}, ${now})
      on conflict (request_key) do nothing returning id`),
    ...vacancyIndex(db, id, v, employer.name, await communeName(db, v.communeId)),
  ]);
  if (inserted.length === 0) {
    // A parallel retry of the same post won the race: drop the index entry written for the
    // id that was not stored, and answer the stored one.
    await db.batch([...searchRemoveStatements(db, 'job_vacancy', id)]);
    const stored = await vacancyIdByKey(db, v.requestKey);
    if (!stored) throw new Error('vacancy missing after insert');
    return stored.id;
  }
  return id;
}

export async function updateVacancy(
  db: Db,
  employer: EmployerRow,
  row: VacancyRow,
  version: number,
  v: VacancyValues,
  now: string,
) {
  if (row.status === 'removed') throw vacancyRemoved();
  if (Number(row.version) !== version) throw versionConflict();
  const [updated] = await db.batch([
    db.all(sql`update job_vacancies set title = ${v.title}, description = ${v.description},
        requirements = ${v.requirements}, salary_min_vnd = ${v.salaryMinVnd},
        salary_max_vnd = ${v.salaryMaxVnd}, salary_period = ${v.salaryPeriod},
        positions = ${v.positions}, commune_id = ${v.communeId}, address = ${v.address},
        deadline = ${v.deadline}, version = version + 1, updated_at = ${now}
      where id = ${row.id} and employer_id = ${employer.id} and version = ${version}
        and status <> 'removed' returning id`),
    ...vacancyIndex(db, row.id, v, employer.name, await communeName(db, v.communeId)),
  ]);
  if (updated.length === 0) throw versionConflict();
}

export const vacancyRemoved = () =>
  new ApiError(
    409,
    'vacancy_removed',
    'Tin tuyển dụng này đã bị gỡ vì vi phạm quy định, không thể sửa.',
  );

/** Stops taking applications. Closing a closed vacancy changes nothing. */
export async function closeVacancy(db: Db, employerId: string, id: string, now: string) {
  await db.run(sql`update job_vacancies set status = 'closed', version = version + 1,
      updated_at = ${now}
    where id = ${id} and employer_id = ${employerId} and status = 'open'`);
}

/** An employer's mark on an application; the applicant hears of it in the app. */
export async function markApplication(
  db: Db,
  app: {
    id: string;
    applicantId: string;
    vacancyId: string;
    vacancyTitle: string;
    employerName: string;
  },
  status: 'viewed' | 'shortlisted' | 'rejected',
  now: string,
) {
  const message = {
    viewed: {
      title: 'Nhà tuyển dụng đã xem hồ sơ',
      body: `${app.employerName} đã xem hồ sơ ứng tuyển vị trí "${app.vacancyTitle}" của bạn.`,
    },
    shortlisted: {
      title: 'Hồ sơ của bạn được chọn',
      body: `${app.employerName} đã chọn hồ sơ của bạn cho vị trí "${app.vacancyTitle}" và sẽ liên hệ với bạn.`,
    },
    rejected: {
      title: 'Kết quả ứng tuyển',
      body: `Rất tiếc, hồ sơ của bạn chưa phù hợp với vị trí "${app.vacancyTitle}" của ${app.employerName}.`,
    },
  }[status];
  await db.batch([
    // Not backwards to "viewed" once shortlisted or rejected, and never over a withdrawal.
    db.run(sql`update job_applications set status = ${status}, updated_at = ${now}
      where id = ${app.id} and status <> ${status} and status <> 'withdrawn'
        and not (${status} = 'viewed' and status in ('shortlisted', 'rejected'))`),
    db.run(sql`insert into notifications (recipient_type, recipient_id, kind, title, body, link,
        dedupe_key, created_at)
      select 'user', ${app.applicantId}, ${`jobs.application.${status}`}, ${message.title},
        ${message.body.slice(0, 300)}, '/jobs?tab=profile',
        ${`jobs.application:${app.id}:${status}:${now}`}, ${now}
      where changes() > 0
      on conflict (dedupe_key) do nothing`),
  ]);
}

// ---- seeker profile -------------------------------------------------------------------------

function profileIndex(db: Db, userId: string, v: ProfileValues, communeName: string) {
  return searchIndexStatements(db, 'job_seeker', userId, [
    v.desiredPosition,
    v.skills,
    v.experience,
    communeName,
  ]);
}

/**
 * Creates or updates the seeker's profile. Its index entry exists only while the profile is
 * visible: a hidden profile cannot be found by any search, not even by its words.
 */
export async function saveProfile(db: Db, userId: string, v: ProfileValues, now: string) {
  const existing = await profileOf(db, userId);
  const name = await communeName(db, v.communeId);
  const index = v.visible
    ? profileIndex(db, userId, v, name)
    : searchRemoveStatements(db, 'job_seeker', userId);
  if (!existing) {
    if (v.version !== undefined) throw versionConflict();
    const [inserted] = await db.batch([
      db.all(sql`insert into job_seeker_profiles (user_id, full_name, birth_year, phone,
          commune_id, desired_position, skills, experience, visible, version, created_at,
          updated_at)
        values (${userId}, ${v.fullName}, ${v.birthYear}, ${v.phone}, ${v.communeId},
          ${v.desiredPosition}, ${v.skills}, ${v.experience}, ${v.visible ? 1 : 0}, 1, ${now},
          ${now})
        on conflict (user_id) do nothing returning user_id`),
      ...index,
    ]);
    if (inserted.length === 0) throw versionConflict();
    return true;
  }
  if (v.version !== existing.version) throw versionConflict();
  const [updated] = await db.batch([
    db.all(sql`update job_seeker_profiles set full_name = ${v.fullName},
        birth_year = ${v.birthYear}, phone = ${v.phone}, commune_id = ${v.communeId},
        desired_position = ${v.desiredPosition}, skills = ${v.skills},
        experience = ${v.experience}, visible = ${v.visible ? 1 : 0}, version = version + 1,
        updated_at = ${now}
      where user_id = ${userId} and version = ${v.version} returning user_id`),
    ...index,
  ]);
  if (updated.length === 0) throw versionConflict();
  return false;
}

export const profileRequired = () =>
  new ApiError(409, 'profile_required', 'Bạn cần tạo hồ sơ tìm việc trước (mục "Hồ sơ của tôi").');

/** The visibility switch alone: no version needed, setting the same value changes nothing. */
export async function setVisibility(db: Db, userId: string, visible: boolean, now: string) {
  const p = await profileOf(db, userId);
  if (!p) throw profileRequired();
  if (p.visible === visible) return;
  const name = await communeName(db, p.communeId);
  await db.batch([
    db.run(sql`update job_seeker_profiles set visible = ${visible ? 1 : 0},
        version = version + 1, updated_at = ${now} where user_id = ${userId}`),
    ...(visible
      ? profileIndex(db, userId, { ...p, visible, version: p.version }, name)
      : searchRemoveStatements(db, 'job_seeker', userId)),
  ]);
}

// ---- applications ---------------------------------------------------------------------------

/** Why a vacancy takes no application, said so a seeker understands. */
export function refuseIfNotAccepting(row: VacancyRow, now: Date) {
  if (row.status === 'closed') {
    throw new ApiError(
      409,
      'vacancy_closed',
      'Nhà tuyển dụng đã đóng tin này, không nhận thêm hồ sơ.',
    );
  }
  if (row.deadline < today(now)) {
    const [y, m, d] = row.deadline.split('-');
    throw new ApiError(
      409,
      'vacancy_expired',
      `Tin tuyển dụng đã hết hạn nộp hồ sơ (hạn cuối ${d}/${m}/${y}).`,
    );
  }
}

/**
 * Applies with the profile as it is now (the employer is sent this snapshot). One application
 * per vacancy and seeker: a retry answers the one stored; after a withdrawal, applying again
 * sends it anew. The employer's owner is told in the app.
 */
export async function apply(
  db: Db,
  userId: string,
  vacancyId: string,
  coverLetter: string,
  now: Date,
): Promise<{ id: string; created: boolean }> {
  const row = await findVacancy(db, vacancyId);
  if (!row || row.status === 'removed') throw vacancyNotFound();
  const existing = await db.all<{ id: string; status: string }>(
    sql`select id, status from job_applications
      where vacancy_id = ${vacancyId} and applicant_id = ${userId}`,
  );
  const prior = existing[0];
  if (prior && prior.status !== 'withdrawn') return { id: prior.id, created: false };
  if (row.ownerId === userId) {
    throw new ApiError(409, 'own_vacancy', 'Bạn không thể ứng tuyển vào tin của chính mình.');
  }
  refuseIfNotAccepting(row, now);
  const profile = await profileOf(db, userId);
  if (!profile) throw profileRequired();
  const snapshot: ProfileSnapshot = {
    fullName: profile.fullName,
    birthYear: profile.birthYear,
    phone: profile.phone,
    communeId: profile.communeId,
    communeName: profile.communeName,
    desiredPosition: profile.desiredPosition,
    skills: profile.skills,
    experience: profile.experience,
  };
  const at = now.toISOString();
  const id = prior?.id ?? crypto.randomUUID();
  const notice = db.run(sql`insert into notifications (recipient_type, recipient_id, kind,
      title, body, link, dedupe_key, created_at)
    select 'user', ${row.ownerId}, 'jobs.application.new', 'Có hồ sơ ứng tuyển mới',
      ${`${profile.fullName} ứng tuyển vị trí "${row.title}".`.slice(0, 300)},
      ${`/jobs/mine/${row.id}`}, ${`jobs.application.new:${id}:${at}`}, ${at}
    where changes() > 0
    on conflict (dedupe_key) do nothing`);
  if (prior) {
    await db.batch([
      db.run(sql`update job_applications set status = 'submitted',
          profile_snapshot = ${JSON.stringify(snapshot)}, cover_letter = ${coverLetter},
          updated_at = ${at}
        where id = ${prior.id} and status = 'withdrawn'`),
      notice,
    ]);
    return { id: prior.id, created: true };
  }
  const [inserted] = await db.batch([
    db.all(sql`insert into job_applications (id, vacancy_id, applicant_id, profile_snapshot,
        cover_letter, status, created_at, updated_at)
      values (${id}, ${vacancyId}, ${userId}, ${JSON.stringify(snapshot)}, ${coverLetter},
        'submitted', ${at}, ${at})
      on conflict (vacancy_id, applicant_id) do nothing returning id`),
    notice,
  ]);
  if (inserted.length > 0) return { id, created: true };
  // A parallel retry stored it first.
  const [stored] = await db.all<{ id: string }>(sql`select id from job_applications
    where vacancy_id = ${vacancyId} and applicant_id = ${userId}`);
  if (!stored) throw new Error('application missing after insert');
  return { id: stored.id, created: false };
}

export async function withdraw(db: Db, userId: string, id: string, now: string) {
  await db.run(sql`update job_applications set status = 'withdrawn', updated_at = ${now}
    where id = ${id} and applicant_id = ${userId} and status <> 'withdrawn'`);
}

// ---- moderators -----------------------------------------------------------------------------

/** A moderator takes a vacancy down; audited, and the employer is told why. */
export async function removeVacancy(
  db: Db,
  row: VacancyRow,
  reason: string,
  now: string,
  audit: AuditEntryInput,
): Promise<boolean> {
  const [updated] = await db.batch([
    db.all(sql`update job_vacancies set status = 'removed', version = version + 1,
        updated_at = ${now}
      where id = ${row.id} and status <> 'removed' returning id`),
    auditIfChanged(db, audit),
    db.run(sql`insert into notifications (recipient_type, recipient_id, kind, title, body, link,
        dedupe_key, created_at)
      select 'user', ${row.ownerId}, 'jobs.vacancy.removed', 'Tin tuyển dụng đã bị gỡ',
        ${`Tin "${row.title}" đã bị gỡ vì: ${reason}`.slice(0, 300)}, ${`/jobs/mine/${row.id}`},
        ${`jobs.vacancy.removed:${row.id}:${now}`}, ${now}
      where exists (select 1 from job_vacancies where id = ${row.id} and updated_at = ${now}
        and status = 'removed')
      on conflict (dedupe_key) do nothing`),
  ]);
  return updated.length > 0;
}
