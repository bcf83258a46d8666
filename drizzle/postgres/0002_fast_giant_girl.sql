CREATE TABLE "removed_sections" (
	"strategy_id" text NOT NULL,
	"key" text NOT NULL,
	"title" text NOT NULL,
	"number" text NOT NULL,
	"parent_key" text,
	"restricted" boolean DEFAULT false NOT NULL,
	"removed_by" text,
	"removed_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "removed_sections_strategy_id_key_pk" PRIMARY KEY("strategy_id","key")
);
--> statement-breakpoint
ALTER TABLE "removed_sections" ADD CONSTRAINT "removed_sections_strategy_id_strategies_id_fk" FOREIGN KEY ("strategy_id") REFERENCES "public"."strategies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "removed_sections" ADD CONSTRAINT "removed_sections_removed_by_users_id_fk" FOREIGN KEY ("removed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;