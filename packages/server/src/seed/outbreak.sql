-- Demo outbreak of one province: clusters, F0 cases along transmission chains, F1/F2 contacts with the
-- quarantine order of their exposure date, lab tests and pools, lockdown zones. outbreak.ts runs the
-- sections below in order, in one transaction after setseed; the `generation` section runs once per
-- generation of the chains until no contact turns positive. Everything is set-based: PostgreSQL
-- draws the people, dates and outcomes; nothing but the story's parameters crosses the wire.
--
-- Working tables (ob_*) are temporary and dropped at commit. ob_param, ob_policy, ob_home_policy,
-- ob_closing_policy and ob_cluster are filled by outbreak.ts from the domain's policy tables and the
-- province's story.
--
-- The story is history: every case ends (recovered when the isolation policy of its detection day
-- allowed, or died, or transferred), every cluster is closed on the first day the closing rule
-- allowed, and its lockdown ended with it.

-- @section tables
SET LOCAL max_parallel_workers_per_gather = 0;  -- one process draws the random numbers: same seed, same data
-- ids drawn from the seeded generator too, so that rows come out in the same order on every run
CREATE OR REPLACE FUNCTION pg_temp.ob_uuid() RETURNS uuid LANGUAGE sql VOLATILE
  AS $$ SELECT overlay(overlay(md5(random()::text || random()::text) PLACING '4' FROM 13) PLACING '8' FROM 17)::uuid $$;
-- Vaccination as a contact reported it, by the state of the campaign on the exposure day.
CREATE OR REPLACE FUNCTION pg_temp.ob_vaccination(exposure date, birth date, r float8) RETURNS text LANGUAGE sql IMMUTABLE
  AS $$ SELECT CASE
     WHEN extract(year FROM age(exposure, birth)) < 12 THEN CASE WHEN r < 0.8 THEN 'none' ELSE 'unknown' END
     WHEN exposure < date '2021-10-01' THEN
       CASE WHEN r < 0.03 THEN 'full' WHEN r < 0.20 THEN 'partial' WHEN r < 0.75 THEN 'none' ELSE 'unknown' END
     WHEN exposure < date '2022-01-01' THEN
       CASE WHEN r < 0.30 THEN 'full' WHEN r < 0.65 THEN 'partial' WHEN r < 0.85 THEN 'none' ELSE 'unknown' END
     WHEN exposure < date '2022-02-21' THEN
       CASE WHEN r < 0.70 THEN 'full' WHEN r < 0.85 THEN 'partial' WHEN r < 0.90 THEN 'none' ELSE 'unknown' END
     ELSE CASE WHEN r < 0.82 THEN 'full' WHEN r < 0.90 THEN 'partial' WHEN r < 0.93 THEN 'none' ELSE 'unknown' END
   END $$;
CREATE TEMP TABLE ob_param (
  province_code text NOT NULL,
  province_name text NOT NULL,
  -- no chain grows past this day
  last_day date NOT NULL,
  discharge_criterion text NOT NULL
) ON COMMIT DROP;
-- F1 (degree 1) and F2 (degree 2) quarantine versions; place NULL: that degree is not quarantined.
CREATE TEMP TABLE ob_policy (
  degree int NOT NULL,
  code text NOT NULL,
  effective_from date NOT NULL,
  place text,
  days int,
  test_days int[],
  vr_months int,
  vr_place text,
  vr_days int,
  vr_test_days int[]
) ON COMMIT DROP;
-- End of isolation of F0 cared for at home, by detection date.
CREATE TEMP TABLE ob_home_policy (
  effective_from date NOT NULL,
  days int NOT NULL,
  exit_test boolean NOT NULL,
  ext_full int,
  ext_other int,
  criterion text NOT NULL
) ON COMMIT DROP;
-- Days without a new case after which a cluster may be closed, by the date of its last case.
CREATE TEMP TABLE ob_closing_policy (
  effective_from date NOT NULL,
  days int NOT NULL
) ON COMMIT DROP;
CREATE TEMP TABLE ob_cluster (
  id uuid NOT NULL,
  ord int NOT NULL,
  name text NOT NULL,
  unit_code text NOT NULL,
  opened_on date NOT NULL,
  kind text NOT NULL,            -- border | market | family | school | factory | event
  note text,
  seed_offsets int[] NOT NULL,   -- days after opening on which unlinked cases were found
  seed_found_by text[] NOT NULL,
  active_days int NOT NULL,      -- days of spread before control measures bite
  boost real NOT NULL,           -- transmission multiplier while active
  lockdown boolean NOT NULL,
  pools int NOT NULL,
  pool_positive boolean NOT NULL,
  site text,
  villages text[],
  closed_on date
) ON COMMIT DROP;
CREATE TEMP TABLE ob_case (
  id uuid PRIMARY KEY,
  person_id uuid NOT NULL,
  household_id uuid NOT NULL,
  unit_code text NOT NULL,
  district_code text,
  age int NOT NULL,
  detected_on date NOT NULL,
  gen int NOT NULL,
  found_by text NOT NULL,
  explicit_cluster uuid,         -- the cluster the case was filed under, not inherited
  cluster_id uuid,
  source_case_id uuid,
  source_contact_id uuid,
  note text,
  severity_initial text,
  severity text,
  care_initial text,
  care_place text,
  escalated_on date,
  status text,
  outcome_on date,
  outcome_detail text,
  outcome_criterion text,
  symptomatic boolean,
  epi_link boolean,
  confirm_test_id uuid,
  confirm_kind text,
  confirm_performer text,
  confirm_site text,
  confirm_pool_id uuid
) ON COMMIT DROP;
CREATE INDEX ON ob_case (person_id);
CREATE INDEX ON ob_case (gen);
CREATE TEMP TABLE ob_contact (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL,
  person_id uuid NOT NULL,
  unit_code text NOT NULL,
  household_id uuid,
  birth_date date NOT NULL,
  degree int NOT NULL,
  via_contact_id uuid,
  exposure date NOT NULL,
  setting text NOT NULL,
  vaccination text,
  r_convert float8 NOT NULL,
  resulting_case_id uuid
) ON COMMIT DROP;
CREATE INDEX ON ob_contact (case_id);
CREATE INDEX ON ob_contact (person_id);
CREATE TEMP TABLE ob_state (gen int NOT NULL) ON COMMIT DROP;
INSERT INTO ob_state VALUES (0);

