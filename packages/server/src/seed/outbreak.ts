import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type CarePlace,
  CLUSTER_CLOSING_POLICIES,
  CONTACT_QUARANTINE_POLICIES,
  clusterClosing,
  confirmationOf,
  earliestRelease,
  type FoundBy,
  homeIsolationCriterion,
  ISOLATION_POLICIES,
  quarantineOrder,
  SECONDARY_CONTACT_POLICIES,
  type TestKind,
  type TestPerformer,
  type VaccinationStatus,
} from '@tuyendau/domain';
import { inTransaction, type Pool, type PoolClient } from '../db/pool.ts';

/** The statements of outbreak.sql, by the name of their `-- @section`. */
const SECTIONS: Record<string, string> = Object.fromEntries(
  readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'outbreak.sql'), 'utf8')
    .split(/^-- @section /m)
    .slice(1)
    .map((part) => {
      const newline = part.indexOf('\n');
      return [part.slice(0, newline).trim(), part.slice(newline + 1)];
    }),
);

/** What kind of place a cluster grew in: chooses who its first cases are and how its contacts met them. */
export type ClusterKind = 'border' | 'market' | 'family' | 'school' | 'factory' | 'event';

/** One cluster of a province's demo story. */
export interface ClusterStory {
  name: string;
  unitCode: string;
  openedOn: string;
  kind: ClusterKind;
  note: string;
  /** Cases found without a known source, as days after the opening, with how each was found. */
  seeds: [offset: number, foundBy: FoundBy][];
  /** Days of spread before control measures bite, and how much faster it spreads meanwhile. */
  activeDays: number;
  boost: number;
  /** A lockdown from the day after the opening until the cluster closes. */
  lockdown?: boolean;
  /** Pooled screening the day after the opening: how many pools, whether the first was positive. */
  pools?: { count: number; positive: boolean };
  /** Where pooled samples were taken. */
  site?: string;
}

/**
 * Lai Châu, 2021–2022: a small wave from August to October 2021 (drivers at the Ma Lù Thàng border
 * gate, the Tân Phong market, a family infected by a worker back from Bình Dương, people returning
 * from the southern provinces) and the Omicron wave of February–April 2022 (a school, a tea factory,
 * a wedding, and cases all over the province).
 */
const LAI_CHAU: ClusterStory[] = [
  {
    name: 'Ổ dịch Cửa khẩu quốc tế Ma Lù Thàng',
    unitCode: '03490',
    openedOn: '2021-08-09',
    kind: 'border',
    note: 'Lái xe chở hàng qua cửa khẩu dương tính khi xét nghiệm định kỳ; phong tỏa tạm thời bãi xe và bản có người mắc',
    seeds: [
      [0, 'screening_workplace'],
      [0, 'screening_workplace'],
      [1, 'screening_workplace'],
      [3, 'screening_workplace'],
    ],
    activeDays: 10,
    boost: 1.3,
    lockdown: true,
  },
  {
    name: 'Ổ dịch chợ trung tâm phường Tân Phong',
    unitCode: '03387',
    openedOn: '2021-09-06',
    kind: 'market',
    note: 'Tiểu thương có triệu chứng đến khám; xét nghiệm gộp mẫu toàn bộ tiểu thương ngày hôm sau',
    seeds: [
      [0, 'symptomatic'],
      [2, 'screening_workplace'],
      [2, 'screening_workplace'],
      [3, 'screening_workplace'],
      [5, 'community'],
    ],
    activeDays: 14,
    boost: 2.2,
    lockdown: true,
    pools: { count: 6, positive: true },
    site: 'Chợ trung tâm phường Tân Phong',
  },
  {
    name: 'Ổ dịch hộ gia đình xã San Thàng',
    unitCode: '03409',
    openedOn: '2021-10-04',
    kind: 'family',
    note: 'Người lao động về từ Bình Dương lây cho người trong gia đình và họ hàng',
    seeds: [
      [0, 'arrival'],
      [4, 'symptomatic'],
    ],
    activeDays: 14,
    boost: 2.0,
    lockdown: true,
  },
  {
    name: 'Ổ dịch Trường THCS thị trấn Tam Đường',
    unitCode: '03390',
    openedOn: '2022-02-16',
    kind: 'school',
    note: 'Học sinh có triệu chứng sau khi đi học trực tiếp trở lại; xét nghiệm gộp mẫu các lớp liên quan',
    seeds: [
      [0, 'symptomatic'],
      [1, 'community'],
      [1, 'community'],
      [2, 'community'],
      [3, 'community'],
    ],
    activeDays: 14,
    boost: 1.5,
    pools: { count: 3, positive: false },
    site: 'Trường THCS thị trấn Tam Đường',
  },
  {
    name: 'Ổ dịch nhà máy chế biến chè thị trấn Tân Uyên',
    unitCode: '03598',
    openedOn: '2022-02-23',
    kind: 'factory',
    note: 'Phát hiện qua xét nghiệm sàng lọc công nhân theo ca làm việc',
    seeds: [
      [0, 'screening_workplace'],
      [0, 'screening_workplace'],
      [1, 'screening_workplace'],
      [1, 'screening_workplace'],
      [2, 'screening_workplace'],
      [4, 'screening_workplace'],
    ],
    activeDays: 14,
    boost: 1.4,
  },
  {
    name: 'Ổ dịch liên quan đám cưới xã Dào San',
    unitCode: '03571',
    openedOn: '2022-03-05',
    kind: 'event',
    note: 'Nhiều hộ gia đình dự đám cưới trong bản; họ hàng từ các xã lân cận đến dự',
    seeds: [
      [0, 'symptomatic'],
      [1, 'community'],
      [1, 'community'],
      [2, 'community'],
    ],
    activeDays: 10,
    boost: 1.6,
  },
];

