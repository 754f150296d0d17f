/**
 * The import behind `POST /cases/import`: a line list of F0 cases entered elsewhere (another
 * system, a district's spreadsheet), caught up through the same pipeline as test results. Rows are
 * checked and matched in SQL; the reinfection rule (a domain function) judges the valid rows in
 * Node, no query per row; then each new case is opened through createCase, so an imported case
 * links to the contact it grew out of exactly as one typed in a form. MAX_NEW_CASES bounds that loop.
 */
import {
  type CarePlace,
  type CaseStatus,
  FIRST_CASE_DATE,
  type FoundBy,
  formatVnDate,
  newCaseAllowed,
  type Severity,
} from '@tuyendau/domain';
import type { FastifyRequest } from 'fastify';
import { type Principal, refSource } from '../auth/principal.ts';
import { effectiveCareTiers } from '../care-tiers/queries.ts';
import type { PoolClient } from '../db/pool.ts';
import { query, sql } from '../db/sql.ts';
import { AppError } from '../http/errors.ts';
import { todayInVietnam } from '../http/time.ts';
import type { ImportColumn } from '../imports/columns.ts';
import { cell, coded, dayOf, foldedKey, foldedName } from '../imports/normalise.ts';
import {
  PERSON_COLUMNS,
  PERSON_FIELD,
  PERSON_ID,
  personChecks,
  personJoins,
  personValues,
  resolveCommunes,
} from '../imports/persons.ts';
import type { ImportSpec } from '../imports/pipeline.ts';
import { CARE_PLACE_VALUES, FOUND_BY_VALUES, SEVERITY_VALUES } from '../imports/vocabulary.ts';
import { createCase } from './service.ts';

/** More new cases than this in one file: split it (each case is opened with its links and history). */
export const MAX_NEW_CASES = 5000;

export const CASE_IMPORT_COLUMNS: ImportColumn[] = [
  {
    name: 'externalRef',
    label: 'Mã ca bệnh',
    headers: ['Mã ca bệnh', 'Mã BN', 'Mã bệnh nhân', 'Mã F0', 'Mã số ca', 'Mã ca', 'ID', 'external_ref'],
    example: 'BN-2021-000045',
  },
  ...PERSON_COLUMNS,
  {
    name: 'detectedOn',
    label: 'Ngày phát hiện',
    headers: [
      'Ngày phát hiện',
      'Ngày xác định',
      'Ngày xác định F0',
      'Ngày khẳng định',
      'Ngày dương tính',
      'Ngày có kết quả dương tính',
      'detected_on',
    ],
    required: true,
    example: '06/09/2021',
  },
  {
    name: 'foundBy',
    label: 'Nguồn phát hiện',
    headers: ['Nguồn phát hiện', 'Phát hiện qua', 'found_by'],
    example: 'Có triệu chứng',
  },
  {
    name: 'severity',
    label: 'Mức độ',
    headers: ['Mức độ', 'Mức độ bệnh', 'Phân loại mức độ', 'Tình trạng lâm sàng', 'Phân loại'],
    example: 'Nhẹ',
  },
  {
    name: 'carePlace',
    label: 'Nơi điều trị',
    headers: ['Nơi điều trị', 'Nơi chăm sóc', 'Nơi cách ly điều trị', 'Hình thức điều trị', 'care_place'],
    example: 'Cách ly tập trung',
  },
  {
    name: 'cluster',
    label: 'Ổ dịch',
    headers: ['Ổ dịch', 'Tên ổ dịch', 'Thuộc ổ dịch', 'cluster_name'],
  },
  {
    name: 'note',
    label: 'Ghi chú',
    headers: ['Ghi chú', 'note'],
    example: 'Tiểu thương chợ trung tâm',
  },
];

