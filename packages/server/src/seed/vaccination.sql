-- Demo vaccination history of one province through its as-of day (vaccination.ts): who got how many
-- doses, when, of which product, where; which doses are not yet on the national platform; which
-- people's records wait to be verified; the targets and official populations. vaccination.ts runs
-- the sections below in order, in one transaction after setseed, then checks the coverage the
-- triggers computed against the story's figures. Everything is set-based: PostgreSQL draws the
-- people, dates and products; nothing but the story's parameters crosses the wire.
--
-- How many doses a person has by the as-of day is drawn per district and group (adults 18+,
-- 12 to under 18, 5 to under 12, age on the as-of day), so that each district's rate is the story's
-- figure: people are ranked by a score (random, plus a commune's lean, plus age: older teenagers
-- and children were reached first, people of 50+ were called first for boosters) and the first
-- r4·n get 4 doses, the next (r3−r4)·n 3, and so on. Dates follow the campaigns and the intervals
-- of the policy in force (packages/domain/src/vaccination/schedule.ts).

-- @section tables
SET LOCAL max_parallel_workers_per_gather = 0;  -- one process draws the random numbers: same seed, same data
CREATE TEMP TABLE vx_param (
  province_code text NOT NULL,
  as_of date NOT NULL,
  -- current doses left without a national platform id, and people with a record to verify
  unsynced integer NOT NULL,
  to_verify integer NOT NULL
) ON COMMIT DROP;
-- Rates by the as-of day per district and group ('adult', 'teen', 'child'); district '*': the default.
CREATE TEMP TABLE vx_rate (
  district_code text NOT NULL,
  grp text NOT NULL,
  r1 float8 NOT NULL, r2 float8 NOT NULL, r3 float8 NOT NULL, r4 float8 NOT NULL
) ON COMMIT DROP;

-- @section people
-- The residents of the province on the as-of day aged 5 or more, with their group and rank.
CREATE TEMP TABLE vx_people ON COMMIT DROP AS
WITH base AS (
  SELECT p.id, p.unit_code, coalesce(u.district_code, u.code) AS district_code, p.birth_date,
         extract(year FROM age(x.as_of, p.birth_date))::int AS age,
         (x.as_of - p.birth_date) / 365.25 AS age_exact,
         x.as_of
    FROM vx_param x
    JOIN persons p ON p.province_code = x.province_code
    JOIN units u ON u.tree = (SELECT value FROM settings WHERE key = 'unit_tree') AND u.code = p.unit_code
   WHERE p.merged_into IS NULL
     AND (least(p.deceased_on, p.left_on) IS NULL OR least(p.deceased_on, p.left_on) > x.as_of)
),
grouped AS (
  SELECT b.*, CASE WHEN b.age >= 18 THEN 'adult' WHEN b.age >= 12 THEN 'teen' ELSE 'child' END AS grp,
         random() + ((hashtext(b.unit_code) & 1023) / 1023.0 - 0.5) * 0.5
           + CASE WHEN b.age >= 65 THEN 0.10 WHEN b.age >= 50 THEN 0.25 WHEN b.age >= 18 THEN 0
                  WHEN b.age >= 12 THEN (b.age_exact - 12) / 6 * 0.8
                  ELSE (b.age_exact - 5) / 7 * 0.6 END AS score
    FROM base b WHERE b.age >= 5
),
ranked AS (
  SELECT g.*, (row_number() OVER w - 0.5) / count(*) OVER (PARTITION BY g.district_code, g.grp) AS q
    FROM grouped g
  WINDOW w AS (PARTITION BY g.district_code, g.grp ORDER BY g.score DESC)
)
SELECT r.id, r.unit_code, r.district_code, r.birth_date, r.age, r.grp, r.as_of,
       (r.q < t.r1)::int + (r.q < t.r2)::int + (r.q < t.r3)::int + (r.q < t.r4)::int AS depth,
       random() AS ra, random() AS rb, random() AS rc, random() AS rd, random() AS rp, random() AS re
  FROM ranked r
  JOIN LATERAL (SELECT * FROM vx_rate t WHERE t.grp = r.grp AND t.district_code IN (r.district_code, '*')
                 ORDER BY t.district_code = '*' LIMIT 1) t ON true;

