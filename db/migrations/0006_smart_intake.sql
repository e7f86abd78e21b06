CREATE TABLE `cluster_alert_reports` (
	`alert_id` integer NOT NULL,
	`report_id` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`alert_id`, `report_id`),
	FOREIGN KEY (`alert_id`) REFERENCES `cluster_alerts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cluster_alert_reports_report_uq` ON `cluster_alert_reports` (`report_id`);--> statement-breakpoint
CREATE TABLE `cluster_alerts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`category_id` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`centroid_lat` real NOT NULL,
	`centroid_lng` real NOT NULL,
	`spread_metres` integer NOT NULL,
	`commune_id` text,
	`report_count` integer NOT NULL,
	`first_report_at` text NOT NULL,
	`last_report_at` text NOT NULL,
	`warning_title` text NOT NULL,
	`warning_body` text NOT NULL,
	`warning_status` text DEFAULT 'draft' NOT NULL,
	`closed_at` text,
	`closed_by` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`category_id`) REFERENCES `report_categories`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `cluster_alerts_status_idx` ON `cluster_alerts` (`status`,`category_id`,`id`);--> statement-breakpoint
CREATE TABLE `cluster_rules` (
	`category_id` text PRIMARY KEY NOT NULL,
	`min_reports` integer NOT NULL,
	`radius_metres` integer NOT NULL,
	`window_hours` integer NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`updated_at` text,
	`updated_by` text,
	FOREIGN KEY (`category_id`) REFERENCES `report_categories`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `intake_labels` (
	`report_id` integer PRIMARY KEY NOT NULL,
	`text` text NOT NULL,
	`predicted_category_id` text,
	`label_category_id` text NOT NULL,
	`corrected` integer NOT NULL,
	`official_id` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`predicted_category_id`) REFERENCES `report_categories`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`label_category_id`) REFERENCES `report_categories`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `intake_labels_updated_idx` ON `intake_labels` (`updated_at`,`report_id`);--> statement-breakpoint
CREATE TABLE `report_intake` (
	`report_id` integer PRIMARY KEY NOT NULL,
	`citizen_category_id` text NOT NULL,
	`predicted_category_id` text NOT NULL,
	`confidence` real NOT NULL,
	`alternatives` text NOT NULL,
	`outcome` text NOT NULL,
	`threshold` real NOT NULL,
	`model_version` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`citizen_category_id`) REFERENCES `report_categories`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`predicted_category_id`) REFERENCES `report_categories`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `reports` ADD `routed_by` text;--> statement-breakpoint
-- Where reports are: an R*Tree of points (min = max), kept by triggers, so duplicate search
-- and cluster detection read a box from the index instead of scanning reports. R*Tree
-- coordinates are 32-bit floats rounded outward: callers filter by exact distance after.
CREATE VIRTUAL TABLE `reports_geo` USING rtree(`id`, `min_lat`, `max_lat`, `min_lng`, `max_lng`);--> statement-breakpoint
INSERT INTO `reports_geo` (`id`, `min_lat`, `max_lat`, `min_lng`, `max_lng`)
SELECT `id`, `lat`, `lat`, `lng`, `lng` FROM `reports`;--> statement-breakpoint
CREATE TRIGGER `reports_geo_insert` AFTER INSERT ON `reports`
BEGIN
  INSERT INTO `reports_geo` (`id`, `min_lat`, `max_lat`, `min_lng`, `max_lng`)
  VALUES (new.`id`, new.`lat`, new.`lat`, new.`lng`, new.`lng`);
END;--> statement-breakpoint
CREATE TRIGGER `reports_geo_update` AFTER UPDATE OF `lat`, `lng` ON `reports`
BEGIN
  UPDATE `reports_geo` SET `min_lat` = new.`lat`, `max_lat` = new.`lat`,
    `min_lng` = new.`lng`, `max_lng` = new.`lng` WHERE `id` = new.`id`;
END;--> statement-breakpoint
CREATE TRIGGER `reports_geo_delete` AFTER DELETE ON `reports`
BEGIN
  DELETE FROM `reports_geo` WHERE `id` = old.`id`;
END;--> statement-breakpoint
-- Reports routed before the smart intake were all routed by the IOC.
UPDATE `reports` SET `routed_by` = 'manual' WHERE `first_assigned_at` IS NOT NULL;
