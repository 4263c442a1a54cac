CREATE TABLE `_pruning_stats` (
	`kind` text NOT NULL,
	`collection` text NOT NULL,
	`key` text NOT NULL,
	`zone_map` text,
	`bloom` blob,
	`updated_at` integer NOT NULL,
	CONSTRAINT `_pruning_stats_pk` PRIMARY KEY(`kind`, `collection`, `key`)
);
