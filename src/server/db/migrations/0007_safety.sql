CREATE TABLE "asset_maintenance" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "asset_maintenance_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"asset_id" bigint NOT NULL,
	"street_id" integer NOT NULL,
	"done_on" date NOT NULL,
	"kind" text NOT NULL,
	"company" text,
	"note" text,
	"by_label" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "asset_renewal_plan" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "asset_renewal_plan_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"asset_id" bigint NOT NULL,
	"street_id" integer NOT NULL,
	"risk_assessment_id" bigint,
	"kind" text NOT NULL,
	"planned_year" smallint NOT NULL,
	"cost_fen" bigint NOT NULL,
	"funding_source" text NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"note" text,
	"by_label" text NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "asset_risk_assessment" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "asset_risk_assessment_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"asset_id" bigint NOT NULL,
	"street_id" integer NOT NULL,
	"assessed_on" date NOT NULL,
	"agency" text NOT NULL,
	"result" text NOT NULL,
	"findings" text NOT NULL,
	"by_label" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "asset_statutory_inspection" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "asset_statutory_inspection_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"asset_id" bigint NOT NULL,
	"street_id" integer NOT NULL,
	"inspected_on" date NOT NULL,
	"agency" text NOT NULL,
	"result" text NOT NULL,
	"certificate_no" text,
	"next_due_on" date NOT NULL,
	"note" text,
	"by_label" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "asset" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "asset_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"street_id" integer NOT NULL,
	"community_id" integer NOT NULL,
	"building_id" bigint,
	"kind" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"ownership" text NOT NULL,
	"maintainer_name" text,
	"quantity" integer DEFAULT 1 NOT NULL,
	"status" text DEFAULT 'in_use' NOT NULL,
	"condition" text DEFAULT 'unknown' NOT NULL,
	"condition_checked_at" timestamp with time zone,
	"installed_on" date,
	"manufacturer" text,
	"registration_code" text,
	"maintenance_org_id" integer,
	"last_statutory_inspection_on" date,
	"last_maintenance_on" date,
	"note" text,
	"version" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "duty_roster" (
	"district_id" integer NOT NULL,
	"day" date NOT NULL,
	"team_id" integer NOT NULL,
	"note" text,
	"set_by" text NOT NULL,
	"set_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "duty_roster_district_id_day_pk" PRIMARY KEY("district_id","day")
);
--> statement-breakpoint
CREATE TABLE "emergency_dispatch" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "emergency_dispatch_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"street_id" integer NOT NULL,
	"community_id" integer NOT NULL,
	"team_id" integer NOT NULL,
	"case_id" bigint,
	"hazard_id" bigint,
	"status" text DEFAULT 'assigned' NOT NULL,
	"assigned_at" timestamp with time zone DEFAULT now() NOT NULL,
	"assigned_by" text NOT NULL,
	"arrived_at" timestamp with time zone,
	"done_at" timestamp with time zone,
	"note" text,
	"version" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "material_movement" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "material_movement_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"material_id" integer NOT NULL,
	"kind" text NOT NULL,
	"delta" integer NOT NULL,
	"balance" integer NOT NULL,
	"hazard_id" bigint,
	"note" text,
	"by_user_id" bigint,
	"by_label" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "emergency_material" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "emergency_material_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"district_id" integer NOT NULL,
	"name" text NOT NULL,
	"spec" text,
	"unit" text NOT NULL,
	"stock" integer DEFAULT 0 NOT NULL,
	"min_stock" integer DEFAULT 0 NOT NULL,
	"location" text,
	"version" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "safety_team_member" (
	"team_id" integer NOT NULL,
	"user_id" bigint NOT NULL,
	CONSTRAINT "safety_team_member_team_id_user_id_pk" PRIMARY KEY("team_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "safety_team" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "safety_team_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"district_id" integer NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"leader_name" text,
	"phone" text,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fire_consultation_response" (
	"consultation_id" bigint NOT NULL,
	"street_id" integer NOT NULL,
	"unit_id" bigint NOT NULL,
	"answer" text DEFAULT 'pending' NOT NULL,
	"respondent" text,
	"answered_at" timestamp with time zone,
	"recorded_by" text,
	CONSTRAINT "fire_consultation_response_consultation_id_unit_id_pk" PRIMARY KEY("consultation_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "fire_consultation" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "fire_consultation_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"street_id" integer NOT NULL,
	"community_id" integer NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"building_ids" jsonb NOT NULL,
	"opened_on" date NOT NULL,
	"closes_on" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_by" text NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hazard_event" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "hazard_event_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"hazard_id" bigint NOT NULL,
	"street_id" integer NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" bigint,
	"actor_label" text NOT NULL,
	"action" text NOT NULL,
	"note" text,
	"data" jsonb
);
--> statement-breakpoint
CREATE TABLE "hazard_photo" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "hazard_photo_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"hazard_id" bigint NOT NULL,
	"street_id" integer NOT NULL,
	"file_id" bigint NOT NULL,
	"stage" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hazard_setting" (
	"district_id" integer PRIMARY KEY NOT NULL,
	"major_days" integer NOT NULL,
	"significant_days" integer NOT NULL,
	"general_days" integer NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hazard" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "hazard_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"street_id" integer NOT NULL,
	"community_id" integer NOT NULL,
	"building_id" bigint,
	"asset_id" bigint,
	"round_id" bigint,
	"item_key" text,
	"source" text NOT NULL,
	"category_code" text NOT NULL,
	"grade" text NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"responsible_unit_kind" text NOT NULL,
	"responsible_unit_id" integer,
	"responsible_unit_name" text NOT NULL,
	"responsible_person" text,
	"responsible_phone" text,
	"found_by_team_id" integer,
	"found_by_user_id" bigint,
	"found_by_label" text NOT NULL,
	"found_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"repair_team_id" integer,
	"repaired_by_user_id" bigint,
	"repaired_by_label" text,
	"repaired_at" timestamp with time zone,
	"verified_by_user_id" bigint,
	"verified_by_label" text,
	"verified_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"rework_count" integer DEFAULT 0 NOT NULL,
	"next_reinspection_on" date,
	"case_id" bigint,
	"version" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inspection_answer" (
	"round_id" bigint NOT NULL,
	"street_id" integer NOT NULL,
	"item_key" text NOT NULL,
	"result" text NOT NULL,
	"note" text,
	"answered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"answered_by" text NOT NULL,
	CONSTRAINT "inspection_answer_round_id_item_key_pk" PRIMARY KEY("round_id","item_key")
);
--> statement-breakpoint
CREATE TABLE "inspection_photo" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "inspection_photo_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"round_id" bigint NOT NULL,
	"street_id" integer NOT NULL,
	"item_key" text NOT NULL,
	"file_id" bigint NOT NULL,
	CONSTRAINT "inspection_photo_fileId_unique" UNIQUE("file_id")
);
--> statement-breakpoint
CREATE TABLE "inspection_plan" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "inspection_plan_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"district_id" integer NOT NULL,
	"street_id" integer,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"target_kind" text NOT NULL,
	"filter" jsonb NOT NULL,
	"cadence" text NOT NULL,
	"mixed_use_cadence" text,
	"starts_on" date NOT NULL,
	"due_on" date,
	"ends_on" date,
	"team_id" integer NOT NULL,
	"checklist" jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_by_user_id" bigint,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inspection_round" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "inspection_round_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"plan_id" integer NOT NULL,
	"street_id" integer NOT NULL,
	"community_id" integer NOT NULL,
	"building_id" bigint,
	"asset_id" bigint,
	"target_kind" text NOT NULL,
	"target_id" bigint NOT NULL,
	"target_name" text NOT NULL,
	"team_id" integer NOT NULL,
	"cycle_start" date NOT NULL,
	"due_on" date NOT NULL,
	"checklist" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"finished_by_user_id" bigint,
	"finished_by" text,
	"failed_count" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "legacy_item" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "legacy_item_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"street_id" integer NOT NULL,
	"community_id" integer NOT NULL,
	"building_id" bigint,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"disposition" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"decided_on" date,
	"done_on" date,
	"created_by" text NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "legacy_repair" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "legacy_repair_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"item_id" bigint NOT NULL,
	"street_id" integer NOT NULL,
	"done_on" date NOT NULL,
	"description" text NOT NULL,
	"contractor" text,
	"cost_fen" bigint,
	"recorded_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "warranty" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "warranty_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"street_id" integer NOT NULL,
	"community_id" integer NOT NULL,
	"building_id" bigint NOT NULL,
	"component" text NOT NULL,
	"completion_accepted_on" date NOT NULL,
	"design_life_years" smallint,
	"statutory_ends_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "warranty_assessment" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "warranty_assessment_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"street_id" integer NOT NULL,
	"community_id" integer NOT NULL,
	"building_id" bigint NOT NULL,
	"milestone" text NOT NULL,
	"assessed_on" date NOT NULL,
	"grade" text NOT NULL,
	"findings" text NOT NULL,
	"assessor" text NOT NULL,
	"recorded_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "warranty_defect" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "warranty_defect_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"street_id" integer NOT NULL,
	"community_id" integer NOT NULL,
	"building_id" bigint NOT NULL,
	"warranty_id" bigint,
	"component" text NOT NULL,
	"title" text NOT NULL,
	"in_warranty" boolean NOT NULL,
	"case_id" bigint NOT NULL,
	"reported_by_user_id" bigint,
	"reported_by" text NOT NULL,
	"reported_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "waterlogging_point" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "waterlogging_point_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"street_id" integer NOT NULL,
	"community_id" integer NOT NULL,
	"name" text NOT NULL,
	"location" text,
	"cause" text NOT NULL,
	"max_depth_cm" smallint,
	"last_flooded_on" date,
	"remediation_status" text DEFAULT 'identified' NOT NULL,
	"measure" text,
	"planned_on" date,
	"done_on" date,
	"created_by" text NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "asset_maintenance" ADD CONSTRAINT "asset_maintenance_asset_id_asset_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."asset"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_renewal_plan" ADD CONSTRAINT "asset_renewal_plan_asset_id_asset_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."asset"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_risk_assessment" ADD CONSTRAINT "asset_risk_assessment_asset_id_asset_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."asset"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_statutory_inspection" ADD CONSTRAINT "asset_statutory_inspection_asset_id_asset_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."asset"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duty_roster" ADD CONSTRAINT "duty_roster_team_id_safety_team_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."safety_team"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergency_dispatch" ADD CONSTRAINT "emergency_dispatch_team_id_safety_team_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."safety_team"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "material_movement" ADD CONSTRAINT "material_movement_material_id_emergency_material_id_fk" FOREIGN KEY ("material_id") REFERENCES "public"."emergency_material"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_team_member" ADD CONSTRAINT "safety_team_member_team_id_safety_team_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."safety_team"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fire_consultation_response" ADD CONSTRAINT "fire_consultation_response_consultation_id_fire_consultation_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."fire_consultation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazard_event" ADD CONSTRAINT "hazard_event_hazard_id_hazard_id_fk" FOREIGN KEY ("hazard_id") REFERENCES "public"."hazard"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazard_photo" ADD CONSTRAINT "hazard_photo_hazard_id_hazard_id_fk" FOREIGN KEY ("hazard_id") REFERENCES "public"."hazard"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_answer" ADD CONSTRAINT "inspection_answer_round_id_inspection_round_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."inspection_round"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_photo" ADD CONSTRAINT "inspection_photo_round_id_inspection_round_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."inspection_round"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_round" ADD CONSTRAINT "inspection_round_plan_id_inspection_plan_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."inspection_plan"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legacy_repair" ADD CONSTRAINT "legacy_repair_item_id_legacy_item_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."legacy_item"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "asset_maintenance_asset_id_done_on_index" ON "asset_maintenance" USING btree ("asset_id","done_on");--> statement-breakpoint
