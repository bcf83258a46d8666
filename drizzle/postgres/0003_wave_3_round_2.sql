CREATE TABLE "swot_entries" (
	"id" text PRIMARY KEY NOT NULL,
	"strategy_id" text NOT NULL,
	"kind" text NOT NULL,
	"text" text NOT NULL,
	"author_id" text,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "section_substrategies" (
	"strategy_id" text NOT NULL,
	"section_key" text NOT NULL,
	"substrategy_id" text NOT NULL,
	"linked_by" text,
	"linked_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "section_substrategies_strategy_id_section_key_pk" PRIMARY KEY("strategy_id","section_key")
);
--> statement-breakpoint
ALTER TABLE "sso_providers" ADD COLUMN "strategy_roles" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "swot_entries" ADD CONSTRAINT "swot_entries_strategy_id_strategies_id_fk" FOREIGN KEY ("strategy_id") REFERENCES "public"."strategies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "swot_entries" ADD CONSTRAINT "swot_entries_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "section_substrategies" ADD CONSTRAINT "section_substrategies_strategy_id_strategies_id_fk" FOREIGN KEY ("strategy_id") REFERENCES "public"."strategies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "section_substrategies" ADD CONSTRAINT "section_substrategies_substrategy_id_strategies_id_fk" FOREIGN KEY ("substrategy_id") REFERENCES "public"."strategies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "section_substrategies" ADD CONSTRAINT "section_substrategies_linked_by_users_id_fk" FOREIGN KEY ("linked_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "swot_entries_strategy_idx" ON "swot_entries" USING btree ("strategy_id");