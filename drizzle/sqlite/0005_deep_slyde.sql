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
