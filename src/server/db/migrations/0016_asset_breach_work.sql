CREATE TABLE "asset_breach" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "asset_breach_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"street_id" integer NOT NULL,
	"community_id" integer NOT NULL,
	"asset_id" bigint NOT NULL,
	"rule" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"opened_on" date NOT NULL,
	"escalate_on" date NOT NULL,
	"maintainer_kind" text NOT NULL,
	"maintainer_org_id" integer,
	"maintainer_department_id" integer,
	"maintainer_name" text NOT NULL,
	"case_id" bigint,
	"case_number" text,
	"case_filed_at" timestamp with time zone,
	"cured_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "case_record" ADD COLUMN "asset_id" bigint;--> statement-breakpoint
ALTER TABLE "asset_breach" ADD CONSTRAINT "asset_breach_asset_id_asset_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."asset"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "asset_breach_open_key" ON "asset_breach" USING btree ("asset_id","rule") WHERE "asset_breach"."status" = 'open';--> statement-breakpoint
CREATE INDEX "asset_breach_street_id_status_id_index" ON "asset_breach" USING btree ("street_id","status","id");--> statement-breakpoint
CREATE INDEX "asset_breach_community_id_status_index" ON "asset_breach" USING btree ("community_id","status");--> statement-breakpoint
CREATE INDEX "asset_breach_escalate_idx" ON "asset_breach" USING btree ("escalate_on") WHERE "asset_breach"."status" = 'open' and "asset_breach"."case_id" is null;--> statement-breakpoint
CREATE INDEX "case_record_asset_idx" ON "case_record" USING btree ("asset_id","id") WHERE "case_record"."asset_id" is not null;