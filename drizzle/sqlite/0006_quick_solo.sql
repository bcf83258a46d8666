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
CREATE INDEX `swot_entries_strategy_idx` ON `swot_entries` (`strategy_id`);