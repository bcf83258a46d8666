ALTER TABLE `organizations` ADD `organization_number` text;--> statement-breakpoint
ALTER TABLE `organizations` ADD `written_form` text DEFAULT 'nb' NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `organizations_number_unique` ON `organizations` (`organization_number`);--> statement-breakpoint
ALTER TABLE `strategies` ADD `written_form` text DEFAULT 'nb' NOT NULL;--> statement-breakpoint
ALTER TABLE `strategies` ADD `archived_at` integer;--> statement-breakpoint
ALTER TABLE `users` ADD `creates_strategies` integer DEFAULT false NOT NULL;