/**
 * The provinces that have a demo outbreak. The story is history: no chain grows past `lastDay`, every
 * case ends as the isolation policy of its time allowed, every cluster closes when the closing rule
 * allowed.
 */
export const OUTBREAK_STORIES: Record<string, { clusters: ClusterStory[]; lastDay: string }> = {
  '12': { clusters: LAI_CHAU, lastDay: '2022-05-06' },
};

export interface OutbreakSummary {
  cases: number;
  contacts: number;
  tests: number;
  pools: number;
  deaths: number;
  byMonth: { month: string; cases: number; contacts: number }[];
  clusters: { name: string; unitCode: string; openedOn: string; closedOn: string | null; cases: number }[];
  seconds: number;
}

/** The quarantine versions of the domain as rows (F1 degree 1, F2 degree 2), for SQL that applies them. */
export function quarantinePolicyRows() {
  return [
    ...CONTACT_QUARANTINE_POLICIES.map((p) => ({
      degree: 1,
      code: p.code,
      effective_from: p.effectiveFrom,
      place: p.rule?.place ?? null,
      days: p.rule?.days ?? null,
      test_days: p.rule?.testDays ?? [],
      vr_months: p.vaccinatedOrRecovered?.recoveredWithinMonths ?? null,
      vr_place: p.vaccinatedOrRecovered?.rule.place ?? null,
      vr_days: p.vaccinatedOrRecovered?.rule.days ?? null,
      vr_test_days: p.vaccinatedOrRecovered?.rule.testDays ?? [],
    })),
    ...SECONDARY_CONTACT_POLICIES.map((p) => ({
      degree: 2,
      code: p.code,
      effective_from: p.effectiveFrom,
      place: p.rule?.place ?? null,
      days: p.rule?.days ?? null,
      test_days: p.rule?.testDays ?? [],
      vr_months: null,
      vr_place: null,
      vr_days: null,
      vr_test_days: [],
    })),
  ];
}

function homePolicyRows() {
  return ISOLATION_POLICIES.home.map((p) => ({
    effective_from: p.effectiveFrom,
    days: p.days,
    exit_test: p.exitTest,
    ext_full: p.extendedDays?.fullyVaccinated ?? null,
    ext_other: p.extendedDays?.others ?? null,
    criterion: homeIsolationCriterion(p),
  }));
}

