ALTER TABLE "owner_vote" ADD COLUMN "assembly_on" date;--> statement-breakpoint
ALTER TABLE "owner_vote" ADD COLUMN "recorded_at" timestamp with time zone;