-- @section places
-- Communes with their households numbered by village and address, so that neighbours are close in
-- number; cumulative weights draw a commune in proportion to its people (towns count 3 times: more
-- contacts, more testing).
CREATE TEMP TABLE ob_hh ON COMMIT DROP AS
SELECT h.id, h.unit_code, v.village,
       row_number() OVER (PARTITION BY h.unit_code ORDER BY v.village, h.address, h.id)::int AS rn
  FROM households h CROSS JOIN ob_param prm
  CROSS JOIN LATERAL (SELECT CASE WHEN h.address LIKE 'Bản %' OR h.address NOT LIKE '%, %' THEN h.address
                                  ELSE initcap(left(split_part(h.address, ', ', 2), 1)) || substr(split_part(h.address, ', ', 2), 2)
                             END AS village) v
 WHERE h.province_code = prm.province_code;
CREATE INDEX ON ob_hh (unit_code, rn);
CREATE INDEX ON ob_hh (id);
CREATE TEMP TABLE ob_unit ON COMMIT DROP AS
WITH n AS (SELECT unit_code, count(*)::int AS n_hh FROM ob_hh GROUP BY unit_code),
w AS (
  SELECT u.code, u.name, u.type, coalesce(u.district_code, u.code) AS district_code, n.n_hh,
         n.n_hh * CASE WHEN u.type IN ('Phường', 'Thị trấn') THEN 3 ELSE 1 END AS w
    FROM units u JOIN n ON n.unit_code = u.code CROSS JOIN ob_param prm
   WHERE u.tree = '2021' AND u.province_code = prm.province_code
)
SELECT w.code, w.name, w.type, w.district_code, w.n_hh,
       (sum(w.w) OVER (ORDER BY w.code) - w.w)::float8 / sum(w.w) OVER () AS lo,
       sum(w.w) OVER (ORDER BY w.code)::float8 / sum(w.w) OVER () AS hi,
       row_number() OVER (PARTITION BY w.district_code ORDER BY w.code)::int AS d_rn,
       count(*) OVER (PARTITION BY w.district_code)::int AS d_n
  FROM w;
CREATE INDEX ON ob_unit (code);
CREATE INDEX ON ob_unit (district_code, d_rn);
ANALYZE ob_hh;
ANALYZE ob_unit;
ANALYZE ob_cluster;
ANALYZE ob_state;

-- @section seeds
-- Cases found without a known source: the first cases of each cluster, people returning from the
-- southern provinces in the 2021 wave, and community cases of the 2022 Omicron wave.
WITH cluster_slots AS MATERIALIZED (
  SELECT k.id AS cluster_id, k.unit_code, k.kind, k.opened_on + o.off AS detected_on,
         coalesce(k.seed_found_by[o.i], 'community') AS found_by, random() AS r_hh, o.i::int AS i
    FROM ob_cluster k CROSS JOIN LATERAL unnest(k.seed_offsets) WITH ORDINALITY AS o(off, i)
),
arrival_days AS MATERIALIZED (
  -- about 20 returning workers, August to October 2021
  SELECT d::date AS detected_on, random() AS r_keep, random() AS r_unit, random() AS r_hh, random() AS r_from
    FROM generate_series(date '2021-08-01', date '2021-10-31', interval '1 day') d
),
wave_days AS MATERIALIZED (
  -- the 2022 wave: rises from January, peaks mid-March, falls through April (faster rise than fall)
  SELECT d::date AS day,
         floor(7.0 * exp(-0.5 * power((d::date - date '2022-03-12') / CASE WHEN d::date < date '2022-03-12' THEN 15.0 ELSE 24.0 END, 2))
               + random())::int AS n
    FROM generate_series(date '2022-01-05', (SELECT last_day FROM ob_param) - 7, interval '1 day') d
),
wave_slots AS MATERIALIZED (
  SELECT w.day AS detected_on, random() AS r_unit, random() AS r_hh, random() AS r_found
    FROM wave_days w CROSS JOIN LATERAL generate_series(1, w.n) i
),
slots AS (
  SELECT s.cluster_id, s.unit_code, s.kind, s.detected_on, s.found_by, s.r_hh, NULL::text AS note, s.i AS prio
    FROM cluster_slots s
  UNION ALL
  SELECT NULL, u.code, 'arrival', a.detected_on, 'arrival', a.r_hh,
         'Người về từ ' || (ARRAY['TP. Hồ Chí Minh', 'Bình Dương', 'Đồng Nai', 'Long An', 'Bắc Giang', 'Hà Nội'])[1 + floor(a.r_from * 6)::int],
         100
    FROM arrival_days a JOIN ob_unit u ON a.r_unit >= u.lo AND a.r_unit < u.hi
   WHERE a.r_keep < 0.22
  UNION ALL
  SELECT NULL, u.code, NULL, w.detected_on,
         CASE WHEN w.r_found < 0.50 THEN 'community' WHEN w.r_found < 0.85 THEN 'symptomatic'
              WHEN w.r_found < 0.95 THEN 'screening_workplace' ELSE 'arrival' END,
         w.r_hh, NULL, 200
    FROM wave_slots w JOIN ob_unit u ON w.r_unit >= u.lo AND w.r_unit < u.hi
),
picked AS (
  SELECT s.*, p.id AS person_id, p.household_id, p.unit_code AS home_unit,
         extract(year FROM age(s.detected_on, p.birth_date))::int AS age
    FROM slots s
    JOIN ob_unit u ON u.code = s.unit_code
    JOIN ob_hh h ON h.unit_code = s.unit_code AND h.rn = 1 + floor(s.r_hh * u.n_hh)::int
    CROSS JOIN LATERAL (
      SELECT p.id, p.household_id, p.unit_code, p.birth_date FROM persons p
       WHERE p.household_id = h.id
       ORDER BY CASE s.kind
                  WHEN 'school' THEN abs(extract(year FROM age(s.detected_on, p.birth_date)) - 13)
                  WHEN 'family' THEN abs(extract(year FROM age(s.detected_on, p.birth_date)) - 30)
                  WHEN 'event' THEN abs(extract(year FROM age(s.detected_on, p.birth_date)) - 40)
                  WHEN 'market' THEN abs(extract(year FROM age(s.detected_on, p.birth_date)) - 42)
                  WHEN 'border' THEN abs(extract(year FROM age(s.detected_on, p.birth_date)) - 36)
                  WHEN 'factory' THEN abs(extract(year FROM age(s.detected_on, p.birth_date)) - 30)
                  WHEN 'arrival' THEN abs(extract(year FROM age(s.detected_on, p.birth_date)) - 27)
                  ELSE 0 END,
                random()
       LIMIT 1) p
)
INSERT INTO ob_case (id, person_id, household_id, unit_code, district_code, age, detected_on, gen, found_by,
                     explicit_cluster, cluster_id, note)
