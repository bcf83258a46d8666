ALTER TABLE `strategies` ADD `written_form` text DEFAULT 'nb' NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `creates_strategies` integer DEFAULT false NOT NULL;