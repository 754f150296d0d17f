import {
  addDays,
  CONTACT_QUARANTINE_POLICIES,
  type QuarantineRule,
  SECONDARY_CONTACT_POLICIES,
} from '@tuyendau/domain';
import type { Principal } from '../auth/principal.ts';
import { Scope } from '../auth/scope.ts';
import type { Pool } from '../db/pool.ts';
import { todayInVietnam } from '../http/time.ts';
import { asJurisdiction } from '../persons/queries.ts';
import { unitDirectory } from '../units/directory.ts';
import {
  asOfDay,
  CONCLUSION_PAIRS,
  type CoverageItem,
  coverageItems,
  unitInJurisdiction,
} from '../vaccination/coverage/service.ts';
import { carePanelOf } from './care-panel.ts';
import {
  type Area,
  activeCasesByPlace,
  activeClusters,
  latestData,
  newCasesByChild,
  pendingResults,
  quarantineOn,
  quarantineWork,
  type Regime,
  recentCases,
  retestsDue,
  testsByKind,
  untracedCases,
  vaccinationBacklogByChild,
} from './queries.ts';

/** What every panel is asked: the day it shows (default today in Vietnam) and the unit (default the caller's). */
export interface PanelQuery {
  date?: string;
  unit?: string;
}

/** Data older than this many days is called out on the start pages, with the newest day offered. */
export const STALE_AFTER_DAYS = 30;

/** The unit a figure is about, as the panels name it; null for the whole country. */
interface AreaUnit {
  code: string;
  name: string;
  level: 'province' | 'district' | 'commune';
}

/** The caller's jurisdiction, or a unit inside it (a 404 naming `unit` for one outside). */
async function areaOf(pool: Pool, me: Principal, unit?: string): Promise<Area & { unit: AreaUnit | null }> {
  if (unit) {
    const u = await me.scope.unitInside(pool, unit, 'unit');
    return {
      scope: new Scope(asJurisdiction(u)),
      code: u.code,
      level: u.level,
      unit: { code: u.code, name: u.name, level: u.level },
    };
  }
  const own = me.unit;
  return {
    scope: me.scope,
    code: own?.code ?? null,
    level: own?.level ?? null,
    unit: own ? { code: own.code, name: own.name, level: own.level } : null,
  };
}

/** Isolation and home care on the day (issue 10 §6): places of care, alerts, silence, beds, requests. */
export async function carePanel(pool: Pool, me: Principal, q: PanelQuery) {
  const date = q.date ?? todayInVietnam();
  const area = await areaOf(pool, me, q.unit);
  return { ...(await carePanelOf(pool, area.scope, date)), unit: area.unit };
}

/** cases / previous − 1, rounded; null when there were none before. */
function change(now: number, before: number): number | null {
  return before > 0 ? Math.round((now / before - 1) * 1000) / 1000 : null;
}

/** The 7 days ending on a day and the 7 before them: the periods a panel compares. */
function weeksTo(date: string) {
  return {
    last7: { from: addDays(date, -6), to: date },
    previous7: { from: addDays(date, -13), to: addDays(date, -7) },
  };
}

/** The newest day of each source, and whether the newest of all is too old to be "today". */
export async function freshness(pool: Pool, me: Principal, q: PanelQuery) {
  const today = todayInVietnam();
  const area = await areaOf(pool, me, q.unit);
  const latest = (await latestData(pool, area, today)) ?? { cases: null, tests: null, contacts: null };
  const newest = [latest.cases, latest.tests, latest.contacts]
    .filter((d): d is string => d !== null)
    .sort()
    .at(-1);
  return {
    today,
    unit: area.unit,
    latest,
    latestOn: newest ?? null,
    stale: newest !== undefined && newest < addDays(today, -STALE_AFTER_DAYS),
  };
}

/** New cases on the day, in its 7 days and the 7 before, in total and per unit one level down. */
export async function newCasesPanel(pool: Pool, me: Principal, q: PanelQuery) {
  const date = q.date ?? todayInVietnam();
  const area = await areaOf(pool, me, q.unit);
  const rows = await newCasesByChild(pool, area, date);
  const sum = (k: 'today' | 'last7' | 'previous7') => rows.reduce((n, r) => n + r[k], 0);
  const total = { today: sum('today'), last7: sum('last7'), previous7: sum('previous7') };
  return {
    date,
    unit: area.unit,
    windows: weeksTo(date),
    total: { ...total, change: change(total.last7, total.previous7) },
    children: rows.map((r) => ({ ...r, change: change(r.last7, r.previous7) })),
  };
}