SELECT DISTINCT ON (pk.person_id)
       pg_temp.ob_uuid(), pk.person_id, pk.household_id, pk.home_unit, u.district_code, pk.age, pk.detected_on, 0,
       pk.found_by, pk.cluster_id, pk.cluster_id, pk.note
  FROM picked pk JOIN ob_unit u ON u.code = pk.home_unit
 ORDER BY pk.person_id, pk.prio, pk.detected_on;

-- @section generation
-- One generation: the contacts of the cases of generation ob_state.gen (household members first,
-- then neighbours, workmates, schoolmates, relatives), then those of them who turn positive become
-- the cases of the next generation, linked both ways.
ANALYZE ob_case;
ANALYZE ob_contact;
WITH src AS MATERIALIZED (
  SELECT c.id, c.person_id, c.household_id, c.unit_code, c.district_code, c.detected_on, c.cluster_id,
         CASE WHEN c.detected_on <= k.opened_on + k.active_days THEN k.kind END AS kind, k.unit_code AS cluster_unit,
         h.rn AS hh_rn, u.n_hh, u.d_n,
         2 + floor(random() * 7)::int AS wanted,
         -- household members who can still be contacts (not F0 themselves around that time)
         (SELECT count(*)::int FROM persons p
           WHERE p.household_id = c.household_id AND p.id <> c.person_id
             AND NOT EXISTS (SELECT 1 FROM ob_case x WHERE x.person_id = p.id
                              AND c.detected_on BETWEEN x.detected_on - 21 AND x.detected_on + 14)) AS members
    FROM ob_case c JOIN ob_state st ON c.gen = st.gen
    JOIN ob_hh h ON h.id = c.household_id
    JOIN ob_unit u ON u.code = c.unit_code
    LEFT JOIN ob_cluster k ON k.id = c.cluster_id
),
household AS (
  SELECT s.id AS case_id, p.id AS person_id, p.unit_code, p.household_id, p.birth_date, 'household' AS setting,
         s.detected_on - floor(random() * 3)::int AS exposure
    FROM src s JOIN persons p ON p.household_id = s.household_id AND p.id <> s.person_id
),
extra_slots AS MATERIALIZED (
  SELECT s.*, random() AS r_place, random() AS r_setting, random() AS r_hh, random() AS r_unit, random() AS r_day
    FROM src s
    CROSS JOIN LATERAL generate_series(1, greatest(s.wanted - s.members,
                                                   CASE WHEN s.kind IS NOT NULL AND s.kind <> 'family' THEN 2 ELSE 0 END)) g
),
extra_places AS (
  SELECT e.*,
         CASE WHEN e.r_place < 0.45 THEN 'near' WHEN e.r_place < 0.85 THEN 'same' ELSE 'district' END AS place
    FROM extra_slots e
),
extra_units AS (
  SELECT e.*,
         CASE e.place
           WHEN 'near' THEN e.unit_code
           WHEN 'same' THEN CASE WHEN e.kind IN ('school', 'factory', 'market', 'border') THEN e.cluster_unit ELSE e.unit_code END
           ELSE (SELECT d.code FROM ob_unit d WHERE d.district_code = e.district_code AND d.d_rn = 1 + floor(e.r_unit * e.d_n)::int)
         END AS target_unit,
         CASE
           WHEN e.kind IS NOT NULL AND e.place <> 'near' THEN
             CASE e.kind
               WHEN 'school' THEN 'school'
               WHEN 'factory' THEN 'workplace'
               WHEN 'market' THEN CASE WHEN e.r_setting < 0.5 THEN 'workplace' ELSE 'other' END
               WHEN 'border' THEN CASE WHEN e.r_setting < 0.6 THEN 'transport' ELSE 'workplace' END
               WHEN 'event' THEN CASE WHEN e.r_setting < 0.6 THEN 'event' ELSE 'relative' END
               ELSE 'relative'
             END
           WHEN e.place = 'near' THEN 'neighbour'
           WHEN e.place = 'same' THEN
             CASE WHEN e.r_setting < 0.4 THEN 'workplace' WHEN e.r_setting < 0.7 THEN 'relative'
                  WHEN e.r_setting < 0.9 THEN 'event' ELSE 'other' END
           ELSE CASE WHEN e.r_setting < 0.5 THEN 'workplace' WHEN e.r_setting < 0.8 THEN 'relative' ELSE 'transport' END
         END AS setting
    FROM extra_places e
),
extra AS (
  SELECT e.id AS case_id, p.id AS person_id, p.unit_code, p.household_id, p.birth_date, e.setting,
         e.detected_on - floor(e.r_day * 3)::int AS exposure
    FROM extra_units e
    JOIN ob_unit tu ON tu.code = e.target_unit
    JOIN ob_hh h ON h.unit_code = e.target_unit
     AND h.rn = CASE WHEN e.place = 'near' AND e.target_unit = e.unit_code
                     THEN 1 + ((e.hh_rn - 1 + (CASE WHEN e.r_hh < 0.5 THEN -1 ELSE 1 END) * (1 + floor(e.r_hh * 2 * 12)::int % 12)
                               + tu.n_hh) % tu.n_hh)
                     ELSE 1 + floor(e.r_hh * tu.n_hh)::int END
    CROSS JOIN LATERAL (
      SELECT p.id, p.unit_code, p.household_id, p.birth_date FROM persons p WHERE p.household_id = h.id
       ORDER BY CASE e.setting
                  WHEN 'school' THEN abs(extract(year FROM age(e.detected_on, p.birth_date)) - 13)
                  WHEN 'workplace' THEN abs(extract(year FROM age(e.detected_on, p.birth_date)) - 35)
                  WHEN 'transport' THEN abs(extract(year FROM age(e.detected_on, p.birth_date)) - 35)
                  ELSE 0 END,
                random()
       LIMIT 1) p
),
candidates AS (
  SELECT case_id, person_id, unit_code, household_id, birth_date, setting, exposure FROM household
  UNION ALL
  SELECT case_id, person_id, unit_code, household_id, birth_date, setting, exposure FROM extra
),
kept AS (
  -- never the case itself, nor anyone detected F0 in the 14 days before the exposure or the 21 days after it
  SELECT DISTINCT ON (c.case_id, c.person_id) c.*
    FROM candidates c JOIN src s ON s.id = c.case_id
   WHERE c.person_id <> s.person_id
     AND NOT EXISTS (SELECT 1 FROM ob_case x WHERE x.person_id = c.person_id
                      AND c.exposure BETWEEN x.detected_on - 21 AND x.detected_on + 14)
   ORDER BY c.case_id, c.person_id, (c.setting = 'household') DESC
)
INSERT INTO ob_contact (id, case_id, person_id, unit_code, household_id, birth_date, degree, exposure, setting,
                        vaccination, r_convert)
