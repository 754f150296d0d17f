/**
 * The statements of a vaccination import (service.ts runs them in order, in one transaction):
 * communes, rows and their people, new people, doses against the registry, writes, the report.
 */
import type { Readable } from 'node:stream';
import { to as copyTo } from 'pg-copy-streams';
import { NO_PROVINCE } from '../../audit/audit.ts';
import type { Principal } from '../../auth/principal.ts';
import { ACTIVE_TREE } from '../../auth/scope.ts';
import type { PoolClient } from '../../db/pool.ts';
import { query, queryOne, type SQL, sql } from '../../db/sql.ts';
import {
  cell,
  coded,
  dayOf,
  foldedKey,
  foldedName,
  idNumberOf,
  PerDistinct,
} from '../../imports/normalise.ts';
import { STAGING } from '../../imports/stage.ts';
import { MAX_DOSE_NUMBER, PRODUCT_VALUES, SEX_VALUES, VACCINATION_IMPORT_COLUMNS } from './columns.ts';
import { judgedDoses } from './rules.ts';

/**
 * Each distinct `ma_xa` of the file once: the commune it names in the active tree (an island
 * district without communes counts as one), and whether it lies inside the caller's jurisdiction.
 * Spreadsheets that stored the code as a number dropped its leading zeros: they are put back.
 */
export async function resolveCommunes(c: PoolClient, me: Principal): Promise<void> {
  await query(
    c,
    sql`CREATE TEMP TABLE import_communes ON COMMIT DROP AS
        SELECT k.raw, u.code, u.province_code, coalesce(${me.scope.covers(sql`u.code`, sql`u.province_code`)}, false) AS inside
          FROM (SELECT DISTINCT ma_xa AS raw FROM ${sql.raw(STAGING)} WHERE ma_xa IS NOT NULL) k
          LEFT JOIN units u ON u.tree = ${ACTIVE_TREE}
           AND u.code = CASE WHEN k.raw ~ '^[0-9]{1,4}$' THEN lpad(k.raw, 5, '0') ELSE k.raw END
           AND (u.level = 'commune' OR (u.level = 'district' AND NOT EXISTS (
                 SELECT 1 FROM units ch WHERE ch.tree = u.tree AND ch.parent_code = u.code)))`,
  );
}

const TODAY = sql`current_date`;

/** `Mũi 2`, `2`, `mũi thứ 2` → '2'; anything else NULL. */
const doseNumberText = (t: SQL) =>
  sql`substring(${foldedKey(t)} FROM '^(?:mui|muiso|muithu|lan)?([0-9]{1,2})$')`;

/** A phone as persons hold it (0xxxxxxxxx), NULL when it is not a mobile number. */
const phoneOf = (t: SQL) => {
  const digits = sql`regexp_replace(${t}, '[\\s.()-]', '', 'g')`;
  const national = sql`CASE WHEN ${digits} ~ '^\\+84' THEN '0' || substr(${digits}, 4)
                            WHEN ${digits} ~ '^84[0-9]{9}$' THEN '0' || substr(${digits}, 3) ELSE ${digits} END`;
  return sql`CASE WHEN ${national} ~ '^0[35789][0-9]{8}$' THEN ${national} END`;
};

/**
 * `import_checked`: one row per staged row, its values parsed, the first fault found (`error` =
 * ARRAY[column, message]), and its person: `outcome` 'person' (person_id and where they live),
 * 'new' (nobody matches), 'review' (`reason`, `candidates`).
 */
