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
ALTER TABLE "action_plans" ADD COLUMN "approved_hash" text;--> statement-breakpoint
ALTER TABLE "action_plans" ADD COLUMN "approved_by" text;--> statement-breakpoint
ALTER TABLE "action_plans" ADD COLUMN "approved_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "action_plans" ADD COLUMN "decision_date" text;--> statement-breakpoint
ALTER TABLE "action_plans" ADD COLUMN "decision_case_number" text;--> statement-breakpoint
ALTER TABLE "status_requests" ADD CONSTRAINT "status_requests_round_id_status_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."status_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_requests" ADD CONSTRAINT "status_requests_measure_id_measures_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."measures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_rounds" ADD CONSTRAINT "status_rounds_plan_id_action_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."action_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_rounds" ADD CONSTRAINT "status_rounds_strategy_id_strategies_id_fk" FOREIGN KEY ("strategy_id") REFERENCES "public"."strategies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_rounds" ADD CONSTRAINT "status_rounds_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "status_requests_round_measure_idx" ON "status_requests" USING btree ("round_id","measure_id");--> statement-breakpoint
CREATE INDEX "status_requests_measure_idx" ON "status_requests" USING btree ("measure_id");--> statement-breakpoint
CREATE INDEX "status_rounds_plan_idx" ON "status_rounds" USING btree ("plan_id","created_at");--> statement-breakpoint
ALTER TABLE "action_plans" ADD CONSTRAINT "action_plans_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;