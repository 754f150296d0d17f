import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cccdPrefixForProvince, type Role } from '@tuyendau/domain';
import { inTransaction, type Pool } from '../db/pool.ts';
import { type AccountSeed, ensureAccounts } from './accounts.ts';
import { type CareSummary, seedCare } from './care.ts';
import { type OutbreakSummary, seedOutbreak } from './outbreak.ts';
import { seedVaccination, type VaccinationSummary } from './vaccination.ts';

const POPULATION_SQL = readFileSync(
  path.join(path.dirname(fileURLToPath(import.meta.url)), 'population.sql'),
  'utf8',
);

/** The date the synthetic registry describes: the 2021 unit list's date. */
export const DEMO_REFERENCE_DATE = '2021-11-01';

/** Short role words used in demo usernames: `<word>.<unit code>`, e.g. `chihuy.12`, `tram.03387`. */
export const ROLE_WORDS: Record<Exclude<Role, 'admin'>, string> = {
  command_center: 'chihuy',
  health_officer: 'yte',
  health_station: 'tram',
  community_team: 'tocovid',
  checkpoint: 'chot',
  agency_reporter: 'baocao',
  viewer: 'xem',
};

const ROLE_TITLES: Record<Exclude<Role, 'admin'>, string> = {
  command_center: 'Ban Chỉ đạo',
  health_officer: 'Cán bộ y tế',
  health_station: 'Trạm Y tế',
  community_team: 'Tổ Covid cộng đồng',
  checkpoint: 'Chốt kiểm soát',
  agency_reporter: 'Cán bộ báo cáo',
  viewer: 'Người xem',
};

const PROVINCE_ROLES: Exclude<Role, 'admin'>[] = [
  'command_center',
  'health_officer',
  'checkpoint',
  'agency_reporter',
  'viewer',
];
const COMMUNE_ROLES: Exclude<Role, 'admin'>[] = [
  'command_center',
  'health_station',
  'community_team',
  'checkpoint',
  'viewer',
];

interface UnitRow {
  code: string;
  name: string;
  shortName: string;
  level: string;
  parentCode: string | null;
}

export interface DemoSummary {
  province: string;
  persons: number;
  households: number;
  accounts: AccountSeed[];
  /** The demo outbreak seeded by this call (null: the province had cases already, or has no story). */
  outbreak?: OutbreakSummary | null;
  /** The vaccination history seeded by this call (null: the province had doses already, or has no story). */
  vaccination?: VaccinationSummary | null;
  /** Isolation, home care and capacity over the outbreak seeded by this call (care.ts; null: nothing to do). */
  care?: CareSummary | null;
  seconds: number;
}

/**
 * Seeds the demo of one province: its agencies, demo accounts for every role at province,
 * district and commune level, a synthetic population registry the size of its 2019 census
 * population, a demo outbreak over that population (outbreak.ts), its isolation, home care and
 * capacity history (care.ts) and its vaccination history (vaccination.ts). Re-running it keeps
 * what is there.
 */
