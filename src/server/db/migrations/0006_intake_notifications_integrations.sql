CREATE TABLE "case_event_cursor" (
	"consumer" text PRIMARY KEY NOT NULL,
	"tx" bigint DEFAULT 0 NOT NULL,
	"event_id" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_external_ref" (
	"source" text NOT NULL,
	"ticket" text NOT NULL,
	"case_id" bigint NOT NULL,
	"street_id" integer NOT NULL,
	"api_client_id" integer,
	"media_url" text,
	"reporter_email_enc" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_external_ref_source_ticket_pk" PRIMARY KEY("source","ticket")
);
--> statement-breakpoint
CREATE TABLE "api_client" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "api_client_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"channel" text NOT NULL,
	"district_id" integer NOT NULL,
	"key_prefix" text NOT NULL,
	"key_hash" text NOT NULL,
	"callback_url" text,
	"callback_secret_enc" text,
	"rate_limit_per_minute" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "notification_preference" (
	"user_id" bigint PRIMARY KEY NOT NULL,
	"events" jsonb NOT NULL,
	"email_enc" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notification" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "notification_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"user_id" bigint NOT NULL,
	"street_id" integer,
	"kind" text NOT NULL,
	"case_id" bigint,
	"event_id" bigint,
	"params" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "outbound_attempt" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "outbound_attempt_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"message_id" bigint NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"ok" boolean NOT NULL,
	"status_code" integer,
	"error" text,
	"duration_ms" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbound_message" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "outbound_message_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"street_id" integer,
	"topic" text NOT NULL,
	"case_id" bigint,
	"api_client_id" integer,
	"user_id" bigint,
	"target_enc" text NOT NULL,
	"subject" text,
	"body" text NOT NULL,
	"ordering_key" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" smallint DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "case_event" ADD COLUMN "tx" bigint DEFAULT (pg_current_xact_id()::text)::bigint NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "case_external_ref_case_id_index" ON "case_external_ref" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "api_client_name_index" ON "api_client" USING btree ("name");--> statement-breakpoint
CREATE UNIQUE INDEX "api_client_key_hash_index" ON "api_client" USING btree ("key_hash");--> statement-breakpoint
CREATE INDEX "notification_user_id_id_index" ON "notification" USING btree ("user_id","id");--> statement-breakpoint
CREATE INDEX "notification_case_id_index" ON "notification" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "outbound_attempt_message_id_id_index" ON "outbound_attempt" USING btree ("message_id","id");--> statement-breakpoint
CREATE INDEX "outbound_message_due_idx" ON "outbound_message" USING btree ("next_attempt_at") WHERE "outbound_message"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "outbound_message_ordering_key_id_index" ON "outbound_message" USING btree ("ordering_key","id");--> statement-breakpoint
CREATE INDEX "outbound_message_api_client_id_id_index" ON "outbound_message" USING btree ("api_client_id","id");--> statement-breakpoint
CREATE INDEX "outbound_message_case_id_index" ON "outbound_message" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_event_tx_id_index" ON "case_event" USING btree ("tx","id");--> statement-breakpoint
CREATE INDEX "case_event_street_id_at_index" ON "case_event" USING btree ("street_id","at");