/**
 * Import of test results (CSV/XLSX from a laboratory or a testing campaign), the fast way: the
 * file is staged by COPY, checked, matched and merged in a handful of set-based statements.
 * The only per-row work outside SQL is judging the positive results (a pure function); the
 * confirmed ones open their cases together through createCases, bounded by MAX_CASES_PER_IMPORT.
 */
import {
  FIRST_CASE_DATE,
  type FoundBy,
  formatVnDate,
  type TestKind,
  type TestPerformer,
  type TestResult,
} from '@tuyendau/domain';
import type { FastifyRequest } from 'fastify';
import { type Principal, refSource } from '../auth/principal.ts';
import { createCases } from '../cases/service.ts';
import type { PoolClient } from '../db/pool.ts';
import { query, type SQL, sql } from '../db/sql.ts';
import { AppError } from '../http/errors.ts';
import { todayInVietnam } from '../http/time.ts';
import type { ImportColumn } from '../imports/columns.ts';
import { cell, coded, hasTime, instantOf, PerDistinct } from '../imports/normalise.ts';
import {
  PERSON_COLUMNS,
  PERSON_ID,
  personChecks,
  personJoins,
  personValues,
  resolveCommunes,
} from '../imports/persons.ts';
import type { ImportSpec } from '../imports/pipeline.ts';
import {
  FOUND_BY_VALUES,
  TEST_KIND_VALUES,
  TEST_PERFORMER_VALUES,
  TEST_RESULT_VALUES,
  YES_NO_VALUES,
} from '../imports/vocabulary.ts';
import { judge, recentlyExposed, resultDay } from './confirm.ts';
import { resolveRetests } from './queries.ts';

/**
 * More newly confirmed cases than this in one file is not a results file of one day in one
 * province (Hồ Chí Minh City at its August 2021 peak confirmed about 5,000 a day): split it.
 */
export const MAX_CASES_PER_IMPORT = 2000;

export const TEST_IMPORT_COLUMNS: ImportColumn[] = [
  {
    name: 'externalRef',
    label: 'Mã xét nghiệm',
    headers: [
      'Mã xét nghiệm',
      'Mã XN',
      'Mã mẫu',
      'Mã số mẫu',
      'Mã phiếu',
      'Số phiếu',
      'Mã kết quả',
      'ID',
      'external_ref',
    ],
    example: 'XN-2021-000123',
  },
  ...PERSON_COLUMNS,
  {
    name: 'kind',
    label: 'Loại xét nghiệm',
    headers: [
      'Loại xét nghiệm',
      'Loại XN',
      'Phương pháp',
      'Phương pháp xét nghiệm',
      'Kỹ thuật xét nghiệm',
      'test_kind',
    ],
    example: 'RT-PCR',
  },
  {
    name: 'performer',
    label: 'Người thực hiện',
    headers: ['Người thực hiện', 'Người làm xét nghiệm', 'Người test', 'performed_by'],
    example: 'Nhân viên y tế',
  },
  {
    name: 'site',
    label: 'Nơi lấy mẫu',
    headers: [
      'Nơi lấy mẫu',
      'Địa điểm lấy mẫu',
      'Điểm lấy mẫu',
      'Cơ sở xét nghiệm',
      'Đơn vị xét nghiệm',
      'Nơi xét nghiệm',
    ],
    example: 'Trung tâm Kiểm soát bệnh tật tỉnh Lai Châu',
  },
  {
    name: 'sampledAt',
    label: 'Ngày lấy mẫu',
    headers: [
      'Ngày lấy mẫu',
      'Thời gian lấy mẫu',
      'Thời điểm lấy mẫu',
      'Ngày giờ lấy mẫu',
      'sampled_at',
      'sample_date',
    ],
    required: true,
    example: '06/09/2021 08:00',
  },
  {
    name: 'resultedAt',
    label: 'Ngày có kết quả',
    headers: [
      'Ngày có kết quả',
      'Ngày trả kết quả',
      'Ngày kết quả',
      'Thời điểm có kết quả',
      'Thời gian trả kết quả',
      'resulted_at',
      'result_date',
    ],
    example: '06/09/2021 16:00',
  },
  {
    name: 'result',
    label: 'Kết quả',
    headers: ['Kết quả', 'Kết quả xét nghiệm', 'KQ', 'KQXN'],
    required: true,
    example: 'Dương tính',
  },
  {
    name: 'symptomatic',
    label: 'Có triệu chứng',
    headers: ['Có triệu chứng', 'Triệu chứng', 'symptoms'],
    example: 'Có',
  },
  {
    name: 'epidemiologicalLink',
    label: 'Yếu tố dịch tễ',
    headers: ['Yếu tố dịch tễ', 'Có yếu tố dịch tễ', 'Dịch tễ', 'epi_link'],
    example: 'Có',
  },
  {
    name: 'foundBy',
    label: 'Nguồn phát hiện',
    headers: ['Nguồn phát hiện', 'Phát hiện qua', 'found_by'],
    example: 'Có triệu chứng',
  },
];

