ALTER TABLE `strategies` ADD `written_form` text DEFAULT 'nb' NOT NULL;--> statement-breakpoint
ALTER TABLE `strategies` ADD `archived_at` integer;--> statement-breakpoint
ALTER TABLE `users` ADD `creates_strategies` integer DEFAULT false NOT NULL;