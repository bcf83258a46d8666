CREATE TABLE `strategy_participants` (
	`strategy_id` text NOT NULL,
	`organization_id` text NOT NULL,
	`council` text NOT NULL,
	`position` integer NOT NULL,
	`added_by` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`strategy_id`, `organization_id`),
	FOREIGN KEY (`strategy_id`) REFERENCES `strategies`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`added_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `strategy_participants_organization_idx` ON `strategy_participants` (`organization_id`);--> statement-breakpoint
ALTER TABLE `workflow_meetings` ADD `organization_id` text;--> statement-breakpoint
ALTER TABLE `workflow_meetings` ADD `union_representative_ids` text;