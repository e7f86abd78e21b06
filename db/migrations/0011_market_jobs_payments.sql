CREATE TABLE `employers` (
	`id` text PRIMARY KEY NOT NULL,
	`owner_id` text NOT NULL,
	`name` text NOT NULL,
	`tax_code` text,
	`commune_id` text NOT NULL,
	`address` text NOT NULL,
	`phone` text NOT NULL,
	`email` text,
	`description` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`commune_id`) REFERENCES `admin_units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `employers_owner_uq` ON `employers` (`owner_id`);--> statement-breakpoint
CREATE TABLE `job_applications` (
	`id` text PRIMARY KEY NOT NULL,
	`vacancy_id` text NOT NULL,
	`applicant_id` text NOT NULL,
	`profile_snapshot` text NOT NULL,
	`cover_letter` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'submitted' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`vacancy_id`) REFERENCES `job_vacancies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`applicant_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `job_applications_once_uq` ON `job_applications` (`vacancy_id`,`applicant_id`);--> statement-breakpoint
CREATE INDEX `job_applications_applicant_idx` ON `job_applications` (`applicant_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `job_seeker_profiles` (
	`user_id` text PRIMARY KEY NOT NULL,
	`full_name` text NOT NULL,
	`birth_year` integer,
	`phone` text NOT NULL,
	`commune_id` text NOT NULL,
	`desired_position` text DEFAULT '' NOT NULL,
	`skills` text DEFAULT '' NOT NULL,
	`experience` text DEFAULT '' NOT NULL,
	`visible` integer DEFAULT false NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`commune_id`) REFERENCES `admin_units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `job_seeker_profiles_visible_idx` ON `job_seeker_profiles` (`visible`,`commune_id`,`updated_at`);--> statement-breakpoint
CREATE TABLE `job_vacancies` (
	`id` text PRIMARY KEY NOT NULL,
	`employer_id` text NOT NULL,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`requirements` text DEFAULT '' NOT NULL,
	`salary_min_vnd` integer,
	`salary_max_vnd` integer,
	`salary_period` text DEFAULT 'month' NOT NULL,
	`positions` integer DEFAULT 1 NOT NULL,
	`commune_id` text NOT NULL,
	`address` text DEFAULT '' NOT NULL,
	`deadline` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`request_key` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`employer_id`) REFERENCES `employers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`commune_id`) REFERENCES `admin_units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `job_vacancies_request_key_unique` ON `job_vacancies` (`request_key`);--> statement-breakpoint
CREATE INDEX `job_vacancies_public_idx` ON `job_vacancies` (`status`,`deadline`,`created_at`);--> statement-breakpoint
CREATE INDEX `job_vacancies_commune_idx` ON `job_vacancies` (`commune_id`,`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `job_vacancies_employer_idx` ON `job_vacancies` (`employer_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `market_abuse_reports` (
	`id` text PRIMARY KEY NOT NULL,
	`listing_id` text NOT NULL,
	`reporter_user_id` text,
	`reporter_device_hash` text,
	`reporter_key` text NOT NULL,
	`reason` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`reviewed_by` text,
	`reviewed_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`listing_id`) REFERENCES `market_listings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`reporter_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reviewed_by`) REFERENCES `officials`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `market_abuse_reports_reporter_uq` ON `market_abuse_reports` (`listing_id`,`reporter_key`);--> statement-breakpoint
CREATE INDEX `market_abuse_reports_queue_idx` ON `market_abuse_reports` (`status`,`created_at`);--> statement-breakpoint
CREATE TABLE `market_listing_photos` (
	`id` text PRIMARY KEY NOT NULL,
	`listing_id` text NOT NULL,
	`r2_key` text NOT NULL,
	`mime` text NOT NULL,
	`bytes` integer NOT NULL,
	`width` integer,
	`height` integer,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`listing_id`) REFERENCES `market_listings`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `market_listing_photos_listing_idx` ON `market_listing_photos` (`listing_id`,`sort_order`);--> statement-breakpoint
CREATE TABLE `market_listings` (
	`id` text PRIMARY KEY NOT NULL,
	`owner_id` text NOT NULL,
	`kind` text NOT NULL,
	`product_group` text NOT NULL,
	`product` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`quantity` real NOT NULL,
	`unit` text NOT NULL,
	`price_vnd` integer,
	`commune_id` text NOT NULL,
	`address` text DEFAULT '' NOT NULL,
	`lat` real,
	`lng` real,
	`ocop_stars` integer,
	`contact_name` text NOT NULL,
	`contact_phone` text NOT NULL,
	`zalo_chat` integer DEFAULT true NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`expires_at` text NOT NULL,
	`renewed_at` text,
	`moderation_note` text,
	`request_key` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`commune_id`) REFERENCES `admin_units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `market_listings_request_key_unique` ON `market_listings` (`request_key`);--> statement-breakpoint
CREATE INDEX `market_listings_public_idx` ON `market_listings` (`status`,`kind`,`product_group`,`created_at`);--> statement-breakpoint
CREATE INDEX `market_listings_commune_idx` ON `market_listings` (`commune_id`,`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `market_listings_ocop_idx` ON `market_listings` (`status`,`ocop_stars`);--> statement-breakpoint
CREATE INDEX `market_listings_owner_idx` ON `market_listings` (`owner_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `market_listings_expiry_idx` ON `market_listings` (`status`,`expires_at`);--> statement-breakpoint
CREATE TABLE `payment_events` (
	`id` text PRIMARY KEY NOT NULL,
	`order_id` text,
	`source` text NOT NULL,
	`provider_event_id` text,
	`from_status` text,
	`to_status` text,
	`outcome` text NOT NULL,
	`detail` text DEFAULT '{}' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `payment_orders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `payment_events_order_idx` ON `payment_events` (`order_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `payment_events_provider_idx` ON `payment_events` (`provider_event_id`);--> statement-breakpoint
CREATE TABLE `payment_orders` (
	`id` text PRIMARY KEY NOT NULL,
	`module` text NOT NULL,
	`ref` text NOT NULL,
	`payer_id` text,
	`amount_vnd` integer NOT NULL,
	`description` text NOT NULL,
	`provider` text,
	`provider_order_id` text,
	`status` text DEFAULT 'created' NOT NULL,
	`result_code` text,
	`result_message` text,
	`request_key` text NOT NULL,
	`expires_at` text NOT NULL,
	`paid_at` text,
	`last_checked_at` text,
	`checks` integer DEFAULT 0 NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`payer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `payment_orders_request_key_unique` ON `payment_orders` (`request_key`);--> statement-breakpoint
CREATE INDEX `payment_orders_ref_idx` ON `payment_orders` (`module`,`ref`);--> statement-breakpoint
CREATE INDEX `payment_orders_payer_idx` ON `payment_orders` (`payer_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `payment_orders_open_idx` ON `payment_orders` (`status`,`last_checked_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `payment_orders_provider_uq` ON `payment_orders` (`provider`,`provider_order_id`);