/**
 * The national-platform backlog in SQL: current doses without `ma_mui_tiem` counted per unit and
 * site (one scan of the backlog index), listed for the export, and matched against the platform's
 * own export to take its codes.
 */
import type { Readable } from 'node:stream';
import { to as copyTo } from 'pg-copy-streams';
import { NO_PROVINCE } from '../../audit/audit.ts';
import type { Principal } from '../../auth/principal.ts';
import type { Pool, PoolClient } from '../../db/pool.ts';
import { query, queryOne, type SQL, sql } from '../../db/sql.ts';
import { dayOf, foldedKey, idNumberOf, PerDistinct } from '../../imports/normalise.ts';
import { STAGING } from '../../imports/stage.ts';
import { MAX_DOSE_NUMBER } from '../import/columns.ts';
import { PLATFORM_IMPORT_COLUMNS } from './columns.ts';

/** The entity of a platform import in import_batches and the audit log. */
export const PLATFORM_IMPORT_ENTITY = 'vaccine_dose_national_id';

/** A current dose (not superseded, not rejected by a reviewer) not yet on the national platform. */
const UNSYNCED = (v: string) =>
  sql.raw(`${v}.national_id IS NULL AND ${v}.superseded_by IS NULL AND ${v}.review_status <> 'rejected'`);

export interface BacklogCell {
  count: number;
  /** The day the oldest unsynced dose was given (YYYY-MM-DD), null when there is none. */
  oldest: string | null;
}

/**
 * The unsynced doses of the units `codes` (a unit and everything below it, all in `province`),
 * counted per child unit (`childOf[i]` is the child unit that `codes[i]` lies in, or null), per
 * site, and in all — one scan, GROUPING SETS. `inside` is the caller's jurisdiction.
 */
export async function backlogCounts(
  db: Pool | PoolClient,
  province: string,
  codes: string[],
  childOf: (string | null)[],
  inside: SQL,
): Promise<{
  children: (BacklogCell & { code: string })[];
  sites: (BacklogCell & { site: string | null })[];
  total: BacklogCell;
}> {
  const rows = await query<BacklogCell & { child: string | null; site: string | null; level: number }>(
    db,
    sql`SELECT m.child, v.site, count(*)::int AS count, min(v.given_on) AS oldest,
               GROUPING(m.child, v.site)::int AS level
          FROM unnest(${sql.param(codes)}::text[], ${sql.param(childOf)}::text[]) AS m(unit_code, child)
          JOIN vaccine_doses v ON v.province_code = ${province} AND v.unit_code = m.unit_code
         WHERE ${UNSYNCED('v')} AND ${inside}
         GROUP BY GROUPING SETS ((m.child), (v.site), ())`,
    'vaccination_backlog_counts*',
  );
  // GROUPING: 1 = grouped by the child (site rolled up), 2 = by the site, 3 = the total.
  const children = rows
    .filter((r) => r.level === 1 && r.child !== null)
    .map((r) => ({ code: r.child!, count: r.count, oldest: r.oldest }));
  const sites = rows
    .filter((r) => r.level === 2)
    .map((r) => ({ site: r.site, count: r.count, oldest: r.oldest }));
  const total = rows.find((r) => r.level === 3);
  return { children, sites, total: { count: total?.count ?? 0, oldest: total?.oldest ?? null } };
}

/** One dose of the export, with the person it was given to. */
export interface BacklogDoseRow {
  id: string;
  doseNumber: number;
  givenOn: string;
  product: string;
  lot: string | null;
  site: string | null;
  fullName: string;
  birthDate: string;
  sex: string;
  idNumber: string | null;
  phone: string | null;
  address: string | null;
  personUnit: string;
}

/**
 * The unsynced doses of the units `codes`, oldest first, read through a cursor `batch` rows at a
 * time on a connection of its own (one sort, constant memory, whatever the count): `each` is
 * called per batch. The transaction is read-only and the connection released at the end.
 */
