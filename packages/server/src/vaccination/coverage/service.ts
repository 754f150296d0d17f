import {
  AGE_GROUP_WORDS,
  AGE_GROUPS,
  type AgeGroup,
  backlogSentence,
  coverageSentence,
  formatVnDate,
  laggingSentence,
  sentenceUnitName,
  sentenceWhole,
} from '@tuyendau/domain';
import ExcelJS from 'exceljs';
import type { Principal } from '../../auth/principal.ts';
import { Scope } from '../../auth/scope.ts';
import type { Pool, PoolClient } from '../../db/pool.ts';
import { AppError, badInput } from '../../http/errors.ts';
import { inertRow } from '../../http/spreadsheet.ts';
import { todayInVietnam } from '../../http/time.ts';
import { asJurisdiction } from '../../persons/queries.ts';
import { type UnitDirectory, unitDirectory } from '../../units/directory.ts';
import type { UnitRow } from '../../units/queries.ts';
import { type CoverageRow, coverage } from '../coverage.ts';
import { cachedByGeneration, coverageScopes } from '../coverage-cache.ts';
import { type TargetRow, targetsOfUnits } from '../targets/queries.ts';
import { backlogCounts } from './queries.ts';

/** What the coverage routes are asked; every field optional (defaults: the caller's unit, today). */
export interface CoverageQuery {
  unit?: string;
  asOf?: string;
  ageGroup?: string;
  dose?: number;
}

/** The target that applies to a unit, group and dose on a day, and where it was set. */
export interface AppliedTarget {
  id: string;
  /** The rate to reach (0..1). */
  rate: number;
  /** The same in tenths of a percent, as stored (900: 90%). */
  permille: number;
  deadline: string;
  /** The unit the target was set on: the unit itself or the nearest unit above it that has one. */
  unitCode: string;
}

export interface CoverageItem extends CoverageRow {
  /** Where `population` comes from: the registry's residents, or the official figure set for the unit. */
  populationSource: 'registry' | 'official';
  target: AppliedTarget | null;
  /** People still to vaccinate to reach the target: ceil(target × population) − vaccinated, at least 0. */
  shortfall: number | null;
  /** Whether the rate is below the target (null: no target, or no population). */
  lagging: boolean | null;
}

export interface CoverageUnit {
  code: string;
  name: string;
  level: string;
  /** The name the report sentence uses ("TP Lai Châu", "Tam Đường", "phường Tân Phong"). */
  sentenceName: string;
}

/** The units of the sentences officials write most (the conclusion of 31/08/2022). */
export const CONCLUSION_PAIRS: readonly { ageGroup: AgeGroup; dose: number }[] = [
  { ageGroup: '18+', dose: 3 },
  { ageGroup: '18+', dose: 4 },
  { ageGroup: '12-17', dose: 3 },
  { ageGroup: '5-11', dose: 2 },
];

/** '18+' arrives as '18 ' when a query string was not encoded (a + is a space there). */
export function parseAgeGroup(raw: string | undefined, field = 'ageGroup'): AgeGroup | undefined {
  if (raw === undefined || raw === '') return undefined;
  const value = raw.replace(/ $/, '+').trim();
  if ((AGE_GROUPS as readonly string[]).includes(value)) return value as AgeGroup;
  throw badInput(
    `Nhóm tuổi "${raw}" không hợp lệ: chọn một trong ${AGE_GROUPS.join(', ')}`,
    field,
    'age_group_invalid',
  );
}

function districtOf(units: UnitDirectory, unit: UnitRow): string | null {
  if (unit.level === 'district') return unit.code;
  if (unit.level !== 'commune' || !unit.parentCode) return null;
  return units.get(unit.parentCode)?.level === 'district' ? unit.parentCode : null;
}

/**
 * The unit a coverage request is about: the one asked for if it lies inside the caller's
 * jurisdiction (else a 404 naming `unit`, as for a unit that does not exist), or the caller's own.
 */
export function unitInJurisdiction(
  me: Principal,
  units: UnitDirectory,
  code: string | undefined,
  field = 'unit',
): UnitRow {
  const asked = code?.trim() || me.unit?.code;
  if (!asked) {
    throw badInput('Tài khoản toàn quốc cần chọn đơn vị hành chính (unit)', field, 'unit_required');
  }
  const unit = units.get(asked);
  if (
    !unit ||
    !me.scope.includes({
      code: unit.code,
      provinceCode: unit.provinceCode,
      districtCode: districtOf(units, unit),
    })
  ) {
    throw new AppError(
      404,
      'unit_not_found',
      `Đơn vị hành chính ${asked} không tồn tại hoặc nằm ngoài địa bàn của bạn`,
      field,
    );
  }
  return unit;
}

