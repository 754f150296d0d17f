CREATE TABLE "case_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "case_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"case_id" uuid NOT NULL,
	"occurred_on" date NOT NULL,
	"kind" text NOT NULL,
	"value" text NOT NULL,
	"detail" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"province_code" text NOT NULL,
	"unit_code" text NOT NULL,
	"person_id" uuid NOT NULL,
	"detected_on" date NOT NULL,
	"found_by" text NOT NULL,
	"cluster_id" uuid,
	"source_contact_id" uuid,
	"source_case_id" uuid,
	"confirm_test_id" uuid,
	"status" text DEFAULT 'active' NOT NULL,
	"severity" text DEFAULT 'asymptomatic' NOT NULL,
	"care_place" text DEFAULT 'home' NOT NULL,
	"outcome_on" date,
	"outcome_criterion" text,
	"reinfection" boolean DEFAULT false NOT NULL,
	"external_ref" text,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "clusters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"province_code" text NOT NULL,
	"unit_code" text NOT NULL,
	"name" text NOT NULL,
	"opened_on" date NOT NULL,
	"closed_on" date,
	"villages" text[] DEFAULT '{}'::text[] NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "contacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"province_code" text NOT NULL,
	"unit_code" text NOT NULL,
	"case_province_code" text NOT NULL,
	"case_unit_code" text NOT NULL,
	"case_id" uuid NOT NULL,
	"via_contact_id" uuid,
	"person_id" uuid NOT NULL,
	"degree" integer DEFAULT 1 NOT NULL,
	"exposure_date" date NOT NULL,
	"setting" text NOT NULL,
	"vaccination" text DEFAULT 'unknown' NOT NULL,
	"quarantine_place" text,
	"quarantine_start" date,
	"quarantine_end" date,
	"policy_code" text,
	"resulting_case_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "lab_test_pool_members" (
	"pool_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"province_code" text NOT NULL,
	"unit_code" text NOT NULL,
	"status" text NOT NULL,
	"retest_id" uuid,
	CONSTRAINT "lab_test_pool_members_pool_id_person_id_pk" PRIMARY KEY("pool_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "lab_tests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"province_code" text NOT NULL,
	"unit_code" text NOT NULL,
	"person_id" uuid,
	"kind" text NOT NULL,
	"performer" text NOT NULL,
	"site" text,
	"sampled_at" timestamp with time zone NOT NULL,
	"resulted_at" timestamp with time zone,
	"result" text NOT NULL,
	"pool_id" uuid,
	"external_ref" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "lockdown_zones" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cluster_id" uuid NOT NULL,
	"province_code" text NOT NULL,
	"unit_codes" text[] NOT NULL,
	"villages" text[] DEFAULT '{}'::text[] NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_cluster_id_clusters_id_fk" FOREIGN KEY ("cluster_id") REFERENCES "public"."clusters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_test_pool_members" ADD CONSTRAINT "lab_test_pool_members_pool_id_lab_tests_id_fk" FOREIGN KEY ("pool_id") REFERENCES "public"."lab_tests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_test_pool_members" ADD CONSTRAINT "lab_test_pool_members_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_tests" ADD CONSTRAINT "lab_tests_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lockdown_zones" ADD CONSTRAINT "lockdown_zones_cluster_id_clusters_id_fk" FOREIGN KEY ("cluster_id") REFERENCES "public"."clusters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_events_case_idx" ON "case_events" USING btree ("case_id","occurred_on");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_one_active_idx" ON "cases" USING btree ("person_id") WHERE status = 'active';--> statement-breakpoint
CREATE UNIQUE INDEX "cases_external_ref_idx" ON "cases" USING btree ("external_ref");--> statement-breakpoint
CREATE INDEX "cases_unit_detected_idx" ON "cases" USING btree ("province_code","unit_code","detected_on","id");--> statement-breakpoint
CREATE INDEX "cases_province_detected_idx" ON "cases" USING btree ("province_code","detected_on","id");--> statement-breakpoint
CREATE INDEX "cases_cluster_idx" ON "cases" USING btree ("cluster_id","detected_on");--> statement-breakpoint
CREATE INDEX "cases_source_case_idx" ON "cases" USING btree ("source_case_id");--> statement-breakpoint
CREATE INDEX "cases_person_idx" ON "cases" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "clusters_unit_idx" ON "clusters" USING btree ("province_code","unit_code","opened_on");--> statement-breakpoint
CREATE UNIQUE INDEX "contacts_case_person_idx" ON "contacts" USING btree ("case_id","person_id");--> statement-breakpoint
CREATE INDEX "contacts_unit_idx" ON "contacts" USING btree ("province_code","unit_code","exposure_date");--> statement-breakpoint
CREATE INDEX "contacts_case_unit_idx" ON "contacts" USING btree ("case_province_code","case_unit_code","exposure_date");--> statement-breakpoint
CREATE INDEX "contacts_person_idx" ON "contacts" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "contacts_resulting_case_idx" ON "contacts" USING btree ("resulting_case_id");--> statement-breakpoint
CREATE INDEX "pool_members_person_idx" ON "lab_test_pool_members" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "pool_members_worklist_idx" ON "lab_test_pool_members" USING btree ("province_code","unit_code","status");--> statement-breakpoint
CREATE INDEX "lab_tests_person_idx" ON "lab_tests" USING btree ("person_id","sampled_at");--> statement-breakpoint
CREATE INDEX "lab_tests_unit_idx" ON "lab_tests" USING btree ("province_code","unit_code","sampled_at");--> statement-breakpoint
CREATE UNIQUE INDEX "lab_tests_external_ref_idx" ON "lab_tests" USING btree ("external_ref");--> statement-breakpoint
CREATE INDEX "lockdown_cluster_idx" ON "lockdown_zones" USING btree ("cluster_id");