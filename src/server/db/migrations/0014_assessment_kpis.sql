CREATE TABLE "kpi_case_rollup" (
	"day" date NOT NULL,
	"street_id" integer NOT NULL,
	"committee_id" integer NOT NULL,
	"community_id" integer NOT NULL,
	"unit_kind" text NOT NULL,
	"unit_id" integer NOT NULL,
	"category_code" text NOT NULL,
	"counter" text NOT NULL,
	"bucket" smallint NOT NULL,
	"n" bigint NOT NULL,
	CONSTRAINT "kpi_case_rollup_pk" PRIMARY KEY("day","street_id","community_id","unit_kind","unit_id","category_code","counter","bucket")
);
--> statement-breakpoint
CREATE TABLE "kpi_case_state" (
	"case_id" bigint PRIMARY KEY NOT NULL,
	"street_id" integer NOT NULL,
	"category_code" text NOT NULL,
	"unit_kind" text NOT NULL,
	"unit_id" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "kpi_case_rollup_street_id_day_index" ON "kpi_case_rollup" USING btree ("street_id","day");--> statement-breakpoint
CREATE INDEX "kpi_case_rollup_unit_kind_unit_id_day_index" ON "kpi_case_rollup" USING btree ("unit_kind","unit_id","day");