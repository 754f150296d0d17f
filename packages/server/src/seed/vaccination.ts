import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type AgeGroup, checkDose, type DoseFacts, type DoseKind, formatRate } from '@tuyendau/domain';
import { inTransaction, type Pool, type PoolClient } from '../db/pool.ts';
import { unitDirectory } from '../units/directory.ts';
import { coverage } from '../vaccination/coverage.ts';

/** The statements of vaccination.sql, by the name of their `-- @section`. */
const SECTIONS: Record<string, string> = Object.fromEntries(
  readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'vaccination.sql'), 'utf8')
    .split(/^-- @section /m)
    .slice(1)
    .map((part) => {
      const newline = part.indexOf('\n');
      return [part.slice(0, newline).trim(), part.slice(newline + 1)];
    }),
);

/** Rates (0..1) by the as-of day of one district: adults 18+ doses 1–4, 12–17 doses 1–3, 5–11 doses 1–2. */
interface DistrictRates {
  adult: [number, number, number, number];
  teen: [number, number, number];
  child: [number, number];
}

/** A figure the story must reproduce (a provincial conclusion's), checked after seeding. */
interface QuotedFigure {
  unitCode: string;
  ageGroup: AgeGroup;
  dose: number;
  /** Percent, as quoted. */
  rate: number;
}

export interface VaccinationStory {
  asOf: string;
  /** By district code; '*' for districts the story does not name. */
  rates: Record<string, DistrictRates>;
  quoted: QuotedFigure[];
  /** Counts quoted for the real province (its 2019 census population): scaled to the demo's registry. */
  unsyncedDoses: number;
  personsToVerify: number;
  targets: {
    unitCode: string;
    ageGroup: AgeGroup;
    dose: number;
    permille: number;
    deadline: string;
    note: string;
  }[];
  /** Groups given an official target population per district (registry count on the day, rounded up 3%). */
  officialPopulationGroups: AgeGroup[];
}

/**
 * Lai Châu on 31/08/2022, from the provincial conclusion quoted in issue 9: 18+ with dose 3 lowest
 * in Phong Thổ (86,2%); 18+ with dose 4 Tam Đường 81,5%, Sìn Hồ 75,5%, Phong Thổ 75,2%; 12 to
 * under 18 with dose 3 63,4% (TP Lai Châu 80,4% … Sìn Hồ 47,6%); 5 to under 12 with dose 2 65%
 * (Than Uyên 86,1% … Nậm Nhùn 54,4%); 27.975 doses not on the national platform, 66.975 people
 * to verify. The other rates are invented to be plausible (first and second doses near everyone,
 * the other districts' boosters above Phong Thổ's).
 */