-- @section plan
-- Each vaccinated person's dose days and products. Adults from the first doses of 03/2021 (health
-- workers, AstraZeneca) and the mass campaign of 07/2021; 12 to under 18 from 27/10/2021 (Pfizer);
-- mũi 3 from 12/2021 (≥6 months after the primary series, ≥3 months from 28/03/2022; 12 to under 18
-- from 17/06/2022, ≥5 months); mũi 4 from 23/06/2022 (≥4 months after mũi 3); 5 to under 12 from
-- 14/04/2022 (Pfizer paediatric or Moderna). Nothing after the as-of day.
CREATE TEMP TABLE vx_plan ON COMMIT DROP AS
WITH first AS (
  SELECT p.*,
         (p.birth_date + interval '18 years')::date AS b18,
         CASE
           WHEN p.grp = 'child' THEN greatest(date '2022-04-14' + floor(power(p.ra, 1.4) * 100)::int,
                                              (p.birth_date + interval '5 years')::date + floor(p.rb * 20)::int)
           WHEN p.grp = 'teen' THEN greatest(date '2021-10-27' + floor(p.ra * 75)::int,
                                             (p.birth_date + interval '12 years')::date + floor(p.rb * 30)::int)
           WHEN p.re < 0.03 THEN date '2021-03-20' + floor(p.ra * 80)::int
           WHEN p.depth = 4 THEN date '2021-07-05' + floor(p.ra * 100)::int
           WHEN p.depth = 3 THEN date '2021-07-05' + floor(p.ra * 150)::int
           ELSE date '2021-07-20' + floor(p.ra * 200)::int
         END AS d1_raw
    FROM vx_people p WHERE p.depth > 0
),
first2 AS (
  -- an adult under 18 on the day drawn waited for the 12–17 campaign
  SELECT f.*, CASE WHEN f.grp = 'adult' AND f.d1_raw < f.b18 THEN greatest(f.d1_raw, date '2021-10-27' + floor(f.rb * 40)::int)
                   ELSE f.d1_raw END AS d1
    FROM first f
),
products AS (
  SELECT f.*,
         CASE
           WHEN f.grp = 'child' THEN CASE WHEN f.rp < 0.75 THEN 'pfizer_paediatric' ELSE 'moderna' END
           WHEN f.d1 < f.b18 THEN CASE WHEN f.rp < 0.92 THEN 'pfizer' ELSE 'moderna' END
           WHEN f.d1 < date '2021-08-01' THEN CASE WHEN f.rp < 0.80 THEN 'astrazeneca' ELSE 'sinopharm' END
           WHEN f.d1 < date '2021-11-01' THEN CASE WHEN f.rp < 0.35 THEN 'astrazeneca' WHEN f.rp < 0.75 THEN 'sinopharm'
                                                   WHEN f.rp < 0.85 THEN 'pfizer' WHEN f.rp < 0.93 THEN 'moderna'
                                                   WHEN f.rp < 0.97 THEN 'sputnik_v' ELSE 'hayat_vax' END
           ELSE CASE WHEN f.rp < 0.40 THEN 'pfizer' WHEN f.rp < 0.65 THEN 'astrazeneca' WHEN f.rp < 0.80 THEN 'moderna'
                     ELSE 'sinopharm' END
         END AS p1
    FROM first2 f
),
second AS (
  SELECT p.*,
         p.d1 + CASE p.p1 WHEN 'astrazeneca' THEN 56 + floor(p.rb * 28)::int WHEN 'moderna' THEN 28 + floor(p.rb * 14)::int
                          WHEN 'sputnik_v' THEN 21 + floor(p.rb * 10)::int ELSE 21 + floor(p.rb * 14)::int END AS d2
    FROM products p
),
third AS (
  SELECT s.*,
         CASE
           WHEN s.grp <> 'adult' OR s.d2 + interval '5 months' <= s.b18
             THEN greatest(date '2022-06-17', (s.d2 + interval '5 months')::date)
           WHEN s.d2 + interval '6 months' < date '2022-03-28'
             THEN greatest(date '2021-12-01', (s.d2 + interval '6 months')::date, s.b18)
           ELSE greatest(date '2022-03-28', (s.d2 + interval '3 months')::date, s.b18)
         END AS e3
    FROM second s
),
booster AS (
  SELECT t.*,
         CASE WHEN t.depth = 4 THEN t.e3 + floor(t.rc * 25)::int
              ELSE t.e3 + floor(power(t.rc, 1.5) * greatest(0, t.as_of - t.e3))::int END AS d3_raw
    FROM third t
)
SELECT b.id, b.unit_code, b.district_code, b.grp, b.depth, b.birth_date, b.rc, b.rd, b.rp,
       b.d1, b.p1,
       least(b.d2, b.as_of) AS d2, b.p1 AS p2,
       least(b.d3_raw, b.as_of) AS d3,
       CASE WHEN b.d1 < b.b18 OR b.rd < 0.45 THEN 'pfizer' WHEN b.rd < 0.75 THEN 'astrazeneca' ELSE 'moderna' END AS p3,
       least(b.as_of, greatest(date '2022-06-23', (b.d3_raw + interval '4 months')::date, b.b18)
                      + floor(b.re * greatest(0, b.as_of - greatest(date '2022-06-23', (b.d3_raw + interval '4 months')::date)))::int) AS d4,
       CASE WHEN b.rp < 0.5 THEN 'pfizer' WHEN b.rp < 0.85 THEN 'moderna' ELSE 'astrazeneca' END AS p4
  FROM booster b;

