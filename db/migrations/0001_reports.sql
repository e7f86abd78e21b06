CREATE TABLE `open311_clients` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`api_key_hash` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`revoked_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `open311_clients_api_key_hash_unique` ON `open311_clients` (`api_key_hash`);--> statement-breakpoint
CREATE TABLE `report_contacts` (
	`report_id` integer PRIMARY KEY NOT NULL,
	`name` text,
	`phone` text,
	`agency_may_contact` integer DEFAULT false NOT NULL,
	`consented_at` text NOT NULL,
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `report_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`report_id` integer NOT NULL,
	`type` text NOT NULL,
	`from_status` text,
	`to_status` text,
	`is_public` integer DEFAULT true NOT NULL,
	`public_message` text,
	`note` text,
	`actor_kind` text NOT NULL,
	`actor_id` text,
	`agency_id` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `report_events_report_idx` ON `report_events` (`report_id`,`id`);--> statement-breakpoint
CREATE TABLE `report_media` (
	`id` text PRIMARY KEY NOT NULL,
	`report_id` integer,
	`device_hash` text,
	`kind` text NOT NULL,
	`phase` text DEFAULT 'report' NOT NULL,
	`mime` text NOT NULL,
	`declared_bytes` integer NOT NULL,
	`received_bytes` integer DEFAULT 0 NOT NULL,
	`status` text DEFAULT 'uploading' NOT NULL,
	`r2_key` text NOT NULL,
	`sha256` text,
	`width` integer,
	`height` integer,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`expires_at` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `report_media_report_idx` ON `report_media` (`report_id`,`sort_order`);--> statement-breakpoint
CREATE INDEX `report_media_orphan_idx` ON `report_media` (`report_id`,`expires_at`);--> statement-breakpoint
CREATE TABLE `report_ratings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`report_id` integer NOT NULL,
	`resolved_at` text NOT NULL,
	`rating` text NOT NULL,
	`comment` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `report_ratings_resolution_uq` ON `report_ratings` (`report_id`,`resolved_at`);--> statement-breakpoint
CREATE TABLE `report_supporters` (
	`report_id` integer NOT NULL,
	`supporter_hash` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`report_id`, `supporter_hash`),
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`submission_id` text NOT NULL,
	`follow_token_hash` text NOT NULL,
	`device_hash` text,
	`user_id` text,
	`category_id` text NOT NULL,
	`description` text NOT NULL,
	`lat` real NOT NULL,
	`lng` real NOT NULL,
	`location_source` text NOT NULL,
	`commune_id` text,
	`address` text,
	`status` text DEFAULT 'received' NOT NULL,
	`agency_id` text,
	`duplicate_of_id` integer,
	`hidden` integer DEFAULT false NOT NULL,
	`supporter_count` integer DEFAULT 0 NOT NULL,
	`due_at` text,
	`resolved_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`category_id`) REFERENCES `report_categories`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`commune_id`) REFERENCES `admin_units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reports_code_unique` ON `reports` (`code`);--> statement-breakpoint
CREATE UNIQUE INDEX `reports_submission_id_unique` ON `reports` (`submission_id`);--> statement-breakpoint
CREATE INDEX `reports_feed_idx` ON `reports` (`hidden`,`id`);--> statement-breakpoint
CREATE INDEX `reports_category_idx` ON `reports` (`category_id`,`id`);--> statement-breakpoint
CREATE INDEX `reports_commune_idx` ON `reports` (`commune_id`,`id`);--> statement-breakpoint
CREATE INDEX `reports_status_idx` ON `reports` (`status`,`id`);--> statement-breakpoint
CREATE INDEX `reports_agency_idx` ON `reports` (`agency_id`,`id`);--> statement-breakpoint
CREATE INDEX `reports_device_idx` ON `reports` (`device_hash`);--> statement-breakpoint
CREATE INDEX `reports_user_idx` ON `reports` (`user_id`);--> statement-breakpoint
CREATE INDEX `reports_geo_idx` ON `reports` (`lat`,`lng`);