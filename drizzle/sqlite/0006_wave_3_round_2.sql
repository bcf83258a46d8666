CREATE TABLE `swot_entries` (
	`id` text PRIMARY KEY NOT NULL,
	`strategy_id` text NOT NULL,
	`kind` text NOT NULL,
	`text` text NOT NULL,
	`author_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`strategy_id`) REFERENCES `strategies`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `swot_entries_strategy_idx` ON `swot_entries` (`strategy_id`);--> statement-breakpoint
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
--> statement-breakpoint
ALTER TABLE `sso_providers` ADD `strategy_roles` text DEFAULT '' NOT NULL;