export async function checkRows(c: PoolClient, me: Principal, present: ReadonlySet<string>): Promise<void> {
  const once = new PerDistinct(present);
  const birth = once.value('ngay_sinh', dayOf, 'date');
  const given = once.value('ngay_tiem', dayOf, 'date');
  const product = once.value('ten_vac_xin', (t) => coded(t, PRODUCT_VALUES));
  const dose = once.value('mui_tiem', doseNumberText);
  const sex = once.value('gioi_tinh', (t) => coded(t, SEX_VALUES));
  const inside = (alias: string) =>
    me.scope.covers(sql.raw(`${alias}.unit_code`), sql.raw(`${alias}.province_code`));
  const validId = sql`v.id_number ~ '^([0-9]{9}|[0-9]{12}|[A-Z][0-9]{7,8})$'`;
  const tooLong = (field: string, column: string, limit: number) =>
    sql`WHEN length(v.${sql.raw(column)}) > ${limit} THEN ARRAY[${field}, ${`Dài quá ${limit} ký tự`}::text]`;
  await query(
    c,
    sql`CREATE TEMP TABLE import_checked ON COMMIT DROP AS
        SELECT x.*,
               CASE WHEN x.error IS NOT NULL THEN NULL
                    WHEN x.pid IS NOT NULL THEN
                      CASE WHEN x.pid_merged OR x.pid_mismatch THEN 'review' ELSE 'person' END
                    WHEN x.nc_n = 1 AND (x.id_number IS NULL OR x.nc_id_number IS NULL) THEN 'person'
                    WHEN x.nc_n >= 1 THEN 'review'
                    ELSE 'new' END AS outcome,
               CASE WHEN x.error IS NOT NULL THEN NULL
                    WHEN x.pid IS NOT NULL THEN CASE WHEN x.pid_merged THEN 'merged_person' WHEN x.pid_mismatch THEN 'id_mismatch' END
                    WHEN x.nc_n = 1 AND x.id_number IS NOT NULL AND x.nc_id_number IS NOT NULL THEN 'name_other_id'
                    WHEN x.nc_n > 1 THEN 'several_candidates' END AS reason,
               CASE WHEN x.pid IS NOT NULL THEN ARRAY[x.pid] ELSE x.nc_ids END AS candidates,
               CASE WHEN x.pid IS NOT NULL THEN x.pid WHEN x.nc_n = 1 THEN x.nc_ids[1] END AS person_id
          FROM (
            SELECT v.row_no, v.full_name, v.name_folded, v.birth_date, v.sex, v.id_number, v.phone, v.unit_code,
                   v.province_code, v.address, v.dose_number, v.given_on, v.product, v.lot, v.site, v.national_id,
                   pid.id AS pid, pid.merged_into IS NOT NULL AS pid_merged,
                   (pid.name_folded <> v.name_folded OR pid.birth_date <> v.birth_date) AS pid_mismatch,
                   coalesce(pid.province_code, v.province_code) AS p_province,
                   coalesce(pid.unit_code, v.unit_code) AS p_unit,
                   coalesce(pid.birth_date, v.birth_date) AS p_birth,
                   nc.n AS nc_n, nc.ids AS nc_ids, nc.id_number AS nc_id_number,
                   CASE WHEN v.full_name IS NULL THEN ARRAY['ho_ten', 'Thiếu họ và tên']
                        ${tooLong('ho_ten', 'full_name', 200)}
                        WHEN v.birth_raw IS NULL THEN ARRAY['ngay_sinh', 'Thiếu ngày sinh']
                        WHEN v.birth_date IS NULL THEN ARRAY['ngay_sinh', 'Ngày sinh không hợp lệ (dd/mm/yyyy hoặc yyyy-mm-dd)']
                        WHEN v.birth_date > ${TODAY} THEN ARRAY['ngay_sinh', 'Ngày sinh ở sau ngày hôm nay']
                        WHEN v.birth_date < '1900-01-01' THEN ARRAY['ngay_sinh', 'Ngày sinh trước năm 1900']
                        WHEN v.sex_raw IS NOT NULL AND v.sex IS NULL THEN ARRAY['gioi_tinh', 'Giới tính ghi "Nam" hoặc "Nữ"']
                        WHEN v.id_number IS NOT NULL AND NOT ${validId}
                          THEN ARRAY['so_cccd', 'Số CCCD/CMND không hợp lệ (CCCD 12 chữ số, CMND 9 hoặc 12 chữ số, hộ chiếu một chữ cái và 7–8 chữ số)']
                        WHEN v.phone_raw IS NOT NULL AND v.phone IS NULL
                          THEN ARRAY['so_dien_thoai', 'Số điện thoại di động không hợp lệ (10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09)']
                        WHEN v.unit_raw IS NULL THEN ARRAY['ma_xa', 'Thiếu mã xã']
                        WHEN v.unit_code IS NULL
                          THEN ARRAY['ma_xa', 'Mã xã không có trong danh mục đơn vị hành chính (mã xã/phường 5 chữ số của Tổng cục Thống kê)']
                        WHEN NOT v.unit_inside THEN ARRAY['ma_xa', 'Xã/phường này ở ngoài địa bàn của bạn']
                        ${tooLong('dia_chi', 'address', 500)}
                        WHEN v.dose_raw IS NULL THEN ARRAY['mui_tiem', 'Thiếu mũi tiêm']
                        WHEN v.dose_number IS NULL OR v.dose_number NOT BETWEEN 1 AND ${MAX_DOSE_NUMBER}
                          THEN ARRAY['mui_tiem', ${`Mũi tiêm phải là số từ 1 đến ${MAX_DOSE_NUMBER}`}::text]
                        WHEN v.given_raw IS NULL THEN ARRAY['ngay_tiem', 'Thiếu ngày tiêm']
                        WHEN v.given_on IS NULL THEN ARRAY['ngay_tiem', 'Ngày tiêm không hợp lệ (dd/mm/yyyy hoặc yyyy-mm-dd)']
                        WHEN v.given_on > ${TODAY} THEN ARRAY['ngay_tiem', 'Ngày tiêm ở sau ngày hôm nay']
                        WHEN v.given_on < v.birth_date THEN ARRAY['ngay_tiem', 'Ngày tiêm trước ngày sinh']
                        WHEN v.product_raw IS NULL THEN ARRAY['ten_vac_xin', 'Thiếu tên vắc xin']
                        WHEN v.product IS NULL
                          THEN ARRAY['ten_vac_xin', 'Không rõ vắc xin này (AstraZeneca, Pfizer, Moderna, Vero Cell, Sputnik V, Abdala, Hayat-Vax, Janssen …)']
                        ${tooLong('so_lo', 'lot', 100)}
                        ${tooLong('co_so_tiem', 'site', 200)}
                        ${tooLong('ma_mui_tiem', 'national_id', 100)}
                        -- A registered person living outside the jurisdiction: their doses are their place's to record.
                        WHEN idn.person_id IS NOT NULL AND (pid.id IS NULL OR NOT ${inside('pid')})
                          THEN ARRAY['so_cccd', 'Số CCCD/CMND này là của một người cư trú ngoài địa bàn của bạn: mũi tiêm do nơi người đó cư trú nhập']
                   END AS error
              FROM (
                SELECT r.row_no, ${cell('ho_ten')} AS raw_name,
                       CASE WHEN strpos(${cell('ho_ten')}, '  ') > 0 THEN regexp_replace(${cell('ho_ten')}, ' +', ' ', 'g')
                            ELSE ${cell('ho_ten')} END AS full_name,
                       ${foldedName(cell('ho_ten'))} AS name_folded,
                       ${cell('ngay_sinh')} AS birth_raw, ${birth}::date AS birth_date,
                       ${cell('gioi_tinh')} AS sex_raw, ${sex}::text AS sex,
                       ${idNumberOf(cell('so_cccd'))} AS id_number,
                       ${cell('so_dien_thoai')} AS phone_raw, ${phoneOf(cell('so_dien_thoai'))} AS phone,
                       ${cell('ma_xa')} AS unit_raw, iu.code AS unit_code, iu.province_code, iu.inside AS unit_inside,
                       ${cell('dia_chi')} AS address,
                       ${cell('mui_tiem')} AS dose_raw, ${dose}::int AS dose_number,
                       ${cell('ngay_tiem')} AS given_raw, ${given}::date AS given_on,
                       ${cell('ten_vac_xin')} AS product_raw, ${product}::text AS product,
                       ${cell('so_lo')} AS lot, ${cell('co_so_tiem')} AS site, ${cell('ma_mui_tiem')} AS national_id
                  FROM ${sql.raw(STAGING)} r ${once.joins}
                  LEFT JOIN import_communes iu ON iu.raw = r.ma_xa
                OFFSET 0) v
              LEFT JOIN identity_numbers idn ON idn.id_number = v.id_number
              LEFT JOIN persons pid ON pid.id = idn.person_id AND pid.province_code = idn.province_code
              -- The people of the row's name, birth date and commune (those still counted), looked up
              -- (persons_unit_name_idx) only for the rows whose CCCD matched nobody: a file names most
              -- people by CCCD, and grouping the whole province's registry would cost more.
              LEFT JOIN LATERAL (
                SELECT count(*)::int AS n, array_agg(p.id) AS ids, max(p.id_number) AS id_number
                  FROM persons p
                 WHERE idn.person_id IS NULL AND p.unit_code = v.unit_code AND p.name_folded = v.name_folded
                   AND p.birth_date = v.birth_date AND p.merged_into IS NULL
                   -- An array computed once (an IN here would be a semi-join planned again for every row).
                   AND p.province_code = ANY(ARRAY(SELECT DISTINCT province_code FROM import_communes WHERE inside))
                HAVING count(*) > 0) nc ON true
          ) x`,
  );
  // Statistics of the columns later statements join and filter on (not of names, lots, sites: their
  // sorts cost more than the whole analysis needs).
  await c.query(
    'ANALYZE import_checked (row_no, error, outcome, person_id, dose_number, unit_code, name_folded, birth_date, id_number)',
  );
}

