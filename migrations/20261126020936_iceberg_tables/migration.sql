CREATE TABLE `_iceberg_tables` (
	`key` text PRIMARY KEY,
	`collection` text NOT NULL,
	`kind` text NOT NULL,
	`state` text NOT NULL,
	`pending` text,
	`updated_at` integer NOT NULL
);
