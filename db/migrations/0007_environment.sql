CREATE TABLE `environment_follows` (
	`subject_type` text NOT NULL,
	`subject_id` text NOT NULL,
	`follower_type` text NOT NULL,
	`follower_id` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`subject_type`, `subject_id`, `follower_type`, `follower_id`)
);
--> statement-breakpoint
CREATE INDEX `environment_follows_follower_idx` ON `environment_follows` (`follower_type`,`follower_id`);--> statement-breakpoint
CREATE TABLE `environment_reports` (
	`id` text PRIMARY KEY NOT NULL,
	`agency_id` text NOT NULL,
	`title` text NOT NULL,
	`period` text NOT NULL,
	`year` integer NOT NULL,
	`quarter` integer,
	`r2_key` text NOT NULL,
	`bytes` integer NOT NULL,
	`sha256` text NOT NULL,
	`uploaded_by` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `environment_reports_year_idx` ON `environment_reports` (`year`,`created_at`);--> statement-breakpoint
CREATE TABLE `reading_rollups` (
	`stream_id` integer NOT NULL,
	`grain` text NOT NULL,
	`bucket_start` integer NOT NULL,
	`min` real NOT NULL,
	`max` real NOT NULL,
	`avg` real NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`stream_id`, `grain`, `bucket_start`),
	FOREIGN KEY (`stream_id`) REFERENCES `station_streams`(`id`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `readings` (
	`stream_id` integer NOT NULL,
	`observed_at` integer NOT NULL,
	`value` real NOT NULL,
	`flag` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`stream_id`, `observed_at`),
	FOREIGN KEY (`stream_id`) REFERENCES `station_streams`(`id`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `sensor_gateways` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`protocol` text NOT NULL,
	`base_url` text NOT NULL,
	`auth_secret_name` text,
	`poll_interval_minutes` integer DEFAULT 5 NOT NULL,
	`timeout_ms` integer DEFAULT 10000 NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`last_poll_at` text,
	`last_success_at` text,
	`last_error_at` text,
	`last_error` text,
	`consecutive_failures` integer DEFAULT 0 NOT NULL,
	`next_poll_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `station_alerts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`station_id` text NOT NULL,
	`metric` text NOT NULL,
	`level` integer NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`raised_value` real NOT NULL,
	`peak_value` real NOT NULL,
	`raised_at` text NOT NULL,
	`cleared_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`station_id`) REFERENCES `stations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `station_alerts_active_uq` ON `station_alerts` (`station_id`,`metric`) WHERE status = 'active';--> statement-breakpoint
CREATE INDEX `station_alerts_station_idx` ON `station_alerts` (`station_id`,`id`);--> statement-breakpoint
CREATE TABLE `station_streams` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`station_id` text NOT NULL,
	`metric` text NOT NULL,
	`external_id` text NOT NULL,
	`source_unit` text NOT NULL,
	`watermark` text,
	`last_value` real,
	`last_observed_at` text,
	`dropped_count` integer DEFAULT 0 NOT NULL,
	`spike_count` integer DEFAULT 0 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`station_id`) REFERENCES `stations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `station_streams_station_metric_uq` ON `station_streams` (`station_id`,`metric`);--> statement-breakpoint
CREATE TABLE `station_thresholds` (
	`station_id` text NOT NULL,
	`metric` text NOT NULL,
	`level` integer NOT NULL,
	`value` real NOT NULL,
	`direction` text DEFAULT 'above' NOT NULL,
	`label` text NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`station_id`, `metric`, `level`),
	FOREIGN KEY (`station_id`) REFERENCES `stations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `stations` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`lat` real NOT NULL,
	`lng` real NOT NULL,
	`commune_id` text,
	`address` text,
	`gateway_id` text NOT NULL,
	`external_id` text NOT NULL,
	`agency_id` text,
	`enabled` integer DEFAULT true NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`commune_id`) REFERENCES `admin_units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`gateway_id`) REFERENCES `sensor_gateways`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `stations_gateway_external_uq` ON `stations` (`gateway_id`,`external_id`);--> statement-breakpoint
CREATE INDEX `stations_kind_idx` ON `stations` (`kind`,`id`);--> statement-breakpoint
CREATE TABLE `weather_forecasts` (
	`station_id` text PRIMARY KEY NOT NULL,
	`payload` text NOT NULL,
	`fetched_at` text NOT NULL,
	FOREIGN KEY (`station_id`) REFERENCES `stations`(`id`) ON UPDATE no action ON DELETE cascade
);