/**
 * The people the file names that nobody registered: one new person per name, birth date and
 * commune, or per CCCD when the file gives that name several CCCDs (`import_new_persons`); the
 * rows that cannot say which go to review. A new person needs their sex.
 */
export async function placeNewPersons(c: PoolClient): Promise<void> {
  await c.query(
    `CREATE TEMP TABLE import_new_rows ON COMMIT DROP AS
     WITH n AS (SELECT row_no, unit_code, name_folded, birth_date, id_number FROM import_checked WHERE outcome = 'new'),
     by_name AS (SELECT unit_code, name_folded, birth_date, count(DISTINCT id_number) AS k FROM n GROUP BY 1, 2, 3),
     by_id AS (SELECT id_number, count(DISTINCT (unit_code, name_folded, birth_date)) AS m
                 FROM n WHERE id_number IS NOT NULL GROUP BY 1)
     SELECT n.row_no,
            CASE WHEN i.m > 1 THEN 'file_id_conflict' WHEN b.k > 1 AND n.id_number IS NULL THEN 'several_new' END AS reason,
            CASE WHEN b.k <= 1 THEN concat_ws('|', n.unit_code, n.name_folded, n.birth_date) ELSE n.id_number END AS key
       FROM n JOIN by_name b USING (unit_code, name_folded, birth_date)
       LEFT JOIN by_id i USING (id_number)`,
  );
  await c.query(
    `CREATE TEMP TABLE import_new_persons ON COMMIT DROP AS
     SELECT nr.key, gen_random_uuid() AS id, min(k.row_no) AS first_row,
            (array_agg(k.full_name ORDER BY k.row_no))[1] AS full_name,
            (array_agg(k.name_folded ORDER BY k.row_no))[1] AS name_folded,
            (array_agg(k.birth_date ORDER BY k.row_no))[1] AS birth_date,
            (array_agg(k.unit_code ORDER BY k.row_no))[1] AS unit_code,
            (array_agg(k.province_code ORDER BY k.row_no))[1] AS province_code,
            (array_agg(k.sex ORDER BY k.row_no) FILTER (WHERE k.sex IS NOT NULL))[1] AS sex,
            max(k.id_number) AS id_number,
            (array_agg(k.phone ORDER BY k.row_no) FILTER (WHERE k.phone IS NOT NULL))[1] AS phone,
            (array_agg(k.address ORDER BY k.row_no) FILTER (WHERE k.address IS NOT NULL))[1] AS address
       FROM import_new_rows nr JOIN import_checked k ON k.row_no = nr.row_no
      WHERE nr.reason IS NULL
      GROUP BY nr.key`,
  );
  await c.query(
    `UPDATE import_checked k
        SET outcome = CASE WHEN nr.reason IS NOT NULL THEN 'review' WHEN np.sex IS NULL THEN NULL ELSE 'person' END,
            reason = nr.reason,
            error = CASE WHEN nr.reason IS NULL AND np.sex IS NULL
                         THEN ARRAY['gioi_tinh', 'Thiếu giới tính (Nam/Nữ): cần để đăng ký người chưa có trong danh sách'] END,
            person_id = CASE WHEN np.sex IS NOT NULL THEN np.id END,
            p_province = k.province_code, p_unit = k.unit_code, p_birth = np.birth_date
       FROM import_new_rows nr LEFT JOIN import_new_persons np ON np.key = nr.key
      WHERE k.row_no = nr.row_no`,
  );
  await c.query(`DELETE FROM import_new_persons WHERE sex IS NULL`);
}