export async function eachBacklogBatch(
  pool: Pool,
  province: string,
  codes: string[],
  site: string | null,
  inside: SQL,
  batch: number,
  each: (rows: BacklogDoseRow[]) => Promise<boolean>,
): Promise<void> {
  const c = await pool.connect();
  let failed: Error | undefined;
  try {
    await c.query('BEGIN READ ONLY');
    await query(
      c,
      sql`DECLARE backlog_export NO SCROLL CURSOR FOR
          SELECT v.id, v.dose_number AS "doseNumber", v.given_on AS "givenOn", v.product, v.lot, v.site,
                 p.full_name AS "fullName", p.birth_date AS "birthDate", p.sex, p.id_number AS "idNumber",
                 p.phone, p.address, p.unit_code AS "personUnit"
            FROM vaccine_doses v
            JOIN persons p ON p.id = v.person_id AND p.province_code = v.province_code
           WHERE v.province_code = ${province} AND v.unit_code = ANY(${sql.param(codes)}::text[])
             AND ${UNSYNCED('v')} AND ${inside}
             AND (${site}::text IS NULL OR v.site = ${site}::text)
           ORDER BY v.given_on, v.id`,
    );
    for (;;) {
      const { rows } = await c.query<BacklogDoseRow>(`FETCH ${batch} FROM backlog_export`);
      if (rows.length === 0) break;
      if (!(await each(rows)) || rows.length < batch) break;
    }
    await c.query('COMMIT');
  } catch (err) {
    failed = err as Error;
    throw err;
  } finally {
    // A connection left inside a failed transaction or a half-read cursor is closed, not reused.
    c.release(failed);
  }
}

/** `Mũi 2`, `2`, `mũi thứ 2` → '2'; anything else NULL (as the vaccination import reads it). */
const doseNumberText = (t: SQL) =>
  sql`substring(${foldedKey(t)} FROM '^(?:mui|muiso|muithu|lan)?([0-9]{1,2})$')`;

/** The refusals of a row about a dose or person outside the caller's jurisdiction. */
export const OUTSIDE_MESSAGES = [
  'Không có mũi tiêm mang mã tham chiếu này trong địa bàn của bạn',
  'Số CCCD/CMND này là của một người cư trú ngoài địa bàn của bạn',
] as const;

const UUID = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

/**
 * `platform_checked`: one row per staged row of a platform export, the dose it names and what to
 * do: `sync` (the dose takes the code), `already` (it has it), `unmatched` (no dose of ours), or an
 * `error` = ARRAY[column, message]. A row names a dose by our reference when the file kept it,
 * else by CCCD + dose number + day; a dose outside the caller's jurisdiction is a refused row.
 */