/** The last result of a query that may hold several statements. */
async function run(c: PoolClient, section: string) {
  const text = SECTIONS[section];
  if (!text) throw new Error(`outbreak.sql has no section ${section}`);
  const result = (await c.query(text)) as unknown;
  return Array.isArray(result) ? result[result.length - 1] : result;
}

/**
 * Seeds the demo outbreak of a province that has a story (clusters, cases along transmission
 * chains, contacts with their quarantine orders, tests, pools, lockdowns) over its seeded persons,
 * in one transaction, and checks a sample against the domain's rules. Returns null when the
 * province has no story. The same seed over the same persons gives the same outbreak.
 */
export async function seedOutbreak(
  pool: Pool,
  provinceCode: string,
  seed = 0.2108,
): Promise<OutbreakSummary | null> {
  const story = OUTBREAK_STORIES[provinceCode];
  if (!story) return null;
  const { rowCount } = await pool.query('SELECT 1 FROM households WHERE province_code = $1 LIMIT 1', [
    provinceCode,
  ]);
  if (!rowCount) return null;
  const started = Date.now();
  await inTransaction(pool, async (c) => {
    await c.query('SELECT setseed($1)', [seed]);
    await run(c, 'tables');
    await c.query(
      `INSERT INTO ob_param (province_code, province_name, last_day, discharge_criterion)
       SELECT code, 'tỉnh ' || short_name, $2, $3 FROM units WHERE tree = '2021' AND code = $1`,
      [provinceCode, story.lastDay, ISOLATION_POLICIES.discharge.criterion],
    );
    await c.query(
      `INSERT INTO ob_closing_policy SELECT * FROM jsonb_to_recordset($1::jsonb) AS p(effective_from date, days int)`,
      [
        JSON.stringify(
          CLUSTER_CLOSING_POLICIES.map((p) => ({ effective_from: p.effectiveFrom, days: p.daysWithoutCase })),
        ),
      ],
    );
    await c.query(
      `INSERT INTO ob_policy SELECT * FROM jsonb_to_recordset($1::jsonb) AS p(degree int, code text, effective_from date,
         place text, days int, test_days int[], vr_months int, vr_place text, vr_days int, vr_test_days int[])`,
      [JSON.stringify(quarantinePolicyRows())],
    );
    await c.query(
      `INSERT INTO ob_home_policy SELECT * FROM jsonb_to_recordset($1::jsonb) AS p(effective_from date, days int,
         exit_test boolean, ext_full int, ext_other int, criterion text)`,
      [JSON.stringify(homePolicyRows())],
    );
    await c.query(
      `INSERT INTO ob_cluster (id, ord, name, unit_code, opened_on, kind, note, seed_offsets, seed_found_by, active_days,
                               boost, lockdown, pools, pool_positive, site)
       SELECT pg_temp.ob_uuid(), ord, name, unit_code, opened_on, kind, note,
              ARRAY(SELECT (s->>0)::int FROM jsonb_array_elements(seeds) s),
              ARRAY(SELECT s->>1 FROM jsonb_array_elements(seeds) s),
              active_days, boost, lockdown, pools, pool_positive, site
         FROM jsonb_to_recordset($1::jsonb) AS k(ord int, name text, unit_code text, opened_on date, kind text, note text,
              seeds jsonb, active_days int, boost real, lockdown boolean, pools int,
              pool_positive boolean, site text)
        WHERE EXISTS (SELECT 1 FROM units u WHERE u.tree = '2021' AND u.code = k.unit_code AND u.province_code = $2)
        ORDER BY ord`,
      [
        JSON.stringify(
          story.clusters.map((k, i) => ({
            ord: i + 1,
            name: k.name,
            unit_code: k.unitCode,
            opened_on: k.openedOn,
            kind: k.kind,
            note: k.note,
            seeds: k.seeds,
            active_days: k.activeDays,
            boost: k.boost,
            lockdown: k.lockdown ?? false,
            pools: k.pools?.count ?? 0,
            pool_positive: k.pools?.positive ?? false,
            site: k.site ?? null,
          })),
        ),
        provinceCode,
      ],
    );
    await run(c, 'places');
    await run(c, 'seeds');
    // Chains grow one generation per statement; they die out as the waves ebb.
    for (let generation = 0; generation < 80; generation++) {
      const { rows } = await run(c, 'generation');
      if (rows[0].added === 0) break;
    }
    for (const section of [
      'secondary',
      'outcomes',
      'links',
      'confirmations',
      'pools',
      'quarantine',
      'places_of_clusters',
      'write',
    ]) {
      await run(c, section);
    }
    await checkOutbreak(c, provinceCode);
  });
  await pool.query(
    'ANALYZE clusters; ANALYZE lockdown_zones; ANALYZE cases; ANALYZE case_events; ANALYZE contacts; ANALYZE lab_tests; ANALYZE lab_test_pool_members',
  );
  return { ...(await outbreakSummary(pool, provinceCode)), seconds: (Date.now() - started) / 1000 };
}