CREATE INDEX "asset_renewal_plan_asset_id_index" ON "asset_renewal_plan" USING btree ("asset_id");--> statement-breakpoint
CREATE INDEX "asset_risk_assessment_asset_id_assessed_on_index" ON "asset_risk_assessment" USING btree ("asset_id","assessed_on");--> statement-breakpoint
CREATE INDEX "asset_statutory_inspection_asset_id_inspected_on_index" ON "asset_statutory_inspection" USING btree ("asset_id","inspected_on");--> statement-breakpoint
CREATE UNIQUE INDEX "asset_community_id_code_index" ON "asset" USING btree ("community_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "asset_registration_code_key" ON "asset" USING btree ("registration_code") WHERE "asset"."registration_code" is not null;--> statement-breakpoint
CREATE INDEX "asset_street_id_kind_index" ON "asset" USING btree ("street_id","kind");--> statement-breakpoint
CREATE INDEX "asset_building_id_index" ON "asset" USING btree ("building_id");--> statement-breakpoint
CREATE UNIQUE INDEX "emergency_dispatch_case_key" ON "emergency_dispatch" USING btree ("case_id") WHERE "emergency_dispatch"."case_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "emergency_dispatch_open_hazard_key" ON "emergency_dispatch" USING btree ("hazard_id") WHERE "emergency_dispatch"."hazard_id" is not null and "emergency_dispatch"."done_at" is null;--> statement-breakpoint
CREATE INDEX "emergency_dispatch_team_id_status_index" ON "emergency_dispatch" USING btree ("team_id","status");--> statement-breakpoint
CREATE INDEX "emergency_dispatch_street_id_index" ON "emergency_dispatch" USING btree ("street_id");--> statement-breakpoint
CREATE INDEX "material_movement_material_id_id_index" ON "material_movement" USING btree ("material_id","id");--> statement-breakpoint
CREATE INDEX "emergency_material_district_id_index" ON "emergency_material" USING btree ("district_id");--> statement-breakpoint
CREATE INDEX "safety_team_member_user_id_index" ON "safety_team_member" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "safety_team_district_id_name_index" ON "safety_team" USING btree ("district_id","name");--> statement-breakpoint
CREATE INDEX "fire_consultation_street_id_index" ON "fire_consultation" USING btree ("street_id");--> statement-breakpoint
CREATE INDEX "fire_consultation_community_id_index" ON "fire_consultation" USING btree ("community_id");--> statement-breakpoint
CREATE INDEX "hazard_event_hazard_id_index" ON "hazard_event" USING btree ("hazard_id");--> statement-breakpoint
CREATE INDEX "hazard_photo_hazard_id_index" ON "hazard_photo" USING btree ("hazard_id");--> statement-breakpoint
CREATE UNIQUE INDEX "hazard_photo_hazard_id_file_id_index" ON "hazard_photo" USING btree ("hazard_id","file_id");--> statement-breakpoint
CREATE INDEX "hazard_street_id_status_index" ON "hazard" USING btree ("street_id","status");--> statement-breakpoint
CREATE INDEX "hazard_community_id_index" ON "hazard" USING btree ("community_id");--> statement-breakpoint
CREATE INDEX "hazard_reinspection_idx" ON "hazard" USING btree ("next_reinspection_on") WHERE "hazard"."status" <> 'closed';--> statement-breakpoint
CREATE UNIQUE INDEX "hazard_round_item_key" ON "hazard" USING btree ("round_id","item_key") WHERE "hazard"."round_id" is not null;--> statement-breakpoint
CREATE INDEX "hazard_repair_team_id_index" ON "hazard" USING btree ("repair_team_id");--> statement-breakpoint
CREATE INDEX "inspection_photo_round_id_index" ON "inspection_photo" USING btree ("round_id");--> statement-breakpoint
CREATE INDEX "inspection_plan_district_id_index" ON "inspection_plan" USING btree ("district_id");--> statement-breakpoint
CREATE INDEX "inspection_plan_street_id_index" ON "inspection_plan" USING btree ("street_id");--> statement-breakpoint
CREATE UNIQUE INDEX "inspection_round_plan_id_target_kind_target_id_cycle_start_index" ON "inspection_round" USING btree ("plan_id","target_kind","target_id","cycle_start");--> statement-breakpoint
CREATE INDEX "inspection_round_street_id_status_index" ON "inspection_round" USING btree ("street_id","status");--> statement-breakpoint
CREATE INDEX "inspection_round_team_id_status_due_on_index" ON "inspection_round" USING btree ("team_id","status","due_on");--> statement-breakpoint
CREATE INDEX "inspection_round_plan_id_due_on_index" ON "inspection_round" USING btree ("plan_id","due_on");--> statement-breakpoint
CREATE INDEX "inspection_round_community_id_index" ON "inspection_round" USING btree ("community_id");--> statement-breakpoint
CREATE INDEX "legacy_item_street_id_index" ON "legacy_item" USING btree ("street_id");--> statement-breakpoint
CREATE INDEX "legacy_item_community_id_index" ON "legacy_item" USING btree ("community_id");--> statement-breakpoint
CREATE INDEX "legacy_repair_item_id_index" ON "legacy_repair" USING btree ("item_id");--> statement-breakpoint
CREATE UNIQUE INDEX "warranty_building_id_component_index" ON "warranty" USING btree ("building_id","component");--> statement-breakpoint
CREATE INDEX "warranty_street_id_index" ON "warranty" USING btree ("street_id");--> statement-breakpoint
CREATE INDEX "warranty_community_id_index" ON "warranty" USING btree ("community_id");--> statement-breakpoint
CREATE UNIQUE INDEX "warranty_assessment_building_id_milestone_index" ON "warranty_assessment" USING btree ("building_id","milestone");--> statement-breakpoint
CREATE INDEX "warranty_defect_building_id_index" ON "warranty_defect" USING btree ("building_id");--> statement-breakpoint
CREATE INDEX "warranty_defect_warranty_id_index" ON "warranty_defect" USING btree ("warranty_id");--> statement-breakpoint
CREATE INDEX "waterlogging_point_street_id_index" ON "waterlogging_point" USING btree ("street_id");--> statement-breakpoint
CREATE INDEX "waterlogging_point_community_id_index" ON "waterlogging_point" USING btree ("community_id");