ALTER TABLE "case_record" ADD COLUMN "supervision_remaining_ms" bigint;--> statement-breakpoint
ALTER TABLE "case_record" ADD COLUMN "suspended_by_user_id" bigint;--> statement-breakpoint
ALTER TABLE "case_record" ADD COLUMN "suspend_reminded_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "case_record_suspend_review_idx" ON "case_record" USING btree ("suspend_review_on") WHERE "case_record"."state" = 'suspended';