SELECT pg_temp.ob_uuid(), k.case_id, k.person_id, k.unit_code, k.household_id, k.birth_date, 1, k.exposure, k.setting,
       pg_temp.ob_vaccination(k.exposure, k.birth_date, random()), random()
  FROM kept k;

WITH converted AS MATERIALIZED (
  SELECT DISTINCT ON (k.person_id) k.id AS contact_id, k.case_id, k.person_id, k.unit_code, k.household_id, k.birth_date,
         k.exposure, s.cluster_id
    FROM ob_contact k
    JOIN ob_case s ON s.id = k.case_id
    JOIN ob_state st ON s.gen = st.gen
    LEFT JOIN ob_cluster cl ON cl.id = s.cluster_id
   WHERE k.degree = 1
     AND k.r_convert <
         -- secondary attack rate by setting ...
         CASE k.setting WHEN 'household' THEN 0.27 WHEN 'relative' THEN 0.15 WHEN 'school' THEN 0.16
                        WHEN 'workplace' THEN 0.13 WHEN 'event' THEN 0.15 WHEN 'transport' THEN 0.12
                        WHEN 'neighbour' THEN 0.07 ELSE 0.05 END
         -- ... times the phase: a cluster spreads until control measures bite; 2021 F1 sat in
         -- facility quarantine; Omicron spread fast until mid-March, then ebbed
         * CASE WHEN cl.id IS NOT NULL AND k.exposure <= cl.opened_on + cl.active_days THEN cl.boost
                WHEN k.exposure < date '2021-12-01' THEN 0.35
                WHEN k.exposure < date '2022-03-10' THEN 1.1
                WHEN k.exposure < date '2022-04-30' THEN 1.1 - 0.7 * (k.exposure - date '2022-03-10') / 51.0
                ELSE 0.4 END
     AND NOT EXISTS (SELECT 1 FROM ob_case x WHERE x.person_id = k.person_id)
   ORDER BY k.person_id, k.exposure DESC, k.id
),
dated AS MATERIALIZED (
  SELECT c.*, c.exposure + 3 + floor(random() * 4)::int AS detected_on, random() AS r_found FROM converted c
),
added AS (
  INSERT INTO ob_case (id, person_id, household_id, unit_code, district_code, age, detected_on, gen, found_by,
                       cluster_id, source_case_id, source_contact_id)
  SELECT pg_temp.ob_uuid(), d.person_id, d.household_id, d.unit_code, u.district_code,
         extract(year FROM age(d.detected_on, d.birth_date))::int, d.detected_on, st.gen + 1,
         -- F1 were in quarantine (facility in 2021, at home until CV 1909/BYT-DP) when they tested positive
         CASE WHEN d.detected_on < date '2022-04-15' AND d.r_found < 0.75 THEN 'in_quarantine' ELSE 'contact_tracing' END,
         d.cluster_id, d.case_id, d.contact_id
    FROM dated d JOIN ob_unit u ON u.code = d.unit_code CROSS JOIN ob_state st CROSS JOIN ob_param prm
   WHERE d.detected_on <= prm.last_day AND d.household_id IS NOT NULL
  RETURNING id, source_contact_id
)
UPDATE ob_contact k SET resulting_case_id = a.id FROM added a WHERE k.id = a.source_contact_id;

UPDATE ob_state SET gen = gen + 1;

SELECT count(*)::int AS added FROM ob_case c JOIN ob_state st ON c.gen = st.gen;

-- @section secondary
ANALYZE ob_case;
ANALYZE ob_contact;
-- Before CV 11042/BYT-DP (29/12/2021) the household of an F1 outside the case's household was traced
-- as F2: up to two of them, exposed on the F1's exposure day.
WITH f1 AS (
  SELECT k.id, k.case_id, k.person_id, k.exposure, k.household_id
    FROM ob_contact k
   WHERE k.degree = 1 AND k.setting <> 'household' AND k.exposure < date '2021-12-29' AND k.household_id IS NOT NULL
),
candidates AS (
  SELECT f1.id AS via, f1.case_id, p.id AS person_id, p.unit_code, p.household_id, p.birth_date, f1.exposure,
         row_number() OVER (PARTITION BY f1.id ORDER BY random()) AS n
    FROM f1 JOIN persons p ON p.household_id = f1.household_id AND p.id <> f1.person_id
)
INSERT INTO ob_contact (id, case_id, person_id, unit_code, household_id, birth_date, degree, via_contact_id, exposure,
                        setting, vaccination, r_convert)
SELECT DISTINCT ON (c.case_id, c.person_id)
       pg_temp.ob_uuid(), c.case_id, c.person_id, c.unit_code, c.household_id, c.birth_date, 2, c.via, c.exposure,
       'household', pg_temp.ob_vaccination(c.exposure, c.birth_date, random()), 1
  FROM candidates c JOIN ob_case s ON s.id = c.case_id
 WHERE c.n <= 2 AND c.person_id <> s.person_id
   AND NOT EXISTS (SELECT 1 FROM ob_contact o WHERE o.case_id = c.case_id AND o.person_id = c.person_id)
   AND NOT EXISTS (SELECT 1 FROM ob_case x WHERE x.person_id = c.person_id
                    AND c.exposure BETWEEN x.detected_on - 21 AND x.detected_on + 14)
 ORDER BY c.case_id, c.person_id, c.n;

