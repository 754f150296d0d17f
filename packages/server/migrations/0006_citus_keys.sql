CREATE TABLE "care_tiers" (
	"province_code" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"tier" integer NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "care_tiers_province_code_code_pk" PRIMARY KEY("province_code","code")
);
--> statement-breakpoint
CREATE TABLE "identity_numbers" (
	"id_number" text PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"province_code" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "person_moves" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"province_code" text NOT NULL,
	"person_id" uuid NOT NULL,
	"unit_code" text NOT NULL,
	"from_province_code" text NOT NULL,
	"from_unit_code" text NOT NULL,
	"moved_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	CONSTRAINT "person_moves_id_province_code_pk" PRIMARY KEY("id","province_code")
);
--> statement-breakpoint
ALTER TABLE "case_events" DROP CONSTRAINT "case_events_case_id_cases_id_fk";
--> statement-breakpoint
ALTER TABLE "cases" DROP CONSTRAINT "cases_person_id_persons_id_fk";
--> statement-breakpoint
ALTER TABLE "cases" DROP CONSTRAINT "cases_cluster_id_clusters_id_fk";
--> statement-breakpoint
ALTER TABLE "contacts" DROP CONSTRAINT "contacts_case_id_cases_id_fk";
--> statement-breakpoint
ALTER TABLE "contacts" DROP CONSTRAINT "contacts_person_id_persons_id_fk";
--> statement-breakpoint
ALTER TABLE "lab_test_pool_members" DROP CONSTRAINT "lab_test_pool_members_pool_id_lab_tests_id_fk";
--> statement-breakpoint
ALTER TABLE "lab_test_pool_members" DROP CONSTRAINT "lab_test_pool_members_person_id_persons_id_fk";
--> statement-breakpoint
ALTER TABLE "lab_tests" DROP CONSTRAINT "lab_tests_person_id_persons_id_fk";
--> statement-breakpoint
ALTER TABLE "lockdown_zones" DROP CONSTRAINT "lockdown_zones_cluster_id_clusters_id_fk";
--> statement-breakpoint
ALTER TABLE "persons" DROP CONSTRAINT "persons_household_id_households_id_fk";
--> statement-breakpoint
DROP INDEX "cases_one_active_idx";--> statement-breakpoint
DROP INDEX "cases_external_ref_idx";--> statement-breakpoint
DROP INDEX "contacts_case_person_idx";--> statement-breakpoint
DROP INDEX "lab_tests_external_ref_idx";--> statement-breakpoint
DROP INDEX "persons_id_number_idx";--> statement-breakpoint
ALTER TABLE "lab_test_pool_members" DROP CONSTRAINT "lab_test_pool_members_pool_id_person_id_pk";--> statement-breakpoint
ALTER TABLE "audit_events" DROP CONSTRAINT "audit_events_pkey";--> statement-breakpoint
ALTER TABLE "case_events" DROP CONSTRAINT "case_events_pkey";--> statement-breakpoint
ALTER TABLE "cases" DROP CONSTRAINT "cases_pkey";--> statement-breakpoint
ALTER TABLE "clusters" DROP CONSTRAINT "clusters_pkey";--> statement-breakpoint
ALTER TABLE "contacts" DROP CONSTRAINT "contacts_pkey";--> statement-breakpoint
ALTER TABLE "households" DROP CONSTRAINT "households_pkey";--> statement-breakpoint
ALTER TABLE "lab_tests" DROP CONSTRAINT "lab_tests_pkey";--> statement-breakpoint
ALTER TABLE "lockdown_zones" DROP CONSTRAINT "lockdown_zones_pkey";--> statement-breakpoint
ALTER TABLE "persons" DROP CONSTRAINT "persons_pkey";--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_id_province_code_pk" PRIMARY KEY("id","province_code");--> statement-breakpoint
ALTER TABLE "clusters" ADD CONSTRAINT "clusters_id_province_code_pk" PRIMARY KEY("id","province_code");--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_id_province_code_pk" PRIMARY KEY("id","province_code");--> statement-breakpoint
ALTER TABLE "households" ADD CONSTRAINT "households_id_province_code_pk" PRIMARY KEY("id","province_code");--> statement-breakpoint
ALTER TABLE "lab_test_pool_members" ADD CONSTRAINT "lab_test_pool_members_pool_id_person_id_province_code_pk" PRIMARY KEY("pool_id","person_id","province_code");--> statement-breakpoint
ALTER TABLE "lab_tests" ADD CONSTRAINT "lab_tests_id_province_code_pk" PRIMARY KEY("id","province_code");--> statement-breakpoint
ALTER TABLE "lockdown_zones" ADD CONSTRAINT "lockdown_zones_id_province_code_pk" PRIMARY KEY("id","province_code");--> statement-breakpoint
ALTER TABLE "persons" ADD CONSTRAINT "persons_id_province_code_pk" PRIMARY KEY("id","province_code");--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "national" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "generation" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "province_code" text;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "unit_code" text;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "actor_unit_code" text;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "actor_province_code" text;--> statement-breakpoint
ALTER TABLE "case_events" ADD COLUMN "province_code" text;--> statement-breakpoint
ALTER TABLE "case_events" ADD COLUMN "override_reason" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "ref_source" text;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "doses" integer;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "last_dose_on" date;--> statement-breakpoint
ALTER TABLE "lab_tests" ADD COLUMN "ref_source" text;--> statement-breakpoint
CREATE INDEX "person_moves_person_idx" ON "person_moves" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "person_moves_from_idx" ON "person_moves" USING btree ("from_province_code","from_unit_code");--> statement-breakpoint
-- Backfills of the new keys (cheap on a fresh database; correct on one that holds data).
UPDATE "case_events" e SET "province_code" = c."province_code" FROM "cases" c WHERE c."id" = e."case_id";--> statement-breakpoint
ALTER TABLE "case_events" ALTER COLUMN "province_code" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_id_province_code_pk" PRIMARY KEY("id","province_code");--> statement-breakpoint
ALTER TABLE "audit_events" DISABLE TRIGGER "audit_events_append_only";--> statement-breakpoint
UPDATE "audit_events" a SET
  "actor_unit_code" = acc."unit_code",
  "actor_province_code" = u."province_code"
  FROM "accounts" acc LEFT JOIN "units" u ON u."tree" = (SELECT "value" FROM "settings" WHERE "key" = 'unit_tree') AND u."code" = acc."unit_code"
 WHERE acc."id" = a."actor_id";--> statement-breakpoint
