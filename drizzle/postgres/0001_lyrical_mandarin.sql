ALTER TABLE "organizations" ADD COLUMN "organization_number" text;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "written_form" text DEFAULT 'nb' NOT NULL;--> statement-breakpoint
ALTER TABLE "strategies" ADD COLUMN "written_form" text DEFAULT 'nb' NOT NULL;--> statement-breakpoint
ALTER TABLE "strategies" ADD COLUMN "archived_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "creates_strategies" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "organizations_number_unique" ON "organizations" USING btree ("organization_number");