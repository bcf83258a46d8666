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
CREATE TABLE "status_requests" (
	"id" text PRIMARY KEY NOT NULL,
	"round_id" text NOT NULL,
	"measure_id" text NOT NULL,
	"answered_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "status_rounds" (
	"id" text PRIMARY KEY NOT NULL,
	"plan_id" text NOT NULL,
	"strategy_id" text NOT NULL,
	"due_date" text NOT NULL,
	"message" text NOT NULL,
	"created_by" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"reminders" integer DEFAULT 0 NOT NULL,
	"reminded_at" timestamp (3) with time zone,
	"closed_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "sso_providers" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"kind" text NOT NULL,
	"label" text NOT NULL,
	"issuer" text NOT NULL,
	"client_id" text NOT NULL,
	"client_secret" text,
	"new_accounts" text NOT NULL,
	"acr" text,
	"org_number" text,
	"altinn_resource" text,
	"admin_roles" text DEFAULT '' NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sso_settings" (
	"organization_id" text PRIMARY KEY NOT NULL,
	"email_domains" text DEFAULT '' NOT NULL,
	"passwords_off" boolean DEFAULT false NOT NULL,
	"break_glass_user_id" text
);
--> statement-breakpoint
ALTER TABLE "action_plans" ADD COLUMN "approved_hash" text;--> statement-breakpoint
ALTER TABLE "action_plans" ADD COLUMN "approved_by" text;--> statement-breakpoint
ALTER TABLE "action_plans" ADD COLUMN "approved_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "action_plans" ADD COLUMN "decision_date" text;--> statement-breakpoint
ALTER TABLE "action_plans" ADD COLUMN "decision_case_number" text;--> statement-breakpoint
ALTER TABLE "workflow_meetings" ADD COLUMN "organization_id" text;--> statement-breakpoint
ALTER TABLE "workflow_meetings" ADD COLUMN "union_representative_ids" jsonb;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "is_operator" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "removed_sections" ADD CONSTRAINT "removed_sections_strategy_id_strategies_id_fk" FOREIGN KEY ("strategy_id") REFERENCES "public"."strategies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "removed_sections" ADD CONSTRAINT "removed_sections_removed_by_users_id_fk" FOREIGN KEY ("removed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_participants" ADD CONSTRAINT "strategy_participants_strategy_id_strategies_id_fk" FOREIGN KEY ("strategy_id") REFERENCES "public"."strategies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_participants" ADD CONSTRAINT "strategy_participants_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_participants" ADD CONSTRAINT "strategy_participants_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_requests" ADD CONSTRAINT "status_requests_round_id_status_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."status_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_requests" ADD CONSTRAINT "status_requests_measure_id_measures_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."measures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_rounds" ADD CONSTRAINT "status_rounds_plan_id_action_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."action_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_rounds" ADD CONSTRAINT "status_rounds_strategy_id_strategies_id_fk" FOREIGN KEY ("strategy_id") REFERENCES "public"."strategies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_rounds" ADD CONSTRAINT "status_rounds_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sso_providers" ADD CONSTRAINT "sso_providers_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sso_settings" ADD CONSTRAINT "sso_settings_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sso_settings" ADD CONSTRAINT "sso_settings_break_glass_user_id_users_id_fk" FOREIGN KEY ("break_glass_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "strategy_participants_organization_idx" ON "strategy_participants" USING btree ("organization_id");--> statement-breakpoint
CREATE UNIQUE INDEX "status_requests_round_measure_idx" ON "status_requests" USING btree ("round_id","measure_id");--> statement-breakpoint
CREATE INDEX "status_requests_measure_idx" ON "status_requests" USING btree ("measure_id");--> statement-breakpoint
CREATE INDEX "status_rounds_plan_idx" ON "status_rounds" USING btree ("plan_id","created_at");--> statement-breakpoint
CREATE INDEX "sso_providers_organization_idx" ON "sso_providers" USING btree ("organization_id");--> statement-breakpoint
ALTER TABLE "action_plans" ADD CONSTRAINT "action_plans_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;