async function checkCases(c: PoolClient, me: Principal, _columns: ReadonlySet<string>): Promise<void> {
  const choice = (name: string, lookup: Record<string, string>) => coded(cell(name), lookup);
  await query(
    c,
    sql`CREATE TEMP TABLE import_values ON COMMIT DROP AS
        SELECT r.row_no, ${cell('externalRef')} AS external_ref, ${personValues()},
               ${cell('detectedOn')} AS detected_raw, ${dayOf(cell('detectedOn'))} AS detected_on,
               ${cell('foundBy')} AS found_by_raw, ${choice('foundBy', FOUND_BY_VALUES)} AS found_by,
               ${cell('severity')} AS severity_raw, ${choice('severity', SEVERITY_VALUES)} AS severity,
               ${cell('carePlace')} AS care_raw, ${choice('carePlace', CARE_PLACE_VALUES)} AS care_place,
               ${foldedName(cell('cluster'))} AS cluster_key, ${cell('note')} AS note
          FROM import_rows r`,
  );
  await resolveCommunes(c, me);
  const today = todayInVietnam();
  await query(
    c,
    sql`CREATE TEMP TABLE import_matched ON COMMIT DROP AS
        WITH named_clusters AS (
          SELECT k.cluster_key, count(x.id)::int AS n, (array_agg(x.id))[1] AS id
            FROM (SELECT DISTINCT cluster_key FROM import_values WHERE cluster_key IS NOT NULL) k
            LEFT JOIN clusters x ON lower(unaccent(x.name)) = k.cluster_key
             AND ${me.scope.covers(sql`x.unit_code`, sql`x.province_code`)}
           GROUP BY k.cluster_key),
        checked AS (
          SELECT v.row_no, ${PERSON_ID} AS person_id, ${PERSON_FIELD} AS person_field, v.detected_on,
                 v.found_by, coalesce(v.severity, 'asymptomatic') AS severity, v.care_raw,
                 CASE WHEN v.care_raw IS NULL THEN 'home' ELSE v.care_place END AS care_place,
                 matched.province_code, nc.id AS cluster_id, v.note,
                 coalesce(v.external_ref, 'row:' || md5(concat_ws('|', ${PERSON_ID}, v.detected_on))) AS ref,
                 CASE ${sql.join(personChecks(), sql` `)}
                   WHEN v.detected_raw IS NULL THEN ARRAY['detectedOn', 'Thiếu ngày phát hiện']
                   WHEN v.detected_on IS NULL THEN ARRAY['detectedOn', 'Ngày phát hiện không hợp lệ (định dạng dd/mm/yyyy)']
                   WHEN v.detected_on > ${today}::date THEN ARRAY['detectedOn', 'Ngày phát hiện không được ở sau ngày hôm nay']
                   WHEN v.detected_on < ${FIRST_CASE_DATE}::date
                     THEN ARRAY['detectedOn', ${`Ngày phát hiện không được trước ngày ${formatVnDate(FIRST_CASE_DATE)} (ca bệnh đầu tiên tại Việt Nam)`}::text]
                   WHEN v.found_by_raw IS NOT NULL AND v.found_by IS NULL THEN ARRAY['foundBy', 'Nguồn phát hiện không hợp lệ']
                   WHEN v.severity_raw IS NOT NULL AND v.severity IS NULL
                     THEN ARRAY['severity', 'Mức độ không hợp lệ (Không triệu chứng, Nhẹ, Trung bình, Nặng, Nguy kịch)']
                   WHEN v.cluster_key IS NOT NULL AND nc.n = 0
                     THEN ARRAY['cluster', 'Không tìm thấy ổ dịch có tên này trong địa bàn của bạn']
                   WHEN v.cluster_key IS NOT NULL AND nc.n > 1
                     THEN ARRAY['cluster', 'Tên ổ dịch này trùng với nhiều ổ dịch trong địa bàn']
                 END AS row_error
            FROM import_values v ${personJoins(me)}
            LEFT JOIN named_clusters nc ON nc.cluster_key = v.cluster_key)
        SELECT * FROM checked`,
  );
  await resolveCareTiers(c);
  // The people this file may open cases for are locked (in one order, so two imports cannot
  // deadlock) before anything is judged against their cases: a copy of the file sent at the same
  // moment waits, then finds these cases known.
  await query(
    c,
    sql`SELECT 1 FROM persons p WHERE p.id IN (SELECT person_id FROM import_matched WHERE row_error IS NULL)
         ORDER BY p.id FOR UPDATE`,
  );
  // Refs belong to the importing unit's numbering (ref_source): a ref used by another unit or
  // province is a different case, and nothing here tells whether it exists.
  await query(
    c,
    sql`CREATE TEMP TABLE import_checked ON COMMIT DROP AS
        WITH known AS (
          SELECT k.row_no, bool_or(x.person_id = k.person_id AND x.detected_on = k.detected_on) AS same
            FROM import_matched k
            JOIN cases x ON x.ref_source = ${refSource(me)} AND x.external_ref = k.ref
           WHERE k.row_error IS NULL
           GROUP BY k.row_no),
        firsts AS (
          SELECT k.*, first_value(k.row_no) OVER same_ref AS first_row,
                 first_value(k.person_id) OVER same_ref AS first_person,
                 first_value(k.detected_on) OVER same_ref AS first_detected,
                 min(k.row_no) OVER same_person AS first_of_person
            FROM import_matched k WHERE k.row_error IS NULL
          WINDOW same_ref AS (PARTITION BY k.ref ORDER BY k.row_no), same_person AS (PARTITION BY k.person_id))
        SELECT k.*, kn.same IS TRUE OR (f.first_row < k.row_no) AS known,
               CASE WHEN k.row_error IS NOT NULL THEN k.row_error
                    WHEN kn.same IS FALSE
                      THEN ARRAY['externalRef', 'Mã ca bệnh này đã được nhập trước đây cho một người hoặc một ngày phát hiện khác']
                    WHEN kn.same THEN NULL
                    WHEN f.first_row < k.row_no AND (f.first_person, f.first_detected) IS DISTINCT FROM (k.person_id, k.detected_on)
                      THEN ARRAY['externalRef', 'Mã ca bệnh trùng với dòng ' || f.first_row || ' nhưng nội dung khác']
                    WHEN f.first_row < k.row_no THEN NULL
                    WHEN EXISTS (SELECT 1 FROM cases a WHERE a.person_id = k.person_id AND a.status = 'active')
                      THEN ARRAY[k.person_field, 'Người này đang là ca bệnh (F0) chưa kết thúc']
                    WHEN f.first_of_person < k.row_no
                      THEN ARRAY[k.person_field, 'Người này đã có ở dòng ' || f.first_of_person || ' của tệp']
               END AS error
          FROM import_matched k
          LEFT JOIN known kn ON kn.row_no = k.row_no
          LEFT JOIN firsts f ON f.row_no = k.row_no`,
  );
  await judgeReinfections(c);
}

