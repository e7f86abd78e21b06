import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { adminUnits } from './admin-units';
import { createdAt, updatedAt } from './columns';
import { users } from './people';

// Jobs (việc làm, issue 10): a citizen registers as an employer (a business, a cooperative, a
// household farm) to post vacancies; job seekers keep one profile, visible to employers only
// when they choose, and apply. An employer sees the applicants of its own vacancies only.

export const EMPLOYER_STATUSES = ['active', 'suspended'] as const;

export const employers = sqliteTable(
  'employers',
  {
    id: text('id').primaryKey(),
    /** The Zalo account that registered it and posts for it. */
    ownerId: text('owner_id')
      .notNull()
      .references(() => users.id),
    name: text('name').notNull(),
    /** Mã số thuế / mã số doanh nghiệp, when it has one (households often do not). */
    taxCode: text('tax_code'),
    communeId: text('commune_id')
      .notNull()
      .references(() => adminUnits.id),
    address: text('address').notNull(),
    phone: text('phone').notNull(),
    email: text('email'),
    description: text('description').notNull().default(''),
    status: text('status', { enum: EMPLOYER_STATUSES }).notNull().default('active'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('employers_owner_uq').on(t.ownerId)],
);

export const SALARY_PERIODS = ['month', 'day', 'hour', 'piece'] as const;
/** open: taking applications until the deadline; closed: by the employer; removed: by a moderator. */
export const VACANCY_STATUSES = ['open', 'closed', 'removed'] as const;

export const jobVacancies = sqliteTable(
  'job_vacancies',
  {
    id: text('id').primaryKey(),
    employerId: text('employer_id')
      .notNull()
      .references(() => employers.id),
    title: text('title').notNull(),
    description: text('description').notNull(),
    requirements: text('requirements').notNull().default(''),
    /** Integer VND; both null: "thỏa thuận". */
    salaryMinVnd: integer('salary_min_vnd'),
    salaryMaxVnd: integer('salary_max_vnd'),
    salaryPeriod: text('salary_period', { enum: SALARY_PERIODS }).notNull().default('month'),
    positions: integer('positions').notNull().default(1),
    communeId: text('commune_id')
      .notNull()
      .references(() => adminUnits.id),
    address: text('address').notNull().default(''),
    /** Last day (local date, YYYY-MM-DD) applications are taken. */
    deadline: text('deadline').notNull(),
    status: text('status', { enum: VACANCY_STATUSES }).notNull().default('open'),
    requestKey: text('request_key').notNull().unique(),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('job_vacancies_public_idx').on(t.status, t.deadline, t.createdAt),
    index('job_vacancies_commune_idx').on(t.communeId, t.status, t.createdAt),
    index('job_vacancies_employer_idx').on(t.employerId, t.createdAt),
  ],
);

export const jobSeekerProfiles = sqliteTable(
  'job_seeker_profiles',
  {
    userId: text('user_id')
      .primaryKey()
      .references(() => users.id),
    fullName: text('full_name').notNull(),
    birthYear: integer('birth_year'),
    phone: text('phone').notNull(),
    communeId: text('commune_id')
      .notNull()
      .references(() => adminUnits.id),
    desiredPosition: text('desired_position').notNull().default(''),
    skills: text('skills').notNull().default(''),
    experience: text('experience').notNull().default(''),
    /** Listed for employers to find. Applications are seen by their employer either way. */
    visible: integer('visible', { mode: 'boolean' }).notNull().default(false),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('job_seeker_profiles_visible_idx').on(t.visible, t.communeId, t.updatedAt)],
);

export const APPLICATION_STATUSES = [
  'submitted',
  'viewed',
  'shortlisted',
  'rejected',
  'withdrawn',
] as const;

export const jobApplications = sqliteTable(
  'job_applications',
  {
    id: text('id').primaryKey(),
    vacancyId: text('vacancy_id')
      .notNull()
      .references(() => jobVacancies.id),
    applicantId: text('applicant_id')
      .notNull()
      .references(() => users.id),
    /** The profile as it was when applying (JSON): what the employer was sent. */
    profileSnapshot: text('profile_snapshot').notNull(),
    coverLetter: text('cover_letter').notNull().default(''),
    status: text('status', { enum: APPLICATION_STATUSES }).notNull().default('submitted'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('job_applications_once_uq').on(t.vacancyId, t.applicantId),
    index('job_applications_applicant_idx').on(t.applicantId, t.createdAt),
  ],
);