UPDATE "audit_events" a SET ("province_code", "unit_code") = (
  SELECT coalesce(r.province_code, a."actor_province_code", '00'), r.unit_code FROM (
    SELECT p."province_code", p."unit_code" FROM "persons" p WHERE a."entity" = 'person' AND p."id"::text = a."entity_id"
    UNION ALL SELECT h."province_code", h."unit_code" FROM "households" h WHERE a."entity" = 'household' AND h."id"::text = a."entity_id"
    UNION ALL SELECT c."province_code", c."unit_code" FROM "cases" c WHERE a."entity" = 'case' AND c."id"::text = a."entity_id"
    UNION ALL SELECT k."province_code", k."unit_code" FROM "contacts" k WHERE a."entity" = 'contact' AND k."id"::text = a."entity_id"
    UNION ALL SELECT k."province_code", k."unit_code" FROM "clusters" k WHERE a."entity" = 'cluster' AND k."id"::text = a."entity_id"
    UNION ALL SELECT t."province_code", t."unit_code" FROM "lab_tests" t WHERE a."entity" IN ('lab_test', 'lab_test_pool') AND t."id"::text = a."entity_id"
    UNION ALL SELECT NULL, NULL) r LIMIT 1);--> statement-breakpoint
ALTER TABLE "audit_events" ENABLE TRIGGER "audit_events_append_only";--> statement-breakpoint
ALTER TABLE "audit_events" ALTER COLUMN "province_code" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_id_province_code_pk" PRIMARY KEY("id","province_code");--> statement-breakpoint
UPDATE "accounts" SET "national" = true WHERE "unit_code" IS NULL AND "role" = 'admin';--> statement-breakpoint
INSERT INTO "identity_numbers" ("id_number", "person_id", "province_code")
  SELECT "id_number", "id", "province_code" FROM "persons" WHERE "id_number" IS NOT NULL;--> statement-breakpoint