/**
 * `import_doses`: each row with a person, against the doses that person already has and the other
 * rows of the file. `action`: insert, set_national_id (the dose is recorded, without the national
 * id the file gives), unchanged, duplicate (an earlier row says the same), or an `error`.
 */
export async function checkDoses(c: PoolClient): Promise<void> {
  const dayAndProduct = (alias: string) =>
    sql.raw(`to_char(${alias}.given_on, 'DD/MM/YYYY') || ', ' || ${alias}.product`);
  await query(
    c,
    sql`CREATE TEMP TABLE import_doses ON COMMIT DROP AS
        SELECT y.row_no, y.person_id, y.p_province, y.p_unit, y.p_birth, y.dose_number, y.given_on, y.product, y.lot,
               y.site, y.national_id, y.existing_id,
               CASE WHEN y.error IS NOT NULL THEN 'error'
                    WHEN y.dup_first IS NOT NULL AND y.dup_first <> y.row_no THEN 'duplicate'
                    WHEN y.existing_id IS NULL THEN 'insert'
                    WHEN y.national_id IS NOT NULL AND y.existing_national IS NULL THEN 'set_national_id'
                    ELSE 'unchanged' END AS action,
               y.error
          FROM (
            SELECT d.row_no, d.person_id, d.p_province, d.p_unit, d.p_birth, d.dose_number, d.given_on, d.product,
                   d.lot, d.site, d.national_id, e.id AS existing_id, e.national_id AS existing_national, dup.first AS dup_first,
                   CASE WHEN dup.first IS NOT NULL AND dup.first <> d.row_no
                             AND (f.given_on, f.product) IS DISTINCT FROM (d.given_on, d.product)
                          THEN ARRAY['mui_tiem', 'Mũi ' || d.dose_number || ' của người này đã có ở dòng ' || dup.first || ' với ngày tiêm hoặc vắc xin khác']
                        WHEN e.id IS NOT NULL AND (e.given_on, e.product) IS DISTINCT FROM (d.given_on, d.product)
                          THEN ARRAY['mui_tiem', 'Mũi ' || d.dose_number || ' đã có với ngày khác (' || ${dayAndProduct('e')} || ')']
                        WHEN d.national_id IS NOT NULL AND e.national_id IS NOT NULL AND e.national_id <> d.national_id
                          THEN ARRAY['ma_mui_tiem', 'Mũi ' || d.dose_number || ' đã có mã mũi tiêm khác']
                        WHEN n.id IS NOT NULL AND n.id IS DISTINCT FROM e.id
                          THEN ARRAY['ma_mui_tiem', 'Mã mũi tiêm này đã dùng cho một mũi tiêm khác']
                   END AS error
              FROM import_checked d
              LEFT JOIN (SELECT person_id, dose_number, min(row_no) AS first FROM import_checked
                          WHERE error IS NULL AND outcome = 'person' GROUP BY 1, 2 HAVING count(*) > 1) dup
                ON dup.person_id = d.person_id AND dup.dose_number = d.dose_number
              LEFT JOIN import_checked f ON f.row_no = dup.first
              LEFT JOIN vaccine_doses e ON e.person_id = d.person_id AND e.province_code = d.p_province
               AND e.dose_number = d.dose_number AND e.superseded_by IS NULL
              LEFT JOIN vaccine_doses n ON n.national_id = d.national_id AND n.province_code = d.p_province
             WHERE d.error IS NULL AND d.outcome = 'person'
          ) y`,
  );
  // Statistics for the writes' joins: a province's first import meets an empty vaccine_doses, whose
  // stale statistics would otherwise put it on the outer side of a loop over the whole file.
  await c.query('ANALYZE import_doses (row_no, action, person_id, national_id, existing_id, p_province)');
  // One national id on two rows that would write it: the later rows are refused.
  await c.query(
    `UPDATE import_doses d SET action = 'error',
            error = ARRAY['ma_mui_tiem', 'Mã mũi tiêm trùng với dòng ' || x.first]
       FROM (SELECT national_id, min(row_no) AS first FROM import_doses
              WHERE action IN ('insert', 'set_national_id') AND national_id IS NOT NULL
              GROUP BY 1 HAVING count(*) > 1) x
      WHERE d.national_id = x.national_id AND d.row_no <> x.first AND d.action IN ('insert', 'set_national_id')`,
  );
  await c.query(
    `UPDATE import_checked k SET error = d.error FROM import_doses d WHERE d.row_no = k.row_no AND d.error IS NOT NULL`,
  );
}

