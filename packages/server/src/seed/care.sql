-- Isolation, home care and treatment capacity of a province's demo outbreak (issue 10): the
-- isolation sites and treatment facilities of each district, an episode for every case and for
-- every contact's quarantine, the places each was in (care_stays), the twice-a-day monitoring of
-- everyone at home, the warning signs that sent people to hospital, the daily capacity and
-- occupancy of every facility, the hotline requests of F0 at home in the 2022 wave and the
-- published hotline numbers. care.ts runs the sections below in order, in one transaction after
-- setseed, right after the outbreak (outbreak.sql) was written. Everything is set-based.
--
-- Working tables (ca_*) are temporary and dropped at commit. ca_param, ca_home_policy,
-- ca_quarantine_policy, ca_hotline_policy and ca_tier are filled by care.ts from the domain's
-- policy tables and the province's story.
--
-- The story is history: every episode ended with its case or its quarantine, every bed is free
-- today; isolation sites and tier-1 facilities went back to "ready" after each wave, hospitals stay
-- active.

-- @section tables
SET LOCAL max_parallel_workers_per_gather = 0;  -- one process draws the random numbers: same seed, same data
-- An instant in Vietnam (UTC+7, no daylight saving): a day and minutes after its midnight.
CREATE OR REPLACE FUNCTION pg_temp.ca_at(d date, minutes float8) RETURNS timestamptz LANGUAGE sql IMMUTABLE
  AS $$ SELECT (d::timestamp + make_interval(secs => round(minutes * 60))) AT TIME ZONE 'Asia/Ho_Chi_Minh' $$;
-- The day in Vietnam of an instant.
CREATE OR REPLACE FUNCTION pg_temp.ca_day(t timestamptz) RETURNS date LANGUAGE sql IMMUTABLE
  AS $$ SELECT (t AT TIME ZONE 'Asia/Ho_Chi_Minh')::date $$;
-- "Huyện Tam Đường" → "huyện Tam Đường" (inside a sentence).
CREATE OR REPLACE FUNCTION pg_temp.ca_lc(s text) RETURNS text LANGUAGE sql IMMUTABLE
  AS $$ SELECT lower(left(s, 1)) || substr(s, 2) $$;
-- A number drawn from a text (decision numbers, phone numbers): the same text, the same number.
CREATE OR REPLACE FUNCTION pg_temp.ca_num(s text, lo int, hi int) RETURNS int LANGUAGE sql IMMUTABLE
  AS $$ SELECT lo + abs(hashtext(s)) % (hi - lo + 1) $$;
CREATE TEMP TABLE ca_param (
  province_code text NOT NULL,
  -- "Lai Châu", "tỉnh Lai Châu"
  province_short text NOT NULL,
  province_name text NOT NULL,
  -- the landline area code (0213 for Lai Châu)
  area_code text NOT NULL,
  -- stays that began before this day belong to the first wave (capacity is set per wave)
  wave_split date NOT NULL,
  -- the discharge criterion's policy code (cases treated in a facility)
  discharge_code text NOT NULL
) ON COMMIT DROP;
-- End of isolation of F0 cared for at home, by detection date (ISOLATION_POLICIES.home).
CREATE TEMP TABLE ca_home_policy (code text NOT NULL, effective_from date NOT NULL, days int NOT NULL) ON COMMIT DROP;
-- The citation of each quarantine order's policy code.
CREATE TEMP TABLE ca_quarantine_policy (code text NOT NULL, source text NOT NULL) ON COMMIT DROP;
-- Response-time targets of hotline requests (HOTLINE_RESPONSE_POLICIES), minutes by kind.
CREATE TEMP TABLE ca_hotline_policy (
  effective_from date NOT NULL,
  kind text NOT NULL,
  minutes int NOT NULL,
  urgent_minutes int NOT NULL
) ON COMMIT DROP;
-- The province's care tiers (its own rows, else the national default '00'): code → tier number.
CREATE TEMP TABLE ca_tier (code text PRIMARY KEY, name text NOT NULL, tier int NOT NULL) ON COMMIT DROP;

-- @section facilities
-- Per district: one or two (three in the provincial capital) centralized isolation sites, a tier-1
-- facility (field hospital), a tier-2 hospital; one tier-3 provincial hospital. Capacity per wave is
-- set in the `capacity` section from the stays, above the peak they reached.
CREATE TEMP TABLE ca_district ON COMMIT DROP AS
WITH d AS (
  SELECT u.code, u.name, u.short_name, u.type, row_number() OVER (ORDER BY u.code)::int AS n
    FROM units u JOIN ca_param p ON p.province_code = u.province_code
   WHERE u.tree = '2021' AND u.level = 'district'
)
SELECT d.code, d.name, d.short_name, d.type, d.n, pg_temp.ca_lc(d.name) AS name_lc,
       -- where its sites are: the district town (thị trấn) or a ward, else its first commune
       coalesce((SELECT c.code FROM units c WHERE c.tree = '2021' AND c.parent_code = d.code
                  ORDER BY (c.type IN ('Thị trấn', 'Phường')) DESC, c.code LIMIT 1), d.code) AS seat,
       d.code = (SELECT x.code FROM d x ORDER BY (x.type = 'Thành phố') DESC, x.n LIMIT 1) AS capital
  FROM d;
ALTER TABLE ca_district ADD COLUMN seat_name text;
UPDATE ca_district d SET seat_name = u.name FROM units u WHERE u.tree = '2021' AND u.code = d.seat;

CREATE TEMP TABLE ca_facility (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_code text NOT NULL,
  unit_code text NOT NULL,
  -- iso | t1 | t2 | t3
  role text NOT NULL,
  -- the isolation sites of a district: 1, 2, 3
  slot int NOT NULL DEFAULT 1,
  name text NOT NULL,
  kind text NOT NULL,
  type text NOT NULL,
  tier_code text,
  owner text,
  address text,
  phone text,
  beds int NOT NULL,
  icu_beds int NOT NULL DEFAULT 0,
  ventilators int NOT NULL DEFAULT 0,
  high_flow int NOT NULL DEFAULT 0,
  ecmo int NOT NULL DEFAULT 0,
  dialysis int NOT NULL DEFAULT 0,
  concentrators int NOT NULL DEFAULT 0,
  oxygen_supply text,
  -- capacity in the first and the second wave (filled in `capacity`)
  beds1 int,
  beds2 int,
  icu1 int,
  icu2 int
) ON COMMIT DROP;

INSERT INTO ca_facility (district_code, unit_code, role, slot, name, kind, type, tier_code, owner, beds, icu_beds,
                         ventilators, high_flow, ecmo, dialysis, concentrators, oxygen_supply)
