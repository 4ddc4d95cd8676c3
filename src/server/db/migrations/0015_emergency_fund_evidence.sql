-- The case and hazard ids were free-typed: links to a missing record or to another community are dropped before the keys
UPDATE "fund_use" u SET "case_id" = NULL WHERE "case_id" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "case_record" c WHERE c."id" = u."case_id" AND c."community_id" = u."community_id");--> statement-breakpoint
UPDATE "fund_use" u SET "hazard_id" = NULL WHERE "hazard_id" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "hazard" h WHERE h."id" = u."hazard_id" AND h."community_id" = u."community_id");--> statement-breakpoint
ALTER TABLE "fund_use" ADD COLUMN "evidence_file_ids" bigint[] DEFAULT '{}'::bigint[] NOT NULL;--> statement-breakpoint
ALTER TABLE "fund_use" ADD COLUMN "disclosure_due_on" date;--> statement-breakpoint
ALTER TABLE "fund_use" ADD COLUMN "disclosure_reminded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "fund_use" ADD COLUMN "disclosure_escalated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "fund_use" ADD CONSTRAINT "fund_use_case_id_case_record_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."case_record"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_use" ADD CONSTRAINT "fund_use_hazard_id_hazard_id_fk" FOREIGN KEY ("hazard_id") REFERENCES "public"."hazard"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "fund_use_disclosure_due_idx" ON "fund_use" USING btree ("disclosure_due_on") WHERE "fund_use"."status" = 'accepted';