ALTER TABLE "care_episodes" DROP CONSTRAINT "care_episodes_facility_id_province_code_facilities_id_province_code_fk";
--> statement-breakpoint
ALTER TABLE "care_stays" DROP CONSTRAINT "care_stays_facility_id_province_code_facilities_id_province_code_fk";
--> statement-breakpoint
DROP INDEX "recovery_certificates_number_idx";--> statement-breakpoint
CREATE INDEX "care_episodes_facility_idx" ON "care_episodes" USING btree ("facility_id","start_on","id") WHERE facility_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "care_episodes_unit_place_idx" ON "care_episodes" USING btree ("province_code","unit_code","status","place","start_on","id");--> statement-breakpoint
CREATE INDEX "hotline_requests_board_kind_idx" ON "hotline_requests" USING btree ("province_code","unit_code","kind","priority","received_at") WHERE status IN ('open', 'assigned');--> statement-breakpoint
CREATE INDEX "hotline_requests_closed_idx" ON "hotline_requests" USING btree ("province_code","unit_code","status","priority","received_at","id") WHERE status IN ('resolved', 'cancelled');--> statement-breakpoint
CREATE UNIQUE INDEX "recovery_certificates_number_idx" ON "recovery_certificates" USING btree ("unit_code","number",date_part('year', "issued_on"),"province_code");