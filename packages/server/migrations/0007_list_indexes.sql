DROP INDEX "contacts_unit_idx";--> statement-breakpoint
DROP INDEX "contacts_case_unit_idx";--> statement-breakpoint
CREATE INDEX "contacts_province_idx" ON "contacts" USING btree ("province_code","exposure_date","id");--> statement-breakpoint
CREATE INDEX "contacts_case_province_idx" ON "contacts" USING btree ("case_province_code","exposure_date","id");--> statement-breakpoint
CREATE INDEX "contacts_unit_idx" ON "contacts" USING btree ("province_code","unit_code","exposure_date","id");--> statement-breakpoint
CREATE INDEX "contacts_case_unit_idx" ON "contacts" USING btree ("case_province_code","case_unit_code","exposure_date","id");