DROP INDEX "contacts_case_unit_idx";--> statement-breakpoint
DROP INDEX "contacts_case_province_idx";--> statement-breakpoint
CREATE INDEX "contacts_cross_case_idx" ON "contacts" USING btree ("case_province_code","exposure_date","id") WHERE case_unit_code <> unit_code OR case_province_code <> province_code;--> statement-breakpoint
CREATE INDEX "contacts_cross_case_unit_idx" ON "contacts" USING btree ("case_province_code","case_unit_code","exposure_date","id") WHERE case_unit_code <> unit_code OR case_province_code <> province_code;--> statement-breakpoint
CREATE INDEX "contacts_positive_idx" ON "contacts" USING btree ("province_code","exposure_date","id") WHERE resulting_case_id IS NOT NULL;