CREATE TABLE "strategy_participants" (
	"strategy_id" text NOT NULL,
	"organization_id" text NOT NULL,
	"council" text NOT NULL,
	"position" integer NOT NULL,
	"added_by" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "strategy_participants_strategy_id_organization_id_pk" PRIMARY KEY("strategy_id","organization_id")
);
--> statement-breakpoint
ALTER TABLE "workflow_meetings" ADD COLUMN "organization_id" text;--> statement-breakpoint
ALTER TABLE "workflow_meetings" ADD COLUMN "union_representative_ids" jsonb;--> statement-breakpoint
ALTER TABLE "strategy_participants" ADD CONSTRAINT "strategy_participants_strategy_id_strategies_id_fk" FOREIGN KEY ("strategy_id") REFERENCES "public"."strategies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_participants" ADD CONSTRAINT "strategy_participants_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_participants" ADD CONSTRAINT "strategy_participants_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "strategy_participants_organization_idx" ON "strategy_participants" USING btree ("organization_id");