CREATE TABLE `Order` (
	`$id` text PRIMARY KEY,
	`$type` text DEFAULT 'Order' NOT NULL,
	`$version` integer DEFAULT 1 NOT NULL,
	`$createdAt` integer NOT NULL,
	`$updatedAt` integer NOT NULL,
	`customer` text NOT NULL,
	`region` text NOT NULL,
	`status` text,
	`sku` text NOT NULL,
	`quantity` integer NOT NULL,
	`total` text NOT NULL,
	`placedAt` integer NOT NULL,
	`gift` integer,
	`tags` text
);
