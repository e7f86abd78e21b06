import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { adminUnits } from './admin-units';
import { agencies } from './agencies';
import { createdAt, updatedAt } from './columns';
import { CONTENT_STATUSES } from './content';

// Investment promotion (thu hút đầu tư, issue 8): the province's policies and priority sectors,
// projects calling for investment with their documents (files in DOCUMENTS under investment/),
// and investors' enquiries, which reach the agency that owns the project (or the policy's).

export const investmentSectors = sqliteTable('investment_sectors', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  nameEn: text('name_en').notNull(),
  description: text('description').notNull().default(''),
  descriptionEn: text('description_en'),
  sortOrder: integer('sort_order').notNull().default(0),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const investmentPolicies = sqliteTable(
  'investment_policies',
  {
    id: text('id').primaryKey(),
    agencyId: text('agency_id')
      .notNull()
      .references(() => agencies.id),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    bodyHtml: text('body_html').notNull(),
    /** Optional English: { title, summary, bodyHtml }. */
    en: text('en'),
    status: text('status', { enum: CONTENT_STATUSES }).notNull().default('draft'),
    publishedAt: text('published_at'),
    version: integer('version').notNull().default(1),
    createdBy: text('created_by').notNull(),
    updatedBy: text('updated_by').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('investment_policies_status_idx').on(t.status, t.publishedAt)],
);

/** Where a project stands in attracting an investor. */
export const PROJECT_STAGES = ['calling', 'negotiating', 'licensed', 'closed'] as const;

export const investmentProjects = sqliteTable(
  'investment_projects',
  {
    id: text('id').primaryKey(),
    agencyId: text('agency_id')
      .notNull()
      .references(() => agencies.id),
    sectorId: text('sector_id')
      .notNull()
      .references(() => investmentSectors.id),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    bodyHtml: text('body_html').notNull(),
    location: text('location').notNull(),
    communeId: text('commune_id').references(() => adminUnits.id),
    lat: real('lat'),
    lng: real('lng'),
    areaHectares: real('area_hectares'),
    /** Total investment capital, integer VND. */
    capitalVnd: integer('capital_vnd'),
    stage: text('stage', { enum: PROJECT_STAGES }).notNull().default('calling'),
    /** Optional English: { title, summary, bodyHtml, location }. */
    en: text('en'),
    status: text('status', { enum: CONTENT_STATUSES }).notNull().default('draft'),
    publishedAt: text('published_at'),
    version: integer('version').notNull().default(1),
    createdBy: text('created_by').notNull(),
    updatedBy: text('updated_by').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('investment_projects_status_idx').on(t.status, t.sectorId, t.publishedAt),
    index('investment_projects_agency_idx').on(t.agencyId, t.updatedAt),
  ],
);

/** A file of a project or a policy (exactly one of the two is set). */
export const investmentDocuments = sqliteTable(
  'investment_documents',
  {
    id: text('id').primaryKey(),
    projectId: text('project_id').references(() => investmentProjects.id, { onDelete: 'cascade' }),
    policyId: text('policy_id').references(() => investmentPolicies.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    objectKey: text('object_key').notNull().unique(),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    bytes: integer('bytes').notNull(),
    sha256: text('sha256').notNull(),
    uploadedBy: text('uploaded_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('investment_documents_project_idx').on(t.projectId),
    index('investment_documents_policy_idx').on(t.policyId),
  ],
);

export const ENQUIRY_STATUSES = ['new', 'in_progress', 'answered', 'closed'] as const;

export const investmentEnquiries = sqliteTable(
  'investment_enquiries',
  {
    id: text('id').primaryKey(),
    /** The agency it reaches: the project's, else the one the investor chose. */
    agencyId: text('agency_id')
      .notNull()
      .references(() => agencies.id),
    projectId: text('project_id').references(() => investmentProjects.id),
    /** Client-chosen key: a retried submission returns the first enquiry. */
    requestKey: text('request_key').notNull().unique(),
    name: text('name').notNull(),
    organisation: text('organisation'),
    email: text('email'),
    phone: text('phone'),
    country: text('country'),
    message: text('message').notNull(),
    status: text('status', { enum: ENQUIRY_STATUSES }).notNull().default('new'),
    /** The agency's reply, kept with the enquiry (sent by e-mail or phone outside the app). */
    reply: text('reply'),
    handledBy: text('handled_by'),
    handledAt: text('handled_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('investment_enquiries_agency_idx').on(t.agencyId, t.status, t.createdAt)],
);
