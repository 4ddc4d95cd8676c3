ALTER TABLE "accountability_record" ALTER COLUMN "case_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "accountability_record" ALTER COLUMN "stage_seq" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "accountability_record" ADD COLUMN "kind" text DEFAULT 'case' NOT NULL;--> statement-breakpoint
ALTER TABLE "accountability_record" ADD COLUMN "period" text;--> statement-breakpoint
ALTER TABLE "accountability_record" ADD COLUMN "evidence" jsonb;--> statement-breakpoint
CREATE UNIQUE INDEX "accountability_unit_period_key" ON "accountability_record" USING btree ("street_id","unit_kind","unit_id","period") WHERE "accountability_record"."kind" = 'unit_overdue';--> statement-breakpoint
CREATE INDEX "supervision_order_auto_created_idx" ON "supervision_order" USING btree ("street_id","created_at") WHERE "supervision_order"."source" = 'auto';