/** Cases under care on the day by place of care. */
export async function activeCasesPanel(pool: Pool, me: Principal, q: PanelQuery) {
  const date = q.date ?? todayInVietnam();
  const area = await areaOf(pool, me, q.unit);
  const places = await activeCasesByPlace(pool, area, date);
  return { date, unit: area.unit, total: places.reduce((n, p) => n + p.cases, 0), places };
}

/** Contacts in quarantine on the day by place, with those starting and ending it. */
export async function quarantinePanel(pool: Pool, me: Principal, q: PanelQuery) {
  const date = q.date ?? todayInVietnam();
  const area = await areaOf(pool, me, q.unit);
  const places = await quarantineOn(pool, area, date);
  const sum = (k: 'contacts' | 'started' | 'ending') => places.reduce((n, p) => n + p[k], 0);
  return {
    date,
    unit: area.unit,
    total: sum('contacts'),
    started: sum('started'),
    ending: sum('ending'),
    places: places.map(({ place, contacts }) => ({ place, contacts })),
  };
}

const CLUSTERS_SHOWN = 10;

/** Clusters open on the day, the most active first. */
export async function clustersPanel(pool: Pool, me: Principal, q: PanelQuery) {
  const date = q.date ?? todayInVietnam();
  const area = await areaOf(pool, me, q.unit);
  const rows = await activeClusters(pool, me, area, date, CLUSTERS_SHOWN);
  return {
    date,
    unit: area.unit,
    total: rows[0]?.total ?? 0,
    items: rows.map(({ total: _t, ...r }) => r),
  };
}

/** Tests of the 7 days ending on the day and of the 7 before, with the share of positive results. */
export async function testsPanel(pool: Pool, me: Principal, q: PanelQuery) {
  const date = q.date ?? todayInVietnam();
  const area = await areaOf(pool, me, q.unit);
  const kinds = await testsByKind(pool, area, date);
  const sum = (k: Exclude<keyof (typeof kinds)[number], 'kind'>) => kinds.reduce((n, r) => n + r[k], 0);
  // The share of positives among tests with a result (pending and invalid ones say nothing).
  const positivity = (positive: number, negative: number) =>
    positive + negative > 0 ? Math.round((positive / (positive + negative)) * 1000) / 1000 : null;
  return {
    date,
    unit: area.unit,
    windows: weeksTo(date),
    last7: {
      tests: sum('tests'),
      positive: sum('positive'),
      positivity: positivity(sum('positive'), sum('negative')),
    },
    previous7: {
      tests: sum('previousTests'),
      positive: sum('previousPositive'),
      positivity: positivity(sum('previousPositive'), sum('previousNegative')),
    },
    kinds: kinds
      .filter((k) => k.tests > 0)
      .map((k) => ({
        kind: k.kind,
        tests: k.tests,
        positive: k.positive,
        positivity: positivity(k.positive, k.negative),
      })),
  };
}

/* ------------------------------------------------------------------ the commune's work of a day */

/** Lines shown per section of the work list; the count says how many there are in all. */
const WORK_LINES = 50;
/** New cases: those of the day and the two before. */
const NEW_CASE_DAYS = 3;
/** Untraced cases: detected in the 14 days ending on the day (the longest quarantine since 07/2021). */
const TRACING_DAYS = 14;

/** Every regime of every quarantine policy version, with its test days (day 0 = exposure). */
const REGIMES: Regime[] = [
  ...CONTACT_QUARANTINE_POLICIES.map((p) => ({
    code: p.code,
    rules: [p.rule, p.vaccinatedOrRecovered?.rule],
  })),
  ...SECONDARY_CONTACT_POLICIES.map((p) => ({ code: p.code, rules: [p.rule] })),
].flatMap(({ code, rules }) =>
  rules
    .filter((r): r is QuarantineRule => !!r)
    .map((r) => ({ policyCode: code, place: r.place, days: r.days, testDays: r.testDays })),
);

function section<T extends { total: number }>(rows: T[]) {
  return { count: rows[0]?.total ?? 0, items: rows.map(({ total: _t, ...r }) => r) };
}

/**
 * The work of a commune on a day: results still pending, pool members to retest, contacts whose
 * quarantine ends or who are due a test, new cases, cases whose contacts are not traced.
 */
