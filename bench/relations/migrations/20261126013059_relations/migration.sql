CREATE TABLE `Author` (
	`$id` text PRIMARY KEY,
	`$type` text DEFAULT 'Author' NOT NULL,
	`$version` integer DEFAULT 1 NOT NULL,
	`$createdAt` integer NOT NULL,
	`$updatedAt` integer NOT NULL,
	`name` text NOT NULL,
	`born` integer
);
--> statement-breakpoint
CREATE TABLE `Comment` (
	`$id` text PRIMARY KEY,
	`$type` text DEFAULT 'Comment' NOT NULL,
	`$version` integer DEFAULT 1 NOT NULL,
	`$createdAt` integer NOT NULL,
	`$updatedAt` integer NOT NULL,
	`body` text NOT NULL,
	`stars` integer,
	`post` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `Post` (
	`$id` text PRIMARY KEY,
	`$type` text DEFAULT 'Post' NOT NULL,
	`$version` integer DEFAULT 1 NOT NULL,
	`$createdAt` integer NOT NULL,
	`$updatedAt` integer NOT NULL,
	`title` text NOT NULL,
	`score` integer,
	`author` text NOT NULL,
	`tags` text
);
--> statement-breakpoint
CREATE TABLE `Tag` (
	`$id` text PRIMARY KEY,
	`$type` text DEFAULT 'Tag' NOT NULL,
	`$version` integer DEFAULT 1 NOT NULL,
	`$createdAt` integer NOT NULL,
	`$updatedAt` integer NOT NULL,
	`name` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `Comment_post_idx` ON `Comment` (`post`);--> statement-breakpoint
CREATE INDEX `Post_author_idx` ON `Post` (`author`);