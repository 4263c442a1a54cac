CREATE TABLE `Tag` (
	`$id` text PRIMARY KEY,
	`$type` text DEFAULT 'Tag' NOT NULL,
	`$version` integer DEFAULT 1 NOT NULL,
	`$createdAt` integer NOT NULL,
	`$updatedAt` integer NOT NULL,
	`name` text NOT NULL
);
--> statement-breakpoint
ALTER TABLE `Post` ADD `tags` text;