import { type SQL, sql } from 'drizzle-orm';
import { searchMatches } from '../content/search-index';
import { before, page } from '../investment/repo';
import type { Db } from '../platform/db';
import { ApiError } from '../platform/errors';
import { localDate } from '../platform/working-days';

// Reads of jobs. Who may read what is decided here, in the SQL: the public sees open vacancies
// (and, by link, closed ones) with their employer's public fields; an employer reads the
// applicants of its own vacancies only; visible seeker profiles are read by registered
// employers only. Lists page by (created_at or updated_at, id) descending with an opaque cursor.

export const vacancyNotFound = () =>
  new ApiError(404, 'vacancy_not_found', 'Không tìm thấy tin tuyển dụng.');

/** Today on the province's clock: a vacancy takes applications through its deadline day. */
export const today = (now = new Date()) => localDate(now);

export interface VacancyRow {
  id: string;
  title: string;
  description: string;
  requirements: string;
  salaryMinVnd: number | null;
  salaryMaxVnd: number | null;
  salaryPeriod: 'month' | 'day' | 'hour' | 'piece';
  positions: number;
  communeId: string;
  communeName: string;
  address: string;
  deadline: string;
  status: 'open' | 'closed' | 'removed';
  createdAt: string;
  requestKey: string;
  version: number;
  employerId: string;
  employerName: string;
  employerCommuneName: string;
  employerTaxCode: string | null;
  employerAddress: string;
  employerPhone: string;
  employerEmail: string | null;
  employerDescription: string;
  ownerId: string;
}

const VACANCY_COLUMNS = sql`v.id, v.title, v.description, v.requirements,
    v.salary_min_vnd as salaryMinVnd, v.salary_max_vnd as salaryMaxVnd,
    v.salary_period as salaryPeriod, v.positions, v.commune_id as communeId,
    cu.name as communeName, v.address, v.deadline, v.status, v.created_at as createdAt,
    v.request_key as requestKey, v.version,
    e.id as employerId, e.name as employerName, eu.name as employerCommuneName,
    e.tax_code as employerTaxCode, e.address as employerAddress, e.phone as employerPhone,
    e.email as employerEmail, e.description as employerDescription, e.owner_id as ownerId`;

const VACANCY_FROM = sql`job_vacancies v
  join employers e on e.id = v.employer_id
  join admin_units cu on cu.id = v.commune_id
  join admin_units eu on eu.id = e.commune_id`;

const VACANCY_SELECT = sql`select ${VACANCY_COLUMNS} from ${VACANCY_FROM}`;

const num = (v: number | null) => (v === null ? null : Number(v));

export function vacancySummary(r: VacancyRow, day: string) {
  return {
    id: r.id,
    title: r.title,
    salaryMinVnd: num(r.salaryMinVnd),
    salaryMaxVnd: num(r.salaryMaxVnd),
    salaryPeriod: r.salaryPeriod,
    positions: Number(r.positions),
    communeId: r.communeId,
    communeName: r.communeName,
    deadline: r.deadline,
    status: r.status,
    accepting: r.status === 'open' && r.deadline >= day,
    createdAt: r.createdAt,
    employer: { id: r.employerId, name: r.employerName, communeName: r.employerCommuneName },
  };
}

export function vacancyOut(r: VacancyRow, day: string) {
  const s = vacancySummary(r, day);
  return {
    ...s,
    description: r.description,
    requirements: r.requirements,
    address: r.address,
    employer: {
      ...s.employer,
      taxCode: r.employerTaxCode,
      address: r.employerAddress,
      phone: r.employerPhone,
      email: r.employerEmail,
      description: r.employerDescription,
    },
  };
}

