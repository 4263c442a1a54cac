ALTER TABLE `_batches` RENAME TO `_batches_legacy`;
--> statement-breakpoint
CREATE TABLE `_batches` (
	`id` integer PRIMARY KEY,
	`collection` text NOT NULL,
	`count` integer NOT NULL,
	`bytes` integer NOT NULL,
	`min_id` text NOT NULL,
	`max_id` text NOT NULL,
	`stats_tag` integer,
	`zone_map` text,
	`blooms` blob,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`data` blob NOT NULL
);
--> statement-breakpoint
INSERT INTO `_batches` (`id`, `collection`, `count`, `bytes`, `min_id`, `max_id`, `stats_tag`, `zone_map`, `blooms`, `created_at`, `updated_at`, `data`) SELECT `id`, `collection`, `count`, `bytes`, `min_id`, `max_id`, random() & 9007199254740991, `zone_map`, `blooms`, `created_at`, `updated_at`, `data` FROM `_batches_legacy`;
--> statement-breakpoint
DROP TABLE `_batches_legacy`;
--> statement-breakpoint
CREATE INDEX `_batches_collection_min_id_idx` ON `_batches` (`collection`,`min_id`);