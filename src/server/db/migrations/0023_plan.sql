CREATE TABLE "plan_follow_up" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "plan_follow_up_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"meeting_id" bigint NOT NULL,
	"seq" smallint NOT NULL,
	"description" text NOT NULL,
	"owner_kind" text NOT NULL,
	"owner_id" integer NOT NULL,
	"due_on" date NOT NULL,
	"task_id" bigint,
	"done_on" date,
	"done_note" text,
	"version" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_meeting" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "plan_meeting_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"district_id" integer NOT NULL,
	"held_on" date NOT NULL,
	"title" text NOT NULL,
	"location" text,
	"chair" text NOT NULL,
	"attendees" jsonb NOT NULL,
	"decisions" jsonb NOT NULL,
	"recorded_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_phase" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "plan_phase_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"district_id" integer NOT NULL,
	"code" text NOT NULL,
	"seq" smallint NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_progress" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "plan_progress_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"task_id" bigint NOT NULL,
	"unit_id" bigint NOT NULL,
	"street_id" integer,
	"percent" smallint NOT NULL,
	"note" text NOT NULL,
	"reported_on" date NOT NULL,
	"file_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"reported_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_review" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "plan_review_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"task_id" bigint NOT NULL,
	"decision" text NOT NULL,
	"note" text NOT NULL,
	"decided_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_task_unit" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "plan_task_unit_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"task_id" bigint NOT NULL,
	"role" text NOT NULL,
	"kind" text NOT NULL,
	"department_id" integer,
	"street_id" integer,
	"organization_id" integer,
	"percent" smallint DEFAULT 0 NOT NULL,
	"last_reported_on" date,
	CONSTRAINT "plan_task_unit_taskId_kind_departmentId_streetId_organizationId_unique" UNIQUE NULLS NOT DISTINCT("task_id","kind","department_id","street_id","organization_id")
);
--> statement-breakpoint
CREATE TABLE "plan_task" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "plan_task_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"district_id" integer NOT NULL,
	"code" text NOT NULL,
	"clause" text NOT NULL,
	"seq" integer NOT NULL,
	"title" text NOT NULL,
	"title_en" text NOT NULL,
	"phase" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "plan_follow_up" ADD CONSTRAINT "plan_follow_up_meeting_id_plan_meeting_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."plan_meeting"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_follow_up" ADD CONSTRAINT "plan_follow_up_task_id_plan_task_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."plan_task"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_progress" ADD CONSTRAINT "plan_progress_task_id_plan_task_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."plan_task"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_progress" ADD CONSTRAINT "plan_progress_unit_id_plan_task_unit_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."plan_task_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_review" ADD CONSTRAINT "plan_review_task_id_plan_task_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."plan_task"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_task_unit" ADD CONSTRAINT "plan_task_unit_task_id_plan_task_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."plan_task"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "plan_follow_up_meeting_id_index" ON "plan_follow_up" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "plan_follow_up_task_id_index" ON "plan_follow_up" USING btree ("task_id");--> statement-breakpoint
CREATE INDEX "plan_meeting_district_id_held_on_index" ON "plan_meeting" USING btree ("district_id","held_on");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_phase_district_id_code_index" ON "plan_phase" USING btree ("district_id","code");--> statement-breakpoint
CREATE INDEX "plan_progress_task_id_index" ON "plan_progress" USING btree ("task_id");--> statement-breakpoint
CREATE INDEX "plan_review_task_id_index" ON "plan_review" USING btree ("task_id");--> statement-breakpoint
CREATE INDEX "plan_task_unit_task_id_index" ON "plan_task_unit" USING btree ("task_id");--> statement-breakpoint
CREATE INDEX "plan_task_unit_street_id_index" ON "plan_task_unit" USING btree ("street_id");--> statement-breakpoint
CREATE INDEX "plan_task_unit_department_id_index" ON "plan_task_unit" USING btree ("department_id");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_task_district_id_code_index" ON "plan_task" USING btree ("district_id","code");