export async function checkPlatformRows(
  c: PoolClient,
  me: Principal,
  present: ReadonlySet<string>,
): Promise<void> {
  const once = new PerDistinct(present);
  const given = once.value('ngay_tiem', dayOf, 'date');
  const dose = once.value('mui_tiem', doseNumberText);
  const cell = (name: string) => (present.has(name) ? sql.raw(`r."${name}"`) : sql`NULL::text`);
  const inside = (unit: SQL, province: SQL) => me.scope.covers(unit, province);
  await query(
    c,
    sql`CREATE TEMP TABLE platform_checked ON COMMIT DROP AS
        SELECT x.row_no, x.national_id, x.dose_id, x.province_code, x.error,
               CASE WHEN x.error IS NOT NULL THEN 'error'
                    WHEN x.dose_id IS NULL THEN 'unmatched'
                    WHEN x.dose_national = x.national_id THEN 'already'
                    ELSE 'sync' END AS action
          FROM (
            SELECT v.row_no, v.national_id, d.id AS dose_id, d.province_code, d.national_id AS dose_national,
                   CASE WHEN v.national_id IS NULL THEN ARRAY['ma_mui_tiem', 'Thiếu mã mũi tiêm']
                        WHEN length(v.national_id) > 100 THEN ARRAY['ma_mui_tiem', 'Mã mũi tiêm dài quá 100 ký tự']
                        WHEN v.ref_raw IS NOT NULL AND v.ref IS NULL
                          THEN ARRAY['ma_tham_chieu', 'Mã tham chiếu không đúng: đây phải là mã do Tuyến Đầu ghi trong tệp đã xuất']
                        WHEN v.ref IS NOT NULL AND (rd.id IS NULL OR NOT ${inside(sql`rd.unit_code`, sql`rd.province_code`)})
                          THEN ARRAY['ma_tham_chieu', ${OUTSIDE_MESSAGES[0]}::text]
                        WHEN v.ref IS NOT NULL AND (rd.superseded_by IS NOT NULL OR rd.review_status = 'rejected')
                          THEN ARRAY['ma_tham_chieu', 'Mũi tiêm này đã được sửa hoặc bị loại sau khi xuất tệp: hãy kiểm tra lại trước khi ghi mã']
                        WHEN v.ref IS NULL AND v.id_raw IS NULL
                          THEN ARRAY['so_cccd', 'Thiếu số CCCD/CMND (hoặc mã tham chiếu) để tìm mũi tiêm']
                        WHEN v.ref IS NULL AND v.id_number !~ '^([0-9]{9}|[0-9]{12}|[A-Z][0-9]{7,8})$'
                          THEN ARRAY['so_cccd', 'Số CCCD/CMND không hợp lệ (CCCD 12 chữ số, CMND 9 hoặc 12 chữ số, hộ chiếu một chữ cái và 7–8 chữ số)']
                        WHEN v.ref IS NULL AND v.dose_raw IS NULL THEN ARRAY['mui_tiem', 'Thiếu mũi tiêm']
                        WHEN v.ref IS NULL AND (v.dose_number IS NULL OR v.dose_number NOT BETWEEN 1 AND ${MAX_DOSE_NUMBER})
                          THEN ARRAY['mui_tiem', ${`Mũi tiêm phải là số từ 1 đến ${MAX_DOSE_NUMBER}`}::text]
                        WHEN v.ref IS NULL AND v.given_raw IS NULL THEN ARRAY['ngay_tiem', 'Thiếu ngày tiêm']
                        WHEN v.ref IS NULL AND v.given_on IS NULL
                          THEN ARRAY['ngay_tiem', 'Ngày tiêm không hợp lệ (dd/mm/yyyy hoặc yyyy-mm-dd)']
                        -- A person of another place: their doses are their place's to sync.
                        WHEN v.ref IS NULL AND ip.id IS NOT NULL
                             AND NOT ${inside(sql`coalesce(cd.unit_code, ip.unit_code)`, sql`coalesce(cd.province_code, ip.province_code)`)}
                          THEN ARRAY['so_cccd', ${OUTSIDE_MESSAGES[1]}::text]
                        WHEN v.ref IS NULL AND cd.id IS NOT NULL AND cd.given_on <> v.given_on
                          THEN ARRAY['ngay_tiem', 'Mũi ' || v.dose_number || ' của người này có ngày tiêm khác ('
                                     || to_char(cd.given_on, 'DD/MM/YYYY') || ')']
                        WHEN d.national_id IS NOT NULL AND d.national_id <> v.national_id
                          THEN ARRAY['ma_mui_tiem', 'Mũi tiêm này đã có một mã mũi tiêm khác']
                        WHEN n.id IS NOT NULL AND n.id <> d.id
                          THEN ARRAY['ma_mui_tiem', 'Mã mũi tiêm này đã dùng cho một mũi tiêm khác']
                   END AS error
              FROM (
                SELECT r.row_no, ${cell('ma_mui_tiem')} AS national_id, ${cell('ma_tham_chieu')} AS ref_raw,
                       CASE WHEN ${cell('ma_tham_chieu')} ~ ${UUID} THEN ${cell('ma_tham_chieu')}::uuid END AS ref,
                       ${cell('so_cccd')} AS id_raw, ${idNumberOf(cell('so_cccd'))} AS id_number,
                       ${cell('mui_tiem')} AS dose_raw, ${dose}::int AS dose_number,
                       ${cell('ngay_tiem')} AS given_raw, ${given}::date AS given_on
                  FROM ${sql.raw(STAGING)} r ${once.joins}
                OFFSET 0) v
              LEFT JOIN vaccine_doses rd ON rd.id = v.ref
              LEFT JOIN identity_numbers idn ON v.ref IS NULL AND idn.id_number = v.id_number
              LEFT JOIN persons ip ON ip.id = idn.person_id AND ip.province_code = idn.province_code
              -- A merged person's doses live on the record they were merged into.
              LEFT JOIN vaccine_doses cd ON cd.person_id = coalesce(ip.merged_into, ip.id)
               AND cd.province_code = ip.province_code AND cd.dose_number = v.dose_number
               AND cd.superseded_by IS NULL AND cd.review_status <> 'rejected'
              CROSS JOIN LATERAL (SELECT CASE WHEN v.ref IS NOT NULL THEN rd.id ELSE cd.id END AS id,
                                         CASE WHEN v.ref IS NOT NULL THEN rd.province_code ELSE cd.province_code END AS province_code,
                                         CASE WHEN v.ref IS NOT NULL THEN rd.national_id ELSE cd.national_id END AS national_id) d
              LEFT JOIN vaccine_doses n ON n.national_id = v.national_id AND n.province_code = d.province_code
          ) x`,
  );
  // Rows of the file naming a dose another row named first: the same code is a repeat, another a conflict.
  await c.query(
    `UPDATE platform_checked k
        SET action = CASE WHEN k.national_id = f.national_id THEN 'already' ELSE 'error' END,
            error = CASE WHEN k.national_id <> f.national_id
                         THEN ARRAY['ma_mui_tiem', 'Dòng ' || f.row_no || ' đã cho mũi tiêm này một mã mũi tiêm khác'] END
       FROM (SELECT DISTINCT ON (dose_id, province_code) dose_id, province_code, row_no, national_id
               FROM platform_checked WHERE action = 'sync' ORDER BY dose_id, province_code, row_no) f
      WHERE k.action = 'sync' AND k.dose_id = f.dose_id AND k.province_code = f.province_code AND k.row_no > f.row_no`,
  );
  // One code for two doses: the later rows are refused.
  await c.query(
    `UPDATE platform_checked k SET action = 'error', error = ARRAY['ma_mui_tiem', 'Mã mũi tiêm trùng với dòng ' || f.row_no]
       FROM (SELECT DISTINCT ON (national_id, province_code) national_id, province_code, row_no
               FROM platform_checked WHERE action = 'sync' ORDER BY national_id, province_code, row_no) f
      WHERE k.action = 'sync' AND k.national_id = f.national_id AND k.province_code = f.province_code
        AND k.row_no > f.row_no`,
  );
}

