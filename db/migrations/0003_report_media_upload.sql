ALTER TABLE `report_media` ADD `chunk_bytes` integer DEFAULT 524288 NOT NULL;--> statement-breakpoint
ALTER TABLE `report_media` ADD `gps_lat` real;--> statement-breakpoint
ALTER TABLE `report_media` ADD `gps_lng` real;