/** The as-of day: the one asked for, not after today in Vietnam; default today. */
export function asOfDay(asked: string | undefined): string {
  const today = todayInVietnam();
  if (!asked) return today;
  if (asked > today) {
    throw badInput(
      `Ngày tính (asOf) ${formatVnDate(asked)} ở tương lai: chọn hôm nay (${formatVnDate(today)}) hoặc một ngày trước đó`,
      'asOf',
      'as_of_future',
    );
  }
  return asked;
}

function unitOut(u: UnitRow): CoverageUnit {
  return { code: u.code, name: u.name, level: u.level, sentenceName: sentenceUnitName(u) };
}

/**
 * The target that applies to `unitCode` for a group and dose on `asOf`: the nearest unit from the
 * unit up to its province that has targets for the pair; of its targets, the earliest deadline on
 * or after the day, else (all passed) the latest one.
 */
export function applicableTarget(
  targets: readonly TargetRow[],
  units: UnitDirectory,
  unitCode: string,
  ageGroup: AgeGroup,
  dose: number,
  asOf: string,
): AppliedTarget | null {
  for (const u of units.path(unitCode).reverse()) {
    const own = targets
      .filter((t) => t.unitCode === u.code && t.ageGroup === ageGroup && t.dose === dose)
      .sort((a, b) => a.deadline.localeCompare(b.deadline));
    if (own.length === 0) continue;
    const chosen = own.find((t) => t.deadline >= asOf) ?? own[own.length - 1];
    return {
      id: chosen.id,
      rate: chosen.targetPermille / 1000,
      permille: chosen.targetPermille,
      deadline: chosen.deadline,
      unitCode: u.code,
    };
  }
  return null;
}

function withTarget(row: CoverageRow, target: AppliedTarget | null): CoverageItem {
  // ceil(target × population) in integers: 90% of 1,001 people is 901 people.
  const needed = target ? Math.floor((target.permille * row.population + 999) / 1000) : null;
  return {
    ...row,
    populationSource: row.populationIsTarget ? 'official' : 'registry',
    target,
    shortfall: needed === null ? null : Math.max(0, needed - row.vaccinated),
    lagging: target && row.population > 0 ? row.vaccinated * 1000 < target.permille * row.population : null,
  };
}

/**
 * Coverage rows of a unit (first) and its children on a day, each with the target that applies
 * and the people still missing. The caller has checked the unit lies inside the jurisdiction.
 */
export async function coverageItems(
  db: Pool | PoolClient,
  units: UnitDirectory,
  unit: UnitRow,
  asOf: string,
): Promise<CoverageItem[]> {
  // A client may be inside a transaction whose writes are not committed: never cached.
  if ('release' in db) return computeCoverageItems(db, units, unit, asOf);
  const scopes = coverageScopes(unit.level, districtOf(units, unit));
  return cachedByGeneration(db, unit.provinceCode, scopes, `${units.tree}|${unit.code}|${asOf}`, () =>
    computeCoverageItems(db, units, unit, asOf),
  );
}

async function computeCoverageItems(
  db: Pool | PoolClient,
  units: UnitDirectory,
  unit: UnitRow,
  asOf: string,
): Promise<CoverageItem[]> {
  const children = units.children(unit.code);
  const [rows, targets] = await Promise.all([
    coverage(db, units, unit.code, asOf),
    targetsOfUnits(db, unit.provinceCode, [
      ...units.path(unit.code).map((u) => u.code),
      ...children.map((c) => c.code),
    ]),
  ]);
  // Frozen: the same rows may be served to many requests from the cache.
  return Object.freeze(
    rows.map((r) =>
      Object.freeze(withTarget(r, applicableTarget(targets, units, r.unitCode, r.ageGroup, r.dose, asOf))),
    ),
  ) as CoverageItem[];
}

/** GET /vaccination/coverage: the rows of a unit and its children, filtered by group and dose. */
export async function coverageReport(pool: Pool, me: Principal, q: CoverageQuery) {
  return JSON.parse((await coverageReportJson(pool, me, q)).text) as CoverageReportBody;
}

type CoverageReportBody = {
  asOf: string;
  unit: CoverageUnit;
  parents: CoverageUnit[];
  children: CoverageUnit[];
  items: CoverageItem[];
};

/**
 * Bodies already written, per cached rows (the rows' array is replaced when the province's
 * generation moves, which drops its bodies with it) and per request: a dashboard asks the same
 * unit and day again and again, and a district's 300 rows take longer to write than to find.
 */