-- @section outcomes
-- Severity (QĐ 4689/QĐ-BYT classes) by wave and age, place of care by the practice of the time
-- (facility and tier-1 hospital in 2021, home from the 2022 wave), how the case ended and when.
WITH r AS MATERIALIZED (
  SELECT c.id, c.detected_on, c.age, c.detected_on < date '2021-12-28' AS y2021, c.age >= 60 AS old,
         random() AS r_sev, random() AS r_esc, random() AS r_care, random() AS r_end, random() AS r_len,
         random() AS r_ext, random() AS r_where
    FROM ob_case c
),
sev AS (
  SELECT r.*,
         CASE WHEN r.y2021 THEN
                CASE WHEN r.r_sev < CASE WHEN r.old THEN 0.20 ELSE 0.42 END THEN 'asymptomatic'
                     WHEN r.r_sev < CASE WHEN r.old THEN 0.58 ELSE 0.84 END THEN 'mild'
                     WHEN r.r_sev < CASE WHEN r.old THEN 0.80 ELSE 0.955 END THEN 'moderate'
                     WHEN r.r_sev < CASE WHEN r.old THEN 0.93 ELSE 0.99 END THEN 'severe'
                     ELSE 'critical' END
              ELSE
                CASE WHEN r.r_sev < CASE WHEN r.old THEN 0.30 ELSE 0.52 END THEN 'asymptomatic'
                     WHEN r.r_sev < CASE WHEN r.old THEN 0.80 ELSE 0.965 END THEN 'mild'
                     WHEN r.r_sev < CASE WHEN r.old THEN 0.93 ELSE 0.993 END THEN 'moderate'
                     WHEN r.r_sev < CASE WHEN r.old THEN 0.98 ELSE 0.998 END THEN 'severe'
                     ELSE 'critical' END
         END AS peak
    FROM r
),
course AS (
  SELECT s.*,
         -- half of the worse cases are found mild (or severe before they turn critical) and get worse
         CASE WHEN s.peak IN ('moderate', 'severe') AND s.r_esc < 0.5 THEN 'mild'
              WHEN s.peak = 'critical' AND s.r_esc < 0.5 THEN 'severe'
              ELSE s.peak END AS initial
    FROM sev s
),
care AS (
  SELECT c.*,
         CASE WHEN c.initial IN ('severe', 'critical') THEN 'hospital_t3'
              WHEN c.initial = 'moderate' THEN 'hospital_t2'
              WHEN c.y2021 THEN CASE WHEN c.initial = 'asymptomatic' AND c.r_care < 0.5 THEN 'facility' ELSE 'hospital_t1' END
              WHEN (c.age >= 65 AND c.r_care < 0.5) OR c.r_care < 0.08 THEN 'hospital_t1'
              ELSE 'home' END AS care_initial,
         CASE WHEN c.peak IN ('severe', 'critical') THEN 'hospital_t3'
              WHEN c.peak = 'moderate' THEN 'hospital_t2' END AS care_peak
    FROM course c
),
ending AS (
  SELECT c.*,
         CASE WHEN c.peak = 'critical' AND c.r_end < CASE WHEN c.y2021 THEN 0.45 ELSE 0.30 END THEN 'died'
              WHEN c.peak = 'severe' AND c.old AND c.r_end < CASE WHEN c.y2021 THEN 0.12 ELSE 0.05 END THEN 'died'
              WHEN c.peak = 'critical' AND c.r_end > 0.6 THEN 'transferred_out'
              ELSE 'recovered' END AS status,
         coalesce(c.care_peak, c.care_initial) AS care_final,
         hp.days AS home_days, hp.exit_test, hp.ext_full, hp.ext_other, hp.criterion AS home_criterion,
         prm.discharge_criterion
    FROM care c CROSS JOIN ob_param prm
    LEFT JOIN LATERAL (SELECT * FROM ob_home_policy h WHERE h.effective_from <= c.detected_on
                        ORDER BY h.effective_from DESC LIMIT 1) hp ON TRUE
),
dated AS (
  SELECT e.*,
         CASE e.status
           WHEN 'died' THEN e.detected_on + 4 + floor(e.r_len * 14)::int
           WHEN 'transferred_out' THEN e.detected_on + 2 + floor(e.r_len * 3)::int
           ELSE e.detected_on + CASE
             WHEN e.care_final = 'home' AND e.home_days IS NOT NULL THEN
               CASE WHEN NOT e.exit_test OR e.ext_full IS NULL OR e.r_ext < 0.8 THEN e.home_days
                    WHEN e.r_ext < 0.92 THEN e.ext_full ELSE e.ext_other END
             WHEN e.peak IN ('asymptomatic', 'mild') THEN 10 + floor(e.r_len * 5)::int
             WHEN e.peak = 'moderate' THEN 12 + floor(e.r_len * 7)::int
             ELSE 16 + floor(e.r_len * 13)::int END
         END AS outcome_on
    FROM ending e
)
UPDATE ob_case c
   SET severity_initial = d.initial,
       severity = d.peak,
       care_initial = d.care_initial,
       care_place = d.care_final,
       escalated_on = CASE WHEN d.initial <> d.peak OR d.care_initial <> d.care_final
                           THEN d.detected_on + 2 + floor(d.r_esc * 6)::int END,
       status = d.status,
       outcome_on = d.outcome_on,
       outcome_detail = CASE d.status
         WHEN 'transferred_out' THEN CASE WHEN d.r_where < 0.5 THEN 'Chuyển Bệnh viện Bạch Mai (Hà Nội)'
                                          ELSE 'Chuyển Bệnh viện Bệnh Nhiệt đới Trung ương cơ sở 2' END
         WHEN 'died' THEN 'Tử vong tại ' || CASE WHEN d.care_final = 'hospital_t3' THEN 'cơ sở điều trị tầng 3' ELSE 'bệnh viện' END
       END,
       outcome_criterion = CASE WHEN d.status = 'recovered' THEN
         CASE WHEN d.care_final = 'home' AND d.home_days IS NOT NULL THEN
                CASE WHEN d.exit_test THEN 'Test nhanh kháng nguyên âm tính ngày ' || to_char(d.outcome_on, 'DD/MM/YYYY') || '. '
                     ELSE 'Hết triệu chứng ngày ' || to_char(d.outcome_on, 'DD/MM/YYYY') || '. ' END || d.home_criterion
              ELSE 'RT-PCR âm tính ngày ' || to_char(d.outcome_on - 1, 'DD/MM/YYYY') || '. ' || d.discharge_criterion
         END END
  FROM dated d WHERE d.id = c.id;
-- an escalation comes before the end of the case
UPDATE ob_case SET escalated_on = least(escalated_on, outcome_on - 1) WHERE escalated_on IS NOT NULL AND outcome_on IS NOT NULL;
UPDATE ob_case SET escalated_on = detected_on + 1 WHERE escalated_on IS NOT NULL AND escalated_on <= detected_on;

-- @section links
-- Contacts while already an F0 are not contacts.
DELETE FROM ob_contact k USING ob_case x
 WHERE x.person_id = k.person_id AND k.resulting_case_id IS NULL
   AND k.exposure >= x.detected_on AND k.exposure <= coalesce(x.outcome_on, date 'infinity');
DELETE FROM ob_contact k WHERE k.via_contact_id IS NOT NULL
   AND NOT EXISTS (SELECT 1 FROM ob_contact v WHERE v.id = k.via_contact_id);
