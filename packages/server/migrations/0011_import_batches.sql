CREATE TABLE "import_batches" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"province_code" text NOT NULL,
	"unit_code" text,
	"entity" text NOT NULL,
	"account_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"rows_read" integer NOT NULL,
	"imported" integer NOT NULL,
	"unchanged" integer NOT NULL,
	"review" integer NOT NULL,
	"rejected" integer NOT NULL,
	"persons_created" integer NOT NULL,
	"ms" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "import_batches_id_province_code_pk" PRIMARY KEY("id","province_code")
);
--> statement-breakpoint
CREATE TABLE "import_rejections" (
	"batch_id" uuid NOT NULL,
	"province_code" text NOT NULL,
	"row_no" integer NOT NULL,
	"field" text NOT NULL,
	"value" text,
	"message" text NOT NULL,
	CONSTRAINT "import_rejections_batch_id_row_no_province_code_pk" PRIMARY KEY("batch_id","row_no","province_code")
);
--> statement-breakpoint
ALTER TABLE "import_rejections" ADD CONSTRAINT "import_rejections_batch_id_province_code_import_batches_id_province_code_fk" FOREIGN KEY ("batch_id","province_code") REFERENCES "public"."import_batches"("id","province_code") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "import_batches_account_idx" ON "import_batches" USING btree ("account_id","created_at");--> statement-breakpoint
CREATE TRIGGER "import_batches_province_fixed" BEFORE UPDATE OF "province_code" ON "import_batches" FOR EACH ROW EXECUTE FUNCTION refuse_province_change();--> statement-breakpoint
CREATE TRIGGER "import_rejections_province_fixed" BEFORE UPDATE OF "province_code" ON "import_rejections" FOR EACH ROW EXECUTE FUNCTION refuse_province_change();