const written = new WeakMap<readonly CoverageItem[], Map<string, WrittenBody>>();

/** A body as JSON text, and (once a client asked for it) the same compressed with gzip. */
export interface WrittenBody {
  text: string;
  gzip?: Buffer;
}

/** The body of GET /vaccination/coverage, as JSON text. */
export async function coverageReportJson(pool: Pool, me: Principal, q: CoverageQuery): Promise<WrittenBody> {
  const units = await unitDirectory(pool);
  const unit = unitInJurisdiction(me, units, q.unit);
  const asOf = asOfDay(q.asOf);
  const ageGroup = parseAgeGroup(q.ageGroup);
  const rows = await coverageItems(pool, units, unit, asOf);
  /** From the province down to the unit's parent, for drilling back up: those the caller may see. */
  const parents = units
    .path(unit.code)
    .slice(0, -1)
    .filter((u) =>
      me.scope.includes({ code: u.code, provinceCode: u.provinceCode, districtCode: districtOf(units, u) }),
    );
  const key = `${ageGroup ?? ''}|${q.dose ?? ''}|${parents.map((u) => u.code).join(',')}`;
  let bodies = written.get(rows);
  const hit = bodies?.get(key);
  if (hit) return hit;
  const body: CoverageReportBody = {
    asOf,
    unit: unitOut(unit),
    parents: parents.map(unitOut),
    children: units.children(unit.code).map(unitOut),
    items: rows.filter((r) => (!ageGroup || r.ageGroup === ageGroup) && (!q.dose || r.dose === q.dose)),
  };
  const out: WrittenBody = { text: JSON.stringify(body) };
  if (!bodies) {
    bodies = new Map();
    written.set(rows, bodies);
  }
  if (bodies.size < 64) bodies.set(key, out);
  return out;
}

/** GET /vaccination/lagging: the child units for one group and dose, lowest rate first. */
export async function laggingUnits(pool: Pool, me: Principal, q: CoverageQuery) {
  const units = await unitDirectory(pool);
  const unit = unitInJurisdiction(me, units, q.unit);
  const asOf = asOfDay(q.asOf);
  const ageGroup = parseAgeGroup(q.ageGroup) ?? '18+';
  const dose = q.dose ?? 3;
  const rows = (await coverageItems(pool, units, unit, asOf)).filter(
    (r) => r.ageGroup === ageGroup && r.dose === dose,
  );
  const [own, ...children] = rows;
  children.sort(
    (a, b) =>
      (a.rate ?? Number.POSITIVE_INFINITY) - (b.rate ?? Number.POSITIVE_INFINITY) ||
      a.unitName.localeCompare(b.unitName, 'vi'),
  );
  return {
    asOf,
    unit: unitOut(unit),
    ageGroup,
    dose,
    total: own,
    items: children,
    lagging: children.filter((c) => c.lagging).length,
  };
}

export interface CoverageSentence {
  ageGroup: AgeGroup;
  dose: number;
  /** The paragraph "Tỷ lệ … toàn tỉnh đạt …, trong đó: …" (children in descending order). */
  text: string;
  /** The units below their target, as a conclusion names them; null when no target applies. */
  lagging: string | null;
}

/**
 * The sentences officials write for a unit on a day, for each group and dose asked, plus the
 * data-cleaning sentence. For reuse by any report: the caller has checked the unit is inside
 * the jurisdiction (`unitInJurisdiction`).
 */
export async function coverageSentences(
  db: Pool | PoolClient,
  units: UnitDirectory,
  unit: UnitRow,
  asOf: string,
  pairs: readonly { ageGroup: AgeGroup; dose: number }[] = CONCLUSION_PAIRS,
): Promise<{ items: CoverageSentence[]; backlog: string; text: string }> {
  const scope = new Scope(
    asJurisdiction({
      code: unit.code,
      level: unit.level,
      provinceCode: unit.provinceCode,
      unitCodes:
        unit.level === 'district' ? [unit.code, ...units.children(unit.code).map((c) => c.code)] : undefined,
    }),
  );
  const [rows, counts] = await Promise.all([
    coverageItems(db, units, unit, asOf),
    backlogCounts(db, (u, p) => scope.covers(u, p)),
  ]);
  const children = units.children(unit.code);
  const nameOf = new Map(children.map((c) => [c.code, sentenceUnitName(c)]));
  const whole = sentenceWhole(unit);
  const items = pairs.map(({ ageGroup, dose }): CoverageSentence => {
    const pick = rows.filter((r) => r.ageGroup === ageGroup && r.dose === dose);
    const own = pick.find((r) => r.unitCode === unit.code)!;
    const kids = pick.filter((r) => r.unitCode !== unit.code);
    const lines = kids.map((r) => ({ unitName: nameOf.get(r.unitCode) ?? r.unitName, rate: r.rate }));
    const text = coverageSentence({ group: ageGroup, dose, whole, rate: own.rate, children: lines });
    const withTarget = kids.some((r) => r.target) || own.target;
    const lagging = withTarget
      ? laggingSentence({
          group: ageGroup,
          dose,
          whole,
          rate: own.rate,
          target: own.target?.rate ?? null,
          lagging: kids
            .filter((r) => r.lagging)
            .map((r) => ({
              unitName: nameOf.get(r.unitCode) ?? r.unitName,
              rate: r.rate,
              shortfall: r.shortfall ?? undefined,
            })),
        })
      : null;
    return { ageGroup, dose, text, lagging };
  });
  const backlog = backlogSentence(counts);
  // A conclusion names who lags where a target applies, and every unit where none does.
  const text = [
    ...items.map((i) => (pairs.length > 1 && i.lagging ? i.lagging : i.text)),
    ...(pairs.length > 1 ? [backlog] : []),
  ].join('\n');
  return { items, backlog, text };
}

