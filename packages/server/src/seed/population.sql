-- Synthetic population registry of one province ($1 = province code, $2 = CCCD prefix,
-- $3 = reference date). One row per person counted by the 2019 census in each 2021 commune.
-- Households of 3-6 people share a surname and an address; heads are adults, then a spouse,
-- then children and sometimes an elderly parent. Ethnic groups in Lai Châu-like shares shape the
-- names. Everything is set-based: PostgreSQL generates the rows, nothing crosses the wire.
WITH communes AS (
  SELECT u.code, u.province_code, u.population, u.type,
         -- average household size varies between communes (3.8-5.2 people)
         3.8 + 1.4 * ((hashtext(u.code) & 1023) / 1023.0) AS hh_size
    FROM units u
   WHERE u.tree = '2021' AND u.province_code = $1 AND u.population > 0
     AND (u.level = 'commune' OR (u.level = 'district' AND NOT EXISTS (
           SELECT 1 FROM units c WHERE c.tree = '2021' AND c.parent_code = u.code)))
),
slots AS (
  SELECT c.code, c.province_code, c.type, i,
         floor((i - 1) / c.hh_size)::int AS hh_no,
         (i - 1) - ceil(floor((i - 1) / c.hh_size) * c.hh_size)::int AS k
    FROM communes c, generate_series(1, c.population) AS i
),
households_new AS (
  INSERT INTO households (id, province_code, unit_code, address)
  SELECT gen_random_uuid(), s.province_code, s.code,
         CASE WHEN s.type IN ('Phường', 'Thị trấn')
              THEN 'Số ' || (1 + (hashtext(s.code || s.hh_no) & 255)) || ', tổ dân phố ' || (1 + s.hh_no % 24)
              ELSE 'Bản ' || (ARRAY['Nà Bó','Pá Khoang','Huổi Luông','Nậm Đích','Hua Bum','Sì Choang','Phiêng Lúc',
                   'Co Muông','Nà Tăm','Tả Lèng','Giang Ma','Hồ Thầu','Sin Suối Hồ','Lản Nhì Thàng','Khun Há',
                   'Nậm Loỏng','Pa Vây Sử','Mù Sang','Thèn Thầu','Bản Lang','Na Khum','Phúc Khoa'])[1 + ((hashtext(s.code) & 65535) + s.hh_no / 40) % 22]
         END
    FROM slots s WHERE s.k = 0
  RETURNING id, unit_code, address
),
hh AS (
  SELECT h.id, h.unit_code, row_number() OVER (PARTITION BY h.unit_code ORDER BY h.id) AS rn FROM households_new h
),
hh_numbered AS (
  -- households of a commune numbered 0..n-1 to meet their slots
  SELECT id, unit_code, (rn - 1)::int AS hh_no,
         -- ethnic group of the household: 0 Thái, 1 Mông, 2 Dao, 3 Kinh, 4 Hà Nhì/Giáy/other
         CASE WHEN r < 0.32 THEN 0 WHEN r < 0.56 THEN 1 WHEN r < 0.70 THEN 2 WHEN r < 0.86 THEN 3 ELSE 4 END AS eth,
         random() < 0.28 AS poor, random() < 0.03 AS policy
    FROM (SELECT *, random() AS r FROM hh) x
),
people AS (
  SELECT s.code AS unit_code, s.province_code, h.id AS household_id, h.eth, h.poor, h.policy, s.k,
         -- sex: heads mostly men, spouses the other sex, children either
         CASE WHEN s.k = 0 THEN abs(hashtext(h.id::text)) % 100 < 86
              WHEN s.k = 1 THEN abs(hashtext(h.id::text)) % 100 >= 86
              ELSE random() < 0.51 END AS male,
         random() AS r_age, random() AS r_day, random() AS r_id, random() AS r_phone, random() AS r1, random() AS r2,
         hashtext(h.id::text) AS hh_hash
    FROM slots s JOIN hh_numbered h ON h.unit_code = s.code AND h.hh_no = s.hh_no
),
aged AS (
  SELECT p.*,
         CASE
           WHEN p.k = 0 THEN 24 + floor(power(p.r_age, 1.3) * 56)::int          -- head: 24-79
           WHEN p.k = 1 THEN 22 + floor(power(p.r_age, 1.3) * 54)::int          -- spouse
           WHEN p.k >= 4 AND p.r1 < 0.25 THEN 60 + floor(p.r_age * 30)::int     -- an elderly parent
           ELSE floor(power(p.r_age, 1.15) * 26)::int                            -- children 0-25
         END AS age
    FROM people p
),
dated AS (
  SELECT a.*, (($3::date - make_interval(years => a.age))::date - floor(a.r_day * 365)::int) AS birth_date
    FROM aged a
),
named AS (
  SELECT d.*,
         (CASE d.eth
            WHEN 0 THEN ARRAY['Lò','Lường','Tòng','Điêu','Hoàng','Quàng','Cà','Lê']
            WHEN 1 THEN ARRAY['Giàng','Vàng','Sùng','Lý','Thào','Hờ','Mùa','Lầu']
            WHEN 2 THEN ARRAY['Tẩn','Phàn','Lý','Chảo','Đặng','Triệu','Bàn','Lò']
            WHEN 3 THEN ARRAY['Nguyễn','Trần','Lê','Phạm','Hoàng','Vũ','Đỗ','Bùi']
            ELSE ARRAY['Pờ','Chu','Lỳ','Lù','Vương','Hoàng','Sần','Lồ']
          END)[1 + abs(CASE WHEN d.k = 1 THEN d.hh_hash / 7 ELSE d.hh_hash END) % 8] AS surname,
         CASE
           WHEN d.eth = 1 AND d.male THEN (ARRAY['A','Seo','A','Chá'])[1 + floor(d.r1 * 4)::int]
           WHEN d.eth = 1 THEN (ARRAY['Thị','Mí','Thị','Thị'])[1 + floor(d.r1 * 4)::int]
           WHEN d.eth = 2 AND d.male THEN (ARRAY['Văn','Láo','Chỉn','Văn'])[1 + floor(d.r1 * 4)::int]
           WHEN d.eth = 3 AND d.male THEN (ARRAY['Văn','Đức','Minh','Quang','Văn','Hữu'])[1 + floor(d.r1 * 6)::int]
           WHEN d.eth = 3 THEN (ARRAY['Thị','Thu','Thị','Ngọc','Thanh','Thị'])[1 + floor(d.r1 * 6)::int]
           WHEN d.male THEN 'Văn' ELSE 'Thị'
         END AS middle,
         CASE WHEN d.male
           THEN (ARRAY['Páo','Chư','Dế','Pó','Sình','Khoa','Thắng','Dũng','Hùng','Tuấn','Minh','Long','Phong','Hải',
                 'Cường','Nam','Sơn','Tiến','Vàng','Lả','Chiến','Bình','Hòa','Thành','Khánh','Quý','Phúc','Đức',
                 'Kiên','Trung','Hưng','Lâm','Tùng','Vinh','Định','Xuân'])[1 + floor(d.r2 * 36)::int]
           ELSE (ARRAY['Mai','Lan','Hoa','Dung','Chi','Pà','Dợ','Sua','Mỷ','Xuân','Hương','Thu','Hằng','Ly','Nga',
                 'Phương','Thảo','Trang','Nhung','Vân','Yến','Hạnh','Linh','Hiền','Lụa','Mến','Châm','Diệp','Ngân',
                 'Oanh','Quyên','Sinh','Tâm','Uyên','Vi','Xoan'])[1 + floor(d.r2 * 36)::int]
         END AS given
    FROM dated d
),
identified AS (
  SELECT n.*,
         n.surname || ' ' || n.middle || ' ' || n.given AS full_name,
         -- CCCD: birth-registration province, century/sex digit, birth year, serial (TT 07/2016/TT-BCA)
         CASE WHEN n.age >= 14 AND n.r_id < 0.92 THEN
           $2 || (CASE WHEN extract(year FROM n.birth_date) >= 2000 THEN 2 ELSE 0 END + CASE WHEN n.male THEN 0 ELSE 1 END)::text
              || to_char(extract(year FROM n.birth_date)::int % 100, 'FM00')
         END AS id_head
    FROM named n
)
INSERT INTO persons (province_code, unit_code, full_name, name_folded, birth_date, sex, id_type, id_number, phone,
                     address, household_id, flags)
SELECT i.province_code, i.unit_code, i.full_name, lower(unaccent(i.full_name)), i.birth_date,
       CASE WHEN i.male THEN 'male' ELSE 'female' END,
       CASE WHEN i.id_head IS NOT NULL THEN 'cccd' END,
       -- serials: a bijection of 1..n onto 6 digits, so numbers are unique and not sequential
       i.id_head || to_char((row_number() OVER (PARTITION BY i.id_head ORDER BY i.r_id) * 7919 + 12345) % 1000000, 'FM000000'),
       CASE WHEN i.age BETWEEN 16 AND 70 AND i.r_phone < 0.68 THEN
         (ARRAY['032','033','034','035','036','037','038','039','086','096','097','098','081','082','083','084','085',
                '088','091','094','070','076','077','078','079','089','090','093','056','058','092','059'])
           [1 + floor(i.r_phone / 0.68 * 32)::int] || to_char(floor(i.r1 * 10000000)::int, 'FM0000000')
       END,
       h.address, i.household_id,
       ARRAY_REMOVE(ARRAY[CASE WHEN i.poor THEN 'poor_household' END, CASE WHEN i.policy THEN 'policy_family' END], NULL)
  FROM identified i JOIN households_new h ON h.id = i.household_id;
