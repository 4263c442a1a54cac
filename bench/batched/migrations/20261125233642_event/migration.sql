CREATE TABLE `Event` (
	`$id` text PRIMARY KEY,
	`$type` text DEFAULT 'Event' NOT NULL,
	`$version` integer DEFAULT 1 NOT NULL,
	`$createdAt` integer NOT NULL,
	`$updatedAt` integer NOT NULL,
	`at` integer,
	`kind` text,
	`userId` text,
	`amount` integer,
	`note` text
);
--> statement-breakpoint
CREATE INDEX `Event_at_idx` ON `Event` (`at`);--> statement-breakpoint
CREATE INDEX `Event_kind_idx` ON `Event` (`kind`);