const LAI_CHAU: VaccinationStory = {
  asOf: '2022-08-31',
  rates: {
    '105': { adult: [0.998, 0.992, 0.958, 0.889], teen: [0.995, 0.975, 0.804], child: [0.81, 0.685] },
    '106': { adult: [0.996, 0.985, 0.924, 0.815], teen: [0.99, 0.955, 0.695], child: [0.84, 0.73] },
    '107': { adult: [0.99, 0.972, 0.891, 0.83], teen: [0.975, 0.93, 0.589], child: [0.75, 0.622] },
    '108': { adult: [0.988, 0.968, 0.873, 0.755], teen: [0.97, 0.915, 0.476], child: [0.72, 0.598] },
    '109': { adult: [0.99, 0.97, 0.862, 0.752], teen: [0.972, 0.92, 0.518], child: [0.7, 0.555] },
    '110': { adult: [0.997, 0.99, 0.946, 0.867], teen: [0.992, 0.965, 0.723], child: [0.93, 0.861] },
    '111': { adult: [0.995, 0.984, 0.912, 0.843], teen: [0.985, 0.95, 0.672], child: [0.74, 0.592] },
    '112': { adult: [0.993, 0.98, 0.905, 0.836], teen: [0.985, 0.95, 0.751], child: [0.69, 0.544] },
    '*': { adult: [0.99, 0.97, 0.85, 0.6], teen: [0.97, 0.92, 0.5], child: [0.7, 0.55] },
  },
  quoted: [
    { unitCode: '109', ageGroup: '18+', dose: 3, rate: 86.2 },
    { unitCode: '106', ageGroup: '18+', dose: 4, rate: 81.5 },
    { unitCode: '108', ageGroup: '18+', dose: 4, rate: 75.5 },
    { unitCode: '109', ageGroup: '18+', dose: 4, rate: 75.2 },
    { unitCode: '12', ageGroup: '12-17', dose: 3, rate: 63.4 },
    { unitCode: '105', ageGroup: '12-17', dose: 3, rate: 80.4 },
    { unitCode: '112', ageGroup: '12-17', dose: 3, rate: 75.1 },
    { unitCode: '110', ageGroup: '12-17', dose: 3, rate: 72.3 },
    { unitCode: '106', ageGroup: '12-17', dose: 3, rate: 69.5 },
    { unitCode: '111', ageGroup: '12-17', dose: 3, rate: 67.2 },
    { unitCode: '107', ageGroup: '12-17', dose: 3, rate: 58.9 },
    { unitCode: '109', ageGroup: '12-17', dose: 3, rate: 51.8 },
    { unitCode: '108', ageGroup: '12-17', dose: 3, rate: 47.6 },
    { unitCode: '12', ageGroup: '5-11', dose: 2, rate: 65 },
    { unitCode: '110', ageGroup: '5-11', dose: 2, rate: 86.1 },
    { unitCode: '106', ageGroup: '5-11', dose: 2, rate: 73 },
    { unitCode: '105', ageGroup: '5-11', dose: 2, rate: 68.5 },
    { unitCode: '107', ageGroup: '5-11', dose: 2, rate: 62.2 },
    { unitCode: '108', ageGroup: '5-11', dose: 2, rate: 59.8 },
    { unitCode: '111', ageGroup: '5-11', dose: 2, rate: 59.2 },
    { unitCode: '109', ageGroup: '5-11', dose: 2, rate: 55.5 },
    { unitCode: '112', ageGroup: '5-11', dose: 2, rate: 54.4 },
  ],
  unsyncedDoses: 27_975,
  personsToVerify: 66_975,
  targets: [
    {
      unitCode: '12',
      ageGroup: '18+',
      dose: 3,
      permille: 900,
      deadline: '2022-09-30',
      note: 'Tiêm mũi 3 cho người từ 18 tuổi trở lên đạt 90% trước 30/09/2022 (dữ liệu mẫu)',
    },
    {
      unitCode: '12',
      ageGroup: '18+',
      dose: 4,
      permille: 820,
      deadline: '2022-09-30',
      note: 'Tiêm mũi 4 đạt 82% trước 30/09/2022 (dữ liệu mẫu)',
    },
    {
      unitCode: '12',
      ageGroup: '50+',
      dose: 4,
      permille: 900,
      deadline: '2022-09-30',
      note: 'Ưu tiên người từ 50 tuổi trở lên (dữ liệu mẫu)',
    },
    {
      unitCode: '12',
      ageGroup: '12-17',
      dose: 3,
      permille: 800,
      deadline: '2022-10-31',
      note: 'Trẻ 12 đến dưới 18 tuổi mũi 3 đạt 80% trước 31/10/2022 (dữ liệu mẫu)',
    },
    {
      unitCode: '12',
      ageGroup: '5-11',
      dose: 2,
      permille: 700,
      deadline: '2022-10-31',
      note: 'Trẻ 5 đến dưới 12 tuổi mũi 2 đạt 70% trước 31/10/2022 (dữ liệu mẫu)',
    },
    {
      unitCode: '105',
      ageGroup: '18+',
      dose: 3,
      permille: 950,
      deadline: '2022-09-30',
      note: 'Thành phố giao chỉ tiêu cao hơn tỉnh (dữ liệu mẫu)',
    },
  ],
  officialPopulationGroups: ['65+'],
};

const STORIES: Record<string, VaccinationStory> = { '12': LAI_CHAU };

/** How far a seeded figure may be from the quoted one, in percentage points. */
export const QUOTED_TOLERANCE_POINTS = 1.5;

export interface VaccinationSummary {
  doses: number;
  vaccinated: number;
  unsynced: number;
  toVerify: number;
  /** Doses of a sample whose dates or products the dose rules flag (checkDose), out of `sampled`. */
  sampled: number;
  flagged: number;
  seconds: number;
}

