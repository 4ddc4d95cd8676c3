CREATE TABLE "project_choice" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "project_choice_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"selection_id" bigint NOT NULL,
	"street_id" integer NOT NULL,
	"unit_id" bigint NOT NULL,
	"item_ids" integer[] NOT NULL,
	"channel" text NOT NULL,
	"signed_by" text,
	"scan_file_id" bigint,
	"cast_by" bigint NOT NULL,
	"cast_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "project_choice_selectionId_unitId_unique" UNIQUE("selection_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "project_defect" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "project_defect_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"project_id" bigint NOT NULL,
	"text" text NOT NULL,
	"fixed_on" date
);
--> statement-breakpoint
CREATE TABLE "project_funding" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "project_funding_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"project_id" bigint NOT NULL,
	"source" text NOT NULL,
	"fund_id" integer,
	"organization_id" integer,
	"amount_fen" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_menu_item" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "project_menu_item_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"district_id" integer NOT NULL,
	"year" integer NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"cost_unit" text NOT NULL,
	"unit_cost_fen" bigint NOT NULL,
	"programme" text NOT NULL,
	"fund_id" integer,
	"duration_days" integer NOT NULL,
	"rules" jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "project_menu_item_districtId_year_code_unique" UNIQUE("district_id","year","code")
);
--> statement-breakpoint
CREATE TABLE "project_report" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "project_report_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"project_id" bigint NOT NULL,
	"reported_on" date NOT NULL,
	"text" text NOT NULL,
	"photo_file_ids" bigint[] DEFAULT '{}' NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_selection" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "project_selection_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"street_id" integer NOT NULL,
	"community_id" integer NOT NULL,
	"year" integer NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"budget_cap_fen" bigint NOT NULL,
	"closes_on" date NOT NULL,
	"min_participation_pct" integer NOT NULL,
	"threshold_pct" integer NOT NULL,
	"households" integer NOT NULL,
	"options" jsonb NOT NULL,
	"result" jsonb,
	"closed_at" timestamp with time zone,
	"disclosure_id" bigint,
	"created_by" text NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "project_selection_communityId_year_unique" UNIQUE("community_id","year")
);
--> statement-breakpoint
CREATE TABLE "project_stage" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "project_stage_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"project_id" bigint NOT NULL,
	"stage" text NOT NULL,
	"planned_start" date NOT NULL,
	"planned_end" date NOT NULL,
	"started_on" date,
	"done_on" date,
	"responsible" text,
	"note" text,
	"document_file_ids" bigint[] DEFAULT '{}' NOT NULL,
	CONSTRAINT "project_stage_projectId_stage_unique" UNIQUE("project_id","stage")
);
--> statement-breakpoint
CREATE TABLE "project_task" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "project_task_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"project_id" bigint NOT NULL,
	"parent_id" bigint,
	"name" text NOT NULL,
	"weight" integer DEFAULT 1 NOT NULL,
	"percent" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_tranche" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "project_tranche_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"project_id" bigint NOT NULL,
	"fund_id" integer NOT NULL,
	"entry_id" bigint NOT NULL,
	"amount_fen" bigint NOT NULL,
	"paid_on" date NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "project_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"street_id" integer NOT NULL,
	"community_id" integer NOT NULL,
	"year" integer NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"programme" text NOT NULL,
	"menu_item_id" integer,
	"selection_id" bigint,
	"stage" text DEFAULT 'approval' NOT NULL,
	"budget_fen" bigint NOT NULL,
	"contractor_org_id" integer,
	"accepted_on" date,
	"warranty_component" text,
	"warranty_ends_on" date,
	"created_by" text NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "special_fund_entry" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "special_fund_entry_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"fund_id" integer NOT NULL,
	"street_id" integer,
	"project_id" bigint,
	"kind" text NOT NULL,
	"memo" text DEFAULT '' NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "special_fund_line" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "special_fund_line_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"entry_id" bigint NOT NULL,
	"fund_id" integer NOT NULL,
	"account" text NOT NULL,
	"project_id" bigint,
	"debit_fen" bigint DEFAULT 0 NOT NULL,
	"credit_fen" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "special_fund_line_one_side" CHECK ("special_fund_line"."debit_fen" >= 0 and "special_fund_line"."credit_fen" >= 0 and ("special_fund_line"."debit_fen" = 0) <> ("special_fund_line"."credit_fen" = 0))
);
--> statement-breakpoint
CREATE TABLE "special_fund" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "special_fund_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"district_id" integer NOT NULL,
	"year" integer NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "special_fund_districtId_year_code_unique" UNIQUE("district_id","year","code")
);
--> statement-breakpoint
CREATE INDEX "project_defect_project_id_index" ON "project_defect" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "project_funding_project_id_index" ON "project_funding" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "project_report_project_id_index" ON "project_report" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "project_selection_street_id_index" ON "project_selection" USING btree ("street_id");--> statement-breakpoint
CREATE INDEX "project_task_project_id_index" ON "project_task" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "project_tranche_project_id_index" ON "project_tranche" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "project_street_id_index" ON "project" USING btree ("street_id");--> statement-breakpoint
CREATE INDEX "project_community_id_index" ON "project" USING btree ("community_id");--> statement-breakpoint
CREATE INDEX "project_selection_id_index" ON "project" USING btree ("selection_id");--> statement-breakpoint
CREATE INDEX "special_fund_entry_fund_id_id_index" ON "special_fund_entry" USING btree ("fund_id","id");--> statement-breakpoint
CREATE INDEX "special_fund_entry_project_id_index" ON "special_fund_entry" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "special_fund_line_entry_id_index" ON "special_fund_line" USING btree ("entry_id");--> statement-breakpoint
CREATE INDEX "special_fund_line_fund_id_account_project_id_index" ON "special_fund_line" USING btree ("fund_id","account","project_id");--> statement-breakpoint
-- the special fund ledger is append-only and every entry balances (checked at commit)
CREATE FUNCTION special_fund_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'special fund ledger is append-only';
END $$;--> statement-breakpoint
CREATE TRIGGER special_fund_entry_append_only BEFORE UPDATE OR DELETE ON "special_fund_entry"
  FOR EACH ROW EXECUTE FUNCTION special_fund_append_only();--> statement-breakpoint
CREATE TRIGGER special_fund_line_append_only BEFORE UPDATE OR DELETE ON "special_fund_line"
  FOR EACH ROW EXECUTE FUNCTION special_fund_append_only();--> statement-breakpoint
CREATE FUNCTION special_fund_entry_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (SELECT coalesce(sum(debit_fen - credit_fen), 0) FROM special_fund_line WHERE entry_id = NEW.entry_id) <> 0 THEN
    RAISE EXCEPTION 'special fund entry % does not balance', NEW.entry_id;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE CONSTRAINT TRIGGER special_fund_line_balanced AFTER INSERT ON "special_fund_line"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION special_fund_entry_balanced();