/** A device or lab clock a little ahead of ours is tolerated, as for a single test (domain input.ts). */
const CLOCK_SKEW = sql`interval '5 minutes'`;

async function checkResults(c: PoolClient, me: Principal, columns: ReadonlySet<string>): Promise<void> {
  await resolveCommunes(c, me);
  const once = new PerDistinct(columns);
  const kind = once.value('kind', (t) => coded(t, TEST_KIND_VALUES));
  const performerCode = once.value('performer', (t) => coded(t, TEST_PERFORMER_VALUES));
  const sampledAt = once.value('sampledAt', instantOf, 'timestamptz');
  const resulted = once.value('resultedAt', instantOf, 'timestamptz');
  const result = once.value('result', (t) => coded(t, TEST_RESULT_VALUES));
  const symptomatic = once.value('symptomatic', (t) => coded(t, YES_NO_VALUES));
  const epi = once.value('epidemiologicalLink', (t) => coded(t, YES_NO_VALUES));
  const foundBy = once.value('foundBy', (t) => coded(t, FOUND_BY_VALUES));
  const firstCase = sql`(${FIRST_CASE_DATE}::date::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')`;
  const tooEarly = `Ngày lấy mẫu không được trước ngày ${formatVnDate(FIRST_CASE_DATE)} (ca bệnh đầu tiên tại Việt Nam)`;
  const performer = sql`coalesce(v.performer, CASE v.kind WHEN 'self_test' THEN 'self' ELSE 'health_worker' END)`;
  // Without a result time, a final result is dated by its sample (lab files often carry one date).
  const resultedAt = sql`CASE WHEN v.result <> 'pending' THEN coalesce(v.resulted_at, v.sampled_at) END`;
  const checked = sql`CREATE TEMP TABLE import_checked ON COMMIT DROP AS
        SELECT k.*, coalesce(k.external_ref, 'row:' || md5(concat_ws('|', k.person_id, k.kind, k.performer, k.site,
                 extract(epoch FROM k.sampled_at), extract(epoch FROM k.resulted_at), k.result))) AS ref
          FROM (
            SELECT v.row_no, v.external_ref, ${PERSON_ID} AS person_id, matched.province_code, matched.unit_code,
                   v.kind, ${performer} AS performer, v.site, v.sampled_at, ${resultedAt} AS resulted_at, v.result,
                   coalesce(v.symptomatic, false) AS symptomatic, coalesce(v.epi, false) AS epi, v.found_by,
                   CASE ${sql.join(personChecks(), sql` `)}
                     WHEN v.kind IS NULL THEN ARRAY['kind', 'Loại xét nghiệm không hợp lệ (RT-PCR, Test nhanh kháng nguyên, Tự test nhanh)']
                     WHEN v.performer_raw IS NOT NULL AND v.performer IS NULL
                       THEN ARRAY['performer', 'Người thực hiện không hợp lệ (Nhân viên y tế, Doanh nghiệp, Tự làm)']
                     WHEN v.sampled_raw IS NULL THEN ARRAY['sampledAt', 'Thiếu ngày lấy mẫu']
                     WHEN v.sampled_at IS NULL THEN ARRAY['sampledAt', 'Ngày lấy mẫu không hợp lệ (định dạng dd/mm/yyyy hoặc dd/mm/yyyy hh:mm)']
                     WHEN v.sampled_at > now() + ${CLOCK_SKEW} THEN ARRAY['sampledAt', 'Ngày lấy mẫu không được ở sau thời điểm hiện tại']
                     WHEN v.sampled_at < ${firstCase} THEN ARRAY['sampledAt', ${tooEarly}::text]
                     WHEN v.result_raw IS NULL THEN ARRAY['result', 'Thiếu kết quả xét nghiệm']
                     WHEN v.result IS NULL THEN ARRAY['result', 'Kết quả không hợp lệ (Dương tính, Âm tính, Chờ kết quả, Không hợp lệ)']
                     WHEN v.resulted_raw IS NOT NULL AND v.resulted_at IS NULL
                       THEN ARRAY['resultedAt', 'Ngày có kết quả không hợp lệ (định dạng dd/mm/yyyy hoặc dd/mm/yyyy hh:mm)']
                     WHEN v.result = 'pending' AND v.resulted_at IS NOT NULL
                       THEN ARRAY['resultedAt', 'Xét nghiệm đang chờ kết quả thì chưa có ngày có kết quả']
                     WHEN v.resulted_at > now() + ${CLOCK_SKEW} THEN ARRAY['resultedAt', 'Ngày có kết quả không được ở sau thời điểm hiện tại']
                     WHEN v.resulted_at < v.sampled_at THEN ARRAY['resultedAt', 'Ngày có kết quả không được trước ngày lấy mẫu']
                     WHEN v.symptomatic_raw IS NOT NULL AND v.symptomatic IS NULL THEN ARRAY['symptomatic', 'Ghi "Có" hoặc "Không"']
                     WHEN v.epi_raw IS NOT NULL AND v.epi IS NULL THEN ARRAY['epidemiologicalLink', 'Ghi "Có" hoặc "Không"']
                     WHEN v.found_by_raw IS NOT NULL AND v.found_by IS NULL THEN ARRAY['foundBy', 'Nguồn phát hiện không hợp lệ']
                   END AS error
              FROM (
                SELECT r.row_no, ${cell('externalRef')} AS external_ref, ${personValues()},
                       ${cell('kind')} AS kind_raw, coalesce(${kind}, CASE WHEN ${cell('kind')} IS NULL THEN 'rt_pcr' END) AS kind,
                       ${cell('performer')} AS performer_raw, ${performerCode}::text AS performer, ${cell('site')} AS site,
                       ${cell('sampledAt')} AS sampled_raw, ${sampledAt}::timestamptz AS sampled_at,
                       ${cell('resultedAt')} AS resulted_raw,
                       -- A result dated without a time, on the day of its sample, came after the sample.
                       CASE WHEN NOT ${hasTime(cell('resultedAt'))} AND ${resulted} <= ${sampledAt}
                                 AND ${sampledAt} < ${resulted} + interval '1 day'
                            THEN ${sampledAt} ELSE ${resulted} END::timestamptz AS resulted_at,
                       ${cell('result')} AS result_raw, ${result}::text AS result,
                       ${cell('symptomatic')} AS symptomatic_raw, ${symptomatic}::boolean AS symptomatic,
                       ${cell('epidemiologicalLink')} AS epi_raw, ${epi}::boolean AS epi,
                       ${cell('foundBy')} AS found_by_raw, ${foundBy}::text AS found_by
                  FROM import_rows r ${once.joins}
                OFFSET 0) v
              ${personJoins(me)}) k`;
  await query(c, checked);
  // One source id for two different rows: the later rows are refused (a rare case, checked apart).
  await query(
    c,
    sql`WITH dup AS (
          SELECT ref, min(row_no) AS first FROM import_checked WHERE error IS NULL GROUP BY ref HAVING count(*) > 1)
        UPDATE import_checked k
           SET error = ARRAY['externalRef', 'Mã xét nghiệm trùng với dòng ' || dup.first || ' nhưng nội dung khác']
          FROM dup, import_checked f
         WHERE k.ref = dup.ref AND f.row_no = dup.first AND k.row_no <> dup.first
           AND (k.person_id, k.kind, k.performer, k.site, k.sampled_at, k.resulted_at, k.result)
               IS DISTINCT FROM (f.person_id, f.kind, f.performer, f.site, f.sampled_at, f.resulted_at, f.result)`,
  );
  // A ref this unit already used for a different test is an error, never a silent 'unchanged'.
  // Refs are numbered per source (the importing unit) and province, so another lab's or another
  // province's "1" is another test, and nothing here reveals that it exists.
  await query(
    c,
    sql`UPDATE import_checked k
           SET error = ARRAY['externalRef', 'Mã xét nghiệm này đã được nhập trước đây cho một xét nghiệm khác (khác người, ngày lấy mẫu hoặc kết quả)']
         WHERE k.error IS NULL AND k.external_ref IS NOT NULL AND EXISTS (
           SELECT 1 FROM lab_tests t
            WHERE t.ref_source = ${refSource(me)} AND t.external_ref = k.ref AND t.province_code = k.province_code
              AND (t.person_id, t.kind, t.performer, t.site, t.sampled_at, t.resulted_at, t.result)
                  IS DISTINCT FROM (k.person_id, k.kind, k.performer, k.site, k.sampled_at, k.resulted_at, k.result))`,
  );
}