UPDATE "lab_tests" t SET "ref_source" = coalesce((SELECT a."unit_code" FROM "accounts" a WHERE a."id" = t."created_by"), '00')
 WHERE t."external_ref" IS NOT NULL;--> statement-breakpoint
UPDATE "cases" c SET "ref_source" = coalesce((SELECT a."unit_code" FROM "accounts" a WHERE a."id" = c."created_by"), '00')
 WHERE c."external_ref" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_case_id_province_code_cases_id_province_code_fk" FOREIGN KEY ("case_id","province_code") REFERENCES "public"."cases"("id","province_code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_person_id_province_code_persons_id_province_code_fk" FOREIGN KEY ("person_id","province_code") REFERENCES "public"."persons"("id","province_code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_person_id_province_code_persons_id_province_code_fk" FOREIGN KEY ("person_id","province_code") REFERENCES "public"."persons"("id","province_code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_test_pool_members" ADD CONSTRAINT "lab_test_pool_members_pool_id_province_code_lab_tests_id_province_code_fk" FOREIGN KEY ("pool_id","province_code") REFERENCES "public"."lab_tests"("id","province_code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_tests" ADD CONSTRAINT "lab_tests_person_id_province_code_persons_id_province_code_fk" FOREIGN KEY ("person_id","province_code") REFERENCES "public"."persons"("id","province_code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lockdown_zones" ADD CONSTRAINT "lockdown_zones_cluster_id_province_code_clusters_id_province_code_fk" FOREIGN KEY ("cluster_id","province_code") REFERENCES "public"."clusters"("id","province_code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "persons" ADD CONSTRAINT "persons_household_id_province_code_households_id_province_code_fk" FOREIGN KEY ("household_id","province_code") REFERENCES "public"."households"("id","province_code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_place_idx" ON "audit_events" USING btree ("province_code","unit_code","id");--> statement-breakpoint
CREATE INDEX "audit_actor_place_idx" ON "audit_events" USING btree ("actor_province_code","actor_unit_code","id");--> statement-breakpoint
CREATE INDEX "contacts_via_idx" ON "contacts" USING btree ("via_contact_id");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_one_active_idx" ON "cases" USING btree ("person_id","province_code") WHERE status = 'active';--> statement-breakpoint
CREATE UNIQUE INDEX "cases_external_ref_idx" ON "cases" USING btree ("ref_source","external_ref","province_code");--> statement-breakpoint
CREATE UNIQUE INDEX "contacts_case_person_idx" ON "contacts" USING btree ("case_id","person_id","province_code");--> statement-breakpoint
CREATE UNIQUE INDEX "lab_tests_external_ref_idx" ON "lab_tests" USING btree ("ref_source","external_ref","province_code");--> statement-breakpoint
CREATE INDEX "persons_id_number_idx" ON "persons" USING btree ("id_number");--> statement-breakpoint
-- The three treatment tiers of QĐ 4111/QĐ-BYT (rules file §5), as the national default a province may replace.
INSERT INTO "care_tiers" ("province_code", "code", "name", "tier") VALUES
  ('00', 'hospital_t1', 'Cơ sở điều trị tầng 1', 1),
  ('00', 'hospital_t2', 'Cơ sở điều trị tầng 2', 2),
  ('00', 'hospital_t3', 'Cơ sở điều trị tầng 3', 3);--> statement-breakpoint
-- The distribution column of a distributed table is never updated (Citus forbids it; here a trigger
-- does): a row that changes province is deleted and inserted. db/distribution.ts lists the tables.
CREATE FUNCTION refuse_province_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.province_code IS DISTINCT FROM OLD.province_code THEN
    RAISE EXCEPTION '%.province_code is a distribution key and is never updated: delete and insert the row', TG_TABLE_NAME
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "persons_province_fixed" BEFORE UPDATE OF "province_code" ON "persons" FOR EACH ROW EXECUTE FUNCTION refuse_province_change();
--> statement-breakpoint
CREATE TRIGGER "households_province_fixed" BEFORE UPDATE OF "province_code" ON "households" FOR EACH ROW EXECUTE FUNCTION refuse_province_change();
--> statement-breakpoint
CREATE TRIGGER "clusters_province_fixed" BEFORE UPDATE OF "province_code" ON "clusters" FOR EACH ROW EXECUTE FUNCTION refuse_province_change();
--> statement-breakpoint
CREATE TRIGGER "lockdown_zones_province_fixed" BEFORE UPDATE OF "province_code" ON "lockdown_zones" FOR EACH ROW EXECUTE FUNCTION refuse_province_change();
--> statement-breakpoint
CREATE TRIGGER "lab_tests_province_fixed" BEFORE UPDATE OF "province_code" ON "lab_tests" FOR EACH ROW EXECUTE FUNCTION refuse_province_change();
--> statement-breakpoint
CREATE TRIGGER "lab_test_pool_members_province_fixed" BEFORE UPDATE OF "province_code" ON "lab_test_pool_members" FOR EACH ROW EXECUTE FUNCTION refuse_province_change();
--> statement-breakpoint
CREATE TRIGGER "cases_province_fixed" BEFORE UPDATE OF "province_code" ON "cases" FOR EACH ROW EXECUTE FUNCTION refuse_province_change();
--> statement-breakpoint
CREATE TRIGGER "case_events_province_fixed" BEFORE UPDATE OF "province_code" ON "case_events" FOR EACH ROW EXECUTE FUNCTION refuse_province_change();
--> statement-breakpoint
CREATE TRIGGER "contacts_province_fixed" BEFORE UPDATE OF "province_code" ON "contacts" FOR EACH ROW EXECUTE FUNCTION refuse_province_change();
--> statement-breakpoint
CREATE TRIGGER "audit_events_province_fixed" BEFORE UPDATE OF "province_code" ON "audit_events" FOR EACH ROW EXECUTE FUNCTION refuse_province_change();
--> statement-breakpoint
CREATE TRIGGER "person_moves_province_fixed" BEFORE UPDATE OF "province_code" ON "person_moves" FOR EACH ROW EXECUTE FUNCTION refuse_province_change();
--> statement-breakpoint
-- Stored rows keep only the code of their unit, and codes are reused between the 2021 and 2025
-- trees: switching the active tree by hand would silently re-read every row in the other tree. The
-- switch is the CLI command `units switch-tree`, which remaps every place-bound row in the same
-- transaction; anything else is refused.
CREATE FUNCTION settings_guard_unit_tree() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.key = 'unit_tree' AND (TG_OP = 'DELETE' OR NEW.value IS DISTINCT FROM OLD.value OR NEW.key <> OLD.key)
     AND coalesce(current_setting('tuyendau.unit_tree_switch', true), '') <> 'on' THEN
    RAISE EXCEPTION 'the active unit tree changes only through `npm run cli -- units switch-tree`, which remaps every place-bound row'
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "settings_unit_tree_guard" BEFORE UPDATE OR DELETE ON "settings" FOR EACH ROW EXECUTE FUNCTION settings_guard_unit_tree();