SELECT d.code, d.seat, s.role, s.slot, s.name, s.kind, s.type, s.tier_code, s.owner, s.beds, s.icu, s.vent, s.hfnc,
       s.ecmo, s.dialysis, s.o2, s.oxygen
  FROM ca_district d CROSS JOIN ca_param p
  CROSS JOIN LATERAL (
    VALUES
      -- the provincial capital: a college's dormitories, the provincial military command, a guesthouse
      ('iso', 1, 'Khu cách ly tập trung Trường Cao đẳng Cộng đồng ' || p.province_short, 'isolation', 'dormitory',
       NULL::text, 'Trường Cao đẳng Cộng đồng ' || p.province_short, 300, 0, 0, 0, 0, 0, 4, 'Oxy bình dự phòng', d.capital),
      ('iso', 2, 'Khu cách ly tập trung Bộ Chỉ huy Quân sự ' || p.province_name, 'isolation', 'military',
       NULL, 'Bộ Chỉ huy Quân sự ' || p.province_name, 200, 0, 0, 0, 0, 0, 3, 'Oxy bình dự phòng', d.capital),
      ('iso', 3, 'Khu cách ly tập trung Nhà khách Ủy ban nhân dân ' || p.province_name, 'isolation', 'guesthouse',
       NULL, 'Văn phòng Ủy ban nhân dân ' || p.province_name, 60, 0, 0, 0, 0, 0, 2, 'Oxy bình dự phòng', d.capital),
      -- the other districts: the ethnic boarding school's dormitories, and the district military
      -- command or the district guesthouse
      ('iso', 1, 'Khu cách ly tập trung Trường Phổ thông Dân tộc nội trú ' || d.name_lc, 'isolation', 'dormitory',
       NULL, 'Trường Phổ thông Dân tộc nội trú ' || d.name_lc, 120 + 40 * (d.n % 3), 0, 0, 0, 0, 0, 2,
       'Oxy bình dự phòng', NOT d.capital),
      ('iso', 2, 'Khu cách ly tập trung Ban Chỉ huy Quân sự ' || d.name_lc, 'isolation', 'military',
       NULL, 'Ban Chỉ huy Quân sự ' || d.name_lc, 100, 0, 0, 0, 0, 0, 2, 'Oxy bình dự phòng',
       NOT d.capital AND d.n % 2 = 0),
      ('iso', 2, 'Khu cách ly tập trung Nhà khách Ủy ban nhân dân ' || d.name_lc, 'isolation', 'guesthouse',
       NULL, 'Văn phòng HĐND và UBND ' || d.name_lc, 40, 0, 0, 0, 0, 0, 1, 'Oxy bình dự phòng',
       NOT d.capital AND d.n % 2 = 1),
      -- tier 1: the province's field hospital in the capital, a facility of the district health centre elsewhere
      ('t1', 1, 'Bệnh viện dã chiến ' || p.province_name, 'treatment', 'field_hospital', 'hospital_t1',
       'Sở Y tế ' || p.province_name, 200, 0, 0, 0, 0, 0, 30, 'Oxy bình 40 lít, máy tạo oxy', d.capital),
      ('t1', 1, 'Cơ sở thu dung, điều trị COVID-19 ' || d.name_lc, 'treatment', 'field_hospital', 'hospital_t1',
       'Trung tâm Y tế ' || d.name_lc, 60 + 20 * (d.n % 3), 0, 0, 0, 0, 0, 10, 'Oxy bình 40 lít, máy tạo oxy',
       NOT d.capital),
      -- tier 2: the district hospital (the city's health centre in the capital)
      ('t2', 1, 'Bệnh viện Đa khoa ' || d.name_lc, 'treatment', 'district_hospital', 'hospital_t2',
       'Trung tâm Y tế ' || d.name_lc, 40 + 10 * (d.n % 2), 4, 2, 3, 0, d.n % 2, 12,
       'Oxy bình, hệ thống oxy trung tâm khoa Hồi sức', d.type <> 'Thành phố'),
      ('t2', 1, 'Trung tâm Y tế ' || d.name_lc, 'treatment', 'health_center', 'hospital_t2',
       'Sở Y tế ' || p.province_name, 50, 4, 3, 4, 0, 1, 15, 'Oxy bình, hệ thống oxy trung tâm',
       d.type = 'Thành phố'),
      -- tier 3: the provincial general hospital
      ('t3', 1, 'Bệnh viện Đa khoa ' || p.province_name, 'treatment', 'provincial_hospital', 'hospital_t3',
       'Sở Y tế ' || p.province_name, 150, 20, 15, 12, 1, 6, 40,
       'Bồn oxy lỏng 10 m³, hệ thống oxy trung tâm', d.capital)
  ) AS s(role, slot, name, kind, type, tier_code, owner, beds, icu, vent, hfnc, ecmo, dialysis, o2, oxygen, wanted)
 WHERE s.wanted;

UPDATE ca_facility f
   SET address = 'Tổ dân phố ' || pg_temp.ca_num(f.name, 1, 12) || ', ' || d.seat_name || ', ' || d.name,
       phone = p.area_code || ' 3' || lpad(pg_temp.ca_num(f.name || 'a', 800, 899)::text, 3, '0') || ' '
               || lpad(pg_temp.ca_num(f.name || 'b', 0, 999)::text, 3, '0')
  FROM ca_district d, ca_param p WHERE d.code = f.district_code;
-- How many isolation sites each district has (a person is sent to one of them).
ALTER TABLE ca_district ADD COLUMN iso_n int;
UPDATE ca_district d SET iso_n = (SELECT count(*) FROM ca_facility f WHERE f.district_code = d.code AND f.role = 'iso');
CREATE INDEX ON ca_facility (district_code, role, slot);
ANALYZE ca_facility;
ANALYZE ca_district;

-- @section episodes
-- Cases: the first place of care and the last (case_events, as the outbreak wrote them), the day
-- the place changed. Contacts: the quarantine orders of a person that overlap are one episode; an
-- episode ends the day the person was found positive (became_case).
CREATE TEMP TABLE ca_case ON COMMIT DROP AS
SELECT c.id, c.person_id, c.unit_code, coalesce(u.district_code, u.code) AS district_code, c.detected_on,
       c.status, c.severity, c.care_place AS care_final, coalesce(ev.first_care, c.care_place) AS care_initial,
       ev.last_care_on, c.outcome_on, c.outcome_criterion,
       coalesce(sv.first_severity, c.severity) AS severity_initial
  FROM cases c
  JOIN ca_param p ON p.province_code = c.province_code
  JOIN units u ON u.tree = '2021' AND u.code = c.unit_code
  LEFT JOIN LATERAL (
    SELECT (array_agg(e.value ORDER BY e.occurred_on, e.id))[1] AS first_care, max(e.occurred_on) AS last_care_on
      FROM case_events e WHERE e.case_id = c.id AND e.province_code = c.province_code AND e.kind = 'care') ev ON TRUE
  LEFT JOIN LATERAL (
    SELECT e.value AS first_severity FROM case_events e
     WHERE e.case_id = c.id AND e.province_code = c.province_code AND e.kind = 'severity'
     ORDER BY e.occurred_on, e.id LIMIT 1) sv ON TRUE
 -- the story is over: every case has its outcome (a case still open has no history to seed)
 WHERE c.outcome_on IS NOT NULL;
CREATE INDEX ON ca_case (person_id);
ANALYZE ca_case;

CREATE TEMP TABLE ca_contact ON COMMIT DROP AS
WITH k AS (
  SELECT k.id, k.person_id, k.unit_code, k.quarantine_place AS place, k.quarantine_start AS s,
         k.quarantine_end AS e, k.policy_code, k.created_at
    FROM contacts k JOIN ca_param p ON p.province_code = k.province_code
   WHERE k.quarantine_place IS NOT NULL AND k.quarantine_start IS NOT NULL AND k.quarantine_end IS NOT NULL
     AND k.quarantine_end > k.quarantine_start
),
flagged AS (
  SELECT k.*,
         CASE WHEN k.s <= max(k.e) OVER (PARTITION BY k.person_id ORDER BY k.s, k.id
                                         ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
              THEN 0 ELSE 1 END AS starts_island
    FROM k
),
islands AS (
  SELECT f.*, sum(f.starts_island) OVER (PARTITION BY f.person_id ORDER BY f.s, f.id) AS island FROM flagged f
)
SELECT i.person_id,
       (array_agg(i.id ORDER BY i.s, i.id))[1] AS contact_id,
       (array_agg(i.unit_code ORDER BY i.s, i.id))[1] AS unit_code,
       (array_agg(i.place ORDER BY i.s, i.id))[1] AS place,
       min(i.s) AS start_on,
       max(i.e) AS planned_end_on,
       (array_agg(i.policy_code ORDER BY i.e DESC, i.id))[1] AS policy_code,
       (array_agg(i.created_at ORDER BY i.s, i.id))[1] AS traced_at
  FROM islands i GROUP BY i.person_id, i.island;
CREATE INDEX ON ca_contact (person_id);
ANALYZE ca_contact;

CREATE TEMP TABLE ca_episode (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  reason text NOT NULL,
  person_id uuid NOT NULL,
  unit_code text NOT NULL,
  district_code text NOT NULL,
  case_id uuid,
  contact_id uuid,
  start_on date NOT NULL,
  planned_end_on date,
  policy_code text,
  ended_on date NOT NULL,
  end_reason text NOT NULL,
  release_criterion text,
  -- the first place, and the place after the move (null: never moved)
  role1 text,
  role2 text,
  fac1 uuid,
  fac2 uuid,
  start_at timestamptz NOT NULL,
  moved_at timestamptz,
  end_at timestamptz NOT NULL,
  -- the alert a move from home answered
  alert_id uuid,
  severity text,
  severity_initial text,
  -- a single low SpO2 (dismissed after a re-measurement) or a worry (resolved by a call) on one entry
  blip text,
  blip_day date,
  birth_date date,
  household_id uuid,
  flags text[],
  commitment_signer text,
  supervising_team text
) ON COMMIT DROP;

-- role of a care place: home (null), an isolation site, a tier's facility
INSERT INTO ca_episode (reason, person_id, unit_code, district_code, case_id, start_on, planned_end_on, policy_code,
                        ended_on, end_reason, release_criterion, role1, role2, start_at, moved_at, end_at, alert_id,
                        severity, severity_initial)
WITH c AS (
  SELECT c.*,
         CASE WHEN c.care_initial <> c.care_final
              THEN least(greatest(coalesce(c.last_care_on, c.detected_on + 1), c.detected_on + 1), c.outcome_on) END
           AS moved_on,
         random() AS r_start, random() AS r_move, random() AS r_end
    FROM ca_case c
),
roles AS (
  SELECT c.*,
         CASE c.care_initial WHEN 'home' THEN NULL WHEN 'facility' THEN 'iso'
              ELSE 't' || least(3, greatest(1, coalesce(ti.tier, 2))) END AS role_initial,
         CASE c.care_final WHEN 'home' THEN NULL WHEN 'facility' THEN 'iso'
              ELSE 't' || least(3, greatest(1, coalesce(tf.tier, 2))) END AS role_final,
         hp.code AS home_code, hp.days AS home_days
    FROM c
    LEFT JOIN ca_tier ti ON ti.code = c.care_initial
    LEFT JOIN ca_tier tf ON tf.code = c.care_final
    LEFT JOIN LATERAL (SELECT h.code, h.days FROM ca_home_policy h WHERE h.effective_from <= c.detected_on
                        ORDER BY h.effective_from DESC LIMIT 1) hp ON TRUE
),
timed AS (
  SELECT r.*,
         -- enrolment at home in the afternoon of the confirmation; to a facility in the evening
         CASE WHEN r.role_initial IS NULL THEN pg_temp.ca_at(r.detected_on, 900 + r.r_start * 75)
              ELSE pg_temp.ca_at(r.detected_on, 1080 + r.r_start * 150) END AS start_at,
         -- a transfer in the morning, after the alert (home) or the ward round (facility)
         CASE WHEN r.moved_on IS NOT NULL THEN pg_temp.ca_at(r.moved_on, 570 + r.r_move * 150) END AS moved_at,
         -- discharge in the morning; a death at any hour
         CASE WHEN r.status = 'died' THEN pg_temp.ca_at(r.outcome_on, r.r_end * 1380)
              ELSE pg_temp.ca_at(r.outcome_on, 480 + r.r_end * 180) END AS end_raw
    FROM roles r
)
SELECT 'case', t.person_id, t.unit_code, t.district_code, t.id, t.detected_on,
       -- the policy of the last place: a day count at home, the discharge criterion in a facility
       CASE WHEN t.role_final IS NULL AND t.home_code IS NOT NULL THEN t.detected_on + t.home_days END,
       CASE WHEN t.role_final IS NULL AND t.home_code IS NOT NULL THEN t.home_code ELSE p.discharge_code END,
       t.outcome_on,
       CASE t.status WHEN 'died' THEN 'died' WHEN 'transferred_out' THEN 'transferred' ELSE 'completed' END,
       t.outcome_criterion,
       t.role_initial,
       CASE WHEN t.moved_at IS NOT NULL THEN t.role_final END,
       t.start_at, t.moved_at,
       greatest(t.end_raw, coalesce(t.moved_at, t.start_at) + interval '2 hours'),
       CASE WHEN t.moved_at IS NOT NULL AND t.role_initial IS NULL THEN gen_random_uuid() END,
       t.severity, t.severity_initial
  FROM timed t CROSS JOIN ca_param p;

INSERT INTO ca_episode (reason, person_id, unit_code, district_code, contact_id, start_on, planned_end_on, policy_code,
                        ended_on, end_reason, release_criterion, role1, start_at, end_at)
WITH k AS (
  SELECT k.*, coalesce(u.district_code, u.code) AS district_code,
         (SELECT min(x.detected_on) FROM ca_case x WHERE x.person_id = k.person_id
             AND x.detected_on > k.start_on AND x.detected_on <= k.planned_end_on) AS positive_on,
         random() AS r_start, random() AS r_end
    FROM ca_contact k JOIN units u ON u.tree = '2021' AND u.code = k.unit_code
   -- not while the person was a case (a quarantine that began during an isolation is none)
   WHERE NOT EXISTS (SELECT 1 FROM ca_case x WHERE x.person_id = k.person_id
                        AND k.start_on BETWEEN x.detected_on AND x.outcome_on)
),
timed AS (
  SELECT k.*,
         CASE WHEN k.positive_on IS NOT NULL THEN pg_temp.ca_at(k.positive_on, 480 + k.r_end * 120)
              ELSE pg_temp.ca_at(k.planned_end_on, 480 + k.r_end * 180) END AS end_at,
         -- enrolled when traced (the evening the contact was listed): at home at once, at a site
         -- after the transport; never before day 1
         greatest(k.traced_at + CASE WHEN k.place = 'facility' THEN interval '90 minutes' ELSE interval '20 minutes' END
                    + make_interval(secs => round(k.r_start * 3600)),
                  pg_temp.ca_at(k.start_on, 420)) AS enrolled_at
    FROM k
)
SELECT 'contact', t.person_id, t.unit_code, t.district_code, t.contact_id, t.start_on, t.planned_end_on, t.policy_code,
       coalesce(t.positive_on, t.planned_end_on),
       CASE WHEN t.positive_on IS NOT NULL THEN 'became_case' ELSE 'completed' END,
       CASE WHEN t.positive_on IS NULL THEN
         'Hoàn thành ' || (t.planned_end_on - t.start_on) || ' ngày cách ly '
         || CASE WHEN t.place = 'facility' THEN 'tập trung' ELSE 'tại nhà' END
         || coalesce(' theo ' || q.source, '') END,
       CASE WHEN t.place = 'facility' THEN 'iso' END,
       least(t.enrolled_at, t.end_at - interval '3 hours'),
       t.end_at
  FROM timed t LEFT JOIN ca_quarantine_policy q ON q.code = t.policy_code
 WHERE coalesce(t.positive_on, t.planned_end_on) > t.start_on;

ANALYZE ca_episode;

-- The facility of each place: an isolation site of the person's district (one of them), the
-- district's tier-1 and tier-2 facilities, the province's tier-3 hospital.
WITH r AS (SELECT id, random() AS r1, random() AS r2 FROM ca_episode)
UPDATE ca_episode e
   SET fac1 = CASE WHEN e.role1 IS NOT NULL THEN (
                SELECT f.id FROM ca_facility f JOIN ca_district d ON d.code = f.district_code
                 WHERE f.role = e.role1 AND (f.role = 't3' OR f.district_code = e.district_code)
                 ORDER BY f.slot = 1 + floor(r.r1 * d.iso_n)::int DESC, f.slot LIMIT 1) END,
       fac2 = CASE WHEN e.role2 IS NOT NULL THEN (
                SELECT f.id FROM ca_facility f JOIN ca_district d ON d.code = f.district_code
                 WHERE f.role = e.role2 AND (f.role = 't3' OR f.district_code = e.district_code)
                 ORDER BY f.slot = 1 + floor(r.r2 * d.iso_n)::int DESC, f.slot LIMIT 1) END
  FROM r WHERE r.id = e.id;

-- Who the person is; at home, who signed the household's commitment (the person, or the eldest
-- other adult of the household) and which team watches them. The members of the households
-- concerned are read in one pass.
CREATE TEMP TABLE ca_member ON COMMIT DROP AS
SELECT m.household_id, m.id, m.full_name, m.birth_date, m.flags, m.phone
  FROM persons m JOIN ca_param prm ON prm.province_code = m.province_code
 WHERE m.household_id IN (SELECT p.household_id FROM persons p JOIN ca_param prm2 ON prm2.province_code = p.province_code
                           WHERE p.id IN (SELECT person_id FROM ca_episode));
CREATE INDEX ON ca_member (id);
CREATE INDEX ON ca_member (household_id, birth_date, id);
ANALYZE ca_member;
WITH who AS (
  SELECT e.id, p.birth_date, p.household_id, p.flags,
         CASE WHEN e.role1 IS NOT NULL THEN NULL
              WHEN extract(year FROM age(e.start_on, p.birth_date)) >= 18 AND random() < 0.6 THEN p.full_name
              ELSE coalesce((SELECT a.full_name FROM ca_member a
                              WHERE a.household_id = p.household_id AND a.id <> e.person_id
                                AND a.birth_date <= e.start_on - interval '18 years'
                              ORDER BY a.household_id, a.birth_date, a.id LIMIT 1), p.full_name) END AS signer
    FROM ca_episode e JOIN ca_member p ON p.id = e.person_id
)
UPDATE ca_episode e
   SET birth_date = w.birth_date, household_id = w.household_id, flags = w.flags, commitment_signer = w.signer
  FROM who w WHERE w.id = e.id;
UPDATE ca_episode e
   SET supervising_team = 'Tổ Covid cộng đồng '
         || CASE WHEN h.address LIKE 'Bản %' THEN 'bản ' || substr(h.address, 5)
                 WHEN h.address LIKE '%, %' THEN split_part(h.address, ', ', 2)
                 ELSE coalesce(h.address, 'khu dân cư') END
         || ', ' || pg_temp.ca_lc(u.name)
  FROM ca_param prm, households h, units u
 WHERE e.role1 IS NULL AND h.id = e.household_id AND h.province_code = prm.province_code
   AND u.tree = '2021' AND u.code = e.unit_code;

-- A few people at home had one worrying entry that was not a transfer: a low SpO2 that a
-- re-measurement put right (dismissed), or a worry the station answered by phone (resolved).
WITH r AS (SELECT id, random() AS r_blip, random() AS r_day FROM ca_episode WHERE role1 IS NULL AND alert_id IS NULL)
UPDATE ca_episode e
   SET blip = CASE WHEN r.r_blip < 0.015 THEN 'recheck' ELSE 'worried' END,
       blip_day = e.start_on + 1 + floor(r.r_day * greatest(1, e.ended_on - e.start_on - 1))::int
  FROM r WHERE r.id = e.id AND e.reason = 'case' AND r.r_blip < 0.03;
CREATE INDEX ON ca_episode (person_id);
ANALYZE ca_episode;

-- Each place with its times: the first from the start, the one after a move, to the end.
CREATE TEMP TABLE ca_stay ON COMMIT DROP AS
SELECT gen_random_uuid() AS id, e.id AS episode_id, 1 AS seq,
       CASE WHEN e.role1 IS NULL THEN 'home' ELSE 'facility' END AS place, e.fac1 AS facility_id,
       e.start_at AS from_at, coalesce(e.moved_at, e.end_at) AS to_at,
       CASE WHEN e.role1 IS NULL THEN 'enrolment' ELSE 'admission' END AS reason, NULL::uuid AS alert_id,
       e.severity = 'critical' AND e.moved_at IS NULL AS critical
  FROM ca_episode e
UNION ALL
SELECT gen_random_uuid(), e.id, 2, 'facility', e.fac2, e.moved_at, e.end_at, 'transfer', e.alert_id,
       e.severity = 'critical'
  FROM ca_episode e WHERE e.moved_at IS NOT NULL;
CREATE INDEX ON ca_stay (facility_id);
ANALYZE ca_stay;

-- @section capacity
-- People in each facility on each day (anyone who spent part of the day there), and the capacity of
-- each wave: the planned beds, more when the wave needed them (a quarter above its peak, by tens).
CREATE TEMP TABLE ca_occupancy ON COMMIT DROP AS
SELECT s.facility_id, d::date AS day, count(*)::int AS occupied, count(*) FILTER (WHERE s.critical)::int AS icu
  FROM ca_stay s
  CROSS JOIN LATERAL generate_series(pg_temp.ca_day(s.from_at), pg_temp.ca_day(s.to_at), interval '1 day') d
 WHERE s.facility_id IS NOT NULL
 GROUP BY 1, 2;
WITH peaks AS (
  SELECT o.facility_id,
         max(o.occupied) FILTER (WHERE o.day < p.wave_split) AS peak1,
         max(o.occupied) FILTER (WHERE o.day >= p.wave_split) AS peak2,
         max(o.icu) FILTER (WHERE o.day < p.wave_split) AS icu1,
         max(o.icu) FILTER (WHERE o.day >= p.wave_split) AS icu2
    FROM ca_occupancy o CROSS JOIN ca_param p GROUP BY 1
)
UPDATE ca_facility f
   SET beds1 = greatest(f.beds, ceil(coalesce(k.peak1, 0) * 1.25 / 10.0)::int * 10),
       -- the 2022 wave: facilities added beds (a fifth more) on top of what the first wave needed
       beds2 = greatest(f.beds + f.beds / 5 * (f.role <> 't3')::int, ceil(coalesce(k.peak2, 0) * 1.25 / 10.0)::int * 10),
       icu1 = CASE WHEN f.icu_beds > 0 OR coalesce(k.icu1, 0) > 0 THEN greatest(f.icu_beds, coalesce(k.icu1, 0) + 2) ELSE 0 END,
       icu2 = CASE WHEN f.icu_beds > 0 OR coalesce(k.icu2, 0) > 0 THEN greatest(f.icu_beds, coalesce(k.icu2, 0) + 2) ELSE 0 END
  FROM ca_facility f2 LEFT JOIN peaks k ON k.facility_id = f2.id
 WHERE f2.id = f.id;

-- @section monitoring
-- Twice a day (morning 7–9 h, afternoon 16–18 h) for everyone at home, by the person, a caregiver
-- (children, the elderly), the community team or the health station; about 3 in 100 forms missed.
-- Readings are those of a mild illness (SpO2 96–99 %, a fever the first days). Before a transfer
-- from home: a worse afternoon, then a morning with a low SpO2 measured twice, fast breathing
-- (12 and over), often breathlessness: the alert that sent the person to hospital.
CREATE TEMP TABLE ca_entry ON COMMIT DROP AS
WITH slots AS (
  SELECT e.id AS episode_id, e.unit_code, e.reason, e.birth_date, e.severity_initial, e.alert_id, e.blip, e.blip_day,
         s.from_at, s.to_at, d::date AS day, slot,
         pg_temp.ca_day(e.moved_at) AS moved_day, d::date - e.start_on AS k,
         pg_temp.ca_at(d::date, CASE slot WHEN 1 THEN 420 + random() * 120 ELSE 960 + random() * 120 END) AS at,
         random() AS r_miss, random() AS r_who, random() AS r_spo2, random() AS r_t, random() AS r_p, random() AS r_rr,
         random() AS r_bp, random() AS r_s1, random() AS r_s2, random() AS r_s3, random() AS r_s4
    FROM ca_stay s JOIN ca_episode e ON e.id = s.episode_id
    CROSS JOIN LATERAL generate_series(pg_temp.ca_day(s.from_at), pg_temp.ca_day(s.to_at), interval '1 day') d
    CROSS JOIN generate_series(1, 2) slot
   WHERE s.place = 'home'
),
kept AS (
  SELECT s.*,
         CASE WHEN s.alert_id IS NOT NULL AND s.day = s.moved_day AND s.slot = 1 THEN 'alarm'
              WHEN s.alert_id IS NOT NULL AND s.day = s.moved_day - 1 AND s.slot = 2 THEN 'worse'
              WHEN s.blip IS NOT NULL AND s.day = s.blip_day AND s.slot = 1 THEN s.blip
              ELSE 'normal' END AS pattern,
         extract(year FROM age(s.day, s.birth_date))::int AS age,
         s.reason = 'case' AND s.severity_initial <> 'asymptomatic' AS symptomatic
    FROM slots s
   WHERE s.at > s.from_at AND s.at < s.to_at
),
valued AS (
  SELECT k.*,
         CASE
           WHEN k.pattern = 'alarm' THEN 92 + floor(k.r_spo2 * 3)::int
           WHEN k.pattern = 'recheck' THEN 94
           WHEN k.pattern = 'worse' THEN 96
           -- contacts: a third have an oximeter at home
           WHEN k.reason = 'contact' AND k.r_p < 0.65 THEN NULL
           WHEN k.r_spo2 < 0.02 THEN 95  -- read low once, measured again at once: fine
           WHEN k.r_spo2 < 0.12 THEN 96 WHEN k.r_spo2 < 0.47 THEN 97 WHEN k.r_spo2 < 0.86 THEN 98 ELSE 99 END AS spo2,
         CASE
           WHEN k.pattern = 'alarm' THEN 380 + floor(k.r_t * 13)::int
           WHEN k.pattern = 'worse' THEN 376 + floor(k.r_t * 10)::int
           WHEN k.symptomatic AND k.k <= 2 AND k.r_t < 0.5 THEN 375 + floor(k.r_t * 28)::int
           ELSE 362 + floor(k.r_t * 11)::int END AS temperature_tenths,
         CASE
           WHEN k.pattern IN ('alarm', 'worse') THEN 98 + floor(k.r_p * 20)::int
           WHEN k.reason = 'contact' AND k.r_p < 0.5 THEN NULL
           WHEN k.age < 1 THEN 100 + floor(k.r_p * 19)::int
           WHEN k.age < 12 THEN 85 + floor(k.r_p * 31)::int
           ELSE 66 + floor(k.r_p * 31)::int END AS pulse,
         CASE
           WHEN k.reason = 'contact' AND k.r_rr < 0.7 THEN NULL
           -- below the fast-breathing threshold of each age (warning-signs.ts: 50 from 2 months,
           -- 40 from 1 year, 30 from 5 years, 21 from 12)
           WHEN k.age < 1 THEN 34 + floor(k.r_rr * 10)::int
           WHEN k.age < 5 THEN 24 + floor(k.r_rr * 9)::int
           WHEN k.age < 12 THEN 18 + floor(k.r_rr * 7)::int
           WHEN k.pattern = 'alarm' THEN 22 + floor(k.r_rr * 4)::int
           WHEN k.pattern = 'worse' THEN 20
           ELSE 16 + floor(k.r_rr * 5)::int END AS respiratory_rate,
         CASE WHEN k.age >= 1 AND k.r_who < 0.60 THEN
           CASE WHEN k.k = 0 THEN 'station' WHEN k.r_who < 0.10 THEN 'team' WHEN k.r_who < 0.14 THEN 'station' END
         END AS visit
    FROM kept k
   WHERE k.r_miss >= 0.03 OR k.pattern <> 'normal'
),
measured AS (
  SELECT v.episode_id, v.unit_code, v.at AS recorded_at, v.pattern, v.age, v.birth_date, v.day,
       coalesce(v.visit, CASE WHEN v.age < 16 OR v.age >= 75 THEN 'caregiver'
                              WHEN v.r_who > 0.93 THEN 'caregiver' ELSE 'self' END) AS recorded_by_kind,
       v.spo2,
       CASE WHEN v.pattern = 'alarm' THEN v.spo2 - floor(v.r_s4 * 2)::int
            WHEN v.spo2 = 95 THEN 97 END AS spo2_recheck,
       v.respiratory_rate, v.pulse, v.temperature_tenths,
       -- blood pressure when a health worker measured it (adults)
       CASE WHEN v.visit IS NOT NULL AND v.age >= 18 THEN 105 + floor(v.r_s4 * 31)::int END AS systolic,
       CASE WHEN v.visit IS NOT NULL AND v.age >= 18 THEN 65 + floor(v.r_s3 * 21)::int END AS diastolic,
       array_remove(ARRAY[
         CASE WHEN v.temperature_tenths >= 375 THEN 'fever' END,
         CASE WHEN (v.symptomatic AND v.k <= 5 AND v.r_s1 < 0.55) OR v.pattern IN ('alarm', 'worse') THEN 'cough' END,
         CASE WHEN v.symptomatic AND v.k <= 3 AND v.r_s2 < 0.35 THEN 'sore_throat' END,
         CASE WHEN (v.symptomatic AND v.k <= 4 AND v.r_s3 < 0.30) OR v.pattern IN ('alarm', 'worse') THEN 'fatigue' END,
         CASE WHEN v.symptomatic AND v.k <= 3 AND v.r_s4 < 0.20 THEN 'runny_nose' END,
         CASE WHEN v.symptomatic AND v.k <= 2 AND v.r_s1 > 0.85 THEN 'headache' END,
         CASE WHEN v.symptomatic AND v.k BETWEEN 2 AND 6 AND v.r_s2 > 0.90 THEN 'loss_taste_smell' END,
         CASE WHEN v.reason = 'contact' AND v.r_s1 > 0.97 THEN 'sore_throat' END,
         CASE WHEN v.pattern = 'alarm' AND v.r_s2 < 0.6 THEN 'dyspnoea' END,
         CASE WHEN v.pattern = 'worried' THEN 'worried' END
       ]::text[], NULL) AS symptoms
  FROM valued v
)
-- The warning signs (warning-signs.ts, §3.4) of these readings, in the order of WARNING_SIGNS, and
-- the severity they raise; care.ts checks every flagged entry and a sample of the others against
-- the domain's warningSigns.
SELECT m.*,
       array_remove(ARRAY[
         CASE WHEN 'dyspnoea' = ANY(m.symptoms) THEN 'dyspnoea' END,
         CASE WHEN m.pattern = 'alarm' AND m.age >= 12 THEN 'fast_breathing' END,
         CASE WHEN m.pattern = 'alarm' THEN 'low_spo2' END,
         CASE WHEN m.pattern = 'recheck' THEN 'low_spo2_unconfirmed' END,
         CASE WHEN 'worried' = ANY(m.symptoms) THEN 'worried' END
       ]::text[], NULL) AS signs,
       CASE m.pattern WHEN 'alarm' THEN 3 WHEN 'recheck' THEN 2 WHEN 'worried' THEN 1 ELSE 0 END AS severity
  FROM measured m;

-- @section write
INSERT INTO facilities (id, province_code, unit_code, name, kind, type, tier_code, owner, address, phone, state, state_on,
                        beds, icu_beds, ventilators, high_flow_oxygen, ecmo, dialysis, oxygen_concentrators,
                        oxygen_supply, occupied, created_at, updated_at)
SELECT f.id, p.province_code, f.unit_code, f.name, f.kind, f.type, f.tier_code, f.owner, f.address, f.phone,
       'planned', NULL, f.beds2, f.icu2, f.ventilators + greatest(0, f.icu2 - f.icu_beds) / 2, f.high_flow, f.ecmo,
       f.dialysis, f.concentrators, f.oxygen_supply, 0,
       pg_temp.ca_at((SELECT min(start_on) FROM ca_episode) - 21, 600), now()
  FROM ca_facility f CROSS JOIN ca_param p
 ORDER BY f.district_code, f.role, f.slot;

-- Planned (the province's plan), ready (a decision), then active for each wave it served (from the
-- day of its first admission); isolation sites and tier-1 facilities went back to ready after each
-- wave, hospitals kept their COVID-19 wards open.
WITH bounds AS (SELECT min(start_on) AS first_day FROM ca_episode),
waves AS (
  SELECT s.facility_id, (pg_temp.ca_day(s.from_at) >= p.wave_split)::int + 1 AS wave,
         min(pg_temp.ca_day(s.from_at)) AS first_in, max(pg_temp.ca_day(s.to_at)) AS last_out
    FROM ca_stay s CROSS JOIN ca_param p WHERE s.facility_id IS NOT NULL GROUP BY 1, 2
),
events AS (
  SELECT f.id AS facility_id, 1 AS ord, 'planned' AS state, b.first_day - 21 AS on_day,
         'Kế hoạch số ' || pg_temp.ca_num(p.province_code || 'kh', 1500, 1999) || '/KH-UBND ngày '
           || to_char(b.first_day - 21, 'DD/MM/YYYY') || ' của Ủy ban nhân dân ' || p.province_name AS decided_by,
         CASE f.kind WHEN 'isolation' THEN 'Dự kiến trưng dụng làm khu cách ly tập trung'
                     ELSE 'Dự kiến bố trí cơ sở thu dung, điều trị người bệnh COVID-19' END AS note
    FROM ca_facility f CROSS JOIN bounds b CROSS JOIN ca_param p
  UNION ALL
  SELECT f.id, 2, 'ready', b.first_day - 8,
         'Quyết định số ' || pg_temp.ca_num(f.name || 'ready', 1100, 1399) || '/QĐ-UBND ngày '
           || to_char(b.first_day - 8, 'DD/MM/YYYY') || ' của Ủy ban nhân dân '
           || CASE WHEN f.kind = 'isolation' AND NOT d.capital THEN d.name_lc ELSE p.province_name END,
         'Đã bố trí nhân lực, trang thiết bị; sẵn sàng tiếp nhận'
    FROM ca_facility f JOIN ca_district d ON d.code = f.district_code CROSS JOIN bounds b CROSS JOIN ca_param p
  UNION ALL
  SELECT f.id, 1 + 2 * w.wave, 'active', w.first_in - (abs(hashtext(f.name || w.wave)) % 2),
         'Quyết định số ' || pg_temp.ca_num(f.name || 'active' || w.wave, 1400, 2999) || '/QĐ-UBND ngày '
           || to_char(w.first_in - (abs(hashtext(f.name || w.wave)) % 2), 'DD/MM/YYYY') || ' của Ủy ban nhân dân '
           || CASE WHEN f.kind = 'isolation' AND NOT d.capital THEN d.name_lc ELSE p.province_name END,
         'Đưa vào hoạt động, tiếp nhận người ' || CASE f.kind WHEN 'isolation' THEN 'cách ly' ELSE 'bệnh COVID-19' END
    FROM waves w JOIN ca_facility f ON f.id = w.facility_id JOIN ca_district d ON d.code = f.district_code
    CROSS JOIN ca_param p
   -- a hospital opens its ward once
   WHERE f.role IN ('iso', 't1') OR w.wave = (SELECT min(x.wave) FROM waves x WHERE x.facility_id = w.facility_id)
  UNION ALL
  SELECT f.id, 2 + 2 * w.wave, 'ready', w.last_out + 1 + (abs(hashtext(f.name || w.wave || 'r')) % 3),
         'Quyết định số ' || pg_temp.ca_num(f.name || 'pause' || w.wave, 1400, 2999) || '/QĐ-UBND ngày '
           || to_char(w.last_out + 1 + (abs(hashtext(f.name || w.wave || 'r')) % 3), 'DD/MM/YYYY')
           || ' của Ủy ban nhân dân '
           || CASE WHEN f.kind = 'isolation' AND NOT d.capital THEN d.name_lc ELSE p.province_name END,
         'Tạm dừng tiếp nhận sau khi người cuối cùng ra khỏi cơ sở; giữ trạng thái sẵn sàng'
    FROM waves w JOIN ca_facility f ON f.id = w.facility_id JOIN ca_district d ON d.code = f.district_code
    CROSS JOIN ca_param p
   WHERE f.role IN ('iso', 't1')
),
written AS (
  INSERT INTO facility_states (province_code, facility_id, state, effective_on, decided_by, note, recorded_at)
  SELECT p.province_code, e.facility_id, e.state, e.on_day, e.decided_by, e.note, pg_temp.ca_at(e.on_day, 600)
    FROM events e CROSS JOIN ca_param p
   ORDER BY e.facility_id, e.ord
  RETURNING facility_id, state, effective_on, recorded_at
)
UPDATE facilities f SET state = l.state, state_on = l.effective_on
  FROM (SELECT DISTINCT ON (facility_id) facility_id, state, effective_on FROM written
         ORDER BY facility_id, effective_on DESC, recorded_at DESC) l, ca_param p
 WHERE f.id = l.facility_id AND f.province_code = p.province_code;

-- The daily report of every facility over the outbreak: its capacity that day and the people in it.
INSERT INTO facility_days (province_code, facility_id, day, beds, icu_beds, ventilators, high_flow_oxygen, ecmo, dialysis,
                           oxygen_concentrators, occupied, icu_occupied, reported_at)
SELECT p.province_code, f.id, d::date,
       CASE WHEN d::date < p.wave_split THEN f.beds1 ELSE f.beds2 END,
       CASE WHEN d::date < p.wave_split THEN f.icu1 ELSE f.icu2 END,
       f.ventilators + greatest(0, CASE WHEN d::date < p.wave_split THEN f.icu1 ELSE f.icu2 END - f.icu_beds) / 2,
       f.high_flow, f.ecmo, f.dialysis, f.concentrators,
       coalesce(o.occupied, 0),
       CASE WHEN f.icu_beds > 0 THEN coalesce(o.icu, 0) END,
       pg_temp.ca_at(d::date, 1020)
  FROM ca_facility f CROSS JOIN ca_param p
  CROSS JOIN LATERAL generate_series((SELECT min(start_on) FROM ca_episode), (SELECT max(ended_on) FROM ca_episode),
                                     interval '1 day') d
  LEFT JOIN ca_occupancy o ON o.facility_id = f.id AND o.day = d::date
 ORDER BY d::date, f.id;

INSERT INTO care_episodes (id, province_code, person_id, unit_code, reason, case_id, contact_id, status, place,
                           facility_id, commitment_signer, commitment_on, supervising_team, start_on, planned_end_on,
                           policy_code, ended_on, end_reason, release_criterion, last_entry_at, created_at, updated_at)
SELECT e.id, p.province_code, e.person_id, e.unit_code, e.reason, e.case_id, e.contact_id, 'ended',
       CASE WHEN coalesce(e.fac2, e.fac1) IS NULL THEN 'home' ELSE 'facility' END, coalesce(e.fac2, e.fac1),
       e.commitment_signer, CASE WHEN e.commitment_signer IS NOT NULL THEN e.start_on END, e.supervising_team,
       e.start_on, e.planned_end_on, e.policy_code, e.ended_on, e.end_reason, e.release_criterion, m.last,
       e.start_at, e.end_at
  FROM ca_episode e CROSS JOIN ca_param p
  LEFT JOIN (SELECT episode_id, max(recorded_at) AS last FROM ca_entry GROUP BY 1) m ON m.episode_id = e.id
 ORDER BY e.start_on, e.id;

INSERT INTO care_stays (id, province_code, episode_id, place, facility_id, tier_code, from_at, to_at, reason, alert_id,
                        note)
SELECT s.id, p.province_code, s.episode_id, s.place, s.facility_id, f.tier_code, s.from_at, s.to_at, s.reason,
       s.alert_id,
       CASE WHEN s.alert_id IS NOT NULL THEN 'Chuyển viện do có dấu hiệu cảnh báo khi theo dõi tại nhà'
            WHEN s.reason = 'transfer' THEN 'Chuyển tầng điều trị do diễn biến nặng hơn' END
  FROM ca_stay s CROSS JOIN ca_param p LEFT JOIN ca_facility f ON f.id = s.facility_id
 ORDER BY s.from_at, s.id;

-- Entries, and the alert each flagged one raised: transferred (the move above), dismissed after a
-- second measurement, resolved by a call.
WITH written AS (
  INSERT INTO monitoring_entries (province_code, episode_id, unit_code, recorded_at, recorded_by_kind, spo2,
                                  spo2_recheck, respiratory_rate, pulse, temperature_tenths, systolic, diastolic,
                                  symptoms, signs, severity)
  SELECT p.province_code, m.episode_id, m.unit_code, m.recorded_at, m.recorded_by_kind, m.spo2, m.spo2_recheck,
         m.respiratory_rate, m.pulse, m.temperature_tenths, m.systolic, m.diastolic, m.symptoms, m.signs, m.severity
    FROM ca_entry m CROSS JOIN ca_param p
   ORDER BY m.recorded_at, m.episode_id
  RETURNING id, episode_id, recorded_at, severity, signs
)
INSERT INTO care_alerts (id, province_code, unit_code, episode_id, person_id, entry_id, severity, signs, raised_at,
                         status, handled_at, handling_note)
SELECT coalesce(CASE WHEN w.severity = 3 THEN e.alert_id END, gen_random_uuid()), p.province_code, e.unit_code, e.id,
       e.person_id, w.id, w.severity, w.signs, w.recorded_at,
       CASE w.severity WHEN 3 THEN 'transferred' WHEN 2 THEN 'dismissed' ELSE 'resolved' END,
       CASE w.severity WHEN 3 THEN e.moved_at
            ELSE w.recorded_at + make_interval(mins => 15 + abs(hashtext(e.id::text)) % 90) END,
       CASE w.severity
         WHEN 3 THEN 'Chuyển ' || f.name || ' (' || coalesce(t.name, 'cơ sở điều trị') || ')'
         WHEN 2 THEN 'Trạm y tế gọi lại, hướng dẫn đo lại: SpO2 97%, không có dấu hiệu cảnh báo; tiếp tục theo dõi tại nhà'
         ELSE 'Trạm y tế gọi điện tư vấn; người bệnh ổn định, tiếp tục theo dõi tại nhà' END
  FROM written w JOIN ca_episode e ON e.id = w.episode_id CROSS JOIN ca_param p
  LEFT JOIN ca_facility f ON f.id = e.fac2
  LEFT JOIN ca_tier t ON t.code = f.tier_code
 WHERE w.severity > 0
 ORDER BY w.recorded_at;

-- @section hotline
-- Requests of F0 at home in the 2022 wave (about one in eight asked, a few twice; half of those
-- about to be transferred called with their warning signs), routed to the commune, prioritised and
-- given their due time by the policy (hotlinePriority, hotlineDue); answered within the target but
-- for a few late ones, raised to the district when overdue.
CREATE TEMP TABLE ca_request ON COMMIT DROP AS
WITH home AS (
  SELECT e.*, random() AS r_ask, random() AS r_twice
    FROM ca_episode e CROSS JOIN ca_param p
   WHERE e.reason = 'case' AND e.role1 IS NULL AND e.start_on >= p.wave_split
),
asked AS (
  -- ordinary requests
  SELECT h.id AS episode_id, n AS nth, false AS warning,
         pg_temp.ca_at(h.start_on + floor(random() * greatest(1, h.ended_on - h.start_on))::int, 420 + random() * 780) AS at_raw,
         random() AS r_kind
    FROM home h CROSS JOIN LATERAL generate_series(1, CASE WHEN h.r_twice < 0.25 THEN 2 ELSE 1 END) n
   WHERE h.r_ask < 0.12
  UNION ALL
  -- a relative calls with the warning signs, minutes after the entry
  SELECT h.id, 1, true, m.recorded_at + make_interval(mins => 5 + floor(random() * 20)::int), 0
    FROM home h JOIN ca_entry m ON m.episode_id = h.id AND m.pattern = 'alarm'
   WHERE h.alert_id IS NOT NULL AND h.r_ask < 0.5
)
SELECT gen_random_uuid() AS id, a.episode_id, a.warning,
       greatest(e.start_at + interval '30 minutes', least(e.end_at - interval '30 minutes', a.at_raw)) AS received_at,
       CASE WHEN a.warning THEN 'medical'
            WHEN a.r_kind < 0.30 THEN 'medicine' WHEN a.r_kind < 0.52 THEN 'food' WHEN a.r_kind < 0.77 THEN 'medical'
            WHEN a.r_kind < 0.90 THEN 'test_kit' WHEN a.r_kind < 0.94 THEN 'transport' ELSE 'other' END AS kind,
       random() AS r_text, random() AS r_assign, random() AS r_resolve, random() AS r_late, random() AS r_channel,
       random() AS r_phone
  FROM asked a JOIN ca_episode e ON e.id = a.episode_id;

INSERT INTO hotline_requests (province_code, unit_code, person_id, episode_id, channel, kind, caller_name, phone, address,
                              detail, priority, priority_reasons, status, received_at, due_at, assigned_at,
                              assigned_to, resolved_at, resolution, escalated_at)
WITH facts AS (
  SELECT r.*, e.unit_code, e.person_id, e.supervising_team, pr.full_name, pr.phone AS own_phone, h.address,
         coalesce(e.commitment_signer, pr.full_name) AS signer, u.name AS unit_name,
         -- hotlinePriority: warning signs (with the alert they raised still open), poor household,
         -- policy family, in isolation
         array_remove(ARRAY[
           CASE WHEN r.warning THEN 'warning_signs' END,
           CASE WHEN r.warning THEN 'open_alert' END,
           CASE WHEN 'poor_household' = ANY(e.flags) THEN 'poor_household' END,
           CASE WHEN 'policy_family' = ANY(e.flags) THEN 'policy_family' END,
           'in_isolation'
         ]::text[], NULL) AS reasons,
         (SELECT m.phone FROM ca_member m WHERE m.household_id = e.household_id AND m.phone IS NOT NULL
           ORDER BY m.household_id, m.birth_date, m.id LIMIT 1) AS household_phone
    FROM ca_request r
    JOIN ca_episode e ON e.id = r.episode_id
    CROSS JOIN ca_param p
    JOIN ca_member pr ON pr.id = e.person_id
    LEFT JOIN households h ON h.id = e.household_id AND h.province_code = p.province_code
    JOIN units u ON u.tree = '2021' AND u.code = e.unit_code
),
prioritised AS (
  SELECT f.*,
         CASE WHEN 'warning_signs' = ANY(f.reasons) THEN 1
              WHEN 'poor_household' = ANY(f.reasons) OR 'policy_family' = ANY(f.reasons) THEN 2 ELSE 3 END AS priority,
         hp.minutes, hp.urgent_minutes
    FROM facts f
    CROSS JOIN LATERAL (
      -- the version in force on the day received; the first also judges any earlier day
      SELECT h.minutes, h.urgent_minutes FROM ca_hotline_policy h
       WHERE h.kind = f.kind
       ORDER BY CASE WHEN h.effective_from <= pg_temp.ca_day(f.received_at) THEN h.effective_from END DESC NULLS LAST,
                h.effective_from
       LIMIT 1) hp
),
timed AS (
  SELECT q.*,
         CASE WHEN q.priority = 1 THEN least(q.urgent_minutes, q.minutes) ELSE q.minutes END AS target,
         q.r_late < 0.06 AS late
    FROM prioritised q
)
SELECT p.province_code, t.unit_code, t.person_id, t.episode_id,
       CASE WHEN t.r_channel < 0.35 THEN 'public' ELSE 'hotline' END,
       t.kind, t.signer,
       coalesce(t.own_phone, t.household_phone,
                '0' || (ARRAY['912', '913', '915', '916', '983', '985', '988', '966', '975', '868'])[1 + floor(t.r_phone * 10)::int]
                || lpad(pg_temp.ca_num(t.id::text, 0, 9999999)::text, 7, '0')),
       t.address,
       CASE t.kind
         WHEN 'medical' THEN CASE WHEN t.warning THEN 'Người nhà báo người bệnh khó thở, mệt nhiều, SpO2 đo được dưới 95%'
                                  WHEN t.r_text < 0.5 THEN 'Sốt trên 38 độ hai ngày, hỏi cách dùng thuốc hạ sốt'
                                  ELSE 'Trẻ nhỏ trong nhà ho nhiều, xin tư vấn cách chăm sóc' END
         WHEN 'medicine' THEN CASE WHEN t.r_text < 0.6 THEN 'Xin túi thuốc điều trị F0 tại nhà'
                                   ELSE 'Hết thuốc hạ sốt, xin thêm thuốc' END
         WHEN 'food' THEN CASE WHEN t.r_text < 0.6 THEN 'Cả nhà đang cách ly, hết gạo và thực phẩm'
                               ELSE 'Xin hỗ trợ mua rau, thực phẩm và sữa cho trẻ nhỏ' END
         WHEN 'test_kit' THEN 'Xin bộ test nhanh để tự xét nghiệm khi hết ngày cách ly'
         WHEN 'transport' THEN 'Cần xe đưa đi khám thai định kỳ'
         ELSE 'Hỏi thủ tục xin giấy xác nhận khỏi bệnh' END,
       t.priority, t.reasons, 'resolved', t.received_at,
       t.received_at + make_interval(mins => t.target),
       t.received_at + make_interval(secs => round(t.target * 60 * (0.05 + 0.20 * t.r_assign))),
       CASE WHEN t.kind IN ('medical', 'other') THEN 'Trạm Y tế ' || pg_temp.ca_lc(t.unit_name)
            ELSE coalesce(t.supervising_team, 'Tổ Covid cộng đồng ' || pg_temp.ca_lc(t.unit_name)) END,
       t.received_at + make_interval(secs => round(t.target * 60 * CASE WHEN t.late THEN 1.1 + 1.4 * t.r_resolve
                                                                         ELSE 0.25 + 0.7 * t.r_resolve END)),
       CASE t.kind
         WHEN 'medical' THEN CASE WHEN t.warning THEN 'Trạm y tế đến nhà đánh giá, chuyển người bệnh đến cơ sở điều trị'
                                  ELSE 'Bác sĩ trạm y tế gọi lại tư vấn, hướng dẫn theo dõi SpO2 và hạ sốt' END
         WHEN 'medicine' THEN 'Đã cấp túi thuốc điều trị tại nhà và hướng dẫn cách dùng'
         WHEN 'food' THEN CASE WHEN t.priority = 2 THEN 'Đã hỗ trợ 10 kg gạo và nhu yếu phẩm từ quỹ phòng, chống dịch của xã'
                               ELSE 'Tổ Covid cộng đồng đã mua giúp và mang thực phẩm đến tận nhà' END
         WHEN 'test_kit' THEN 'Đã cấp 2 bộ test nhanh kháng nguyên, hướng dẫn tự xét nghiệm'
         WHEN 'transport' THEN 'Đã bố trí xe đưa đi khám và đưa về nhà'
         ELSE 'Đã hướng dẫn thủ tục xác nhận khỏi bệnh tại trạm y tế' END,
       CASE WHEN t.late THEN t.received_at + make_interval(mins => t.target) END
  FROM timed t CROSS JOIN ca_param p
 ORDER BY t.received_at, t.id;

-- Numbers the province, each district and each commune publish: landlines of the area code,
-- a duty mobile at each health station.
INSERT INTO hotline_numbers (province_code, unit_code, phone, label, sort)
SELECT p.province_code, u.code, n.phone, n.label, n.sort
  FROM units u CROSS JOIN ca_param p
  CROSS JOIN LATERAL (
    SELECT l.label, l.sort,
           CASE WHEN l.mobile
                THEN '0' || (ARRAY['912', '913', '915', '916', '983', '985', '988', '966', '975', '868'])[1 + pg_temp.ca_num(u.code || l.label, 0, 9)]
                     || ' ' || lpad(pg_temp.ca_num(u.code || l.label || 'm', 0, 999)::text, 3, '0')
                     || ' ' || lpad(pg_temp.ca_num(u.code || l.label || 'n', 0, 999)::text, 3, '0')
                ELSE p.area_code || ' 3' || lpad(pg_temp.ca_num(u.code || l.label, 700, 999)::text, 3, '0')
                     || ' ' || lpad(pg_temp.ca_num(u.code || l.label || 'n', 0, 999)::text, 3, '0') END AS phone
      FROM (VALUES
              ('Đường dây nóng Sở Y tế ' || p.province_name, 0, false, u.level = 'province'),
              ('Trung tâm Kiểm soát bệnh tật ' || p.province_name, 1, false, u.level = 'province'),
              ('Trung tâm Y tế ' || pg_temp.ca_lc(u.name), 0, false, u.level = 'district'),
              ('Ban Chỉ đạo phòng, chống dịch COVID-19 ' || pg_temp.ca_lc(u.name), 1, false, u.level = 'district'),
              ('Trạm Y tế ' || pg_temp.ca_lc(u.name), 0, false, u.level = 'commune'),
              ('Cán bộ trực Trạm Y tế ' || pg_temp.ca_lc(u.name) || ' (di động)', 1, true, u.level = 'commune')
           ) AS l(label, sort, mobile, wanted)
     WHERE l.wanted
  ) n
 WHERE u.tree = '2021' AND u.province_code = p.province_code
ON CONFLICT DO NOTHING;

DROP FUNCTION pg_temp.ca_at(date, float8);
DROP FUNCTION pg_temp.ca_day(timestamptz);
DROP FUNCTION pg_temp.ca_lc(text);
DROP FUNCTION pg_temp.ca_num(text, int, int);