-- Link each case as the API does when it is registered: to the person's latest exposure within
-- 21 days before detection that no case claimed yet (a case always links to an earlier case).
WITH best AS (
  SELECT DISTINCT ON (x.id) x.id AS case_id, k.id AS contact_id, k.case_id AS source_case_id
    FROM ob_case x
    JOIN ob_contact k ON k.person_id = x.person_id
     AND k.exposure BETWEEN x.detected_on - 21 AND x.detected_on
     AND (k.resulting_case_id IS NULL OR k.resulting_case_id = x.id)
    JOIN ob_case s ON s.id = k.case_id AND s.detected_on < x.detected_on
   ORDER BY x.id, k.exposure DESC, (k.id = x.source_contact_id) DESC, k.id
),
changed AS (
  SELECT b.*, x.source_contact_id AS old_contact_id
    FROM best b JOIN ob_case x ON x.id = b.case_id
   WHERE x.source_contact_id IS DISTINCT FROM b.contact_id
),
released AS (
  UPDATE ob_contact k SET resulting_case_id = NULL FROM changed c WHERE k.id = c.old_contact_id RETURNING k.id
),
claimed AS (
  UPDATE ob_contact k SET resulting_case_id = c.case_id FROM changed c WHERE k.id = c.contact_id RETURNING k.id
)
UPDATE ob_case x
   SET source_contact_id = c.contact_id, source_case_id = c.source_case_id,
       found_by = CASE WHEN x.source_case_id IS NULL AND x.found_by IN ('community', 'symptomatic') THEN 'contact_tracing'
                       ELSE x.found_by END
  FROM changed c WHERE x.id = c.case_id;
-- A case joins the cluster it was filed under, else the cluster of the case that infected it.
WITH RECURSIVE tree AS (
  SELECT c.id, c.explicit_cluster AS cluster_id FROM ob_case c WHERE c.source_case_id IS NULL
  UNION ALL
  SELECT c.id, coalesce(c.explicit_cluster, t.cluster_id) FROM ob_case c JOIN tree t ON c.source_case_id = t.id
)
UPDATE ob_case c SET cluster_id = t.cluster_id FROM tree t WHERE t.id = c.id;

-- @section confirmations
-- How each case was confirmed, under the F0 definition in force on the day: only RT-PCR before
-- CV 11042/BYT-DP; then a health worker's antigen test with symptoms or an epidemiological factor;
-- from QĐ 604/QĐ-BYT also a self-test at home.
UPDATE ob_case c
   SET symptomatic = c.severity_initial <> 'asymptomatic',
       epi_link = c.source_case_id IS NOT NULL OR c.cluster_id IS NOT NULL
                  OR c.found_by IN ('in_quarantine', 'contact_tracing', 'arrival');
WITH r AS (SELECT id, random() AS r_kind FROM ob_case)
UPDATE ob_case c
   SET confirm_test_id = pg_temp.ob_uuid(),
       confirm_kind = CASE
         WHEN c.detected_on < date '2021-12-29' OR NOT (c.symptomatic OR c.epi_link) THEN 'rt_pcr'
         WHEN c.detected_on >= date '2022-03-14' AND r.r_kind < 0.35 THEN 'self_test'
         WHEN r.r_kind < 0.85 THEN 'rapid_antigen'
         ELSE 'rt_pcr' END
  FROM r WHERE r.id = c.id;
UPDATE ob_case c
   SET confirm_performer = CASE WHEN c.confirm_kind = 'self_test' THEN 'self' ELSE 'health_worker' END,
       confirm_site = CASE
         WHEN c.confirm_kind = 'self_test' THEN NULL
         WHEN c.confirm_kind = 'rt_pcr' THEN 'Trung tâm Kiểm soát bệnh tật ' || prm.province_name
         ELSE 'Trạm Y tế ' || u.name END
  FROM ob_param prm, ob_unit u WHERE u.code = c.unit_code;