/**
 * The tests this import inserted, with their row's facts: the staged rows whose external ref
 * names a test created in this transaction (created_at = now(), the transaction's start).
 */
function insertedNow(me: Principal, where: SQL): SQL {
  // The rows `where` keeps are found first (MATERIALIZED: the planner cannot tell how few they
  // are), then each looks its test up by external ref: one index probe per row.
  return sql`WITH k AS MATERIALIZED (SELECT * FROM import_checked k WHERE k.error IS NULL AND ${where})
             SELECT DISTINCT ON (t.id) t.id, t.person_id, t.kind, t.performer, t.result, t.sampled_at, t.resulted_at,
                    k.row_no, k.symptomatic, k.epi, k.found_by
               FROM k CROSS JOIN LATERAL (
                 SELECT * FROM lab_tests t WHERE t.province_code = k.province_code AND t.ref_source = ${refSource(me)}
                    AND t.external_ref = k.ref AND t.created_at = now() OFFSET 0) t
              ORDER BY t.id, k.row_no`;
}

async function mergeResults(
  c: PoolClient,
  me: Principal,
  request: FastifyRequest,
): Promise<{ inserted: number; casesCreated: number }> {
  // The people whose positive results may open a case are locked first, in one order: two imports
  // (or an import and a form) carrying results of the same person then run one after the other
  // instead of deadlocking between the tests' foreign keys and the case's lock.
  await c.query(
    `SELECT 1 FROM persons p WHERE p.id IN (
       SELECT person_id FROM import_checked WHERE error IS NULL AND result = 'positive') ORDER BY p.id FOR UPDATE`,
  );
  const inserted = await c.query(
    `INSERT INTO lab_tests (province_code, unit_code, person_id, kind, performer, site, sampled_at, resulted_at,
                            result, external_ref, ref_source, created_by)
     SELECT k.province_code, k.unit_code, k.person_id, k.kind, k.performer, k.site, k.sampled_at, k.resulted_at,
            k.result, k.ref, $2, $1
       FROM import_checked k
      WHERE k.error IS NULL
     ON CONFLICT (province_code, ref_source, external_ref) DO NOTHING`,
    [me.accountId, refSource(me)],
  );
  // Individual RT-PCRs of people a positive pool is waiting for resolve them.
  await resolveRetests(
    c,
    insertedNow(
      me,
      sql`k.kind = 'rt_pcr' AND k.result IN ('positive', 'negative')
      AND k.person_id IN (SELECT person_id FROM lab_test_pool_members WHERE status = 'retest_pending')`,
    ),
  );
  const casesCreated = await casesFromPositives(c, me, request);
  return { inserted: inserted.rowCount ?? 0, casesCreated };
}