export async function seedDemoProvince(
  pool: Pool,
  provinceCode: string,
  password: string,
  {
    vaccination: withVaccination = true,
    care: withCare = true,
  }: { vaccination?: boolean; care?: boolean } = {},
): Promise<DemoSummary> {
  const started = Date.now();
  const { rows: units } = await pool.query<UnitRow>(
    `SELECT code, name, short_name AS "shortName", level, parent_code AS "parentCode"
       FROM units WHERE tree = '2021' AND province_code = $1 ORDER BY code`,
    [provinceCode],
  );
  const province = units.find((u) => u.level === 'province');
  if (!province) throw new Error(`Không có tỉnh mã ${provinceCode} trong danh mục đơn vị hành chính 2021`);
  const districts = units.filter((u) => u.level === 'district').slice(0, 2);
  const communesOf = (d: string) => units.filter((u) => u.parentCode === d);
  const communes = [
    ...communesOf(districts[0].code).slice(0, 2),
    ...communesOf(districts[1]?.code ?? '').slice(0, 1),
  ];

  await seedAgencies(pool, province, districts);

  const accounts: AccountSeed[] = [];
  const add = (roles: Exclude<Role, 'admin'>[], unit: UnitRow, agencyOf: (r: Role) => string | null) => {
    for (const role of roles) {
      accounts.push({
        username: `${ROLE_WORDS[role]}.${unit.code}`,
        fullName: `${ROLE_TITLES[role]} ${unit.name}`,
        role,
        unitCode: unit.code,
        agencyCode: agencyOf(role),
      });
    }
  };
  add(PROVINCE_ROLES, province, (r) =>
    r === 'health_officer' ? `SYT-${provinceCode}` : r === 'agency_reporter' ? `CA-${provinceCode}` : null,
  );
  for (const d of districts) {
    add(PROVINCE_ROLES, d, (r) =>
      r === 'health_officer' ? `TTYT-${d.code}` : r === 'agency_reporter' ? `UBND-${d.code}` : null,
    );
  }
  for (const c of communes) add(COMMUNE_ROLES, c, () => null);
  await ensureAccounts(pool, accounts, password);

  const { rows } = await pool.query('SELECT count(*)::int AS n FROM persons WHERE province_code = $1', [
    provinceCode,
  ]);
  if (rows[0].n === 0) {
    await inTransaction(pool, async (c) => {
      await c.query('SELECT setseed(0.2021)');
      await c.query(POPULATION_SQL, [provinceCode, cccdPrefixForProvince(provinceCode), DEMO_REFERENCE_DATE]);
      // National uniqueness of the numbers, as createPerson writes it (persons/identity.ts).
      await c.query(
        `INSERT INTO identity_numbers (id_number, person_id, province_code)
         SELECT id_number, id, province_code FROM persons WHERE province_code = $1 AND id_number IS NOT NULL`,
        [provinceCode],
      );
    });
    await pool.query('ANALYZE persons; ANALYZE households; ANALYZE identity_numbers');
  }
  const { rows: cases } = await pool.query('SELECT count(*)::int AS n FROM cases WHERE province_code = $1', [
    provinceCode,
  ]);
  const outbreak = cases[0].n === 0 ? await seedOutbreak(pool, provinceCode) : null;
  const care = withCare ? await seedCare(pool, provinceCode) : null;
  const vaccination = withVaccination ? await seedVaccination(pool, provinceCode) : null;
  const counts = await pool.query(
    `SELECT (SELECT count(*) FROM persons WHERE province_code = $1)::int AS persons,
            (SELECT count(*) FROM households WHERE province_code = $1)::int AS households`,
    [provinceCode],
  );
  return {
    province: province.name,
    persons: counts.rows[0].persons,
    households: counts.rows[0].households,
    accounts,
    outbreak,
    vaccination,
    care,
    seconds: (Date.now() - started) / 1000,
  };
}

async function seedAgencies(pool: Pool, province: UnitRow, districts: UnitRow[]): Promise<void> {
  const p = province.code;
  const short = province.shortName;
  const agencies: [string, string, string][] = [
    [`SYT-${p}`, `Sở Y tế tỉnh ${short}`, p],
    [`CDC-${p}`, `Trung tâm Kiểm soát bệnh tật tỉnh ${short}`, p],
    [`CA-${p}`, `Công an tỉnh ${short}`, p],
    [`BCHQS-${p}`, `Bộ Chỉ huy Quân sự tỉnh ${short}`, p],
    [`BDBP-${p}`, `Bộ Chỉ huy Bộ đội Biên phòng tỉnh ${short}`, p],
    [`SGDDT-${p}`, `Sở Giáo dục và Đào tạo tỉnh ${short}`, p],
    [`SLDTBXH-${p}`, `Sở Lao động – Thương binh và Xã hội tỉnh ${short}`, p],
    [`SCT-${p}`, `Sở Công Thương tỉnh ${short}`, p],
    [`STTTT-${p}`, `Sở Thông tin và Truyền thông tỉnh ${short}`, p],
    [`SGTVT-${p}`, `Sở Giao thông vận tải tỉnh ${short}`, p],
    ...districts.flatMap((d): [string, string, string][] => [
      [`UBND-${d.code}`, `Ủy ban nhân dân ${d.name}`, d.code],
      [`TTYT-${d.code}`, `Trung tâm Y tế ${d.name}`, d.code],
    ]),
  ];
  await pool.query(
    `INSERT INTO agencies (code, name, unit_code, province_code)
     SELECT code, name, unit_code, $4 FROM unnest($1::text[], $2::text[], $3::text[]) AS a(code, name, unit_code)
     ON CONFLICT (code) DO NOTHING`,
    [agencies.map((a) => a[0]), agencies.map((a) => a[1]), agencies.map((a) => a[2]), p],
  );
}