/** Public list: open vacancies whose deadline has not passed, of active employers. */
export async function listOpenVacancies(
  db: Db,
  q: {
    q?: string;
    commune?: string;
    period?: string;
    salaryMin?: number;
    cursor?: string;
    limit: number;
  },
  now = new Date(),
) {
  const day = today(now);
  const where: SQL[] = [
    sql`v.status = 'open'`,
    sql`v.deadline >= ${day}`,
    sql`e.status = 'active'`,
  ];
  if (q.commune) where.push(sql`v.commune_id = ${q.commune}`);
  if (q.period) where.push(sql`v.salary_period = ${q.period}`);
  // "Pays at least": a range reaches it with its top; "thỏa thuận" (no figure) never does.
  if (q.salaryMin !== undefined) {
    where.push(sql`coalesce(v.salary_max_vnd, v.salary_min_vnd) >= ${q.salaryMin}`);
  }
  const match = q.q ? searchMatches('job_vacancy', sql`v.id`, q.q) : null;
  if (match) where.push(match);
  where.push(before(sql`v.created_at`, sql`v.id`, q.cursor));
  const rows = await db.all<VacancyRow>(sql`${VACANCY_SELECT}
    where ${sql.join(where, sql` and `)}
    order by v.created_at desc, v.id desc limit ${q.limit + 1}`);
  const { items, nextCursor } = page(rows, q.limit, (r) => [r.createdAt, r.id]);
  return { items: items.map((r) => vacancySummary(r, day)), nextCursor };
}

export async function findVacancy(db: Db, id: string): Promise<VacancyRow | null> {
  const [row] = await db.all<VacancyRow>(sql`${VACANCY_SELECT} where v.id = ${id}`);
  return row ?? null;
}

/** By link: any vacancy but one a moderator removed (or of a suspended employer). */
export async function publicVacancy(db: Db, id: string, now = new Date()) {
  const row = await findVacancy(db, id);
  if (!row || row.status === 'removed') return null;
  const [employer] = await db.all<{ status: string }>(
    sql`select status from employers where id = ${row.employerId}`,
  );
  if (employer?.status !== 'active') return null;
  return vacancyOut(row, today(now));
}

// ---- employer -------------------------------------------------------------------------------

export interface EmployerRow {
  id: string;
  ownerId: string;
  name: string;
  taxCode: string | null;
  communeId: string;
  communeName: string;
  address: string;
  phone: string;
  email: string | null;
  description: string;
  status: 'active' | 'suspended';
  version: number;
  createdAt: string;
}

export async function employerOf(db: Db, userId: string): Promise<EmployerRow | null> {
  const [row] = await db.all<EmployerRow>(sql`select e.id, e.owner_id as ownerId, e.name,
      e.tax_code as taxCode, e.commune_id as communeId, u.name as communeName, e.address,
      e.phone, e.email, e.description, e.status, e.version, e.created_at as createdAt
    from employers e join admin_units u on u.id = e.commune_id where e.owner_id = ${userId}`);
  if (!row) return null;
  return { ...row, version: Number(row.version) };
}

export const employerOut = ({ ownerId: _o, ...e }: EmployerRow) => e;

interface CountRow {
  applicationCount: number;
  newApplicationCount: number;
}

const COUNTS = sql`(select count(*) from job_applications a
      where a.vacancy_id = v.id and a.status <> 'withdrawn') as applicationCount,
    (select count(*) from job_applications a
      where a.vacancy_id = v.id and a.status = 'submitted') as newApplicationCount`;

function myVacancyOut(r: VacancyRow & CountRow, day: string) {
  return {
    ...vacancyOut(r, day),
    requestKey: r.requestKey,
    version: Number(r.version),
    applicationCount: Number(r.applicationCount),
    newApplicationCount: Number(r.newApplicationCount),
  };
}

/** The employer's vacancies, every status, newest first. */
export async function listMyVacancies(
  db: Db,
  employerId: string,
  q: { cursor?: string; limit: number },
  now = new Date(),
) {
  const list = await db.all<VacancyRow & CountRow>(sql`select x.* from (${vacancyWithCounts()}) x
    where x.employerId = ${employerId}
      and ${before(sql`x.createdAt`, sql`x.id`, q.cursor)}
    order by x.createdAt desc, x.id desc limit ${q.limit + 1}`);
  const day = today(now);
  const { items, nextCursor } = page(list, q.limit, (r) => [r.createdAt, r.id]);
  return { items: items.map((r) => myVacancyOut(r, day)), nextCursor };
}

function vacancyWithCounts(): SQL {
  return sql`select ${VACANCY_COLUMNS}, ${COUNTS} from ${VACANCY_FROM}`;
}