/** Judges every inserted positive result; opens a case for each confirmed one without an active case. */
async function casesFromPositives(c: PoolClient, me: Principal, request: FastifyRequest): Promise<number> {
  const positives = await query<{
    testId: string;
    personId: string;
    kind: TestKind;
    performer: TestPerformer;
    result: TestResult;
    sampledAt: Date;
    resultedAt: Date | null;
    symptomatic: boolean;
    epidemiologicalLink: boolean;
    foundBy: FoundBy | null;
    activeCase: boolean;
  }>(
    c,
    sql`SELECT i.id AS "testId", i.person_id AS "personId", i.kind, i.performer, i.result,
               i.sampled_at AS "sampledAt", i.resulted_at AS "resultedAt", i.symptomatic,
               i.epi AS "epidemiologicalLink", i.found_by AS "foundBy",
               EXISTS (SELECT 1 FROM cases a WHERE a.person_id = i.person_id AND a.status = 'active') AS "activeCase"
          FROM (${insertedNow(me, sql`k.result = 'positive'`)}) i
         ORDER BY i.resulted_at, i.row_no`,
  );
  if (positives.length === 0) return 0;
  const exposed = await recentlyExposed(
    c,
    positives.map((p) => ({ personId: p.personId, day: resultDay(p) })),
  );
  const confirmed = positives.filter(
    (p) => !p.activeCase && judge(p, exposed.has(p.personId)).outcome === 'confirmed',
  );
  if (confirmed.length > MAX_CASES_PER_IMPORT) {
    throw new AppError(
      400,
      'too_many_cases',
      `Tệp có ${confirmed.length} kết quả khẳng định ca bệnh mới, quá ${MAX_CASES_PER_IMPORT} ca cho một lần nhập: hãy chia nhỏ tệp`,
      'file',
    );
  }
  // Set-based: a few statements whatever the count (a refused one, e.g. a reinfection too soon,
  // keeps its result recorded and opens nothing, as with a single test).
  const { created } = await createCases(
    c,
    me,
    request,
    confirmed.map((p) => ({
      personId: p.personId,
      detectedOn: resultDay(p),
      foundBy: p.foundBy,
      sampledOn: todayInVietnam(p.sampledAt),
      confirmTestId: p.testId,
    })),
  );
  return created.length;
}

export function resultsImport(request: FastifyRequest): ImportSpec {
  return {
    entity: 'lab_test',
    columns: TEST_IMPORT_COLUMNS,
    check: checkResults,
    merge: (c, me) => mergeResults(c, me, request),
  };
}
