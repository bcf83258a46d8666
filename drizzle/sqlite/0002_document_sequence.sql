ALTER TABLE `yjs_states` RENAME COLUMN "last_update_id" TO "seq";--> statement-breakpoint
CREATE TABLE `yjs_heads` (
	`strategy_id` text PRIMARY KEY NOT NULL,
	`seq` integer NOT NULL,
	FOREIGN KEY (`strategy_id`) REFERENCES `strategies`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
-- Written by hand: every strategy's head starts at the last update id it ever had, so the log keeps
-- its order and no new number repeats one that a stored state already folded.
INSERT INTO `yjs_heads` ("strategy_id", "seq")
SELECT s."id", max(
  coalesce((SELECT max(u."id") FROM `yjs_updates` u WHERE u."strategy_id" = s."id"), 0),
  coalesce((SELECT st."seq" FROM `yjs_states` st WHERE st."strategy_id" = s."id"), 0)
) FROM `strategies` s;--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_yjs_updates` (
	`strategy_id` text NOT NULL,
	`seq` integer NOT NULL,
	`update` blob NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`strategy_id`, `seq`),
	FOREIGN KEY (`strategy_id`) REFERENCES `strategies`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
INSERT INTO `__new_yjs_updates`("strategy_id", "seq", "update", "created_at") SELECT "strategy_id", "id", "update", "created_at" FROM `yjs_updates`;--> statement-breakpoint
DROP TABLE `yjs_updates`;--> statement-breakpoint
ALTER TABLE `__new_yjs_updates` RENAME TO `yjs_updates`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
ALTER TABLE `memberships` ADD `rights_version` integer DEFAULT 0 NOT NULL;