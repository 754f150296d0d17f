CREATE TABLE "vaccination_generations" (
	"province_code" text NOT NULL,
	"scope" text NOT NULL,
	"generation" bigint DEFAULT 0 NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vaccination_generations_province_code_scope_pk" PRIMARY KEY("province_code","scope")
);
--> statement-breakpoint
CREATE TABLE "vaccination_pending" (
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "vaccination_pending_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"province_code" text NOT NULL,
	"scope" text NOT NULL,
	CONSTRAINT "vaccination_pending_id_province_code_pk" PRIMARY KEY("id","province_code")
);--> statement-breakpoint
CREATE TRIGGER "vaccination_generations_province_fixed" BEFORE UPDATE OF "province_code" ON "vaccination_generations" FOR EACH ROW EXECUTE FUNCTION refuse_province_change();--> statement-breakpoint
CREATE TRIGGER "vaccination_pending_province_fixed" BEFORE UPDATE OF "province_code" ON "vaccination_pending" FOR EACH ROW EXECUTE FUNCTION refuse_province_change();--> statement-breakpoint
-- Coverage results may be kept in memory while the counters they were computed under stand still
-- (vaccination/coverage-cache.ts). The counters move in the commit of every change coverage reads:
-- vaccination_refresh_persons (doses, persons, merges, marks, corrections, imports) moves the
-- province's ('') and the districts' of the units it touched; a target or official population
-- moves the province's and 'targets'. Changes only queue counters in vaccination_pending; a
-- deferred trigger moves them just before commit, so concurrent writers wait on a counter's row
-- for an instant and never while holding it across statements.
CREATE FUNCTION vaccination_generation_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO vaccination_generations AS g (province_code, scope, generation, changed_at)
  VALUES (NEW.province_code, NEW.scope, 1, now())
  ON CONFLICT (province_code, scope) DO UPDATE SET generation = g.generation + 1, changed_at = now();
  DELETE FROM vaccination_pending WHERE id = NEW.id AND province_code = NEW.province_code;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "vaccination_pending_bump" AFTER INSERT ON "vaccination_pending"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION vaccination_generation_bump();--> statement-breakpoint
CREATE FUNCTION vaccination_targets_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO vaccination_pending (province_code, scope)
    SELECT DISTINCT n.province_code, x.scope FROM new_rows n, (VALUES (''), ('targets')) x(scope);
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO vaccination_pending (province_code, scope)
    SELECT DISTINCT o.province_code, x.scope FROM old_rows o, (VALUES (''), ('targets')) x(scope);
  ELSE
    INSERT INTO vaccination_pending (province_code, scope)
    SELECT p.province_code, x.scope
      FROM (SELECT province_code FROM new_rows UNION SELECT province_code FROM old_rows) p,
           (VALUES (''), ('targets')) x(scope);
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "vaccination_targets_generation_insert" AFTER INSERT ON "vaccination_targets" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION vaccination_targets_changed();--> statement-breakpoint
CREATE TRIGGER "vaccination_targets_generation_update" AFTER UPDATE ON "vaccination_targets" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION vaccination_targets_changed();--> statement-breakpoint
CREATE TRIGGER "vaccination_targets_generation_delete" AFTER DELETE ON "vaccination_targets" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION vaccination_targets_changed();--> statement-breakpoint
CREATE TRIGGER "population_targets_generation_insert" AFTER INSERT ON "population_targets" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION vaccination_targets_changed();--> statement-breakpoint
CREATE TRIGGER "population_targets_generation_update" AFTER UPDATE ON "population_targets" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION vaccination_targets_changed();--> statement-breakpoint
CREATE TRIGGER "population_targets_generation_delete" AFTER DELETE ON "population_targets" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION vaccination_targets_changed();--> statement-breakpoint
-- The refresh of migration 0010, now queueing the provinces it changed.
CREATE OR REPLACE FUNCTION vaccination_refresh_persons(p_ids uuid[]) RETURNS void
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
  -- The counters of the provinces and districts whose people changed (a unit registered at a
  -- district level is its own district; a unit of a tree without districts moves the province's).
  INSERT INTO vaccination_pending (province_code, scope)
  SELECT DISTINCT t.province_code, x.scope
    FROM vaccination_touched t
    LEFT JOIN units u ON u.tree = vaccination_active_tree() AND u.code = t.unit_code
   CROSS JOIN LATERAL (VALUES (''), (coalesce(u.district_code, CASE WHEN u.level = 'district' THEN u.code END))) x(scope)
   WHERE x.scope IS NOT NULL;
END $$;