/** Registers the new people, records the doses, fills national ids, queues the rows to review. */
export async function writeRows(
  c: PoolClient,
  me: Principal,
): Promise<{ personsCreated: number; reviewAdded: number; flagged: number }> {
  // Only people some valid dose row needs: a person whose every row was refused is not created.
  const persons = await c.query(
    `INSERT INTO persons (id, province_code, unit_code, full_name, name_folded, birth_date, sex, id_type, id_number,
                          phone, address, created_by, updated_by)
     SELECT np.id, np.province_code, np.unit_code, np.full_name, np.name_folded, np.birth_date, np.sex,
            CASE WHEN np.id_number ~ '^[0-9]{12}$' THEN 'cccd' WHEN np.id_number ~ '^[0-9]{9}$' THEN 'cmnd9'
                 WHEN np.id_number IS NOT NULL THEN 'passport' END,
            np.id_number, np.phone, np.address, $1, $1
       FROM import_new_persons np
      WHERE np.id IN (SELECT person_id FROM import_doses WHERE action = 'insert')`,
    [me.accountId],
  );
  await c.query(
    `INSERT INTO identity_numbers (id_number, person_id, province_code)
     SELECT np.id_number, np.id, np.province_code FROM import_new_persons np
      WHERE np.id_number IS NOT NULL AND np.id IN (SELECT person_id FROM import_doses WHERE action = 'insert')`,
  );
  // One statement for every dose: the coverage triggers run once for the whole file.
  const doses = await query<{ flagged: number }>(
    c,
    sql`WITH j AS MATERIALIZED (${judgedDoses(
      sql`SELECT row_no, person_id, p_province AS province_code, p_birth AS birth_date, dose_number, given_on, product
            FROM import_doses WHERE action = 'insert'`,
    )}),
        ins AS (
          INSERT INTO vaccine_doses (province_code, person_id, unit_code, dose_number, kind, product, lot, given_on, site,
                                     national_id, flags, review_status, source, created_by)
          SELECT d.p_province, d.person_id, d.p_unit, d.dose_number, j.kind, d.product, d.lot, d.given_on, d.site,
                 d.national_id, j.flags, CASE WHEN cardinality(j.flags) > 0 THEN 'pending' ELSE 'none' END, 'import',
                 ${me.accountId}::uuid
            FROM import_doses d JOIN j ON j.row_no = d.row_no
          RETURNING review_status)
        SELECT count(*) FILTER (WHERE review_status = 'pending')::int AS flagged FROM ins`,
  );
  // Only when some row gives a recorded dose its national id: right after a province's first
  // import, vaccine_doses' statistics still say empty, and the planner would loop over the file
  // once per dose just written (minutes for 100,000 rows) to update nothing.
  const toSet = await queryOne<{ n: number }>(
    c,
    sql`SELECT count(*)::int AS n FROM import_doses WHERE action = 'set_national_id'`,
  );
  if (toSet!.n > 0) {
    await c.query(
      `UPDATE vaccine_doses v SET national_id = d.national_id
         FROM import_doses d
        WHERE d.action = 'set_national_id' AND v.id = d.existing_id AND v.province_code = d.p_province`,
    );
  }
  const reviews = await c.query(
    `INSERT INTO dose_match_reviews (province_code, unit_code, row, row_hash, candidate_ids, reason)
     SELECT k.province_code, k.unit_code, x.row, md5(x.row::text), coalesce(k.candidates, '{}'), k.reason
       FROM import_checked k JOIN ${STAGING} r ON r.row_no = k.row_no
      CROSS JOIN LATERAL (SELECT jsonb_strip_nulls(to_jsonb(r) - 'row_no') AS row) x
      WHERE k.error IS NULL AND k.outcome = 'review'
     ON CONFLICT (row_hash, province_code) DO NOTHING`,
  );
  return {
    personsCreated: persons.rowCount ?? 0,
    reviewAdded: reviews.rowCount ?? 0,
    flagged: doses[0]?.flagged ?? 0,
  };
}

