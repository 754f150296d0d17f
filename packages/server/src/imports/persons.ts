/**
 * Finding the person each imported row is about, for all rows at once: by identity number (CCCD,
 * CMND, passport) first, else by name + birth date + commune. Only people inside the caller's
 * jurisdiction are candidates, so a person elsewhere is reported like one who does not exist.
 */
import type { Principal } from '../auth/principal.ts';
import { ACTIVE_TREE } from '../auth/scope.ts';
import type { PoolClient } from '../db/pool.ts';
import { query, type SQL, sql } from '../db/sql.ts';
import type { ImportColumn } from './columns.ts';
import { cell, dayOf, foldedName, idNumberOf } from './normalise.ts';

export const PERSON_COLUMNS: ImportColumn[] = [
  {
    name: 'idNumber',
    label: 'Số CCCD/CMND',
    headers: [
      'Số CCCD',
      'CCCD',
      'Số CCCD/CMND',
      'CCCD/CMND',
      'Số CMND/CCCD',
      'CMND/CCCD',
      'Số CMND',
      'CMND',
      'Số căn cước',
      'Căn cước công dân',
      'Số định danh',
      'Số định danh cá nhân',
      'Số giấy tờ',
      'Số giấy tờ tùy thân',
      'Số hộ chiếu',
      'id_number',
    ],
    example: '012090001234',
  },
  {
    name: 'fullName',
    label: 'Họ và tên',
    headers: ['Họ và tên', 'Họ tên', 'Tên', 'full_name', 'name'],
    example: 'Lò Văn An',
  },
  {
    name: 'birthDate',
    label: 'Ngày sinh',
    headers: [
      'Ngày sinh',
      'Ngày tháng năm sinh',
      'Ngày/tháng/năm sinh',
      'birth_date',
      'dob',
      'date_of_birth',
    ],
    example: '15/03/1990',
  },
  {
    name: 'unitCode',
    label: 'Mã xã/phường',
    headers: ['Mã xã', 'Mã xã/phường', 'Mã phường/xã', 'Mã xã/phường/thị trấn', 'Mã đơn vị', 'unit_code'],
    example: '03387',
  },
  {
    name: 'unitName',
    label: 'Xã/phường',
    headers: ['Xã/phường', 'Phường/xã', 'Xã/phường/thị trấn', 'Xã', 'Phường', 'commune', 'unit_name'],
    example: 'Phường Tân Phong',
  },
];

/**
 * The person columns a file lacks to name anyone: none when it has the CCCD/CMND column, or the
 * name, birth date and commune columns; else the CCCD/CMND column and what the other way lacks.
 */
export function missingPersonColumns(present: ReadonlySet<string>): ImportColumn[] {
  if (present.has('idNumber')) return [];
  const lacking = ['fullName', 'birthDate'].filter((name) => !present.has(name));
  if (!present.has('unitCode') && !present.has('unitName')) lacking.push('unitName');
  if (lacking.length === 0) return [];
  return ['idNumber', ...lacking].map((name) => PERSON_COLUMNS.find((c) => c.name === name)!);
}

const UNIT_KEY = sql`CASE WHEN ${cell('unitCode')} IS NOT NULL THEN 'code:' || ${cell('unitCode')}
  WHEN ${cell('unitName')} IS NOT NULL THEN 'name:' || ${foldedName(cell('unitName'))} END`;

/** Columns of the row `v` the person match reads, computed from the staged row `r`. */
export function personValues(): SQL {
  return sql`${idNumberOf(cell('idNumber'))} AS id_number,
    ${cell('fullName')} AS full_name,
    ${cell('birthDate')} AS birth_raw,
    ${UNIT_KEY} AS unit_key,
    CASE WHEN ${cell('unitCode')} IS NOT NULL THEN 'unitCode' ELSE 'unitName' END AS unit_field`;
}

/**
 * Resolves each distinct commune of the staged file once (by code, or by name among the communes
 * in the jurisdiction) into `import_units`; a name two communes share is ambiguous.
 */
export async function resolveCommunes(c: PoolClient, me: Principal): Promise<void> {
  await query(
    c,
    sql`CREATE TEMP TABLE import_units ON COMMIT DROP AS
        SELECT k.unit_key, count(u.code)::int AS n, (array_agg(u.code))[1] AS code
          FROM (SELECT DISTINCT ${UNIT_KEY} AS unit_key FROM import_rows r
                 WHERE r."unitCode" IS NOT NULL OR r."unitName" IS NOT NULL) k
          LEFT JOIN units u ON u.tree = ${ACTIVE_TREE}
           AND ${me.scope.covers(sql`u.code`, sql`u.province_code`)}
           AND (u.level = 'commune' OR (u.level = 'district' AND NOT EXISTS (
                 SELECT 1 FROM units ch WHERE ch.tree = u.tree AND ch.parent_code = u.code)))
           AND CASE WHEN k.unit_key LIKE 'code:%' THEN u.code = substr(k.unit_key, 6)
                    ELSE substr(k.unit_key, 6) IN (u.name_folded, lower(unaccent(u.short_name))) END
         GROUP BY k.unit_key`,
  );
}

