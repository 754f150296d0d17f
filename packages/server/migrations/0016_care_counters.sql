-- The capacity board is served from memory while its province's 'care' counter stands still
-- (care/facilities/board.ts, the same counters and deferred bump as coverage: migration 0013).
-- It reads facilities, their daily reports, the stays in them and the cases (active by severity,
-- new in the last two weeks): a change of any of them queues the province's 'care' counter.
CREATE FUNCTION care_capacity_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO vaccination_pending (province_code, scope) SELECT DISTINCT province_code, 'care' FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO vaccination_pending (province_code, scope) SELECT DISTINCT province_code, 'care' FROM old_rows;
  ELSE
    INSERT INTO vaccination_pending (province_code, scope)
    SELECT province_code, 'care' FROM new_rows UNION SELECT province_code, 'care' FROM old_rows;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "facilities_care_insert" AFTER INSERT ON "facilities" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION care_capacity_changed();--> statement-breakpoint
CREATE TRIGGER "facilities_care_update" AFTER UPDATE ON "facilities" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION care_capacity_changed();--> statement-breakpoint
CREATE TRIGGER "facilities_care_delete" AFTER DELETE ON "facilities" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION care_capacity_changed();--> statement-breakpoint
CREATE TRIGGER "facility_days_care_insert" AFTER INSERT ON "facility_days" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION care_capacity_changed();--> statement-breakpoint
CREATE TRIGGER "facility_days_care_update" AFTER UPDATE ON "facility_days" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION care_capacity_changed();--> statement-breakpoint
CREATE TRIGGER "facility_days_care_delete" AFTER DELETE ON "facility_days" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION care_capacity_changed();--> statement-breakpoint
CREATE TRIGGER "care_stays_care_insert" AFTER INSERT ON "care_stays" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION care_capacity_changed();--> statement-breakpoint
CREATE TRIGGER "care_stays_care_update" AFTER UPDATE ON "care_stays" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION care_capacity_changed();--> statement-breakpoint
CREATE TRIGGER "care_stays_care_delete" AFTER DELETE ON "care_stays" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION care_capacity_changed();--> statement-breakpoint
CREATE TRIGGER "cases_care_insert" AFTER INSERT ON "cases" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION care_capacity_changed();--> statement-breakpoint
CREATE TRIGGER "cases_care_update" AFTER UPDATE ON "cases" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION care_capacity_changed();--> statement-breakpoint
CREATE TRIGGER "cases_care_delete" AFTER DELETE ON "cases" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION care_capacity_changed();
