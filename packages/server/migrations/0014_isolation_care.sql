CREATE TABLE "care_alerts" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"province_code" text NOT NULL,
	"unit_code" text NOT NULL,
	"episode_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"entry_id" bigint,
	"severity" integer NOT NULL,
	"signs" text[] NOT NULL,
	"raised_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"handled_at" timestamp with time zone,
	"handled_by" uuid,
	"handling_note" text,
	CONSTRAINT "care_alerts_id_province_code_pk" PRIMARY KEY("id","province_code")
);
--> statement-breakpoint
CREATE TABLE "care_episodes" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"province_code" text NOT NULL,
	"person_id" uuid NOT NULL,
	"unit_code" text NOT NULL,
	"reason" text NOT NULL,
	"case_id" uuid,
	"contact_id" uuid,
	"status" text DEFAULT 'active' NOT NULL,
	"place" text NOT NULL,
	"facility_id" uuid,
	"commitment_signer" text,
	"commitment_on" date,
	"supervising_team" text,
	"start_on" date NOT NULL,
	"planned_end_on" date,
	"policy_code" text,
	"ended_on" date,
	"end_reason" text,
	"release_criterion" text,
	"eligibility" jsonb,
	"link_hash" text,
	"last_entry_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "care_episodes_id_province_code_pk" PRIMARY KEY("id","province_code")
);
--> statement-breakpoint
CREATE TABLE "care_stays" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"province_code" text NOT NULL,
	"episode_id" uuid NOT NULL,
	"place" text NOT NULL,
	"facility_id" uuid,
	"tier_code" text,
	"from_at" timestamp with time zone NOT NULL,
	"to_at" timestamp with time zone,
	"reason" text NOT NULL,
	"alert_id" uuid,
	"decided_by" uuid,
	"override_by" uuid,
	"override_reason" text,
	"note" text,
	CONSTRAINT "care_stays_id_province_code_pk" PRIMARY KEY("id","province_code")
);
--> statement-breakpoint
CREATE TABLE "facilities" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"province_code" text NOT NULL,
	"unit_code" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"type" text NOT NULL,
	"tier_code" text,
	"owner" text,
	"address" text,
	"phone" text,
	"state" text DEFAULT 'planned' NOT NULL,
	"state_on" date,
	"beds" integer DEFAULT 0 NOT NULL,
	"icu_beds" integer DEFAULT 0 NOT NULL,
	"ventilators" integer DEFAULT 0 NOT NULL,
	"high_flow_oxygen" integer DEFAULT 0 NOT NULL,
	"ecmo" integer DEFAULT 0 NOT NULL,
	"dialysis" integer DEFAULT 0 NOT NULL,
	"oxygen_concentrators" integer DEFAULT 0 NOT NULL,
	"oxygen_supply" text,
	"occupied" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "facilities_id_province_code_pk" PRIMARY KEY("id","province_code")
);
--> statement-breakpoint
CREATE TABLE "facility_days" (
	"province_code" text NOT NULL,
	"facility_id" uuid NOT NULL,
	"day" date NOT NULL,
	"beds" integer NOT NULL,
	"icu_beds" integer DEFAULT 0 NOT NULL,
	"ventilators" integer DEFAULT 0 NOT NULL,
	"high_flow_oxygen" integer DEFAULT 0 NOT NULL,
	"ecmo" integer DEFAULT 0 NOT NULL,
	"dialysis" integer DEFAULT 0 NOT NULL,
	"oxygen_concentrators" integer DEFAULT 0 NOT NULL,
	"occupied" integer DEFAULT 0 NOT NULL,
	"icu_occupied" integer,
	"reported_by" uuid,
	"reported_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "facility_days_facility_id_day_province_code_pk" PRIMARY KEY("facility_id","day","province_code")
);
--> statement-breakpoint
CREATE TABLE "facility_states" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"province_code" text NOT NULL,
	"facility_id" uuid NOT NULL,
	"state" text NOT NULL,
	"effective_on" date NOT NULL,
	"decided_by" text,
	"note" text,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "facility_states_id_province_code_pk" PRIMARY KEY("id","province_code")
);
--> statement-breakpoint
CREATE TABLE "hotline_numbers" (
	"province_code" text NOT NULL,
	"unit_code" text NOT NULL,
	"phone" text NOT NULL,
	"label" text NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "hotline_numbers_unit_code_phone_province_code_pk" PRIMARY KEY("unit_code","phone","province_code")
);
--> statement-breakpoint
CREATE TABLE "hotline_requests" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"province_code" text NOT NULL,
	"unit_code" text NOT NULL,
	"person_id" uuid,
	"episode_id" uuid,
	"channel" text NOT NULL,
	"kind" text NOT NULL,
	"caller_name" text NOT NULL,
	"phone" text NOT NULL,
	"address" text,
	"detail" text,
	"priority" integer NOT NULL,
	"priority_reasons" text[] DEFAULT '{}'::text[] NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"assigned_at" timestamp with time zone,
	"assigned_to" text,
	"assigned_by" uuid,
	"resolved_at" timestamp with time zone,
	"resolved_by" uuid,
	"resolution" text,
	"escalated_at" timestamp with time zone,
	"created_by" uuid,
	CONSTRAINT "hotline_requests_id_province_code_pk" PRIMARY KEY("id","province_code")
);
--> statement-breakpoint
CREATE TABLE "monitoring_entries" (
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "monitoring_entries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"province_code" text NOT NULL,
	"episode_id" uuid NOT NULL,
	"unit_code" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"recorded_by_kind" text NOT NULL,
	"recorded_by" uuid,
	"spo2" integer,
	"spo2_recheck" integer,
	"respiratory_rate" integer,
	"pulse" integer,
	"temperature_tenths" integer,
	"systolic" integer,
	"diastolic" integer,
	"symptoms" text[] DEFAULT '{}'::text[] NOT NULL,
	"note" text,
	"signs" text[] DEFAULT '{}'::text[] NOT NULL,
	"severity" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "monitoring_entries_id_province_code_pk" PRIMARY KEY("id","province_code")
);
--> statement-breakpoint
CREATE TABLE "recovery_certificates" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"province_code" text NOT NULL,
	"unit_code" text NOT NULL,
	"episode_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"number" text NOT NULL,
	"issued_on" date NOT NULL,
	"issued_by" uuid,
	"signer_name" text,
	"holder_name" text NOT NULL,
	"holder_birth_year" integer NOT NULL,
	"isolation_from" date NOT NULL,
	"isolation_to" date NOT NULL,
	"criterion" text NOT NULL,
	"verify_code" text NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_reason" text,
	CONSTRAINT "recovery_certificates_id_province_code_pk" PRIMARY KEY("id","province_code")
);
--> statement-breakpoint
ALTER TABLE "care_alerts" ADD CONSTRAINT "care_alerts_episode_id_province_code_care_episodes_id_province_code_fk" FOREIGN KEY ("episode_id","province_code") REFERENCES "public"."care_episodes"("id","province_code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_episodes" ADD CONSTRAINT "care_episodes_facility_id_province_code_facilities_id_province_code_fk" FOREIGN KEY ("facility_id","province_code") REFERENCES "public"."facilities"("id","province_code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_episodes" ADD CONSTRAINT "care_episodes_person_id_province_code_persons_id_province_code_fk" FOREIGN KEY ("person_id","province_code") REFERENCES "public"."persons"("id","province_code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_stays" ADD CONSTRAINT "care_stays_facility_id_province_code_facilities_id_province_code_fk" FOREIGN KEY ("facility_id","province_code") REFERENCES "public"."facilities"("id","province_code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_stays" ADD CONSTRAINT "care_stays_episode_id_province_code_care_episodes_id_province_code_fk" FOREIGN KEY ("episode_id","province_code") REFERENCES "public"."care_episodes"("id","province_code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facility_days" ADD CONSTRAINT "facility_days_facility_id_province_code_facilities_id_province_code_fk" FOREIGN KEY ("facility_id","province_code") REFERENCES "public"."facilities"("id","province_code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facility_states" ADD CONSTRAINT "facility_states_facility_id_province_code_facilities_id_province_code_fk" FOREIGN KEY ("facility_id","province_code") REFERENCES "public"."facilities"("id","province_code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hotline_requests" ADD CONSTRAINT "hotline_requests_person_id_province_code_persons_id_province_code_fk" FOREIGN KEY ("person_id","province_code") REFERENCES "public"."persons"("id","province_code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_entries" ADD CONSTRAINT "monitoring_entries_episode_id_province_code_care_episodes_id_province_code_fk" FOREIGN KEY ("episode_id","province_code") REFERENCES "public"."care_episodes"("id","province_code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recovery_certificates" ADD CONSTRAINT "recovery_certificates_episode_id_province_code_care_episodes_id_province_code_fk" FOREIGN KEY ("episode_id","province_code") REFERENCES "public"."care_episodes"("id","province_code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "care_alerts_one_open_idx" ON "care_alerts" USING btree ("episode_id","province_code") WHERE status = 'open';--> statement-breakpoint
CREATE INDEX "care_alerts_board_idx" ON "care_alerts" USING btree ("province_code","unit_code","severity","raised_at") WHERE status = 'open';--> statement-breakpoint
CREATE INDEX "care_alerts_episode_idx" ON "care_alerts" USING btree ("episode_id","raised_at");--> statement-breakpoint
CREATE UNIQUE INDEX "care_episodes_one_active_idx" ON "care_episodes" USING btree ("person_id","province_code") WHERE status = 'active';--> statement-breakpoint
CREATE UNIQUE INDEX "care_episodes_link_idx" ON "care_episodes" USING btree ("link_hash","province_code");--> statement-breakpoint
CREATE INDEX "care_episodes_unit_idx" ON "care_episodes" USING btree ("province_code","unit_code","status","start_on","id");--> statement-breakpoint
CREATE INDEX "care_episodes_person_idx" ON "care_episodes" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "care_episodes_case_idx" ON "care_episodes" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "care_episodes_contact_idx" ON "care_episodes" USING btree ("contact_id");--> statement-breakpoint
CREATE INDEX "care_episodes_silent_idx" ON "care_episodes" USING btree ("province_code","unit_code","last_entry_at") WHERE status = 'active' AND place = 'home';--> statement-breakpoint
CREATE INDEX "care_stays_episode_idx" ON "care_stays" USING btree ("episode_id","from_at");--> statement-breakpoint
CREATE INDEX "care_stays_open_idx" ON "care_stays" USING btree ("province_code","facility_id") WHERE to_at IS NULL;--> statement-breakpoint
CREATE INDEX "care_stays_facility_idx" ON "care_stays" USING btree ("province_code","facility_id","from_at");--> statement-breakpoint
CREATE INDEX "facilities_unit_idx" ON "facilities" USING btree ("province_code","unit_code","name","id");--> statement-breakpoint
CREATE INDEX "facilities_kind_idx" ON "facilities" USING btree ("province_code","kind","state");--> statement-breakpoint
CREATE INDEX "facility_days_day_idx" ON "facility_days" USING btree ("province_code","day");--> statement-breakpoint
CREATE INDEX "facility_states_facility_idx" ON "facility_states" USING btree ("facility_id","recorded_at");--> statement-breakpoint
CREATE INDEX "hotline_requests_board_idx" ON "hotline_requests" USING btree ("province_code","unit_code","priority","received_at") WHERE status IN ('open', 'assigned');--> statement-breakpoint
CREATE INDEX "hotline_requests_due_idx" ON "hotline_requests" USING btree ("province_code","due_at") WHERE status IN ('open', 'assigned');--> statement-breakpoint
CREATE INDEX "hotline_requests_unit_idx" ON "hotline_requests" USING btree ("province_code","unit_code","received_at","id");--> statement-breakpoint
CREATE INDEX "hotline_requests_person_idx" ON "hotline_requests" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "monitoring_entries_episode_idx" ON "monitoring_entries" USING btree ("episode_id","recorded_at");--> statement-breakpoint
CREATE UNIQUE INDEX "recovery_certificates_verify_idx" ON "recovery_certificates" USING btree ("verify_code","province_code");--> statement-breakpoint
CREATE UNIQUE INDEX "recovery_certificates_number_idx" ON "recovery_certificates" USING btree ("unit_code","number","province_code");--> statement-breakpoint
CREATE UNIQUE INDEX "recovery_certificates_episode_idx" ON "recovery_certificates" USING btree ("episode_id","province_code") WHERE revoked_at IS NULL;--> statement-breakpoint
CREATE TRIGGER "facilities_province_fixed" BEFORE UPDATE OF "province_code" ON "facilities" FOR EACH ROW EXECUTE FUNCTION refuse_province_change();--> statement-breakpoint
CREATE TRIGGER "facility_states_province_fixed" BEFORE UPDATE OF "province_code" ON "facility_states" FOR EACH ROW EXECUTE FUNCTION refuse_province_change();--> statement-breakpoint
CREATE TRIGGER "facility_days_province_fixed" BEFORE UPDATE OF "province_code" ON "facility_days" FOR EACH ROW EXECUTE FUNCTION refuse_province_change();--> statement-breakpoint
CREATE TRIGGER "care_episodes_province_fixed" BEFORE UPDATE OF "province_code" ON "care_episodes" FOR EACH ROW EXECUTE FUNCTION refuse_province_change();--> statement-breakpoint
CREATE TRIGGER "care_stays_province_fixed" BEFORE UPDATE OF "province_code" ON "care_stays" FOR EACH ROW EXECUTE FUNCTION refuse_province_change();--> statement-breakpoint
CREATE TRIGGER "monitoring_entries_province_fixed" BEFORE UPDATE OF "province_code" ON "monitoring_entries" FOR EACH ROW EXECUTE FUNCTION refuse_province_change();--> statement-breakpoint
CREATE TRIGGER "care_alerts_province_fixed" BEFORE UPDATE OF "province_code" ON "care_alerts" FOR EACH ROW EXECUTE FUNCTION refuse_province_change();--> statement-breakpoint
CREATE TRIGGER "recovery_certificates_province_fixed" BEFORE UPDATE OF "province_code" ON "recovery_certificates" FOR EACH ROW EXECUTE FUNCTION refuse_province_change();--> statement-breakpoint
CREATE TRIGGER "hotline_requests_province_fixed" BEFORE UPDATE OF "province_code" ON "hotline_requests" FOR EACH ROW EXECUTE FUNCTION refuse_province_change();--> statement-breakpoint
CREATE TRIGGER "hotline_numbers_province_fixed" BEFORE UPDATE OF "province_code" ON "hotline_numbers" FOR EACH ROW EXECUTE FUNCTION refuse_province_change();--> statement-breakpoint
-- A facility never holds more open stays than it has beds, unless a stay names who overrode
-- (the service checks and counts under the facility's row lock; this is the floor).
ALTER TABLE "facilities" ADD CONSTRAINT "facilities_counts_check" CHECK (occupied >= 0 AND beds >= 0 AND icu_beds >= 0);