/** Gives the matched doses their codes, set-based; how many took one. */
export async function writeNationalIds(c: PoolClient): Promise<number> {
  const { rowCount } = await c.query(
    `UPDATE vaccine_doses v SET national_id = k.national_id
       FROM platform_checked k
      WHERE k.action = 'sync' AND v.id = k.dose_id AND v.province_code = k.province_code AND v.national_id IS NULL`,
  );
  return rowCount ?? 0;
}

export async function platformCounts(c: PoolClient) {
  return (await queryOne<{
    synced: number;
    alreadySynced: number;
    unmatched: number;
    rejected: number;
    outside: number;
  }>(
    c,
    sql`SELECT count(*) FILTER (WHERE action = 'sync')::int AS synced,
               count(*) FILTER (WHERE error[2] IN (${OUTSIDE_MESSAGES[0]}, ${OUTSIDE_MESSAGES[1]}))::int AS outside,
               count(*) FILTER (WHERE action = 'already')::int AS "alreadySynced",
               count(*) FILTER (WHERE action = 'unmatched')::int AS unmatched,
               count(*) FILTER (WHERE action = 'error')::int AS rejected
          FROM platform_checked`,
  ))!;
}

/** The import's row in import_batches, and its refused rows (with the value at fault) in import_rejections. */
export async function recordPlatformBatch(
  c: PoolClient,
  me: Principal,
  b: { fileName: string; rows: number; synced: number; alreadySynced: number; rejected: number; ms: number },
): Promise<string> {
  const province = me.unit?.provinceCode ?? NO_PROVINCE;
  const batch = await queryOne<{ id: string }>(
    c,
    sql`INSERT INTO import_batches (province_code, unit_code, entity, account_id, file_name, rows_read, imported,
                                    unchanged, review, rejected, persons_created, ms)
        VALUES (${province}, ${me.unit?.code ?? null}, ${PLATFORM_IMPORT_ENTITY}, ${me.accountId}, ${b.fileName},
                ${b.rows}, ${b.synced}, ${b.alreadySynced}, 0, ${b.rejected}, 0, ${b.ms})
        RETURNING id`,
  );
  await query(
    c,
    sql`INSERT INTO import_rejections (batch_id, province_code, row_no, field, value, message)
        SELECT ${batch!.id}, ${province}, k.row_no, k.error[1], to_jsonb(r) ->> k.error[1], k.error[2]
          FROM platform_checked k JOIN ${sql.raw(STAGING)} r ON r.row_no = k.row_no
         WHERE k.error IS NOT NULL`,
  );
  return batch!.id;
}

/** The first `limit` refused rows of an import, in file order. */
export async function platformRejections(c: PoolClient, batchId: string, limit: number) {
  return query<{ row: number; field: string; value: string | null; message: string }>(
    c,
    sql`SELECT row_no AS row, field, value, message FROM import_rejections
         WHERE batch_id = ${batchId} ORDER BY row_no LIMIT ${limit}`,
  );
}

/**
 * The refused rows of a platform import of `me`'s as CSV (row, column, value, reason), streamed;
 * null when the import is not theirs.
 */
export async function platformRejectionsCsv(
  c: PoolClient,
  me: Principal,
  batchId: string,
): Promise<Readable | null> {
  const mine = await queryOne(
    c,
    sql`SELECT 1 FROM import_batches
         WHERE id = ${batchId} AND account_id = ${me.accountId} AND entity = ${PLATFORM_IMPORT_ENTITY}`,
  );
  if (!mine) return null;
  const labels = PLATFORM_IMPORT_COLUMNS.map(
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
