CREATE TABLE `content_versions` (
	`module` text PRIMARY KEY NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `directory_entries` (
	`id` text PRIMARY KEY NOT NULL,
	`agency_id` text NOT NULL,
	`parent_id` text,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`role` text,
	`phone` text NOT NULL,
	`phone_alt` text,
	`email` text,
	`address` text,
	`commune_id` text,
	`hours` text,
	`en` text,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`published_at` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_by` text NOT NULL,
	`updated_by` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`commune_id`) REFERENCES `admin_units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `directory_entries_list_idx` ON `directory_entries` (`status`,`kind`,`sort_order`);--> statement-breakpoint
CREATE INDEX `directory_entries_parent_idx` ON `directory_entries` (`parent_id`);--> statement-breakpoint
CREATE TABLE `indicator_imports` (
	`id` text PRIMARY KEY NOT NULL,
	`agency_id` text NOT NULL,
	`file_name` text NOT NULL,
	`format` text NOT NULL,
	`rows` integer NOT NULL,
	`imported_by` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `indicator_imports_agency_idx` ON `indicator_imports` (`agency_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `indicator_values` (
	`indicator_id` text NOT NULL,
	`period` text NOT NULL,
	`value` real NOT NULL,
	`target` real,
	`note` text,
	`import_id` text,
	`updated_by` text NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`indicator_id`, `period`),
	FOREIGN KEY (`indicator_id`) REFERENCES `indicators`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `indicators` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`agency_id` text NOT NULL,
	`group_name` text NOT NULL,
	`name` text NOT NULL,
	`unit` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`frequency` text NOT NULL,
	`higher_is_better` integer DEFAULT true NOT NULL,
	`en` text,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`published_at` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_by` text NOT NULL,
	`updated_by` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `indicators_code_uq` ON `indicators` (`code`);--> statement-breakpoint
CREATE INDEX `indicators_list_idx` ON `indicators` (`status`,`group_name`,`sort_order`);--> statement-breakpoint
CREATE TABLE `investment_documents` (
	`id` text PRIMARY KEY NOT NULL,
	`project_id` text,
	`policy_id` text,
	`title` text NOT NULL,
	`object_key` text NOT NULL,
	`file_name` text NOT NULL,
	`content_type` text NOT NULL,
	`bytes` integer NOT NULL,
	`sha256` text NOT NULL,
	`uploaded_by` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `investment_projects`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`policy_id`) REFERENCES `investment_policies`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `investment_documents_object_key_unique` ON `investment_documents` (`object_key`);--> statement-breakpoint
CREATE INDEX `investment_documents_project_idx` ON `investment_documents` (`project_id`);--> statement-breakpoint
CREATE INDEX `investment_documents_policy_idx` ON `investment_documents` (`policy_id`);--> statement-breakpoint
CREATE TABLE `investment_enquiries` (
	`id` text PRIMARY KEY NOT NULL,
	`agency_id` text NOT NULL,
	`project_id` text,
	`request_key` text NOT NULL,
	`name` text NOT NULL,
	`organisation` text,
	`email` text,
	`phone` text,
	`country` text,
	`message` text NOT NULL,
	`status` text DEFAULT 'new' NOT NULL,
	`reply` text,
	`handled_by` text,
	`handled_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`project_id`) REFERENCES `investment_projects`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `investment_enquiries_request_key_unique` ON `investment_enquiries` (`request_key`);--> statement-breakpoint
CREATE INDEX `investment_enquiries_agency_idx` ON `investment_enquiries` (`agency_id`,`status`,`created_at`);--> statement-breakpoint
CREATE TABLE `investment_policies` (
	`id` text PRIMARY KEY NOT NULL,
	`agency_id` text NOT NULL,
	`title` text NOT NULL,
	`summary` text DEFAULT '' NOT NULL,
	`body_html` text NOT NULL,
	`en` text,
	`status` text DEFAULT 'draft' NOT NULL,
	`published_at` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_by` text NOT NULL,
	`updated_by` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `investment_policies_status_idx` ON `investment_policies` (`status`,`published_at`);--> statement-breakpoint
CREATE TABLE `investment_projects` (
	`id` text PRIMARY KEY NOT NULL,
	`agency_id` text NOT NULL,
	`sector_id` text NOT NULL,
	`title` text NOT NULL,
	`summary` text DEFAULT '' NOT NULL,
	`body_html` text NOT NULL,
	`location` text NOT NULL,
	`commune_id` text,
	`lat` real,
	`lng` real,
	`area_hectares` real,
	`capital_vnd` integer,
	`stage` text DEFAULT 'calling' NOT NULL,
	`en` text,
	`status` text DEFAULT 'draft' NOT NULL,
	`published_at` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_by` text NOT NULL,
	`updated_by` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`sector_id`) REFERENCES `investment_sectors`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`commune_id`) REFERENCES `admin_units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `investment_projects_status_idx` ON `investment_projects` (`status`,`sector_id`,`published_at`);--> statement-breakpoint
CREATE INDEX `investment_projects_agency_idx` ON `investment_projects` (`agency_id`,`updated_at`);--> statement-breakpoint
CREATE TABLE `investment_sectors` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`name_en` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`description_en` text,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `emergency_alert_areas` (
	`alert_id` text NOT NULL,
	`commune_id` text NOT NULL,
	PRIMARY KEY(`alert_id`, `commune_id`),
	FOREIGN KEY (`alert_id`) REFERENCES `emergency_alerts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`commune_id`) REFERENCES `admin_units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `emergency_alert_areas_commune_idx` ON `emergency_alert_areas` (`commune_id`);--> statement-breakpoint
CREATE TABLE `emergency_alerts` (
	`id` text PRIMARY KEY NOT NULL,
	`agency_id` text NOT NULL,
	`source` text DEFAULT 'editor' NOT NULL,
	`source_ref` text,
	`hazard` text NOT NULL,
	`severity` text NOT NULL,
	`urgency` text DEFAULT 'expected' NOT NULL,
	`certainty` text DEFAULT 'likely' NOT NULL,
	`headline` text NOT NULL,
	`description` text NOT NULL,
	`instruction` text NOT NULL,
	`en` text,
	`province_wide` integer DEFAULT false NOT NULL,
	`onset_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`published_at` text,
	`cancelled_at` text,
	`revision` integer DEFAULT 0 NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_by` text NOT NULL,
	`updated_by` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `emergency_alerts_live_idx` ON `emergency_alerts` (`status`,`expires_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `emergency_alerts_source_uq` ON `emergency_alerts` (`source`,`source_ref`);--> statement-breakpoint
CREATE TABLE `news_articles` (
	`id` text PRIMARY KEY NOT NULL,
	`agency_id` text NOT NULL,
	`category_id` text NOT NULL,
	`title` text NOT NULL,
	`summary` text DEFAULT '' NOT NULL,
	`body_html` text NOT NULL,
	`cover_key` text,
	`en` text,
	`status` text DEFAULT 'draft' NOT NULL,
	`published_at` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_by` text NOT NULL,
	`updated_by` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`category_id`) REFERENCES `news_categories`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `news_articles_published_idx` ON `news_articles` (`status`,`published_at`);--> statement-breakpoint
CREATE INDEX `news_articles_agency_idx` ON `news_articles` (`agency_id`,`updated_at`);--> statement-breakpoint
CREATE TABLE `news_categories` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`name_en` text NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `place_imports` (
	`id` text PRIMARY KEY NOT NULL,
	`agency_id` text NOT NULL,
	`file_name` text NOT NULL,
	`format` text NOT NULL,
	`created` integer NOT NULL,
	`updated` integer NOT NULL,
	`imported_by` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `places` (
	`id` text PRIMARY KEY NOT NULL,
	`agency_id` text NOT NULL,
	`external_id` text,
	`domain` text NOT NULL,
	`category` text NOT NULL,
	`name` text NOT NULL,
	`address` text DEFAULT '' NOT NULL,
	`commune_id` text,
	`lat` real NOT NULL,
	`lng` real NOT NULL,
	`phone` text,
	`website` text,
	`opening_hours` text,
	`description` text DEFAULT '' NOT NULL,
	`en` text,
	`import_id` text,
	`status` text DEFAULT 'published' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_by` text NOT NULL,
	`updated_by` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`commune_id`) REFERENCES `admin_units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `places_external_uq` ON `places` (`agency_id`,`external_id`);--> statement-breakpoint
CREATE INDEX `places_list_idx` ON `places` (`status`,`domain`,`category`);--> statement-breakpoint
CREATE INDEX `places_commune_idx` ON `places` (`commune_id`);--> statement-breakpoint
CREATE INDEX `places_geo_idx` ON `places` (`lat`,`lng`);--> statement-breakpoint
CREATE TABLE `procedures` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text,
	`agency_id` text NOT NULL,
	`field` text NOT NULL,
	`name` text NOT NULL,
	`level` text DEFAULT 'partial' NOT NULL,
	`fee_text` text NOT NULL,
	`fee_vnd` integer,
	`processing_time` text NOT NULL,
	`processing_days` integer,
	`documents` text DEFAULT '[]' NOT NULL,
	`body_html` text DEFAULT '' NOT NULL,
	`portal_url` text NOT NULL,
	`en` text,
	`status` text DEFAULT 'draft' NOT NULL,
	`published_at` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_by` text NOT NULL,
	`updated_by` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `procedures_code_uq` ON `procedures` (`code`);--> statement-breakpoint
CREATE INDEX `procedures_list_idx` ON `procedures` (`status`,`field`,`agency_id`);--> statement-breakpoint
CREATE TABLE `qa_messages` (
	`id` text PRIMARY KEY NOT NULL,
	`thread_id` text NOT NULL,
	`author_id` text NOT NULL,
	`author_agency_id` text NOT NULL,
	`is_answer` integer NOT NULL,
	`body` text NOT NULL,
	`request_key` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`thread_id`) REFERENCES `qa_threads`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `officials`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `qa_messages_request_key_unique` ON `qa_messages` (`request_key`);--> statement-breakpoint
CREATE INDEX `qa_messages_thread_idx` ON `qa_messages` (`thread_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `qa_threads` (
	`id` text PRIMARY KEY NOT NULL,
	`asking_agency_id` text NOT NULL,
	`target_agency_id` text NOT NULL,
	`asked_by` text NOT NULL,
	`request_key` text NOT NULL,
	`topic` text NOT NULL,
	`subject` text NOT NULL,
	`body` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`in_handbook` integer DEFAULT true NOT NULL,
	`answered_at` text,
	`last_message_at` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`asking_agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`target_agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`asked_by`) REFERENCES `officials`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `qa_threads_request_key_unique` ON `qa_threads` (`request_key`);--> statement-breakpoint
CREATE INDEX `qa_threads_target_idx` ON `qa_threads` (`target_agency_id`,`status`,`last_message_at`);--> statement-breakpoint
CREATE INDEX `qa_threads_asking_idx` ON `qa_threads` (`asking_agency_id`,`last_message_at`);--> statement-breakpoint
CREATE INDEX `qa_threads_handbook_idx` ON `qa_threads` (`in_handbook`,`status`,`answered_at`);--> statement-breakpoint
CREATE TABLE `schedule_entries` (
	`id` text PRIMARY KEY NOT NULL,
	`agency_id` text NOT NULL,
	`leader_name` text,
	`leader_title` text,
	`starts_at` text NOT NULL,
	`ends_at` text,
	`all_day` integer DEFAULT false NOT NULL,
	`location` text NOT NULL,
	`content` text NOT NULL,
	`host` text NOT NULL,
	`participants` text DEFAULT '' NOT NULL,
	`en` text,
	`status` text DEFAULT 'draft' NOT NULL,
	`published_at` text,
	`revised_at` text,
	`revision_note` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_by` text NOT NULL,
	`updated_by` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `schedule_entries_agency_idx` ON `schedule_entries` (`agency_id`,`starts_at`);--> statement-breakpoint
CREATE INDEX `schedule_entries_status_idx` ON `schedule_entries` (`status`,`starts_at`);--> statement-breakpoint
-- One full-text index for every public-information module (kinds in schema/content.ts).
-- content_search_docs gives each (kind, ref_id) a stable rowid, so a row's entry is replaced
-- by rowid instead of scanning the FTS table; body is folded text (no marks, đ → d).
CREATE TABLE `content_search_docs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`ref_id` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `content_search_docs_ref_uq` ON `content_search_docs` (`kind`,`ref_id`);
--> statement-breakpoint
CREATE VIRTUAL TABLE `content_search` USING fts5(`kind` UNINDEXED, `body`, tokenize = 'unicode61 remove_diacritics 2');
--> statement-breakpoint
INSERT INTO `news_categories` (`id`, `name`, `name_en`, `sort_order`) VALUES
	('thong-bao', 'Thông báo', 'Announcements', 1),
	('chinh-sach', 'Chính sách - Pháp luật', 'Policy and law', 2),
	('thoi-su', 'Thời sự', 'Current affairs', 3),
	('kinh-te', 'Kinh tế', 'Economy', 4),
	('nong-nghiep', 'Nông nghiệp', 'Agriculture', 5),
	('y-te-giao-duc', 'Y tế - Giáo dục', 'Health and education', 6),
	('van-hoa-xa-hoi', 'Văn hóa - Xã hội', 'Culture and society', 7);
--> statement-breakpoint
INSERT INTO `investment_sectors` (`id`, `name`, `name_en`, `sort_order`) VALUES
	('nong-nghiep-cong-nghe-cao', 'Nông nghiệp ứng dụng công nghệ cao', 'High-tech agriculture', 1),
	('che-bien-nong-san', 'Chế biến nông sản, thủy sản', 'Agricultural and seafood processing', 2),
	('cong-nghiep-ho-tro', 'Công nghiệp, khu công nghiệp', 'Industry and industrial parks', 3),
	('ha-tang-logistics', 'Hạ tầng giao thông, logistics', 'Transport infrastructure and logistics', 4),
	('nang-luong', 'Năng lượng tái tạo', 'Renewable energy', 5),
	('du-lich', 'Du lịch, dịch vụ', 'Tourism and services', 6),
	('do-thi', 'Đô thị, nhà ở', 'Urban development and housing', 7),
	('y-te-giao-duc', 'Y tế, giáo dục', 'Health and education', 8);
