CREATE TABLE "door_marks" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"province_code" text NOT NULL,
	"unit_code" text NOT NULL,
	"person_id" uuid NOT NULL,
	"mark" text NOT NULL,
	"dose_id" uuid,
	"reason" text,
	"until" date,
	"on_date" date,
	"marked_by" uuid,
	"marked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "door_marks_id_province_code_pk" PRIMARY KEY("id","province_code")
);
--> statement-breakpoint
CREATE TABLE "dose_cells" (
	"province_code" text NOT NULL,
	"unit_code" text NOT NULL,
	"birth_month" date NOT NULL,
	"n" integer NOT NULL,
	"r1" date[] NOT NULL,
	"r2" date[] NOT NULL,
	"r3" date[] NOT NULL,
	"r4" date[] NOT NULL,
	CONSTRAINT "dose_cells_unit_code_birth_month_province_code_pk" PRIMARY KEY("unit_code","birth_month","province_code")
);
--> statement-breakpoint
CREATE TABLE "dose_match_reviews" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"province_code" text NOT NULL,
	"unit_code" text NOT NULL,
	"row" jsonb NOT NULL,
	"row_hash" text NOT NULL,
	"candidate_ids" uuid[] NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"person_id" uuid,
	"dose_id" uuid,
	"resolved_by" uuid,
	"resolved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dose_match_reviews_id_province_code_pk" PRIMARY KEY("id","province_code")
);
--> statement-breakpoint
CREATE TABLE "person_merges" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"province_code" text NOT NULL,
	"unit_code" text NOT NULL,
	"survivor_id" uuid NOT NULL,
	"merged_id" uuid NOT NULL,
	"dose_ids" uuid[] NOT NULL,
	"reason" text,
	"merged_by" uuid,
	"merged_at" timestamp with time zone DEFAULT now() NOT NULL,
	"undone_by" uuid,
	"undone_at" timestamp with time zone,
	CONSTRAINT "person_merges_id_province_code_pk" PRIMARY KEY("id","province_code")
);
--> statement-breakpoint
CREATE TABLE "person_reviews" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"province_code" text NOT NULL,
	"unit_code" text NOT NULL,
	"person_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"other_person_id" uuid,
	"detail" text,
	"status" text DEFAULT 'open' NOT NULL,
	"resolved_by" uuid,
	"resolved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "person_reviews_id_province_code_pk" PRIMARY KEY("id","province_code")
);
--> statement-breakpoint
CREATE TABLE "population_targets" (
	"province_code" text NOT NULL,
	"unit_code" text NOT NULL,
	"age_group" text NOT NULL,
	"population" integer NOT NULL,
	"source" text,
	"set_by" uuid,
	"set_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "population_targets_unit_code_age_group_province_code_pk" PRIMARY KEY("unit_code","age_group","province_code")
);
--> statement-breakpoint
CREATE TABLE "vaccination_status" (
	"person_id" uuid NOT NULL,
	"province_code" text NOT NULL,
	"unit_code" text NOT NULL,
	"district_code" text,
	"birth_date" date NOT NULL,
	"birth_month" date NOT NULL,
	"counted" boolean NOT NULL,
	"gone_on" date,
	"d1" date,
	"d2" date,
	"d3" date,
	"d4" date,
	CONSTRAINT "vaccination_status_person_id_province_code_pk" PRIMARY KEY("person_id","province_code")
);
--> statement-breakpoint
CREATE TABLE "vaccination_targets" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"province_code" text NOT NULL,
	"unit_code" text NOT NULL,
	"age_group" text NOT NULL,
	"dose" integer NOT NULL,
	"target_permille" integer NOT NULL,
	"deadline" date NOT NULL,
	"note" text,
	"set_by" uuid,
	"set_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vaccination_targets_id_province_code_pk" PRIMARY KEY("id","province_code")
);
--> statement-breakpoint
CREATE TABLE "vaccine_doses" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"province_code" text NOT NULL,
	"person_id" uuid NOT NULL,
	"unit_code" text NOT NULL,
	"dose_number" integer NOT NULL,
	"kind" text NOT NULL,
	"product" text NOT NULL,
	"lot" text,
	"given_on" date NOT NULL,
	"site" text,
	"national_id" text,
	"flags" text[] DEFAULT '{}'::text[] NOT NULL,
	"review_status" text DEFAULT 'none' NOT NULL,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"review_note" text,
	"superseded_by" uuid,
	"source" text NOT NULL,
	"merged_from" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	CONSTRAINT "vaccine_doses_id_province_code_pk" PRIMARY KEY("id","province_code")
);
--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "deceased_on" date;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "left_on" date;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "merged_into" uuid;--> statement-breakpoint
ALTER TABLE "door_marks" ADD CONSTRAINT "door_marks_person_id_province_code_persons_id_province_code_fk" FOREIGN KEY ("person_id","province_code") REFERENCES "public"."persons"("id","province_code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "door_marks_person_idx" ON "door_marks" USING btree ("person_id","marked_at");--> statement-breakpoint
CREATE INDEX "door_marks_unit_idx" ON "door_marks" USING btree ("province_code","unit_code","marked_at");--> statement-breakpoint
CREATE UNIQUE INDEX "dose_match_reviews_row_idx" ON "dose_match_reviews" USING btree ("row_hash","province_code");--> statement-breakpoint
CREATE INDEX "dose_match_reviews_pending_idx" ON "dose_match_reviews" USING btree ("province_code","unit_code","created_at") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "person_merges_survivor_idx" ON "person_merges" USING btree ("survivor_id");--> statement-breakpoint
CREATE INDEX "person_merges_merged_idx" ON "person_merges" USING btree ("merged_id");--> statement-breakpoint
CREATE INDEX "person_reviews_open_idx" ON "person_reviews" USING btree ("province_code","unit_code","kind") WHERE status = 'open';--> statement-breakpoint
CREATE INDEX "person_reviews_person_idx" ON "person_reviews" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "vaccination_status_month_idx" ON "vaccination_status" USING btree ("province_code","birth_month","unit_code");--> statement-breakpoint
CREATE INDEX "vaccination_status_gone_idx" ON "vaccination_status" USING btree ("province_code","gone_on") WHERE gone_on IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "vaccination_targets_key_idx" ON "vaccination_targets" USING btree ("unit_code","age_group","dose","deadline","province_code");--> statement-breakpoint
CREATE INDEX "vaccine_doses_backlog_idx" ON "vaccine_doses" USING btree ("province_code","unit_code","given_on") WHERE national_id IS NULL AND superseded_by IS NULL AND review_status <> 'rejected';--> statement-breakpoint
CREATE INDEX "vaccine_doses_review_idx" ON "vaccine_doses" USING btree ("province_code","unit_code","created_at") WHERE review_status = 'pending' AND superseded_by IS NULL;--> statement-breakpoint
-- One current dose per number and person; superseded doses keep their number (NULLS NOT DISTINCT:
-- two current doses collide, a superseded one is told apart by what superseded it). It also serves
-- every read of a person's doses.
CREATE UNIQUE INDEX "vaccine_doses_person_dose_idx" ON "vaccine_doses" ("person_id", "dose_number", "province_code", "superseded_by") NULLS NOT DISTINCT;--> statement-breakpoint
CREATE UNIQUE INDEX "vaccine_doses_national_id_idx" ON "vaccine_doses" ("national_id", "province_code") WHERE national_id IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "person_reviews_key_idx" ON "person_reviews" ("person_id", "kind", "province_code", "other_person_id") NULLS NOT DISTINCT;--> statement-breakpoint
ALTER TABLE "vaccination_status" SET (fillfactor = 85);--> statement-breakpoint
CREATE TRIGGER "vaccine_doses_province_fixed" BEFORE UPDATE OF "province_code" ON "vaccine_doses" FOR EACH ROW EXECUTE FUNCTION refuse_province_change();--> statement-breakpoint
CREATE TRIGGER "vaccination_status_province_fixed" BEFORE UPDATE OF "province_code" ON "vaccination_status" FOR EACH ROW EXECUTE FUNCTION refuse_province_change();--> statement-breakpoint
CREATE TRIGGER "dose_cells_province_fixed" BEFORE UPDATE OF "province_code" ON "dose_cells" FOR EACH ROW EXECUTE FUNCTION refuse_province_change();--> statement-breakpoint
CREATE TRIGGER "vaccination_targets_province_fixed" BEFORE UPDATE OF "province_code" ON "vaccination_targets" FOR EACH ROW EXECUTE FUNCTION refuse_province_change();--> statement-breakpoint
CREATE TRIGGER "population_targets_province_fixed" BEFORE UPDATE OF "province_code" ON "population_targets" FOR EACH ROW EXECUTE FUNCTION refuse_province_change();--> statement-breakpoint
CREATE TRIGGER "door_marks_province_fixed" BEFORE UPDATE OF "province_code" ON "door_marks" FOR EACH ROW EXECUTE FUNCTION refuse_province_change();--> statement-breakpoint
CREATE TRIGGER "dose_match_reviews_province_fixed" BEFORE UPDATE OF "province_code" ON "dose_match_reviews" FOR EACH ROW EXECUTE FUNCTION refuse_province_change();--> statement-breakpoint
CREATE TRIGGER "person_reviews_province_fixed" BEFORE UPDATE OF "province_code" ON "person_reviews" FOR EACH ROW EXECUTE FUNCTION refuse_province_change();--> statement-breakpoint
CREATE TRIGGER "person_merges_province_fixed" BEFORE UPDATE OF "province_code" ON "person_merges" FOR EACH ROW EXECUTE FUNCTION refuse_province_change();--> statement-breakpoint
-- Coverage figures (issue 9): vaccination_status (a row per person) and dose_cells (per unit and
-- birth month) are derived from persons and vaccine_doses by the statement triggers below, in the
-- transaction of the write, so every import, mark, merge and correction leaves them exact.
-- (On Citus, where statement triggers with transition tables do not run on distributed tables,
-- the writes call vaccination_refresh_persons and dose_cells_rebuild themselves: docs/scale.md.)
CREATE FUNCTION vaccination_active_tree() RETURNS text LANGUAGE sql STABLE AS $$
  SELECT value FROM settings WHERE key = 'unit_tree'
$$;--> statement-breakpoint
-- Rebuilds the cells of the given (unit, birth month) keys of a province, and of the districts
-- above them; null arrays rebuild the whole province.
CREATE FUNCTION dose_cells_rebuild(p_province text, p_units text[], p_months date[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF p_units IS NULL THEN
    DELETE FROM dose_cells WHERE province_code = p_province;
    INSERT INTO dose_cells (province_code, unit_code, birth_month, n, r1, r2, r3, r4)
    SELECT s.province_code, s.unit_code, s.birth_month, count(*),
           coalesce(array_agg(s.d1 ORDER BY s.d1) FILTER (WHERE s.d1 IS NOT NULL), '{}'),
           coalesce(array_agg(s.d2 ORDER BY s.d2) FILTER (WHERE s.d2 IS NOT NULL), '{}'),
           coalesce(array_agg(s.d3 ORDER BY s.d3) FILTER (WHERE s.d3 IS NOT NULL), '{}'),
           coalesce(array_agg(s.d4 ORDER BY s.d4) FILTER (WHERE s.d4 IS NOT NULL), '{}')
      FROM vaccination_status s
     WHERE s.province_code = p_province AND s.counted AND s.gone_on IS NULL
       AND s.unit_code IS DISTINCT FROM s.district_code
     GROUP BY s.province_code, s.unit_code, s.birth_month;
    INSERT INTO dose_cells (province_code, unit_code, birth_month, n, r1, r2, r3, r4)
    SELECT s.province_code, s.district_code, s.birth_month, count(*),
           coalesce(array_agg(s.d1 ORDER BY s.d1) FILTER (WHERE s.d1 IS NOT NULL), '{}'),
           coalesce(array_agg(s.d2 ORDER BY s.d2) FILTER (WHERE s.d2 IS NOT NULL), '{}'),
           coalesce(array_agg(s.d3 ORDER BY s.d3) FILTER (WHERE s.d3 IS NOT NULL), '{}'),
           coalesce(array_agg(s.d4 ORDER BY s.d4) FILTER (WHERE s.d4 IS NOT NULL), '{}')
      FROM vaccination_status s
     WHERE s.province_code = p_province AND s.counted AND s.gone_on IS NULL AND s.district_code IS NOT NULL
     GROUP BY s.province_code, s.district_code, s.birth_month;
    RETURN;
  END IF;
  CREATE TEMP TABLE IF NOT EXISTS dose_cell_keys (unit_code text, birth_month date, district boolean) ON COMMIT DELETE ROWS;
  TRUNCATE dose_cell_keys;
  INSERT INTO dose_cell_keys
  SELECT DISTINCT k.u, k.m, false FROM unnest(p_units, p_months) AS k(u, m);
  INSERT INTO dose_cell_keys
  SELECT DISTINCT u.district_code, k.birth_month, true
    FROM dose_cell_keys k
    JOIN units u ON u.tree = vaccination_active_tree() AND u.code = k.unit_code
   WHERE u.district_code IS NOT NULL;
  DELETE FROM dose_cells c USING dose_cell_keys k
   WHERE c.province_code = p_province AND c.unit_code = k.unit_code AND c.birth_month = k.birth_month;
  INSERT INTO dose_cells (province_code, unit_code, birth_month, n, r1, r2, r3, r4)
  SELECT s.province_code, s.unit_code, s.birth_month, count(*),
         coalesce(array_agg(s.d1 ORDER BY s.d1) FILTER (WHERE s.d1 IS NOT NULL), '{}'),
         coalesce(array_agg(s.d2 ORDER BY s.d2) FILTER (WHERE s.d2 IS NOT NULL), '{}'),
         coalesce(array_agg(s.d3 ORDER BY s.d3) FILTER (WHERE s.d3 IS NOT NULL), '{}'),
         coalesce(array_agg(s.d4 ORDER BY s.d4) FILTER (WHERE s.d4 IS NOT NULL), '{}')
    FROM vaccination_status s
    JOIN dose_cell_keys k ON NOT k.district AND s.unit_code = k.unit_code AND s.birth_month = k.birth_month
   WHERE s.province_code = p_province AND s.counted AND s.gone_on IS NULL
     AND s.unit_code IS DISTINCT FROM s.district_code
   GROUP BY s.province_code, s.unit_code, s.birth_month;
  INSERT INTO dose_cells (province_code, unit_code, birth_month, n, r1, r2, r3, r4)
  SELECT s.province_code, s.district_code, s.birth_month, count(*),
         coalesce(array_agg(s.d1 ORDER BY s.d1) FILTER (WHERE s.d1 IS NOT NULL), '{}'),
         coalesce(array_agg(s.d2 ORDER BY s.d2) FILTER (WHERE s.d2 IS NOT NULL), '{}'),
         coalesce(array_agg(s.d3 ORDER BY s.d3) FILTER (WHERE s.d3 IS NOT NULL), '{}'),
         coalesce(array_agg(s.d4 ORDER BY s.d4) FILTER (WHERE s.d4 IS NOT NULL), '{}')
    FROM vaccination_status s
    JOIN dose_cell_keys k ON k.district AND s.district_code = k.unit_code AND s.birth_month = k.birth_month
   WHERE s.province_code = p_province AND s.counted AND s.gone_on IS NULL
   GROUP BY s.province_code, s.district_code, s.birth_month;
END $$;--> statement-breakpoint
-- Brings the status rows of the given persons in line with persons and vaccine_doses (inserting,
-- updating or deleting them), then rebuilds the cells their old and new keys fall in. Above
-- 20,000 keys in a province it rebuilds the province's cells whole (faster than key by key).
-- The ids go through a temporary table so that a million-dose import is planned as hash joins.
CREATE FUNCTION vaccination_refresh_persons(p_ids uuid[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  r record;
  n integer;
BEGIN
  IF p_ids IS NULL THEN RETURN; END IF;
  CREATE TEMP TABLE IF NOT EXISTS vaccination_ids (id uuid) ON COMMIT DELETE ROWS;
  CREATE TEMP TABLE IF NOT EXISTS vaccination_touched (province_code text, unit_code text, birth_month date) ON COMMIT DELETE ROWS;
  TRUNCATE vaccination_ids, vaccination_touched;
  INSERT INTO vaccination_ids SELECT DISTINCT x FROM unnest(p_ids) AS x;
  GET DIAGNOSTICS n = ROW_COUNT;
  IF n > 500 THEN ANALYZE vaccination_ids; END IF;
  INSERT INTO vaccination_touched
  SELECT DISTINCT s.province_code, s.unit_code, s.birth_month
    FROM vaccination_status s JOIN vaccination_ids i ON i.id = s.person_id;
  DELETE FROM vaccination_status s USING vaccination_ids i
   WHERE s.person_id = i.id
     AND NOT EXISTS (SELECT 1 FROM persons p WHERE p.id = s.person_id AND p.province_code = s.province_code);
  INSERT INTO vaccination_status AS s
         (person_id, province_code, unit_code, district_code, birth_date, birth_month, counted, gone_on, d1, d2, d3, d4)
  SELECT p.id, p.province_code, p.unit_code, u.district_code, p.birth_date,
         p.birth_date - (extract(day FROM p.birth_date)::int - 1), p.merged_into IS NULL, least(p.deceased_on, p.left_on),
         d.d1, d.d2, d.d3, d.d4
    FROM persons p
    JOIN vaccination_ids i ON i.id = p.id
    LEFT JOIN units u ON u.tree = vaccination_active_tree() AND u.code = p.unit_code
    LEFT JOIN (
      SELECT v.person_id, v.province_code,
             min(v.given_on) FILTER (WHERE v.dose_number >= 1) AS d1,
             min(v.given_on) FILTER (WHERE v.dose_number >= 2) AS d2,
             min(v.given_on) FILTER (WHERE v.dose_number >= 3) AS d3,
             min(v.given_on) FILTER (WHERE v.dose_number >= 4) AS d4
        FROM vaccine_doses v
        JOIN vaccination_ids i ON i.id = v.person_id
       WHERE v.superseded_by IS NULL AND v.review_status <> 'rejected'
       GROUP BY v.person_id, v.province_code
    ) d ON d.person_id = p.id AND d.province_code = p.province_code
  ON CONFLICT (person_id, province_code) DO UPDATE
     SET unit_code = excluded.unit_code, district_code = excluded.district_code,
         birth_date = excluded.birth_date, birth_month = excluded.birth_month,
         counted = excluded.counted, gone_on = excluded.gone_on,
         d1 = excluded.d1, d2 = excluded.d2, d3 = excluded.d3, d4 = excluded.d4
   WHERE (s.unit_code, s.district_code, s.birth_date, s.counted, s.gone_on, s.d1, s.d2, s.d3, s.d4)
         IS DISTINCT FROM
         (excluded.unit_code, excluded.district_code, excluded.birth_date, excluded.counted,
          excluded.gone_on, excluded.d1, excluded.d2, excluded.d3, excluded.d4);
  INSERT INTO vaccination_touched
  SELECT DISTINCT s.province_code, s.unit_code, s.birth_month
    FROM vaccination_status s JOIN vaccination_ids i ON i.id = s.person_id;
  FOR r IN
    SELECT t.province_code, count(DISTINCT (t.unit_code, t.birth_month)) AS keys,
           array_agg(t.unit_code) AS units, array_agg(t.birth_month) AS months
      FROM vaccination_touched t GROUP BY t.province_code
  LOOP
    IF r.keys > 20000 THEN
      PERFORM dose_cells_rebuild(r.province_code, NULL, NULL);
    ELSE
      PERFORM dose_cells_rebuild(r.province_code, r.units, r.months);
    END IF;
  END LOOP;
END $$;--> statement-breakpoint
CREATE FUNCTION vaccination_persons_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(n.id) INTO ids FROM new_rows n;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(o.id) INTO ids FROM old_rows o;
  ELSE
    -- Only the columns coverage reads: an edited phone or name changes nothing here.
    SELECT array_agg(n.id) INTO ids
      FROM new_rows n JOIN old_rows o ON o.id = n.id AND o.province_code = n.province_code
     WHERE (n.unit_code, n.birth_date, n.deceased_on, n.left_on, n.merged_into)
           IS DISTINCT FROM (o.unit_code, o.birth_date, o.deceased_on, o.left_on, o.merged_into);
  END IF;
  IF ids IS NOT NULL THEN
    PERFORM vaccination_refresh_persons(ids);
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION vaccination_doses_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(DISTINCT n.person_id) INTO ids FROM new_rows n;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(DISTINCT o.person_id) INTO ids FROM old_rows o;
  ELSE
    SELECT array_agg(DISTINCT x.person_id) INTO ids
      FROM (SELECT n.person_id FROM new_rows n UNION SELECT o.person_id FROM old_rows o) x;
  END IF;
  IF ids IS NOT NULL THEN
    PERFORM vaccination_refresh_persons(ids);
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "persons_vaccination_insert" AFTER INSERT ON "persons" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION vaccination_persons_changed();--> statement-breakpoint
CREATE TRIGGER "persons_vaccination_update" AFTER UPDATE ON "persons" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION vaccination_persons_changed();--> statement-breakpoint
CREATE TRIGGER "persons_vaccination_delete" AFTER DELETE ON "persons" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION vaccination_persons_changed();--> statement-breakpoint
CREATE TRIGGER "vaccine_doses_vaccination_insert" AFTER INSERT ON "vaccine_doses" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION vaccination_doses_changed();--> statement-breakpoint
CREATE TRIGGER "vaccine_doses_vaccination_update" AFTER UPDATE ON "vaccine_doses" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION vaccination_doses_changed();--> statement-breakpoint
CREATE TRIGGER "vaccine_doses_vaccination_delete" AFTER DELETE ON "vaccine_doses" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION vaccination_doses_changed();--> statement-breakpoint
-- Persons already registered get their status rows and cells now.
SELECT vaccination_refresh_persons(array_agg(id)) FROM persons;
