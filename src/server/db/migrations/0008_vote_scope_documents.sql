ALTER TABLE "owner_vote" ADD COLUMN "building_ids" bigint[];--> statement-breakpoint
ALTER TABLE "owner_vote" ADD COLUMN "document_file_ids" bigint[] DEFAULT '{}' NOT NULL;