/**
 * Seeds the vaccination history of a province that has a story, over its seeded persons, in one
 * transaction, then checks what the triggers computed (vaccination/coverage.ts) against every
 * figure the story quotes: it throws when one is more than ±1.5 points away. Returns null when the
 * province has no story or already has doses.
 */
export async function seedVaccination(
  pool: Pool,
  provinceCode: string,
  seed = 0.2208,
): Promise<VaccinationSummary | null> {
  const story = STORIES[provinceCode];
  if (!story) return null;
  const { rowCount } = await pool.query('SELECT 1 FROM vaccine_doses WHERE province_code = $1 LIMIT 1', [
    provinceCode,
  ]);
  if (rowCount) return null;
  const started = Date.now();
  const summary = await inTransaction(pool, async (c) => {
    await c.query('SELECT setseed($1)', [seed]);
    await c.query(SECTIONS.tables);
    // Scaled: the quoted counts belong to the province whose registry the demo copies (its 2019
    // census population); a registry of another size gets proportionally as many (docs/demo.md).
    const { rows: sizes } = await c.query<{ persons: number; census: number }>(
      `SELECT (SELECT count(*) FROM persons WHERE province_code = $1)::int AS persons,
              (SELECT population FROM units WHERE tree = '2021' AND code = $1) AS census`,
      [provinceCode],
    );
    const scale = sizes[0].census ? sizes[0].persons / sizes[0].census : 1;
    await c.query('INSERT INTO vx_param VALUES ($1, $2, $3, $4)', [
      provinceCode,
      story.asOf,
      Math.round(story.unsyncedDoses * scale),
      Math.round(story.personsToVerify * scale),
    ]);
    await c.query(
      `INSERT INTO vx_rate SELECT d, g, r[1], r[2], coalesce(r[3], 0), coalesce(r[4], 0)
         FROM jsonb_to_recordset($1::jsonb) AS x(d text, g text, r float8[])`,
      [
        JSON.stringify(
          Object.entries(story.rates).flatMap(([d, r]) => [
            { d, g: 'adult', r: r.adult },
            { d, g: 'teen', r: r.teen },
            { d, g: 'child', r: r.child },
          ]),
        ),
      ],
    );
    for (const section of ['people', 'plan', 'doses', 'reviews']) await c.query(SECTIONS[section]);
    await c.query(
      `INSERT INTO vaccination_targets (province_code, unit_code, age_group, dose, target_permille, deadline, note)
       SELECT $1, unit_code, age_group, dose, permille, deadline, note
         FROM jsonb_to_recordset($2::jsonb) AS t(unit_code text, age_group text, dose int, permille int, deadline date, note text)`,
      [
        provinceCode,
        JSON.stringify(
          story.targets.map((t) => ({
            unit_code: t.unitCode,
            age_group: t.ageGroup,
            dose: t.dose,
            permille: t.permille,
            deadline: t.deadline,
            note: t.note,
          })),
        ),
      ],
    );
    await officialPopulations(c, provinceCode, story);
    const { rows } = await c.query(SECTIONS.figures);
    const sample = await checkSample(c, provinceCode);
    await checkVaccination(c, pool, provinceCode, story, rows[0], scale, sample);
    return { ...rows[0], ...sample } as Omit<VaccinationSummary, 'seconds'>;
  });
  await pool.query(
    'ANALYZE vaccine_doses; ANALYZE vaccination_status; ANALYZE dose_cells; ANALYZE person_reviews',
  );
  return { ...summary, seconds: (Date.now() - started) / 1000 };
}

