CREATE TABLE `section_substrategies` (
	`strategy_id` text NOT NULL,
	`section_key` text NOT NULL,
	`substrategy_id` text NOT NULL,
	`linked_by` text,
	`linked_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`strategy_id`, `section_key`),
	FOREIGN KEY (`strategy_id`) REFERENCES `strategies`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`substrategy_id`) REFERENCES `strategies`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`linked_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