/**
 * Care places other than home and facility are the care tiers of the person's province (its own
 * rows, else the national defaults), named by code, by a default spelling ("Tầng 2") or by the
 * tier's name: resolved for all rows in one statement; a retired or unknown tier rejects the row.
 */
async function resolveCareTiers(c: PoolClient): Promise<void> {
  await query(
    c,
    sql`WITH tiers AS (${effectiveCareTiers(sql`SELECT DISTINCT province_code FROM import_matched
                                                WHERE row_error IS NULL AND care_raw IS NOT NULL`)}),
        resolved AS (
          SELECT DISTINCT ON (k.row_no) k.row_no, t.code, t.active
            FROM import_matched k
            LEFT JOIN tiers t ON t.province_code = k.province_code
             AND (t.code = k.care_place OR (k.care_place IS NULL
                  AND (t.code = lower(k.care_raw) OR ${foldedKey(sql`t.name`)} = ${foldedKey(sql`k.care_raw`)})))
           WHERE k.row_error IS NULL AND k.care_raw IS NOT NULL AND k.care_place IS DISTINCT FROM 'home'
             AND k.care_place IS DISTINCT FROM 'facility'
           ORDER BY k.row_no, t.active DESC NULLS LAST)
        UPDATE import_matched k
           SET care_place = CASE WHEN r.active THEN r.code END,
               row_error = CASE WHEN r.active IS NOT TRUE THEN ARRAY['carePlace',
                 'Nơi điều trị không có trong danh mục của tỉnh (Tại nhà, Cách ly tập trung, ' ||
                 coalesce((SELECT string_agg(t.name, ', ' ORDER BY t.tier, t.name) FROM tiers t
                            WHERE t.province_code = k.province_code AND t.active), '') || ')'] END
          FROM resolved r WHERE r.row_no = k.row_no`,
  );
}

