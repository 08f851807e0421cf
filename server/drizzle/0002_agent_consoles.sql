ALTER TABLE "agents" ADD COLUMN "console_opened_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "agents" ADD COLUMN "console_closed_at" timestamp with time zone;