/** The official target population of each district and of the province for the story's groups. */
async function officialPopulations(c: PoolClient, provinceCode: string, story: VaccinationStory) {
  const groups = story.officialPopulationGroups;
  if (groups.length === 0) return;
  const bounds: Record<AgeGroup, [number, number]> = {
    '18+': [18, 200],
    '12-17': [12, 18],
    '5-11': [5, 12],
    '50+': [50, 200],
    '65+': [65, 200],
  };
  await c.query(
    `INSERT INTO population_targets (province_code, unit_code, age_group, population, source)
     SELECT $1, coalesce(p.district_code, $1), g.grp, ceil(count(*) * 1.03)::int,
            'Dân số giao năm 2022 theo kế hoạch tiêm chủng của tỉnh (dữ liệu mẫu)'
       FROM vx_people p
       JOIN jsonb_to_recordset($2::jsonb) AS g(grp text, lo int, hi int) ON p.age >= g.lo AND p.age < g.hi
      GROUP BY GROUPING SETS ((p.district_code, g.grp), (g.grp))`,
    [provinceCode, JSON.stringify(groups.map((g) => ({ grp: g, lo: bounds[g][0], hi: bounds[g][1] })))],
  );
}

/** Every dose of ~300 vaccinated people, checked by the dose rules (checkDose): how many are flagged. */
async function checkSample(
  c: PoolClient,
  provinceCode: string,
): Promise<{ sampled: number; flagged: number }> {
  const { rows } = await c.query<{ birthDate: string; doses: DoseFacts[] }>(
    `SELECT p.birth_date AS "birthDate",
            json_agg(json_build_object('doseNumber', v.dose_number, 'kind', v.kind, 'product', v.product,
                                       'givenOn', v.given_on) ORDER BY v.dose_number) AS doses
       FROM (SELECT id FROM vx_plan ORDER BY random() LIMIT 300) s
       JOIN persons p ON p.id = s.id AND p.province_code = $1
       JOIN vaccine_doses v ON v.person_id = p.id AND v.province_code = p.province_code
      GROUP BY p.id, p.birth_date`,
    [provinceCode],
  );
  let sampled = 0;
  let flagged = 0;
  for (const r of rows) {
    for (const [i, dose] of r.doses.entries()) {
      sampled++;
      const check = checkDose({
        birthDate: r.birthDate,
        previous: r.doses.slice(0, i),
        dose: { ...dose, kind: dose.kind as DoseKind },
      });
      if (!check.clean) flagged++;
    }
  }
  return { sampled, flagged };
}

/**
 * The story's figures against the coverage the triggers computed, through the same code the API
 * reads (vaccination/coverage.ts): each quoted rate within ±1.5 points; the backlog and the people
 * to verify within 2% of the scaled counts; the doses the rules flag under 2% of a sample.
 */
async function checkVaccination(
  c: PoolClient,
  pool: Pool,
  provinceCode: string,
  story: VaccinationStory,
  figures: { unsynced: number; toVerify: number },
  scale: number,
  sample: { sampled: number; flagged: number },
): Promise<void> {
  const problems: string[] = [];
  const rows = await coverage(c, await unitDirectory(pool), provinceCode, story.asOf);
  for (const q of story.quoted) {
    const row = rows.find((r) => r.unitCode === q.unitCode && r.ageGroup === q.ageGroup && r.dose === q.dose);
    const rate = row?.rate ?? null;
    if (rate === null || Math.abs(rate * 100 - q.rate) > QUOTED_TOLERANCE_POINTS) {
      problems.push(
        `${row?.unitName ?? q.unitCode} ${q.ageGroup} mũi ${q.dose}: ${rate === null ? 'không có' : formatRate(rate)}, số liệu trích dẫn ${q.rate}%`,
      );
    }
  }
  const near = (actual: number, quoted: number) => Math.abs(actual - quoted * scale) <= quoted * scale * 0.02;
  if (!near(figures.unsynced, story.unsyncedDoses))
    problems.push(
      `${figures.unsynced} mũi chưa đồng bộ, cần khoảng ${Math.round(story.unsyncedDoses * scale)}`,
    );
  if (!near(figures.toVerify, story.personsToVerify))
    problems.push(
      `${figures.toVerify} người cần xác minh, cần khoảng ${Math.round(story.personsToVerify * scale)}`,
    );
  if (sample.flagged > sample.sampled * 0.02)
    problems.push(`${sample.flagged}/${sample.sampled} mũi tiêm mẫu bị quy tắc tiêm chủng gắn cờ`);
  if (problems.length) {
    throw new Error(`Dữ liệu tiêm chủng mẫu lệch số liệu trích dẫn:\n  ${problems.join('\n  ')}`);
  }
}
