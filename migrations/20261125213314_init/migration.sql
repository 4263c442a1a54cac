CREATE TABLE `Comment` (
	`$id` text PRIMARY KEY,
	`$type` text DEFAULT 'Comment' NOT NULL,
	`$version` integer DEFAULT 1 NOT NULL,
	`$createdAt` integer NOT NULL,
	`$updatedAt` integer NOT NULL,
	`text` text NOT NULL,
	`post` text NOT NULL,
	`author` text
);
--> statement-breakpoint
CREATE TABLE `Post` (
	`$id` text PRIMARY KEY,
	`$type` text DEFAULT 'Post' NOT NULL,
	`$version` integer DEFAULT 1 NOT NULL,
	`$createdAt` integer NOT NULL,
	`$updatedAt` integer NOT NULL,
	`title` text NOT NULL,
	`body` text,
	`published` integer DEFAULT false,
	`author` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `User` (
	`$id` text PRIMARY KEY,
	`$type` text DEFAULT 'User' NOT NULL,
	`$version` integer DEFAULT 1 NOT NULL,
	`$createdAt` integer NOT NULL,
	`$updatedAt` integer NOT NULL,
	`tenantId` text NOT NULL,
	`email` text,
	`name` text NOT NULL,
	`age` integer,
	`status` text DEFAULT 'active',
	`createdAt` integer,
	`score` text,
	`tags` text
);
--> statement-breakpoint
CREATE TABLE `_batches` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`collection` text NOT NULL,
	`count` integer NOT NULL,
	`bytes` integer NOT NULL,
	`min_id` text NOT NULL,
	`max_id` text NOT NULL,
	`data` blob NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `_cdc` (
	`seq` integer PRIMARY KEY AUTOINCREMENT,
	`tx_id` text NOT NULL,
	`collection` text NOT NULL,
	`doc_id` text NOT NULL,
	`op` text NOT NULL,
	`after` text,
	`before` text,
	`changed` text,
	`ts` integer NOT NULL,
	`shard` text,
	`synced` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE `_cdc_state` (
	`id` integer PRIMARY KEY,
	`tx` integer DEFAULT 0 NOT NULL,
	`shard` text DEFAULT 'shard-0' NOT NULL
);
--> statement-breakpoint
CREATE TABLE `_rels` (
	`from_type` text NOT NULL,
	`from_id` text NOT NULL,
	`rel` text NOT NULL,
	`to_type` text NOT NULL,
	`to_id` text NOT NULL,
	`ordinal` integer DEFAULT 0 NOT NULL,
	`score` real,
	`created_at` integer NOT NULL,
	CONSTRAINT `_rels_pk` PRIMARY KEY(`from_type`, `from_id`, `rel`, `to_type`, `to_id`)
);
--> statement-breakpoint
CREATE TABLE `_schemas` (
	`name` text NOT NULL,
	`version` integer NOT NULL,
	`definition` text NOT NULL,
	`field_ids` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	CONSTRAINT `_schemas_pk` PRIMARY KEY(`name`, `version`)
);
--> statement-breakpoint
CREATE INDEX `Comment_post_idx` ON `Comment` (`post`);--> statement-breakpoint
CREATE INDEX `Comment_author_idx` ON `Comment` (`author`);--> statement-breakpoint
CREATE INDEX `Post_author_idx` ON `Post` (`author`);--> statement-breakpoint
CREATE INDEX `User_email_idx` ON `User` (`email`);--> statement-breakpoint
CREATE INDEX `User_tenantId_createdAt_idx` ON `User` (`tenantId`,`createdAt`);--> statement-breakpoint
CREATE UNIQUE INDEX `User_tenantId_email_unique` ON `User` (`tenantId`,`email`);--> statement-breakpoint
CREATE INDEX `_batches_collection_min_id_idx` ON `_batches` (`collection`,`min_id`);--> statement-breakpoint
CREATE INDEX `_rels_to_idx` ON `_rels` (`to_type`,`to_id`,`rel`);