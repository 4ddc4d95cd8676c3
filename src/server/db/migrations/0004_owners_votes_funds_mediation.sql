CREATE TABLE "fund_depletion_alert" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "fund_depletion_alert_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"street_id" integer NOT NULL,
	"community_id" integer NOT NULL,
	"detected_on" date NOT NULL,
	"balance_fen" bigint NOT NULL,
	"first_deposit_fen" bigint NOT NULL,
	"depleted_units" integer NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"resolved_on" date
);
--> statement-breakpoint
CREATE TABLE "fee_budget" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "fee_budget_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"street_id" integer NOT NULL,
	"community_id" integer NOT NULL,
	"contract_id" bigint NOT NULL,
	"year" smallint NOT NULL,
	"kind" text NOT NULL,
	"lines" jsonb NOT NULL,
	"approved_at" timestamp with time zone,
	"approved_by" bigint,
	"disclosure_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fee_contract" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "fee_contract_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"street_id" integer NOT NULL,
	"community_id" integer NOT NULL,
	"property_org_id" integer NOT NULL,
	"grade" smallint NOT NULL,
	"price_fen" bigint NOT NULL,
	"model" text NOT NULL,
	"commission_kind" text,
	"commission_bp" integer,
	"commission_fixed_fen_per_year" bigint,
	"start_on" date NOT NULL,
	"end_on" date NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fee_ledger_item" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "fee_ledger_item_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"street_id" integer NOT NULL,
	"community_id" integer NOT NULL,
	"contract_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"category" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"occurred_on" date NOT NULL,
	"memo" text DEFAULT '' NOT NULL,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fee_standard" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "fee_standard_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"district_id" integer NOT NULL,
	"grade" smallint NOT NULL,
	"price_fen" bigint NOT NULL,
	"float_bp" integer NOT NULL,
	"effective_from" date NOT NULL,
	"version" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fund_account" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "fund_account_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"street_id" integer NOT NULL,
	"community_id" integer NOT NULL,
	"kind" text NOT NULL,
	"fund_type" text,
	"building_id" bigint,
	"unit_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fund_account_identity" UNIQUE NULLS NOT DISTINCT("community_id","kind","fund_type","building_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "fund_community" (
	"community_id" integer PRIMARY KEY NOT NULL,
	"street_id" integer NOT NULL,
	"scheme" text NOT NULL,
	"primary_fund_type" text NOT NULL,
	"construction_cost_fen_per_m2" bigint,
	"deposit_rate_bp" integer,
	"developer_share_status" text NOT NULL,
	"merged_on" date,
	"version" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fund_journal_entry" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "fund_journal_entry_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"street_id" integer NOT NULL,
	"community_id" integer NOT NULL,
	"kind" text NOT NULL,
	"entry_date" date NOT NULL,
	"memo" text DEFAULT '' NOT NULL,
	"ref_type" text,
	"ref_id" bigint,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fund_journal_line" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "fund_journal_line_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"entry_id" bigint NOT NULL,
	"street_id" integer NOT NULL,
	"account_id" bigint NOT NULL,
	"debit_fen" bigint DEFAULT 0 NOT NULL,
	"credit_fen" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "fund_line_one_side" CHECK ("fund_journal_line"."debit_fen" >= 0 and "fund_journal_line"."credit_fen" >= 0 and ("fund_journal_line"."debit_fen" = 0) <> ("fund_journal_line"."credit_fen" = 0))
);
--> statement-breakpoint
CREATE TABLE "fund_use_event" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "fund_use_event_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"street_id" integer NOT NULL,
	"fund_use_id" bigint NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"note" text,
	"by_user_id" bigint,
	"by_label" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fund_use_tranche" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "fund_use_tranche_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"street_id" integer NOT NULL,
	"fund_use_id" bigint NOT NULL,
	"seq" smallint NOT NULL,
	"amount_fen" bigint NOT NULL,
	"paid_on" date NOT NULL,
	"payee" text NOT NULL,
	"entry_id" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fund_use" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "fund_use_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"street_id" integer NOT NULL,
	"community_id" integer NOT NULL,
	"path" text NOT NULL,
	"emergency_kind" text,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"payee" text DEFAULT '' NOT NULL,
	"budget_fen" bigint NOT NULL,
	"approved_fen" bigint,
	"building_ids" bigint[],
	"status" text DEFAULT 'draft' NOT NULL,
	"vote_id" bigint,
	"disclosure_id" bigint,
	"case_id" bigint,
	"hazard_id" bigint,
	"created_by" bigint,
	"version" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fund_recollection_campaign" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "fund_recollection_campaign_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"street_id" integer NOT NULL,
	"community_id" integer NOT NULL,
	"vote_id" bigint NOT NULL,
	"title" text NOT NULL,
	"scope" text NOT NULL,
	"rate_fen_per_m2" bigint NOT NULL,
	"start_on" date NOT NULL,
	"deadline_on" date NOT NULL,
	"instalments" smallint NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "recollection_within_3_years" CHECK ("fund_recollection_campaign"."deadline_on" <= "fund_recollection_campaign"."start_on" + interval '3 years')
);
--> statement-breakpoint
CREATE TABLE "fund_recollection_household" (
	"campaign_id" bigint NOT NULL,
	"unit_id" bigint NOT NULL,
	"street_id" integer NOT NULL,
	"due_fen" bigint NOT NULL,
	CONSTRAINT "fund_recollection_household_campaign_id_unit_id_pk" PRIMARY KEY("campaign_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "mediation_case" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "mediation_case_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"street_id" integer NOT NULL,
	"community_id" integer,
	"committee_id" integer NOT NULL,
	"mediator_id" integer,
	"dispute_type" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"parties" jsonb NOT NULL,
	"status" text DEFAULT 'accepted' NOT NULL,
	"received_on" date NOT NULL,
	"due_on" date NOT NULL,
	"extensions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"closed_on" date,
	"agreement" jsonb,
	"outcome_note" text,
	"created_by" bigint,
	"version" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mediation_committee" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "mediation_committee_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"district_id" integer NOT NULL,
	"street_id" integer,
	"level" text NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mediation_session" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "mediation_session_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"street_id" integer NOT NULL,
	"case_id" bigint NOT NULL,
	"held_on" date NOT NULL,
	"place" text NOT NULL,
	"notes" text NOT NULL,
	"by_label" text NOT NULL,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mediator" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "mediator_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"committee_id" integer NOT NULL,
	"street_id" integer,
	"name" text NOT NULL,
	"user_id" bigint,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "owners_committee_evidence" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "owners_committee_evidence_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"street_id" integer NOT NULL,
	"community_id" integer NOT NULL,
	"committee_id" integer NOT NULL,
	"system" text NOT NULL,
	"title" text NOT NULL,
	"evidence_on" date NOT NULL,
	"file_id" bigint,
	"note" text,
	"review_status" text DEFAULT 'pending' NOT NULL,
	"review_note" text,
	"reviewed_by" bigint,
	"reviewed_at" timestamp with time zone,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "owners_committee_meeting" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "owners_committee_meeting_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"street_id" integer NOT NULL,
	"community_id" integer NOT NULL,
	"committee_id" integer NOT NULL,
	"kind" text NOT NULL,
	"held_on" date NOT NULL,
	"title" text NOT NULL,
	"attendees" integer NOT NULL,
	"minutes" text NOT NULL,
	"minutes_file_id" bigint,
	"disclosure_id" bigint,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "owners_committee_reminder" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "owners_committee_reminder_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"street_id" integer NOT NULL,
	"community_id" integer NOT NULL,
	"committee_id" integer NOT NULL,
	"term_end" date NOT NULL,
	"kind" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "disclosure" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "disclosure_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"street_id" integer NOT NULL,
	"community_id" integer NOT NULL,
	"category" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"data" jsonb,
	"attachment_file_ids" bigint[] DEFAULT '{}' NOT NULL,
	"source_type" text,
	"source_id" bigint,
	"source_period" text,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"visible_until" date,
	"published_by" bigint,
	"published_by_label" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "five_in_one_follow_up" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "five_in_one_follow_up_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"street_id" integer NOT NULL,
	"issue_id" bigint NOT NULL,
	"note" text NOT NULL,
	"by_label" text NOT NULL,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "five_in_one_issue" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "five_in_one_issue_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"street_id" integer NOT NULL,
	"community_id" integer NOT NULL,
	"meeting_id" bigint NOT NULL,
	"title" text NOT NULL,
	"responsible_party" text NOT NULL,
	"due_on" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"resolved_on" date,
	"version" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "five_in_one_meeting" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "five_in_one_meeting_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"street_id" integer NOT NULL,
	"community_id" integer NOT NULL,
	"held_on" date NOT NULL,
	"title" text NOT NULL,
	"parties" text[] NOT NULL,
	"minutes" text NOT NULL,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "liaison_event" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "liaison_event_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"street_id" integer NOT NULL,
	"held_on" date NOT NULL,
	"title" text NOT NULL,
	"kind" text NOT NULL,
	"owners_committee_ids" integer[] NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "owners_committee_member" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "owners_committee_member_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"street_id" integer NOT NULL,
	"community_id" integer NOT NULL,
	"committee_id" integer NOT NULL,
	"person_id" bigint NOT NULL,
	"unit_id" bigint,
	"office" text NOT NULL,
	"term_start" date NOT NULL,
	"term_end" date NOT NULL,
	"cross_appointed" boolean DEFAULT false NOT NULL,
	"cross_appointed_role" text,
	"left_on" date,
	"version" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_record" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "training_record_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"district_id" integer NOT NULL,
	"street_id" integer,
	"audience" text NOT NULL,
	"title" text NOT NULL,
	"held_on" date NOT NULL,
	"hours" numeric(4, 1) NOT NULL,
	"attendees" integer NOT NULL,
	"trainer" text NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "training_hours_positive" CHECK ("training_record"."hours" > 0)
);
--> statement-breakpoint
CREATE TABLE "unit_owner" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "unit_owner_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"street_id" integer NOT NULL,
	"community_id" integer NOT NULL,
	"unit_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"person_id" bigint,
	"organization_id" integer,
	"delivered" boolean DEFAULT true NOT NULL,
	"since" date,
	"until" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "unit_owner_holder" CHECK (("unit_owner"."kind" = 'person' and "unit_owner"."person_id" is not null) or ("unit_owner"."kind" = 'developer' and "unit_owner"."organization_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "owner_vote_ballot" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "owner_vote_ballot_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"vote_id" bigint NOT NULL,
	"unit_id" bigint NOT NULL,
	"street_id" integer NOT NULL,
	"choice" text NOT NULL,
	"channel" text NOT NULL,
	"voter_person_id" bigint,
	"cast_by" bigint,
	"scan_file_id" bigint,
	"signed_by" text,
	"cast_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "owner_vote_roll" (
	"vote_id" bigint NOT NULL,
	"unit_id" bigint NOT NULL,
	"street_id" integer NOT NULL,
	"building_name" text NOT NULL,
	"unit_number" text NOT NULL,
	"exclusive_area" numeric(12, 2) NOT NULL,
	"owner_key" text NOT NULL,
	"owner_person_ids" bigint[] DEFAULT '{}' NOT NULL,
	CONSTRAINT "owner_vote_roll_vote_id_unit_id_pk" PRIMARY KEY("vote_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "owner_vote" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "owner_vote_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"street_id" integer NOT NULL,
	"community_id" integer NOT NULL,
	"title" text NOT NULL,
	"matter_type" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"rule_set" text,
	"opened_at" timestamp with time zone,
	"opened_on" date,
	"closes_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"result" jsonb,
	"passed" boolean,
	"public_until" date,
	"disclosure_id" bigint,
	"fund_use_id" bigint,
	"created_by" bigint,
	"version" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "person" ADD COLUMN "id_number_index" text;--> statement-breakpoint
ALTER TABLE "owners_committee" ADD COLUMN "elected_on" date;--> statement-breakpoint
ALTER TABLE "owners_committee" ADD COLUMN "filed_on" date;--> statement-breakpoint
ALTER TABLE "owners_committee" ADD COLUMN "version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "file" ADD COLUMN "community_id" integer;--> statement-breakpoint
ALTER TABLE "file" ADD COLUMN "visibility" text DEFAULT 'staff' NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "fund_depletion_alert_open" ON "fund_depletion_alert" USING btree ("community_id") WHERE "fund_depletion_alert"."status" = 'open';--> statement-breakpoint
CREATE INDEX "fund_depletion_alert_street_id_id_index" ON "fund_depletion_alert" USING btree ("street_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "fee_budget_contract_id_year_kind_index" ON "fee_budget" USING btree ("contract_id","year","kind");--> statement-breakpoint
CREATE INDEX "fee_contract_community_id_id_index" ON "fee_contract" USING btree ("community_id","id");--> statement-breakpoint
CREATE INDEX "fee_contract_street_id_id_index" ON "fee_contract" USING btree ("street_id","id");--> statement-breakpoint
CREATE INDEX "fee_ledger_item_contract_id_occurred_on_index" ON "fee_ledger_item" USING btree ("contract_id","occurred_on");--> statement-breakpoint
CREATE UNIQUE INDEX "fee_standard_district_id_grade_index" ON "fee_standard" USING btree ("district_id","grade");--> statement-breakpoint
CREATE INDEX "fund_account_unit_id_index" ON "fund_account" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "fund_account_building_id_index" ON "fund_account" USING btree ("building_id");--> statement-breakpoint
CREATE INDEX "fund_journal_entry_community_id_id_index" ON "fund_journal_entry" USING btree ("community_id","id");--> statement-breakpoint
CREATE INDEX "fund_journal_entry_ref_type_ref_id_index" ON "fund_journal_entry" USING btree ("ref_type","ref_id");--> statement-breakpoint
CREATE INDEX "fund_journal_line_entry_id_index" ON "fund_journal_line" USING btree ("entry_id");--> statement-breakpoint
CREATE INDEX "fund_journal_line_account_id_entry_id_index" ON "fund_journal_line" USING btree ("account_id","entry_id");--> statement-breakpoint
CREATE INDEX "fund_use_event_fund_use_id_id_index" ON "fund_use_event" USING btree ("fund_use_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "fund_use_tranche_fund_use_id_seq_index" ON "fund_use_tranche" USING btree ("fund_use_id","seq");--> statement-breakpoint
CREATE INDEX "fund_use_community_id_id_index" ON "fund_use" USING btree ("community_id","id");--> statement-breakpoint
CREATE INDEX "fund_use_street_id_id_index" ON "fund_use" USING btree ("street_id","id");--> statement-breakpoint
CREATE INDEX "fund_use_case_id_index" ON "fund_use" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "fund_use_hazard_id_index" ON "fund_use" USING btree ("hazard_id");--> statement-breakpoint
CREATE INDEX "fund_recollection_campaign_community_id_id_index" ON "fund_recollection_campaign" USING btree ("community_id","id");--> statement-breakpoint
CREATE INDEX "mediation_case_street_id_id_index" ON "mediation_case" USING btree ("street_id","id");--> statement-breakpoint
CREATE INDEX "mediation_case_committee_id_id_index" ON "mediation_case" USING btree ("committee_id","id");--> statement-breakpoint
CREATE INDEX "mediation_committee_street_id_index" ON "mediation_committee" USING btree ("street_id");--> statement-breakpoint
CREATE INDEX "mediation_session_case_id_index" ON "mediation_session" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "mediator_committee_id_index" ON "mediator" USING btree ("committee_id");--> statement-breakpoint
CREATE INDEX "mediator_user_id_index" ON "mediator" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "owners_committee_evidence_committee_id_system_index" ON "owners_committee_evidence" USING btree ("committee_id","system");--> statement-breakpoint
CREATE INDEX "owners_committee_meeting_committee_id_id_index" ON "owners_committee_meeting" USING btree ("committee_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "owners_committee_reminder_committee_id_term_end_kind_index" ON "owners_committee_reminder" USING btree ("committee_id","term_end","kind");--> statement-breakpoint
CREATE INDEX "owners_committee_reminder_street_id_id_index" ON "owners_committee_reminder" USING btree ("street_id","id");--> statement-breakpoint
CREATE INDEX "disclosure_community_id_id_index" ON "disclosure" USING btree ("community_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "disclosure_source" ON "disclosure" USING btree ("source_type","source_id","source_period") WHERE "disclosure"."source_type" is not null;--> statement-breakpoint
CREATE INDEX "five_in_one_follow_up_issue_id_index" ON "five_in_one_follow_up" USING btree ("issue_id");--> statement-breakpoint
CREATE INDEX "five_in_one_issue_meeting_id_index" ON "five_in_one_issue" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "five_in_one_issue_community_id_status_index" ON "five_in_one_issue" USING btree ("community_id","status");--> statement-breakpoint
CREATE INDEX "five_in_one_meeting_community_id_id_index" ON "five_in_one_meeting" USING btree ("community_id","id");--> statement-breakpoint
CREATE INDEX "five_in_one_meeting_street_id_id_index" ON "five_in_one_meeting" USING btree ("street_id","id");--> statement-breakpoint
CREATE INDEX "liaison_event_street_id_id_index" ON "liaison_event" USING btree ("street_id","id");--> statement-breakpoint
CREATE INDEX "owners_committee_member_committee_id_index" ON "owners_committee_member" USING btree ("committee_id");--> statement-breakpoint
CREATE UNIQUE INDEX "owners_committee_member_person" ON "owners_committee_member" USING btree ("committee_id","person_id") WHERE "owners_committee_member"."left_on" is null;--> statement-breakpoint
CREATE INDEX "training_record_street_id_id_index" ON "training_record" USING btree ("street_id","id");--> statement-breakpoint
CREATE INDEX "unit_owner_current_unit_idx" ON "unit_owner" USING btree ("unit_id") WHERE "unit_owner"."until" is null;--> statement-breakpoint
CREATE INDEX "unit_owner_current_community_idx" ON "unit_owner" USING btree ("community_id","unit_id") WHERE "unit_owner"."until" is null;--> statement-breakpoint
CREATE INDEX "unit_owner_person_idx" ON "unit_owner" USING btree ("person_id") WHERE "unit_owner"."until" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "owner_vote_ballot_vote_id_unit_id_index" ON "owner_vote_ballot" USING btree ("vote_id","unit_id");--> statement-breakpoint
CREATE INDEX "owner_vote_community_id_id_index" ON "owner_vote" USING btree ("community_id","id");--> statement-breakpoint
CREATE INDEX "owner_vote_street_id_id_index" ON "owner_vote" USING btree ("street_id","id");--> statement-breakpoint
CREATE INDEX "owner_vote_open_idx" ON "owner_vote" USING btree ("closes_at") WHERE "owner_vote"."status" = 'open';--> statement-breakpoint
CREATE INDEX "person_id_number_index_index" ON "person" USING btree ("id_number_index");--> statement-breakpoint
CREATE INDEX "owners_committee_street_id_id_index" ON "owners_committee" USING btree ("street_id","id");--> statement-breakpoint
CREATE INDEX "file_community_id_index" ON "file" USING btree ("community_id");--> statement-breakpoint
ALTER TABLE "owners_committee" ADD CONSTRAINT "owners_committee_term" CHECK ("owners_committee"."term_end" > "owners_committee"."term_start" and "owners_committee"."term_end" < "owners_committee"."term_start" + interval '5 years');