/** The error report of an import of `me`'s as CSV (UTF-8 with BOM, for Excel), streamed; null when not theirs. */
export async function rejectionsCsv(c: PoolClient, me: Principal, batchId: string): Promise<Readable | null> {
  const mine = await queryOne(
    c,
    sql`SELECT 1 FROM import_batches WHERE id = ${batchId} AND account_id = ${me.accountId}`,
  );
  if (!mine) return null;
  const labels = VACCINATION_IMPORT_COLUMNS.map(
    (col) => `WHEN '${col.name}' THEN '${col.label.replaceAll("'", "''")}'`,
  ).join(' ');
  // COPY takes no parameters: the id was checked to be one of the caller's imports above.
  return c.query(
    copyTo(`COPY (SELECT row_no AS "Dòng", CASE field ${labels} ELSE field END AS "Cột", value AS "Giá trị",
                         message AS "Lý do"
                    FROM import_rejections WHERE batch_id = '${batchId.replaceAll("'", '')}' ORDER BY row_no)
            TO STDOUT WITH (FORMAT csv, HEADER true)`),
  );
}

/** The CSV report's first bytes: Excel reads a UTF-8 file as such only after a BOM. */
export const CSV_BOM = '\uFEFF';

/** What became of the rows: refused, held for review, already recorded, imported. */
export async function importCounts(c: PoolClient) {
  return (await queryOne<{ rejected: number; review: number; unchanged: number; imported: number }>(
    c,
    sql`SELECT count(*) FILTER (WHERE k.error IS NOT NULL)::int AS rejected,
               count(*) FILTER (WHERE k.error IS NULL AND k.outcome = 'review')::int AS review,
               count(*) FILTER (WHERE k.error IS NULL AND d.action IN ('unchanged', 'duplicate'))::int AS unchanged,
               count(*) FILTER (WHERE k.error IS NULL AND d.action IN ('insert', 'set_national_id'))::int AS imported
          FROM import_checked k LEFT JOIN import_doses d ON d.row_no = k.row_no`,
  ))!;
}