async function outbreakSummary(pool: Pool, provinceCode: string): Promise<Omit<OutbreakSummary, 'seconds'>> {
  const { rows: totals } = await pool.query(
    `SELECT (SELECT count(*) FROM cases WHERE province_code = $1)::int AS cases,
            (SELECT count(*) FROM contacts WHERE province_code = $1)::int AS contacts,
            (SELECT count(*) FROM lab_tests WHERE province_code = $1 AND kind <> 'rt_pcr_pool')::int AS tests,
            (SELECT count(*) FROM lab_tests WHERE province_code = $1 AND kind = 'rt_pcr_pool')::int AS pools,
            (SELECT count(*) FROM cases WHERE province_code = $1 AND status = 'died')::int AS deaths`,
    [provinceCode],
  );
  const { rows: byMonth } = await pool.query(
    `SELECT m.month, coalesce(c.n, 0)::int AS cases, coalesce(k.n, 0)::int AS contacts
       FROM (SELECT to_char(detected_on, 'YYYY-MM') AS month, count(*) AS n FROM cases WHERE province_code = $1 GROUP BY 1) c
       FULL JOIN (SELECT to_char(exposure_date, 'YYYY-MM') AS month, count(*) AS n FROM contacts WHERE province_code = $1
                   GROUP BY 1) k USING (month)
       CROSS JOIN LATERAL (SELECT coalesce(c.month, k.month) AS month) m
      ORDER BY m.month`,
    [provinceCode],
  );
  const { rows: clusters } = await pool.query(
    `SELECT k.name, k.unit_code AS "unitCode", k.opened_on AS "openedOn", k.closed_on AS "closedOn",
            (SELECT count(*) FROM cases c WHERE c.cluster_id = k.id)::int AS cases
       FROM clusters k WHERE k.province_code = $1 ORDER BY k.opened_on`,
    [provinceCode],
  );
  return { ...totals[0], byMonth, clusters };
}

interface ContactSample {
  exposureDate: string;
  vaccination: VaccinationStatus;
  degree: 1 | 2;
  recoveredOn: string | null;
  place: string | null;
  start: string | null;
  end: string | null;
  policyCode: string | null;
}

/**
 * What the rules say about a sample of the generated rows, compared with what the SQL wrote: the
 * quarantine orders of ~50 contacts (quarantineOrder), the confirming test of ~30 cases
 * (confirmationOf), the recovery day of ~60 cases (earliestRelease), the closing day of every
 * cluster (clusterClosing); that the story is over (no case still active, no cluster open, no
 * lockdown running past its cluster); and the links the API keeps (case ↔ contact it grew out of,
 * residence units). Throws on the first difference.
 */