/**
 * A new case after a closed one must satisfy the reinfection rule (domain `newCaseAllowed`): the
 * previous cases of all rows are read in one query, judged in Node, and refusals written back.
 */
async function judgeReinfections(c: PoolClient): Promise<void> {
  const rows = await query<{
    rowNo: number;
    personField: string;
    detectedOn: string;
    status: CaseStatus;
    previousOn: string;
  }>(
    c,
    sql`SELECT k.row_no AS "rowNo", k.person_field AS "personField", k.detected_on AS "detectedOn",
               prev.status, prev.detected_on AS "previousOn"
          FROM import_checked k
          JOIN LATERAL (SELECT x.status, x.detected_on FROM cases x WHERE x.person_id = k.person_id
                         ORDER BY x.detected_on DESC LIMIT 1) prev ON true
         WHERE k.error IS NULL AND NOT k.known`,
  );
  const refused: { row: number; field: string; message: string }[] = [];
  for (const r of rows) {
    const decision = newCaseAllowed({
      previous: { status: r.status, detectedOn: r.previousOn },
      detectedOn: r.detectedOn,
    });
    if (decision.allowed) continue;
    const field = decision.problem?.field === 'detectedOn' ? 'detectedOn' : r.personField;
    refused.push({ row: r.rowNo, field, message: decision.problem?.message ?? decision.reasons.join('; ') });
  }
  if (refused.length === 0) return;
  await query(
    c,
    sql`UPDATE import_checked k SET error = ARRAY[x.field, x.message]
          FROM unnest(${sql.param(refused.map((r) => r.row))}::int[], ${sql.param(refused.map((r) => r.field))}::text[],
                      ${sql.param(refused.map((r) => r.message))}::text[]) AS x(row_no, field, message)
         WHERE k.row_no = x.row_no`,
  );
}

async function mergeCases(
  c: PoolClient,
  me: Principal,
  request: FastifyRequest,
): Promise<{ inserted: number; casesCreated: number }> {
  const rows = await query<{
    rowNo: number;
    personId: string;
    detectedOn: string;
    foundBy: FoundBy;
    severity: Severity;
    carePlace: CarePlace;
    clusterId: string | null;
    note: string | null;
    ref: string;
  }>(
    c,
    sql`SELECT row_no AS "rowNo", person_id AS "personId", detected_on AS "detectedOn", found_by AS "foundBy",
               severity, care_place AS "carePlace", cluster_id AS "clusterId", note, ref
          FROM import_checked WHERE error IS NULL AND NOT known ORDER BY row_no`,
  );
  if (rows.length > MAX_NEW_CASES) {
    throw new AppError(
      400,
      'too_many_cases',
      `Tệp có ${rows.length} ca bệnh mới, quá ${MAX_NEW_CASES} ca cho một lần nhập: hãy chia nhỏ tệp`,
      'file',
    );
  }
  for (const r of rows) {
    try {
      await createCase(c, me, request, {
        personId: r.personId,
        detectedOn: r.detectedOn,
        foundBy: r.foundBy,
        severity: r.severity,
        carePlace: r.carePlace,
        clusterId: r.clusterId,
        note: r.note,
        externalRef: r.ref,
      });
    } catch (err) {
      if (err instanceof AppError) {
        throw new AppError(err.status, err.code, `Dòng ${r.rowNo}: ${err.message}`, err.field);
      }
      throw err;
    }
  }
  return { inserted: rows.length, casesCreated: rows.length };
}

export function caseImport(request: FastifyRequest): ImportSpec {
  return {
    entity: 'case',
    columns: CASE_IMPORT_COLUMNS,
    check: checkCases,
    merge: (c, me) => mergeCases(c, me, request),
  };
}