/** One of the employer's own vacancies, or null (another employer's is null too: 404). */
export async function myVacancy(db: Db, employerId: string, id: string, now = new Date()) {
  const [row] = await db.all<VacancyRow & CountRow>(sql`select x.* from (${vacancyWithCounts()}) x
    where x.id = ${id} and x.employerId = ${employerId}`);
  return row ? myVacancyOut(row, today(now)) : null;
}

interface ApplicationRow {
  id: string;
  status: 'submitted' | 'viewed' | 'shortlisted' | 'rejected' | 'withdrawn';
  coverLetter: string;
  profileSnapshot: string;
  createdAt: string;
  updatedAt: string;
}

/**
 * The applicants of a vacancy, with the profile as it was sent. Withdrawn applications are
 * left out: the seeker took their details back.
 */
export async function applicantsOf(db: Db, vacancyId: string) {
  const rows = await db.all<ApplicationRow>(sql`select a.id, a.status,
      a.cover_letter as coverLetter, a.profile_snapshot as profileSnapshot,
      a.created_at as createdAt, a.updated_at as updatedAt
    from job_applications a
    where a.vacancy_id = ${vacancyId} and a.status <> 'withdrawn'
    order by a.created_at desc, a.id desc`);
  return rows.map(({ profileSnapshot, ...r }) => ({
    ...r,
    profile: JSON.parse(profileSnapshot) as ProfileSnapshot,
  }));
}

/** An application to one of this employer's vacancies, or null. */
export async function employerApplication(db: Db, employerId: string, id: string) {
  const [row] = await db.all<{
    id: string;
    status: ApplicationRow['status'];
    applicantId: string;
    vacancyId: string;
    vacancyTitle: string;
    employerName: string;
  }>(sql`select a.id, a.status, a.applicant_id as applicantId, a.vacancy_id as vacancyId,
      v.title as vacancyTitle, e.name as employerName
    from job_applications a
    join job_vacancies v on v.id = a.vacancy_id
    join employers e on e.id = v.employer_id
    where a.id = ${id} and v.employer_id = ${employerId}`);
  return row ?? null;
}

// ---- seeker profile -------------------------------------------------------------------------

export interface ProfileSnapshot {
  fullName: string;
  birthYear: number | null;
  phone: string;
  communeId: string;
  communeName: string;
  desiredPosition: string;
  skills: string;
  experience: string;
}

interface ProfileRow extends ProfileSnapshot {
  userId: string;
  visible: number;
  version: number;
  updatedAt: string;
}

const PROFILE_SELECT = sql`select p.user_id as userId, p.full_name as fullName,
    p.birth_year as birthYear, p.phone, p.commune_id as communeId, u.name as communeName,
    p.desired_position as desiredPosition, p.skills, p.experience, p.visible, p.version,
    p.updated_at as updatedAt
  from job_seeker_profiles p join admin_units u on u.id = p.commune_id`;

export function snapshotOf(r: ProfileSnapshot): ProfileSnapshot {
  return {
    fullName: r.fullName,
    birthYear: num(r.birthYear),
    phone: r.phone,
    communeId: r.communeId,
    communeName: r.communeName,
    desiredPosition: r.desiredPosition,
    skills: r.skills,
    experience: r.experience,
  };
}

export async function profileOf(db: Db, userId: string) {
  const [row] = await db.all<ProfileRow>(sql`${PROFILE_SELECT} where p.user_id = ${userId}`);
  if (!row) return null;
  return {
    ...snapshotOf(row),
    visible: Boolean(Number(row.visible)),
    version: Number(row.version),
    updatedAt: row.updatedAt,
  };
}

/** Visible profiles only (the caller has checked the reader is a registered employer). */
export async function searchSeekers(
  db: Db,
  q: { q?: string; commune?: string; cursor?: string; limit: number },
) {
  const where: SQL[] = [sql`p.visible = 1`];
  if (q.commune) where.push(sql`p.commune_id = ${q.commune}`);
  const match = q.q ? searchMatches('job_seeker', sql`p.user_id`, q.q) : null;
  if (match) where.push(match);
  where.push(before(sql`p.updated_at`, sql`p.user_id`, q.cursor));
  const rows = await db.all<ProfileRow>(sql`${PROFILE_SELECT}
    where ${sql.join(where, sql` and `)}
    order by p.updated_at desc, p.user_id desc limit ${q.limit + 1}`);
  const { items, nextCursor } = page(rows, q.limit, (r) => [r.updatedAt, r.userId]);
  return {
    items: items.map((r) => ({ ...snapshotOf(r), userId: r.userId, updatedAt: r.updatedAt })),
    nextCursor,
  };
}