export async function workOfDay(pool: Pool, me: Principal, q: PanelQuery) {
  const date = q.date ?? todayInVietnam();
  const area = await areaOf(pool, me, q.unit);
  const [pending, retests, quarantine, newCases, untraced] = await Promise.all([
    pendingResults(pool, area, date, WORK_LINES),
    retestsDue(pool, area, date, WORK_LINES),
    quarantineWork(pool, area, date, REGIMES, WORK_LINES),
    recentCases(pool, area, date, NEW_CASE_DAYS, WORK_LINES),
    untracedCases(pool, area, date, TRACING_DAYS, WORK_LINES),
  ]);
  return {
    date,
    unit: area.unit,
    newCaseDays: NEW_CASE_DAYS,
    pendingResults: section(pending),
    retests: section(retests),
    quarantine: section(
      quarantine.map((k) => ({
        ...k,
        // 0: released today, 1: tomorrow; null: still in quarantine after tomorrow (listed for a test).
        endsIn: k.quarantineEnd <= addDays(date, 1) ? (k.quarantineEnd === date ? 0 : 1) : null,
      })),
    ),
    newCases: section(newCases),
    untraced: section(untraced),
  };
}

/* ------------------------------------------------------------------------ vaccination panels */

/**
 * The coverage rows of the area (the unit asked for, else the caller's own) on the day, or none
 * for a whole-country account that has not picked a unit (coverage is per unit).
 */
async function areaCoverage(pool: Pool, me: Principal, q: PanelQuery) {
  const asOf = asOfDay(q.date);
  if (!q.unit && !me.unit) return { asOf, unit: null, rows: [] as CoverageItem[] };
  const units = await unitDirectory(pool);
  const unit = unitInJurisdiction(me, units, q.unit);
  const rows = await coverageItems(pool, units, unit, asOf);
  return { asOf, unit: { code: unit.code, name: unit.name, level: unit.level }, rows };
}

const coverageOut = ({
  unitCode: _u,
  unitName: _n,
  registryPopulation: _r,
  populationIsTarget: _p,
  ...r
}: CoverageItem) => r;

/** Coverage of the area by age group and dose on the day, each against the target that applies. */
export async function vaccinationCoveragePanel(pool: Pool, me: Principal, q: PanelQuery) {
  const { asOf, unit, rows } = await areaCoverage(pool, me, q);
  return {
    date: asOf,
    unit,
    items: rows.filter((r) => r.unitCode === unit?.code).map(coverageOut),
  };
}

/** Child units shown per group and dose: all those below target, else this many of the lowest. */
const LAGGING_SHOWN = 3;

/**
 * For the groups and doses a conclusion names (18+ dose 3 and 4, 12–17 dose 3, 5–11 dose 2): the
 * area's rate and target, and its child units below the target (lowest first, with the people
 * still missing); without a target, the lowest three.
 */
export async function vaccinationLaggingPanel(pool: Pool, me: Principal, q: PanelQuery) {
  const { asOf, unit, rows } = await areaCoverage(pool, me, q);
  const items = unit
    ? CONCLUSION_PAIRS.map(({ ageGroup, dose }) => {
        const pick = rows.filter((r) => r.ageGroup === ageGroup && r.dose === dose);
        const own = pick.find((r) => r.unitCode === unit.code);
        const children = pick
          .filter((r) => r.unitCode !== unit.code && r.rate !== null)
          .sort((a, b) => (a.rate ?? 0) - (b.rate ?? 0) || a.unitName.localeCompare(b.unitName, 'vi'));
        const withTarget = children.some((c) => c.target);
        const shown = withTarget ? children.filter((c) => c.lagging) : children.slice(0, LAGGING_SHOWN);
        return {
          ageGroup,
          dose,
          rate: own?.rate ?? null,
          target: own?.target ?? null,
          children: children.length,
          lagging: withTarget ? shown.length : null,
          units: shown.map((c) => ({
            code: c.unitCode,
            name: c.unitName,
            rate: c.rate,
            target: c.target,
            shortfall: c.shortfall,
          })),
        };
      })
    : [];
  return { date: asOf, unit, items };
}

/**
 * The backlog as it stands now, per unit one level down: doses not yet on the national platform
 * (with the oldest one's day) and people with information to verify.
 */
export async function vaccinationBacklogPanel(pool: Pool, me: Principal, q: PanelQuery) {
  const area = await areaOf(pool, me, q.unit);
  const rows = await vaccinationBacklogByChild(pool, area);
  const oldest =
    rows
      .map((r) => r.oldestOn)
      .filter((d): d is string => d !== null)
      .sort()[0] ?? null;
  return {
    unit: area.unit,
    total: {
      unsyncedDoses: rows.reduce((n, r) => n + r.unsyncedDoses, 0),
      oldestOn: oldest,
      personsToVerify: rows.reduce((n, r) => n + r.personsToVerify, 0),
    },
    children: rows,
  };
}