-- @section doses
-- One statement: the triggers of migration 0010 bring vaccination_status and dose_cells in line once.
-- The doses left off the national platform are the most recent ones first (boosters of 2022, the
-- children's campaign) and those of the remotest districts, as the directives complained.
WITH d AS (
  SELECT p.id AS person_id, p.unit_code, p.district_code, v.n, v.given_on, v.product,
         CASE WHEN v.n > 2 THEN 'booster' ELSE 'primary' END AS kind,
         random() AS r_lot, random() AS r_site, random() AS r_src, random() AS r_day,
         random() + CASE WHEN v.given_on >= date '2022-05-01' THEN 0.6 ELSE 0 END
                  + CASE WHEN p.district_code IN ('107', '108', '109') THEN 0.3 ELSE 0 END AS r_sync
    FROM vx_plan p
    CROSS JOIN LATERAL (VALUES (1, p.d1, p.p1), (2, p.d2, p.p2), (3, p.d3, p.p3), (4, p.d4, p.p4)) AS v(n, given_on, product)
   WHERE v.n <= p.depth
),
ranked AS (
  SELECT d.*, row_number() OVER () AS seq, row_number() OVER (ORDER BY d.r_sync DESC) AS sync_rank FROM d
)
INSERT INTO vaccine_doses (province_code, person_id, unit_code, dose_number, kind, product, lot, given_on, site,
                           national_id, source, created_at)
SELECT x.province_code, r.person_id,
       CASE WHEN r.r_site < 0.15 THEN r.district_code ELSE r.unit_code END,
       r.n, r.kind, r.product,
       CASE r.product
         WHEN 'astrazeneca' THEN 'ABV' || (5200 + floor(r.r_lot * 40)::int)
         WHEN 'pfizer' THEN (ARRAY['FF', 'FK', 'FG', 'FJ'])[1 + floor(r.r_lot * 4)::int] || (2000 + floor(r.r_lot * 40)::int * 173)
         WHEN 'pfizer_paediatric' THEN 'FN' || (6000 + floor(r.r_lot * 30)::int)
         WHEN 'moderna' THEN '00' || (4000 + floor(r.r_lot * 40)::int) || 'A'
         WHEN 'sinopharm' THEN '2021' || to_char(6 + floor(r.r_lot * 4)::int, 'FM00') || 'B' || (2000 + floor(r.r_lot * 60)::int)
         WHEN 'sputnik_v' THEN 'II-' || (110621 + floor(r.r_lot * 20)::int)
         ELSE 'HVX' || (21000 + floor(r.r_lot * 30)::int)
       END,
       r.given_on,
       CASE WHEN r.r_site < 0.15 THEN 'Trung tâm Y tế ' || ud.name
            WHEN r.r_site < 0.27 AND r.given_on >= date '2021-10-01' THEN 'Điểm tiêm lưu động ' || u.short_name
            ELSE 'Trạm Y tế ' || u.name END,
       CASE WHEN r.sync_rank <= x.unsynced THEN NULL ELSE x.province_code || to_char(r.seq, 'FM0000000000') END,
       CASE WHEN r.r_src < 0.8 THEN 'import' ELSE 'entry' END,
       (r.given_on + 1 + floor(r.r_day * 20)::int)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh' + interval '9 hours'
  FROM ranked r
  CROSS JOIN vx_param x
  JOIN units u ON u.tree = (SELECT value FROM settings WHERE key = 'unit_tree') AND u.code = r.unit_code
  JOIN units ud ON ud.tree = u.tree AND ud.code = r.district_code;

-- @section reviews
-- (Each "not yet under review" test below is two anti-joins, person_id and other, never one OR:
-- an OR cannot hash and made these statements quadratic.)
ANALYZE vx_people;
ANALYZE vx_plan;
-- People whose records wait to be verified (person_reviews), as many as the story says, one open
-- review each, by kind: likely duplicates by name, birth date and commune already in the registry;
-- family members sharing one phone; adults without a CCCD; CCCD numbers mistyped (a digit lost);
-- dose records out of sequence; impossible dates on a dose record.
CREATE TEMP TABLE vx_review (person_id uuid, unit_code text, kind text, other uuid, detail text) ON COMMIT DROP;
-- Likely duplicates: the same folded name, birth date and commune (the lower id is person_id).
INSERT INTO vx_review
SELECT a.id, a.unit_code, 'duplicate_name', b.id, 'Trùng họ tên, ngày sinh và xã với một người khác'
  FROM persons a JOIN persons b ON b.province_code = a.province_code AND b.name_folded = a.name_folded
   AND b.birth_date = a.birth_date AND b.unit_code = a.unit_code AND b.id > a.id
 CROSS JOIN vx_param x
 WHERE a.province_code = x.province_code
 LIMIT (SELECT (to_verify * 0.08)::int FROM vx_param);
-- Family members sharing a phone: the phone of one adult given to another of the household.
CREATE TEMP TABLE vx_phone ON COMMIT DROP AS
SELECT DISTINCT ON (b.id) a.id AS owner, b.id, b.unit_code, a.phone
  FROM persons a
  JOIN persons b ON b.household_id = a.household_id AND b.province_code = a.province_code AND b.id <> a.id
   AND b.phone IS NULL AND b.birth_date <= date '2004-01-01'
 CROSS JOIN vx_param x
 WHERE a.province_code = x.province_code AND a.phone IS NOT NULL
   AND abs(hashtext(b.id::text) % 100) < 12
   AND NOT EXISTS (SELECT 1 FROM vx_review r WHERE r.person_id = a.id) AND NOT EXISTS (SELECT 1 FROM vx_review r WHERE r.other = a.id)
   AND NOT EXISTS (SELECT 1 FROM vx_review r WHERE r.person_id = b.id) AND NOT EXISTS (SELECT 1 FROM vx_review r WHERE r.other = b.id)
 ORDER BY b.id
 LIMIT (SELECT (to_verify * 0.10)::int FROM vx_param);
UPDATE persons p SET phone = f.phone FROM vx_phone f WHERE p.id = f.id AND p.province_code = (SELECT province_code FROM vx_param);
INSERT INTO vx_review
SELECT least(f.owner, f.id), (SELECT unit_code FROM persons WHERE id = least(f.owner, f.id)), 'duplicate_phone',
       greatest(f.owner, f.id), 'Trùng số điện thoại với người khác trong hộ'
  FROM (SELECT DISTINCT ON (least(owner, id)) * FROM vx_phone ORDER BY least(owner, id)) f;
-- Vaccinated adults without a CCCD number in the registry.
INSERT INTO vx_review
SELECT p.id, p.unit_code, 'missing_id', NULL, 'Chưa có số CCCD/CMND'
  FROM vx_plan v JOIN persons p ON p.id = v.id
 CROSS JOIN vx_param x
 WHERE p.province_code = x.province_code AND p.id_number IS NULL AND v.grp = 'adult'
   AND NOT EXISTS (SELECT 1 FROM vx_review r WHERE r.person_id = p.id) AND NOT EXISTS (SELECT 1 FROM vx_review r WHERE r.other = p.id)
 LIMIT (SELECT (to_verify * 0.35)::int FROM vx_param);
-- A digit lost when the number was typed: 11 digits instead of 12.
CREATE TEMP TABLE vx_mistyped ON COMMIT DROP AS
SELECT p.id, p.unit_code, p.id_number AS right_number, left(p.id_number, 11) AS wrong_number
  FROM vx_plan v JOIN persons p ON p.id = v.id
 CROSS JOIN vx_param x
 WHERE p.province_code = x.province_code AND p.id_number IS NOT NULL AND floor(v.rp * 1000)::int % 10 < 3
   AND NOT EXISTS (SELECT 1 FROM vx_review r WHERE r.person_id = p.id) AND NOT EXISTS (SELECT 1 FROM vx_review r WHERE r.other = p.id)
 LIMIT (SELECT (to_verify * 0.20)::int FROM vx_param);
UPDATE identity_numbers n SET id_number = m.wrong_number FROM vx_mistyped m WHERE n.id_number = m.right_number
   AND NOT EXISTS (SELECT 1 FROM identity_numbers o WHERE o.id_number = m.wrong_number);
UPDATE persons p SET id_number = m.wrong_number FROM vx_mistyped m WHERE p.id = m.id
   AND p.province_code = (SELECT province_code FROM vx_param)
   AND EXISTS (SELECT 1 FROM identity_numbers n WHERE n.id_number = m.wrong_number AND n.person_id = m.id);
INSERT INTO vx_review
SELECT p.id, p.unit_code, 'invalid_id', NULL, 'Số CCCD ' || p.id_number || ' có 11 chữ số (phải có 12)'
  FROM vx_mistyped m JOIN persons p ON p.id = m.id AND p.id_number = m.wrong_number;
-- The rest: a dose record out of sequence, or with an impossible date, as the source file had it.
INSERT INTO vx_review
SELECT v.id, v.unit_code,
       CASE WHEN v.depth >= 2 AND v.rc < 0.6 THEN 'dose_sequence' ELSE 'impossible_date' END,
       NULL,
       CASE WHEN v.depth >= 2 AND v.rc < 0.6
            THEN 'Phiếu tiêm ghi mũi 2 ngày ' || to_char(v.d2, 'DD/MM/YYYY') || ' trước mũi 1'
            ELSE 'Phiếu tiêm ghi ngày tiêm ' || to_char(v.d1 - 3650, 'DD/MM/YYYY') || ' (trước khi bắt đầu tiêm chủng COVID-19)' END
  FROM vx_plan v
 WHERE NOT EXISTS (SELECT 1 FROM vx_review r WHERE r.person_id = v.id) AND NOT EXISTS (SELECT 1 FROM vx_review r WHERE r.other = v.id)
   AND floor(v.rd * 1000)::int % 10 < 3
 LIMIT greatest(0, (SELECT to_verify FROM vx_param) - (SELECT count(DISTINCT person_id) FROM vx_review));
INSERT INTO person_reviews (province_code, unit_code, person_id, kind, other_person_id, detail, created_at)
SELECT x.province_code, r.unit_code, r.person_id, r.kind, r.other, r.detail,
       timestamptz '2022-08-15 09:00+07' + (random() * 15) * interval '1 day'
  FROM vx_review r CROSS JOIN vx_param x;

-- @section figures
-- What the province's residents got, for the summary: doses, people with a dose, unsynced, to verify.
SELECT (SELECT count(*) FROM vaccine_doses v, vx_param x WHERE v.province_code = x.province_code)::int AS doses,
       (SELECT count(*) FROM vx_plan)::int AS vaccinated,
       (SELECT count(*) FROM vaccine_doses v, vx_param x WHERE v.province_code = x.province_code AND v.national_id IS NULL)::int AS unsynced,
       (SELECT count(DISTINCT person_id) FROM person_reviews r, vx_param x WHERE r.province_code = x.province_code AND r.status = 'open')::int AS "toVerify";
