CREATE TABLE `Event` (
	`$id` text PRIMARY KEY,
	`$type` text DEFAULT 'Event' NOT NULL,
	`$version` integer DEFAULT 1 NOT NULL,
	`$createdAt` integer NOT NULL,
	`$updatedAt` integer NOT NULL,
	`kind` text,
	`actor` text,
	`at` integer NOT NULL,
	`detail` text
);
--> statement-breakpoint
CREATE INDEX `Event_actor_idx` ON `Event` (`actor`);