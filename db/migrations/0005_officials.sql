CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`actor_kind` text NOT NULL,
	`actor_id` text,
	`action` text NOT NULL,
	`entity_type` text NOT NULL,
	`entity_id` text NOT NULL,
	`from_value` text,
	`to_value` text,
	`note` text,
	`request_id` text
);
--> statement-breakpoint
CREATE INDEX `audit_log_entity_idx` ON `audit_log` (`entity_type`,`entity_id`,`id`);--> statement-breakpoint
CREATE INDEX `audit_log_actor_idx` ON `audit_log` (`actor_id`,`id`);--> statement-breakpoint
CREATE TABLE `holidays` (
	`date` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`provisional` integer DEFAULT false NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`recipient_type` text NOT NULL,
	`recipient_id` text NOT NULL,
	`report_id` integer,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`dedupe_key` text NOT NULL,
	`read_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notifications_dedupe_key_unique` ON `notifications` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `notifications_recipient_idx` ON `notifications` (`recipient_type`,`recipient_id`,`id`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`channel` text NOT NULL,
	`dedupe_key` text NOT NULL,
	`payload` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text NOT NULL,
	`last_error` text,
	`sent_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_dedupe_key_unique` ON `outbox` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `outbox_due_idx` ON `outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `zalo_oa_followers` (
	`oa_user_id` text PRIMARY KEY NOT NULL,
	`app_user_id` text,
	`followed` integer DEFAULT true NOT NULL,
	`last_interaction_at` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `zalo_oa_followers_app_user_idx` ON `zalo_oa_followers` (`app_user_id`);--> statement-breakpoint
CREATE TABLE `official_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`token_hash` text NOT NULL,
	`official_id` text NOT NULL,
	`kind` text NOT NULL,
	`expires_at` text NOT NULL,
	`revoked_at` text,
	`last_seen_at` text,
	`user_agent` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`official_id`) REFERENCES `officials`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `official_sessions_token_hash_unique` ON `official_sessions` (`token_hash`);--> statement-breakpoint
CREATE INDEX `official_sessions_official_idx` ON `official_sessions` (`official_id`);--> statement-breakpoint
CREATE TABLE `official_tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`token_hash` text NOT NULL,
	`official_id` text NOT NULL,
	`created_by` text,
	`expires_at` text NOT NULL,
	`used_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`official_id`) REFERENCES `officials`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `official_tokens_token_hash_unique` ON `official_tokens` (`token_hash`);--> statement-breakpoint
CREATE INDEX `official_tokens_official_idx` ON `official_tokens` (`official_id`,`kind`);--> statement-breakpoint
CREATE TABLE `report_extension_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`report_id` integer NOT NULL,
	`agency_id` text NOT NULL,
	`requested_by` text NOT NULL,
	`reason` text NOT NULL,
	`requested_due_at` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`decided_by` text,
	`decided_at` text,
	`decision_note` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `report_extension_requests_report_idx` ON `report_extension_requests` (`report_id`,`id`);--> statement-breakpoint
CREATE INDEX `report_extension_requests_status_idx` ON `report_extension_requests` (`status`,`id`);--> statement-breakpoint
ALTER TABLE `agencies` ADD `commune_id` text REFERENCES admin_units(id);--> statement-breakpoint
ALTER TABLE `report_categories` ADD `updated_at` text;--> statement-breakpoint
ALTER TABLE `officials` ADD `password_changed_at` text;--> statement-breakpoint
ALTER TABLE `officials` ADD `totp_secret` text;--> statement-breakpoint
ALTER TABLE `officials` ADD `totp_enabled_at` text;--> statement-breakpoint
ALTER TABLE `officials` ADD `totp_last_step` integer;--> statement-breakpoint
ALTER TABLE `officials` ADD `failed_logins` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `officials` ADD `locked_until` text;--> statement-breakpoint
ALTER TABLE `officials` ADD `last_login_at` text;--> statement-breakpoint
ALTER TABLE `officials` ADD `zalo_linked_at` text;--> statement-breakpoint
ALTER TABLE `report_contacts` ADD `zns_consent` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `report_events` ADD `client_key` text;--> statement-breakpoint
CREATE UNIQUE INDEX `report_events_client_key_unique` ON `report_events` (`client_key`);--> statement-breakpoint
ALTER TABLE `reports` ADD `rejection_kind` text;--> statement-breakpoint
ALTER TABLE `reports` ADD `suggested_category_id` text REFERENCES report_categories(id);--> statement-breakpoint
ALTER TABLE `reports` ADD `verified_at` text;--> statement-breakpoint
ALTER TABLE `reports` ADD `first_assigned_at` text;--> statement-breakpoint
ALTER TABLE `reports` ADD `assigned_at` text;--> statement-breakpoint
ALTER TABLE `reports` ADD `accepted_at` text;--> statement-breakpoint
ALTER TABLE `reports` ADD `overdue_at` text;--> statement-breakpoint
ALTER TABLE `reports` ADD `escalated_at` text;--> statement-breakpoint
CREATE INDEX `reports_open_due_idx` ON `reports` (`due_at`) WHERE status in ('received', 'assigned', 'in_progress');--> statement-breakpoint
CREATE TRIGGER `audit_log_no_update` BEFORE UPDATE ON `audit_log`
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;--> statement-breakpoint
CREATE TRIGGER `audit_log_no_delete` BEFORE DELETE ON `audit_log`
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