// ---- applications ---------------------------------------------------------------------------

export async function myApplication(db: Db, userId: string, id: string) {
  const [row] = await db.all<{ id: string; status: ApplicationRow['status']; vacancyId: string }>(
    sql`select id, status, vacancy_id as vacancyId from job_applications
      where id = ${id} and applicant_id = ${userId}`,
  );
  return row ?? null;
}

export async function applicationFor(db: Db, userId: string, vacancyId: string) {
  const [row] = await db.all<{ id: string; status: ApplicationRow['status'] }>(
    sql`select id, status from job_applications
      where vacancy_id = ${vacancyId} and applicant_id = ${userId}`,
  );
  return row ?? null;
}

/** The seeker's applications with their vacancy, newest first (also removed vacancies). */
export async function listMyApplications(
  db: Db,
  userId: string,
  q: { cursor?: string; limit: number; id?: string },
  now = new Date(),
) {
  const rows = await db.all<
    VacancyRow & {
      applicationId: string;
      applicationStatus: ApplicationRow['status'];
      coverLetter: string;
      appliedAt: string;
      applicationUpdatedAt: string;
    }
  >(sql`select x.* from (select a.id as applicationId, a.status as applicationStatus,
        a.cover_letter as coverLetter, a.created_at as appliedAt,
        a.updated_at as applicationUpdatedAt, a.applicant_id as applicantId, vv.*
      from job_applications a join (${VACANCY_SELECT}) vv on vv.id = a.vacancy_id) x
    where x.applicantId = ${userId}
      and ${q.id ? sql`x.applicationId = ${q.id}` : sql`1`}
      and ${before(sql`x.appliedAt`, sql`x.applicationId`, q.cursor)}
    order by x.appliedAt desc, x.applicationId desc limit ${q.limit + 1}`);
  const day = today(now);
  const { items, nextCursor } = page(rows, q.limit, (r) => [r.appliedAt, r.applicationId]);
  return {
    items: items.map((r) => ({
      id: r.applicationId,
      status: r.applicationStatus,
      coverLetter: r.coverLetter,
      createdAt: r.appliedAt,
      updatedAt: r.applicationUpdatedAt,
      vacancy: vacancySummary(r, day),
    })),
    nextCursor,
  };
}

// ---- moderators -----------------------------------------------------------------------------

export async function listWorkVacancies(
  db: Db,
  q: { status?: string; q?: string; cursor?: string; limit: number },
  now = new Date(),
  /** One vacancy only (the answer of a moderator's action). */
  id?: string,
) {
  const where: SQL[] = [];
  if (id) where.push(sql`x.id = ${id}`);
  if (q.status) where.push(sql`x.status = ${q.status}`);
  const match = q.q ? searchMatches('job_vacancy', sql`x.id`, q.q) : null;
  if (match) where.push(match);
  where.push(before(sql`x.createdAt`, sql`x.id`, q.cursor));
  const rows = await db.all<VacancyRow & CountRow & { removedReason: string | null }>(sql`select
      x.*, (select l.note from audit_log l where l.entity_type = 'job_vacancy'
        and l.entity_id = x.id and l.action = 'job_vacancy.remove'
        order by l.id desc limit 1) as removedReason
    from (${vacancyWithCounts()}) x
    where ${sql.join(where, sql` and `)}
    order by x.createdAt desc, x.id desc limit ${q.limit + 1}`);
  const day = today(now);
  const { items, nextCursor } = page(rows, q.limit, (r) => [r.createdAt, r.id]);
  return {
    items: items.map((r) => ({
      ...vacancyOut(r, day),
      applicationCount: Number(r.applicationCount),
      removedReason: r.status === 'removed' ? r.removedReason : null,
      ownerId: r.ownerId,
    })),
    nextCursor,
  };
}