/** The import's row in import_batches, and its refused rows (with the value at fault) in import_rejections. */
export async function recordBatch(
  c: PoolClient,
  me: Principal,
  b: {
    fileName: string;
    rows: number;
    imported: number;
    unchanged: number;
    review: number;
    rejected: number;
    personsCreated: number;
    ms: number;
  },
): Promise<string> {
  const province = me.unit?.provinceCode ?? NO_PROVINCE;
  const batch = await queryOne<{ id: string }>(
    c,
    sql`INSERT INTO import_batches (province_code, unit_code, entity, account_id, file_name, rows_read, imported,
                                    unchanged, review, rejected, persons_created, ms)
        VALUES (${province}, ${me.unit?.code ?? null}, 'vaccine_dose', ${me.accountId}, ${b.fileName}, ${b.rows},
                ${b.imported}, ${b.unchanged}, ${b.review}, ${b.rejected}, ${b.personsCreated}, ${b.ms})
        RETURNING id`,
  );
  await query(
    c,
    sql`INSERT INTO import_rejections (batch_id, province_code, row_no, field, value, message)
        SELECT ${batch!.id}, ${province}, k.row_no, k.error[1], to_jsonb(r) ->> k.error[1], k.error[2]
          FROM import_checked k JOIN ${sql.raw(STAGING)} r ON r.row_no = k.row_no
         WHERE k.error IS NOT NULL`,
  );
  return batch!.id;
}

/** The first `limit` refused rows of an import, in file order. */
export async function rejectedRowsOf(c: PoolClient, batchId: string, limit: number) {
  return query<{ row: number; field: string; value: string | null; message: string }>(
    c,
    sql`SELECT row_no AS row, field, value, message FROM import_rejections
         WHERE batch_id = ${batchId} ORDER BY row_no LIMIT ${limit}`,
  );
}