async function checkOutbreak(c: PoolClient, provinceCode: string): Promise<void> {
  const problems: string[] = [];
  const { rows: contacts } = await c.query<ContactSample>(
    `WITH s AS (
       SELECT k.*, row_number() OVER (PARTITION BY k.policy_code, k.vaccination, k.degree ORDER BY random()) AS n,
              (SELECT max(x.outcome_on) FROM cases x WHERE x.person_id = k.person_id AND x.status = 'recovered'
                 AND x.outcome_on <= k.exposure_date) AS recovered_on
         FROM contacts k WHERE k.province_code = $1)
     SELECT exposure_date AS "exposureDate", vaccination, degree, recovered_on AS "recoveredOn",
            quarantine_place AS place, quarantine_start AS start, quarantine_end AS "end", policy_code AS "policyCode"
       FROM s WHERE n <= 3 OR recovered_on IS NOT NULL
      ORDER BY recovered_on IS NOT NULL DESC, random() LIMIT 60`,
    [provinceCode],
  );
  if (contacts.length === 0) problems.push('no contacts were generated');
  for (const k of contacts) {
    const order = quarantineOrder({
      exposureDate: k.exposureDate,
      vaccination: k.vaccination,
      recoveredOn: k.recoveredOn,
      degree: k.degree,
    });
    const expected = [
      order?.place ?? null,
      order?.start ?? null,
      order?.end ?? null,
      order?.policy.code ?? null,
    ];
    const actual = [k.place, k.start, k.end, k.policyCode];
    if (expected.join('|') !== actual.join('|')) {
      problems.push(
        `contact exposed ${k.exposureDate} (F${k.degree}, ${k.vaccination}, recovered ${k.recoveredOn}): ` +
          `quarantine ${actual.join('|')}, quarantineOrder says ${expected.join('|')}`,
      );
    }
  }

  const { rows: confirmations } = await c.query<{
    detectedOn: string;
    kind: TestKind;
    performer: TestPerformer;
    result: 'positive';
    symptomatic: boolean;
    epi: boolean;
  }>(
    `SELECT c.detected_on AS "detectedOn", t.kind, t.performer, t.result,
            (SELECT e.value <> 'asymptomatic' FROM case_events e WHERE e.case_id = c.id AND e.kind = 'severity'
              ORDER BY e.occurred_on, e.id LIMIT 1) AS symptomatic,
            c.source_case_id IS NOT NULL OR c.cluster_id IS NOT NULL
              OR c.found_by IN ('in_quarantine', 'contact_tracing', 'arrival') AS epi
       FROM cases c JOIN lab_tests t ON t.id = c.confirm_test_id
      WHERE c.province_code = $1 ORDER BY random() LIMIT 30`,
    [provinceCode],
  );
  for (const t of confirmations) {
    const answer = confirmationOf({
      kind: t.kind,
      performer: t.performer,
      result: t.result,
      resultDate: t.detectedOn,
      symptomatic: t.symptomatic,
      epidemiologicalLink: t.epi,
    });
    if (answer.outcome !== 'confirmed') {
      problems.push(
        `case detected ${t.detectedOn} confirmed by ${t.kind}/${t.performer}: ${answer.reasons.join('; ')}`,
      );
    }
  }

  const { rows: recovered } = await c.query<{
    detectedOn: string;
    carePlace: CarePlace;
    outcomeOn: string;
    vaccination: VaccinationStatus;
    negativeTests: { on: string; kind: TestKind }[];
  }>(
    `WITH s AS (
       SELECT c.*, row_number() OVER (PARTITION BY c.care_place = 'home', date_trunc('month', c.detected_on)
                                       ORDER BY random()) AS n
         FROM cases c WHERE c.province_code = $1 AND c.status = 'recovered')
     SELECT s.detected_on AS "detectedOn", s.care_place AS "carePlace", s.outcome_on AS "outcomeOn",
            coalesce(k.vaccination, 'unknown') AS vaccination,
            coalesce((SELECT json_agg(json_build_object(
                               'on', (t.sampled_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date::text, 'kind', t.kind))
                        FROM lab_tests t WHERE t.person_id = s.person_id AND t.result = 'negative'
                         AND t.sampled_at >= s.detected_on::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'), '[]')
              AS "negativeTests"
       FROM s LEFT JOIN contacts k ON k.id = s.source_contact_id
      WHERE s.n <= 3 ORDER BY random() LIMIT 60`,
    [provinceCode],
  );
  for (const r of recovered) {
    const release = earliestRelease(r);
    if (release.earliestOn === null || r.outcomeOn < release.earliestOn) {
      problems.push(
        `case detected ${r.detectedOn} (${r.carePlace}) recovered on ${r.outcomeOn}: ${release.reasons.join('; ')}`,
      );
    }
  }

  // Every cluster closed on the first day the rule allowed; its lockdowns ended by then.
  const { rows: clusters } = await c.query<{
    name: string;
    lastCaseOn: string | null;
    closedOn: string | null;
    lockdownsRunning: number;
  }>(
    `SELECT k.name, max(c.detected_on) AS "lastCaseOn", k.closed_on AS "closedOn",
            (SELECT count(*) FROM lockdown_zones z WHERE z.cluster_id = k.id
                AND (z.ends_on IS NULL OR k.closed_on IS NULL OR z.ends_on > k.closed_on))::int AS "lockdownsRunning"
       FROM clusters k LEFT JOIN cases c ON c.cluster_id = k.id
      WHERE k.province_code = $1 GROUP BY k.id, k.province_code`,
    [provinceCode],
  );
  for (const k of clusters) {
    if (k.closedOn === null || k.lastCaseOn === null) {
      problems.push(`${k.name} is still open (last case ${k.lastCaseOn})`);
      continue;
    }
    const closing = clusterClosing({ lastCaseOn: k.lastCaseOn, today: k.closedOn });
    if (k.closedOn !== closing.closableFrom) {
      problems.push(
        `${k.name} closed on ${k.closedOn}, not ${closing.closableFrom}: ${closing.reasons.join('; ')}`,
      );
    }
    if (k.lockdownsRunning > 0)
      problems.push(`${k.name}: ${k.lockdownsRunning} lockdown(s) outlast the cluster`);
  }

  const { rows: links } = await c.query(
    `SELECT
       (SELECT count(*) FROM cases c LEFT JOIN contacts k ON k.id = c.source_contact_id
         WHERE c.province_code = $1 AND c.source_contact_id IS NOT NULL
           AND (k.id IS NULL OR k.resulting_case_id IS DISTINCT FROM c.id OR k.person_id <> c.person_id
                OR k.case_id IS DISTINCT FROM c.source_case_id))::int AS "case without its contact",
       (SELECT count(*) FROM contacts k LEFT JOIN cases c ON c.id = k.resulting_case_id
         WHERE k.province_code = $1 AND k.resulting_case_id IS NOT NULL
           AND (c.id IS NULL OR c.source_contact_id IS DISTINCT FROM k.id))::int AS "contact without its case",
       (SELECT count(*) FROM cases c JOIN cases s ON s.id = c.source_case_id
         WHERE c.province_code = $1 AND s.detected_on >= c.detected_on)::int AS "source not earlier",
       (SELECT count(*) FROM cases c JOIN persons p ON p.id = c.person_id
         WHERE c.province_code = $1 AND (p.unit_code <> c.unit_code OR p.province_code <> c.province_code))::int
         AS "case outside residence",
       (SELECT count(*) FROM contacts k JOIN persons p ON p.id = k.person_id JOIN cases c ON c.id = k.case_id
         WHERE k.province_code = $1 AND (p.unit_code <> k.unit_code OR c.unit_code <> k.case_unit_code))::int
         AS "contact units",
       (SELECT count(*) FROM (SELECT person_id FROM cases WHERE province_code = $1 AND status = 'active'
                                GROUP BY 1 HAVING count(*) > 1) d)::int AS "two active cases",
       (SELECT count(*) FROM cases WHERE province_code = $1 AND status = 'recovered'
           AND coalesce(outcome_criterion, '') = '')::int AS "recovered without criterion",
       (SELECT count(*) FROM cases WHERE province_code = $1
           AND (status = 'active' OR outcome_on IS NULL))::int AS "case still active after the story"`,
    [provinceCode],
  );
  for (const [what, n] of Object.entries(links[0] as Record<string, number>)) {
    if (n > 0) problems.push(`${n} × ${what}`);
  }
  if (problems.length) {
    throw new Error(`Dữ liệu dịch mẫu không khớp quy định:\n  ${problems.slice(0, 20).join('\n  ')}`);
  }
}