-- @section pools
-- Pooled RT-PCR screening (gộp mẫu) the day after a cluster opened: the traders of a market, the
-- pupils of a school. In a positive pool the cases found the next day were retested positive, one
-- more member negative, and the others wait for their retest (the commune's worklist). Statuses as
-- the tests capability writes them: negative, retest_pending, retest_positive, retest_negative.
CREATE TEMP TABLE ob_pool ON COMMIT DROP AS
SELECT pg_temp.ob_uuid() AS id, k.id AS cluster_id, k.unit_code, k.kind, k.site, k.opened_on + 1 AS sampled_on,
       g AS n, (k.pool_positive AND g = 1) AS positive, 5 + floor(random() * 6)::int AS size
  FROM ob_cluster k CROSS JOIN LATERAL generate_series(1, k.pools) g;
CREATE TEMP TABLE ob_pool_member (pool_id uuid, person_id uuid, unit_code text, status text, retest_id uuid,
                                  case_id uuid) ON COMMIT DROP;
INSERT INTO ob_pool_member
SELECT p.id, c.person_id, c.unit_code, 'retest_positive', c.confirm_test_id, c.id
  FROM ob_pool p JOIN ob_case c ON c.explicit_cluster = p.cluster_id AND c.detected_on = p.sampled_on + 1
 WHERE p.positive;
UPDATE ob_case c SET confirm_kind = 'rt_pcr', confirm_performer = 'health_worker', confirm_pool_id = m.pool_id
  FROM ob_pool_member m WHERE m.case_id = c.id;
WITH slots AS MATERIALIZED (
  SELECT p.id AS pool_id, p.unit_code, p.kind, p.sampled_on, g AS i, random() AS r_hh
    FROM ob_pool p CROSS JOIN LATERAL generate_series(1, p.size - (SELECT count(*)::int FROM ob_pool_member m WHERE m.pool_id = p.id)) g
),
picked AS (
  SELECT s.*, pr.id AS person_id, pr.unit_code AS home_unit
    FROM slots s JOIN ob_unit u ON u.code = s.unit_code
    JOIN ob_hh h ON h.unit_code = s.unit_code AND h.rn = 1 + floor(s.r_hh * u.n_hh)::int
    CROSS JOIN LATERAL (
      SELECT p.id, p.unit_code FROM persons p WHERE p.household_id = h.id
       ORDER BY abs(extract(year FROM age(s.sampled_on, p.birth_date)) - CASE WHEN s.kind = 'school' THEN 13 ELSE 40 END),
                random()
       LIMIT 1) pr
   -- nobody with a case, nor a contact (whose later RT-PCR would have resolved their retest)
   WHERE NOT EXISTS (SELECT 1 FROM ob_case x WHERE x.person_id = pr.id)
     AND NOT EXISTS (SELECT 1 FROM ob_contact k WHERE k.person_id = pr.id)
),
distinct_people AS (
  SELECT DISTINCT ON (person_id) * FROM picked ORDER BY person_id, pool_id
),
numbered AS (
  SELECT d.*, row_number() OVER (PARTITION BY d.pool_id ORDER BY d.i) AS k FROM distinct_people d
)
INSERT INTO ob_pool_member
SELECT n.pool_id, n.person_id, n.home_unit,
       CASE WHEN NOT p.positive THEN 'negative' WHEN n.k = 1 THEN 'retest_negative' ELSE 'retest_pending' END,
       CASE WHEN p.positive AND n.k = 1 THEN pg_temp.ob_uuid() END,
       NULL
  FROM numbered n JOIN ob_pool p ON p.id = n.pool_id;

-- @section quarantine
-- The quarantine order of the version in force on the exposure date (quarantineOrder in the domain):
-- the shorter regime for F1 fully vaccinated or recovered within the version's months, else the
-- general one; no order when the version quarantines nobody of that degree.
CREATE TEMP TABLE ob_quarantine ON COMMIT DROP AS
WITH versions AS (
  -- the first version also judges any earlier date
  SELECT p.*,
         CASE WHEN row_number() OVER (PARTITION BY p.degree ORDER BY p.effective_from) = 1 THEN date '-infinity'
              ELSE p.effective_from END AS valid_from,
         coalesce(lead(p.effective_from) OVER (PARTITION BY p.degree ORDER BY p.effective_from), date 'infinity') AS valid_to
    FROM ob_policy p
),
q AS (
  SELECT k.id, v.code, v.place, v.days, v.test_days, v.vr_place, v.vr_days, v.vr_test_days,
         v.vr_place IS NOT NULL AND (k.vaccination = 'full' OR (rec.on IS NOT NULL
           AND rec.on >= (k.exposure - make_interval(months => v.vr_months))::date AND rec.on <= k.exposure)) AS shorter
    FROM ob_contact k
    JOIN versions v ON v.degree = k.degree AND k.exposure >= v.valid_from AND k.exposure < v.valid_to
    LEFT JOIN LATERAL (
      SELECT max(x.outcome_on) AS on FROM ob_case x
       WHERE x.person_id = k.person_id AND x.status = 'recovered' AND x.outcome_on <= k.exposure) rec ON TRUE
)
SELECT q.id,
       CASE WHEN q.place IS NOT NULL THEN q.code END AS code,
       CASE WHEN q.place IS NULL THEN NULL WHEN q.shorter THEN q.vr_place ELSE q.place END AS place,
       CASE WHEN q.place IS NULL THEN NULL WHEN q.shorter THEN q.vr_days ELSE q.days END AS days,
       CASE WHEN q.place IS NULL THEN '{}' WHEN q.shorter THEN q.vr_test_days ELSE q.test_days END AS test_days
  FROM q;
CREATE INDEX ON ob_quarantine (id);
ANALYZE ob_quarantine;

-- @section places_of_clusters
-- The villages (or residential groups) where a cluster's cases live, its closing day, its lockdowns.
WITH v AS (
  SELECT c.cluster_id, h.village, count(*) AS n, min(c.detected_on) AS first
    FROM ob_case c JOIN ob_cluster k ON k.id = c.cluster_id AND k.unit_code = c.unit_code
    JOIN ob_hh h ON h.id = c.household_id
   GROUP BY 1, 2
),
ranked AS (
  SELECT v.*, row_number() OVER (PARTITION BY v.cluster_id ORDER BY v.n DESC, v.first, v.village) AS k FROM v
)
UPDATE ob_cluster k SET villages = coalesce((SELECT array_agg(r.village ORDER BY r.k) FROM ranked r
                                              WHERE r.cluster_id = k.id AND r.k <= 2), '{}');
-- closed on the first day the closing rule of its last case allowed (clusterClosing: closableFrom)
UPDATE ob_cluster k SET closed_on = l.last_on + p.days
  FROM (SELECT k2.id, coalesce(max(c.detected_on), k2.opened_on) AS last_on
          FROM ob_cluster k2 LEFT JOIN ob_case c ON c.cluster_id = k2.id GROUP BY k2.id, k2.opened_on) l
  CROSS JOIN LATERAL (
    -- the version in force on the last case's day; the first version also judges any earlier day
    SELECT p.days FROM ob_closing_policy p
     ORDER BY CASE WHEN p.effective_from <= l.last_on THEN p.effective_from END DESC NULLS LAST, p.effective_from
     LIMIT 1) p
 WHERE l.id = k.id;

-- @section write
INSERT INTO clusters (id, province_code, unit_code, name, opened_on, closed_on, villages, note, created_at)
SELECT k.id, prm.province_code, k.unit_code, k.name, k.opened_on, k.closed_on, k.villages, k.note,
       (k.opened_on::text || ' 16:00+07')::timestamptz
  FROM ob_cluster k CROSS JOIN ob_param prm;

INSERT INTO lockdown_zones (cluster_id, province_code, unit_codes, villages, starts_on, ends_on, created_at)
SELECT k.id, prm.province_code, ARRAY[k.unit_code], k.villages, k.opened_on + 1,
       k.closed_on, (k.opened_on::text || ' 20:00+07')::timestamptz
  FROM ob_cluster k CROSS JOIN ob_param prm WHERE k.lockdown;

INSERT INTO cases (id, province_code, unit_code, person_id, detected_on, found_by, cluster_id, source_contact_id,
                   source_case_id, confirm_test_id, status, severity, care_place, outcome_on, outcome_criterion,
                   reinfection, note, created_at)
SELECT c.id, prm.province_code, c.unit_code, c.person_id, c.detected_on, c.found_by, c.cluster_id, c.source_contact_id,
       c.source_case_id, c.confirm_test_id, c.status, c.severity, c.care_place, c.outcome_on,
       c.outcome_criterion, false, c.note, (c.detected_on::text || ' 17:00+07')::timestamptz
  FROM ob_case c CROSS JOIN ob_param prm
 ORDER BY c.detected_on, c.id;

-- as the API writes them: the initial severity and place of care, each change, the outcome
INSERT INTO case_events (province_code, case_id, occurred_on, kind, value, detail, created_at)
SELECT prm.province_code, e.case_id, e.occurred_on, e.kind, e.value, e.detail, (e.occurred_on::text || ' 17:00+07')::timestamptz
  FROM (
    SELECT c.id AS case_id, c.detected_on AS occurred_on, 1 AS ord, 'severity' AS kind, c.severity_initial AS value,
           NULL::text AS detail
      FROM ob_case c
    UNION ALL SELECT c.id, c.detected_on, 2, 'care', c.care_initial, NULL FROM ob_case c
    UNION ALL SELECT c.id, c.escalated_on, 3, 'severity', c.severity, 'Diễn biến nặng hơn'
      FROM ob_case c WHERE c.escalated_on IS NOT NULL AND c.severity <> c.severity_initial
    UNION ALL SELECT c.id, c.escalated_on, 4, 'care', c.care_place, 'Chuyển tầng điều trị'
      FROM ob_case c WHERE c.escalated_on IS NOT NULL AND c.care_place <> c.care_initial
    UNION ALL SELECT c.id, c.outcome_on, 5, 'outcome', c.status, coalesce(c.outcome_criterion, c.outcome_detail)
      FROM ob_case c WHERE c.outcome_on IS NOT NULL
  ) e CROSS JOIN ob_param prm
 ORDER BY e.occurred_on, e.case_id, e.ord;

INSERT INTO contacts (id, province_code, unit_code, case_province_code, case_unit_code, case_id, via_contact_id,
                      person_id, degree, exposure_date, setting, vaccination, quarantine_place, quarantine_start,
                      quarantine_end, policy_code, resulting_case_id, created_at)
SELECT k.id, prm.province_code, k.unit_code, prm.province_code, c.unit_code, k.case_id, k.via_contact_id,
       k.person_id, k.degree, k.exposure, k.setting, k.vaccination, q.place,
       CASE WHEN q.place IS NOT NULL THEN k.exposure END, k.exposure + q.days, q.code, k.resulting_case_id,
       (greatest(k.exposure, c.detected_on)::text || ' 20:00+07')::timestamptz
  FROM ob_contact k JOIN ob_case c ON c.id = k.case_id JOIN ob_quarantine q ON q.id = k.id CROSS JOIN ob_param prm
 ORDER BY k.exposure, k.id;

-- pools first: a confirmation may be a pool member's retest
INSERT INTO lab_tests (id, province_code, unit_code, person_id, kind, performer, site, sampled_at, resulted_at, result,
                       created_at)
SELECT p.id, prm.province_code, p.unit_code, NULL, 'rt_pcr_pool', 'health_worker', p.site,
       (p.sampled_on::text || ' 08:00+07')::timestamptz, (p.sampled_on::text || ' 20:00+07')::timestamptz,
       CASE WHEN p.positive THEN 'positive' ELSE 'negative' END, (p.sampled_on::text || ' 20:00+07')::timestamptz
  FROM ob_pool p CROSS JOIN ob_param prm;

WITH tests AS (
  -- the confirming test of each case
  SELECT c.confirm_test_id AS id, c.unit_code, c.person_id, c.confirm_kind AS kind, c.confirm_performer AS performer,
         c.confirm_site AS site, c.detected_on AS day,
         CASE WHEN c.confirm_kind = 'rt_pcr' THEN '07:30' ELSE '08:00' END AS at,
         CASE WHEN c.confirm_kind = 'rt_pcr' THEN interval '8 hours' ELSE interval '20 minutes' END AS takes,
         'positive' AS result, c.confirm_pool_id AS pool_id
    FROM ob_case c
  UNION ALL
  -- an RT-PCR after a quarter of the positive antigen tests
  SELECT pg_temp.ob_uuid(), c.unit_code, c.person_id, 'rt_pcr', 'health_worker',
         'Trung tâm Kiểm soát bệnh tật ' || prm.province_name, c.detected_on + 1, '07:30', interval '8 hours',
         'positive', NULL
    FROM ob_case c CROSS JOIN ob_param prm
   WHERE c.confirm_kind IN ('rapid_antigen', 'self_test') AND abs(hashtext(c.id::text)) % 4 = 0
  UNION ALL
  -- the negative test that ended isolation or treatment
  SELECT pg_temp.ob_uuid(), c.unit_code, c.person_id,
         CASE WHEN c.care_place = 'home' THEN 'rapid_antigen' ELSE 'rt_pcr' END,
         'health_worker',
         CASE WHEN c.care_place = 'home' THEN 'Trạm Y tế ' || u.name ELSE 'Trung tâm Kiểm soát bệnh tật ' || prm.province_name END,
         CASE WHEN c.care_place = 'home' THEN c.outcome_on ELSE c.outcome_on - 1 END, '08:00',
         CASE WHEN c.care_place = 'home' THEN interval '20 minutes' ELSE interval '8 hours' END, 'negative', NULL
    FROM ob_case c JOIN ob_unit u ON u.code = c.unit_code CROSS JOIN ob_param prm
   WHERE c.status = 'recovered' AND c.outcome_criterion NOT LIKE 'Hết triệu chứng%'
  UNION ALL
  -- contacts tested on the days of their quarantine order; those who turned positive, before that
  SELECT pg_temp.ob_uuid(), k.unit_code, k.person_id,
         CASE WHEN k.exposure < date '2021-12-29' THEN 'rt_pcr' ELSE 'rapid_antigen' END, 'health_worker',
         CASE WHEN q.place = 'facility' THEN 'Khu cách ly tập trung ' || d.name ELSE 'Trạm Y tế ' || u.name END,
         k.exposure + t.day, '08:00',
         CASE WHEN k.exposure < date '2021-12-29' THEN interval '8 hours' ELSE interval '20 minutes' END, 'negative', NULL
    FROM ob_contact k
    JOIN ob_quarantine q ON q.id = k.id
    CROSS JOIN LATERAL unnest(q.test_days) AS t(day)
    JOIN ob_unit u ON u.code = k.unit_code
    LEFT JOIN units d ON d.tree = '2021' AND d.code = u.district_code
    LEFT JOIN ob_case r ON r.id = k.resulting_case_id
   WHERE (r.id IS NULL AND abs(hashtext(k.id::text)) % 100 < 88) OR k.exposure + t.day < r.detected_on
  UNION ALL
  -- the individual retests of pool members
  SELECT m.retest_id, m.unit_code, m.person_id, 'rt_pcr', 'health_worker', p.site, p.sampled_on + 1, '07:30',
         interval '8 hours', replace(m.status, 'retest_', ''), p.id
    FROM ob_pool_member m JOIN ob_pool p ON p.id = m.pool_id
   WHERE m.retest_id IS NOT NULL AND m.case_id IS NULL
)
INSERT INTO lab_tests (id, province_code, unit_code, person_id, kind, performer, site, sampled_at, resulted_at, result,
                       pool_id, created_at)
SELECT t.id, prm.province_code, t.unit_code, t.person_id, t.kind, t.performer, t.site,
       (t.day::text || ' ' || t.at || '+07')::timestamptz, (t.day::text || ' ' || t.at || '+07')::timestamptz + t.takes,
       t.result, t.pool_id, (t.day::text || ' ' || t.at || '+07')::timestamptz + t.takes
  FROM tests t CROSS JOIN ob_param prm
 ORDER BY t.day, t.id;

INSERT INTO lab_test_pool_members (pool_id, person_id, province_code, unit_code, status, retest_id)
SELECT m.pool_id, m.person_id, prm.province_code, m.unit_code, m.status, m.retest_id
  FROM ob_pool_member m CROSS JOIN ob_param prm;

DROP FUNCTION pg_temp.ob_uuid();
DROP FUNCTION pg_temp.ob_vaccination(date, date, float8);