/** GET /vaccination/sentence: one group and dose, or (neither given) the conclusion's set. */
export async function sentenceReport(pool: Pool, me: Principal, q: CoverageQuery) {
  const units = await unitDirectory(pool);
  const unit = unitInJurisdiction(me, units, q.unit);
  const asOf = asOfDay(q.asOf);
  const ageGroup = parseAgeGroup(q.ageGroup);
  if ((ageGroup === undefined) !== (q.dose === undefined)) {
    throw badInput(
      'Cần chọn cả nhóm tuổi và mũi tiêm (hoặc bỏ trống cả hai để có toàn bộ kết luận)',
      ageGroup === undefined ? 'ageGroup' : 'dose',
      'sentence_pair',
    );
  }
  const pairs = ageGroup && q.dose ? [{ ageGroup, dose: q.dose }] : CONCLUSION_PAIRS;
  const result = await coverageSentences(pool, units, unit, asOf, pairs);
  return {
    asOf,
    unit: unitOut(unit),
    items: result.items,
    backlog: result.backlog,
    text: pairs.length === 1 ? result.items[0].text : result.text,
  };
}

const DOSE_LABEL = (dose: number) => `Mũi ${dose}`;

/** GET /vaccination/coverage.xlsx: the same rows as the API, in Vietnamese, cells made inert. */
export async function coverageWorkbook(pool: Pool, me: Principal, q: CoverageQuery): Promise<Buffer> {
  const report = await coverageReport(pool, me, q);
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Độ bao phủ');
  sheet.addRow([
    `Độ bao phủ vắc xin COVID-19 — ${report.unit.name}, tính đến ngày ${formatVnDate(report.asOf)}`,
  ]);
  sheet.getRow(1).font = { bold: true };
  sheet.addRow([]);
  const columns = [
    { header: 'Đơn vị', key: 'unit', width: 26 },
    { header: 'Nhóm tuổi', key: 'group', width: 30 },
    { header: 'Mũi', key: 'dose', width: 8 },
    { header: 'Số người đã tiêm', key: 'vaccinated', width: 16 },
    { header: 'Dân số', key: 'population', width: 12 },
    { header: 'Nguồn dân số', key: 'source', width: 16 },
    { header: 'Tỷ lệ (%)', key: 'rate', width: 10 },
    { header: 'Bỏ mũi (chưa tiêm mũi này)', key: 'dropOut', width: 16 },
    { header: 'Chỉ tiêu (%)', key: 'target', width: 12 },
    { header: 'Hạn chỉ tiêu', key: 'deadline', width: 13 },
    { header: 'Còn thiếu (người)', key: 'shortfall', width: 16 },
  ];
  sheet.columns = columns.map(({ key, width }) => ({ key, width }));
  const header = sheet.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  for (const r of report.items) {
    sheet.addRow(
      inertRow({
        unit: r.unitName,
        group: AGE_GROUP_WORDS[r.ageGroup],
        dose: DOSE_LABEL(r.dose),
        vaccinated: r.vaccinated,
        population: r.population,
        source: r.populationSource === 'official' ? 'Số giao chính thức' : 'Sổ dân cư',
        rate: r.rate === null ? '' : Math.round(r.rate * 1000) / 10,
        dropOut: r.dropOut ?? '',
        target: r.target ? Math.round(r.target.rate * 1000) / 10 : '',
        deadline: r.target ? formatVnDate(r.target.deadline) : '',
        shortfall: r.shortfall ?? '',
      }),
    );
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
