CREATE TABLE `_iceberg_positions` (
	`table_key` text NOT NULL,
	`doc_id` text NOT NULL,
	`file` text,
	`pos` integer,
	CONSTRAINT `_iceberg_positions_pk` PRIMARY KEY(`table_key`, `doc_id`)
);