/**
 * Joins of the row `v` to the matched person: `pid` by identity number, else `pn` by name, birth
 * date (`bd`, parsed only for rows the identity number did not match) and commune (`iu`).
 */
export function personJoins(me: Principal): SQL {
  const inside = (alias: string) =>
    me.scope.covers(sql.raw(`${alias}.unit_code`), sql.raw(`${alias}.province_code`));
  return sql`LEFT JOIN import_units iu ON iu.unit_key = v.unit_key
    LEFT JOIN persons pid ON pid.id_number = v.id_number AND ${inside('pid')}
    LEFT JOIN LATERAL (SELECT ${dayOf(sql`v.birth_raw`)} AS birth_date WHERE pid.id IS NULL OFFSET 0) bd ON true
    LEFT JOIN LATERAL (
      SELECT count(*)::int AS n, (array_agg(pn.id))[1] AS id FROM persons pn
       WHERE pid.id IS NULL AND iu.n = 1 AND pn.unit_code = iu.code AND pn.name_folded = ${foldedName(sql`v.full_name`)}
         AND pn.birth_date = bd.birth_date AND (v.id_number IS NULL OR pn.id_number IS NULL)
         AND ${inside('pn')}) pn ON true
    LEFT JOIN persons matched ON matched.id = coalesce(pid.id, CASE WHEN pn.n = 1 THEN pn.id END)`;
}

/** The matched person's id (after `personJoins`); `matched` is their row, for their residence. */
export const PERSON_ID = sql`matched.id`;

/** The column a row names its person by, for errors about the person rather than a value. */
export const PERSON_FIELD = sql`CASE WHEN v.id_number IS NOT NULL THEN 'idNumber' ELSE 'fullName' END`;

/** `WHEN ... THEN ARRAY[field, message]` branches for a row whose person is not found, in order. */
export function personChecks(): SQL[] {
  const byName = sql`(v.full_name IS NOT NULL AND bd.birth_date IS NOT NULL AND v.unit_key IS NOT NULL)`;
  const missing = sql`${PERSON_ID} IS NULL`;
  return [
    sql`WHEN pid.id IS NULL AND v.birth_raw IS NOT NULL AND bd.birth_date IS NULL
        THEN ARRAY['birthDate', 'Ngày sinh không hợp lệ (định dạng dd/mm/yyyy)']`,
    sql`WHEN ${missing} AND v.id_number IS NULL AND NOT ${byName}
        THEN ARRAY['idNumber', 'Thiếu số CCCD/CMND; nếu không có thì cần đủ họ và tên, ngày sinh và xã/phường']`,
    sql`WHEN ${missing} AND v.id_number IS NOT NULL AND NOT ${byName}
        THEN ARRAY['idNumber', 'Không tìm thấy người có số CCCD/CMND này trong địa bàn của bạn']`,
    sql`WHEN ${missing} AND coalesce(iu.n, 0) = 0
        THEN ARRAY[v.unit_field, 'Không tìm thấy xã/phường này trong địa bàn của bạn']`,
    sql`WHEN ${missing} AND iu.n > 1
        THEN ARRAY[v.unit_field, 'Tên xã/phường này trùng với nhiều đơn vị trong địa bàn: hãy ghi mã xã/phường']`,
    sql`WHEN ${missing} AND pn.n > 1
        THEN ARRAY['fullName', 'Có nhiều người trùng họ tên và ngày sinh ở xã/phường này: hãy ghi số CCCD/CMND']`,
    sql`WHEN ${missing} AND v.id_number IS NOT NULL
        THEN ARRAY['idNumber', 'Không tìm thấy người có số CCCD/CMND này trong địa bàn của bạn']`,
    sql`WHEN ${missing}
        THEN ARRAY['fullName', 'Không tìm thấy người có họ tên và ngày sinh này ở xã/phường này trong địa bàn của bạn']`,
    // Folded only when the name is not written exactly as registered.
    sql`WHEN pid.id IS NOT NULL AND v.full_name <> pid.full_name AND ${foldedName(sql`v.full_name`)} <> pid.name_folded
        THEN ARRAY['fullName', 'Họ và tên không khớp với người có số CCCD/CMND này']`,
  ];
}
