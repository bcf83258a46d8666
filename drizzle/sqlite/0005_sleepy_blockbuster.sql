CREATE TABLE `status_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`round_id` text NOT NULL,
	`measure_id` text NOT NULL,
	`answered_at` integer,
	FOREIGN KEY (`round_id`) REFERENCES `status_rounds`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`measure_id`) REFERENCES `measures`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `status_requests_round_measure_idx` ON `status_requests` (`round_id`,`measure_id`);--> statement-breakpoint
CREATE INDEX `status_requests_measure_idx` ON `status_requests` (`measure_id`);--> statement-breakpoint
CREATE TABLE `status_rounds` (
	`id` text PRIMARY KEY NOT NULL,
	`plan_id` text NOT NULL,
	`strategy_id` text NOT NULL,
	`due_date` text NOT NULL,
	`message` text NOT NULL,
	`created_by` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`reminders` integer DEFAULT 0 NOT NULL,
	`reminded_at` integer,
	`closed_at` integer,
	FOREIGN KEY (`plan_id`) REFERENCES `action_plans`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`strategy_id`) REFERENCES `strategies`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `status_rounds_plan_idx` ON `status_rounds` (`plan_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `action_plans` ADD `approved_hash` text;--> statement-breakpoint
ALTER TABLE `action_plans` ADD `approved_by` text REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `action_plans` ADD `approved_at` integer;--> statement-breakpoint
ALTER TABLE `action_plans` ADD `decision_date` text;--> statement-breakpoint
ALTER TABLE `action_plans` ADD `decision_case_number` text;