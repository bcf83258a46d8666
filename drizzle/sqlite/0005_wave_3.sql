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
--> statement-breakpoint
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
CREATE TABLE `sso_providers` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`kind` text NOT NULL,
	`label` text NOT NULL,
	`issuer` text NOT NULL,
	`client_id` text NOT NULL,
	`client_secret` text,
	`new_accounts` text NOT NULL,
	`acr` text,
	`org_number` text,
	`altinn_resource` text,
	`admin_roles` text DEFAULT '' NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sso_providers_organization_idx` ON `sso_providers` (`organization_id`);--> statement-breakpoint
CREATE TABLE `sso_settings` (
	`organization_id` text PRIMARY KEY NOT NULL,
	`email_domains` text DEFAULT '' NOT NULL,
	`passwords_off` integer DEFAULT false NOT NULL,
	`break_glass_user_id` text,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`break_glass_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
ALTER TABLE `action_plans` ADD `approved_hash` text;--> statement-breakpoint
ALTER TABLE `action_plans` ADD `approved_by` text REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `action_plans` ADD `approved_at` integer;--> statement-breakpoint
ALTER TABLE `action_plans` ADD `decision_date` text;--> statement-breakpoint
ALTER TABLE `action_plans` ADD `decision_case_number` text;--> statement-breakpoint
ALTER TABLE `workflow_meetings` ADD `organization_id` text;--> statement-breakpoint
ALTER TABLE `workflow_meetings` ADD `union_representative_ids` text;--> statement-breakpoint
ALTER TABLE `users` ADD `is_operator` integer DEFAULT false NOT NULL;