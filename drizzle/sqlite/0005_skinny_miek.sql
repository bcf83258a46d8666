CREATE TABLE `removed_sections` (
	`strategy_id` text NOT NULL,
	`key` text NOT NULL,
	`title` text NOT NULL,
	`number` text NOT NULL,
	`parent_key` text,
	`restricted` integer DEFAULT false NOT NULL,
	`removed_by` text,
	`removed_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`strategy_id`, `key`),
	FOREIGN KEY (`strategy_id`) REFERENCES `strategies`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`removed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
