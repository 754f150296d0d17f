import { type AgeGroup, formatVnDate } from '@tuyendau/domain';
import type { FastifyRequest } from 'fastify';
import { recordAudit } from '../../audit/audit.ts';
import type { Principal } from '../../auth/principal.ts';
import { inTransaction, type Pool } from '../../db/pool.ts';
import { AppError, badInput, notFound } from '../../http/errors.ts';
import { type UnitDirectory, unitDirectory } from '../../units/directory.ts';
import type { UnitRow } from '../../units/queries.ts';
import { parseAgeGroup, unitInJurisdiction } from '../coverage/service.ts';
import {
  deletePopulationTarget,
  deleteTarget,
  insertTarget,
  type PopulationTargetRow,
  populationTargetList,
  populationTargetOf,
  type TargetRow,
  targetById,
  targetByKey,
  targetList,
  updateTarget,
  upsertPopulationTarget,
} from './queries.ts';

/** A target as the API shows it: the rate in percent (90.5), the unit's name. */
export interface TargetOut {
  id: string;
  unitCode: string;
  unitName: string;
  ageGroup: AgeGroup;
  dose: number;
  targetRate: number;
  deadline: string;
  note: string | null;
  setAt: string;
}

export interface TargetInput {
  unitCode: string;
  ageGroup: string;
  dose: number;
  /** Percent, one decimal at most: 90 or 92.5. */
  targetRate: number;
  deadline: string;
  note?: string;
}

export type TargetChange = Partial<Pick<TargetInput, 'targetRate' | 'deadline' | 'note'>>;

function targetOut(units: UnitDirectory, t: TargetRow): TargetOut {
  return {
    id: t.id,
    unitCode: t.unitCode,
    unitName: units.get(t.unitCode)?.name ?? t.unitCode,
    ageGroup: t.ageGroup,
    dose: t.dose,
    targetRate: t.targetPermille / 10,
    deadline: t.deadline,
    note: t.note,
    setAt: t.setAt,
  };
}

/** Percent to tenths of a percent; more than one decimal or outside (0, 100] is refused, naming the field. */
function permilleOf(rate: number): number {
  const permille = Math.round(rate * 10);
  if (!(rate > 0 && rate <= 100) || Math.abs(permille - rate * 10) > 1e-6) {
    throw badInput(
      'Chỉ tiêu (targetRate) là tỷ lệ phần trăm lớn hơn 0 và không quá 100, tối đa một chữ số thập phân',
      'targetRate',
      'target_rate_invalid',
    );
  }
  return permille;
}

/** The codes of a unit and the units inside it; null for a province (all of it). */
function insideUnit(units: UnitDirectory, unit: UnitRow): string[] | null {
  if (unit.level === 'province') return null;
  return [unit.code, ...units.children(unit.code).map((c) => c.code)];
}

/**
 * Targets that bear on a unit: those set on it and on the units inside it, and those of the units
 * above it (a commune works to its district's and province's targets). Default: the caller's unit.
 */
export async function listTargets(
  pool: Pool,
  me: Principal,
  q: { unit?: string; ageGroup?: string; dose?: number },
): Promise<{ items: TargetOut[] }> {
  const units = await unitDirectory(pool);
  const unit = unitInJurisdiction(me, units, q.unit);
  const above = units
    .path(unit.code)
    .slice(0, -1)
    .map((u) => u.code);
  const rows = await targetList(
    pool,
    unit.provinceCode,
    { inside: insideUnit(units, unit), above },
    { ageGroup: parseAgeGroup(q.ageGroup), dose: q.dose },
  );
  return { items: rows.map((t) => targetOut(units, t)) };
}

function deadlineChecked(deadline: string): string {
  if (deadline < '2021-01-01') {
    throw badInput(
      `Hạn chỉ tiêu ${formatVnDate(deadline)} trước khi bắt đầu tiêm chủng COVID-19`,
      'deadline',
      'deadline_invalid',
    );
  }
  return deadline;
}

function duplicate(existing: TargetRow, unitName: string): AppError {
  return new AppError(
    409,
    'target_exists',
    `${unitName} đã có chỉ tiêu mũi ${existing.dose} nhóm ${existing.ageGroup} hạn ${formatVnDate(existing.deadline)}: hãy sửa chỉ tiêu đó`,
    'deadline',
    undefined,
    { id: existing.id },
  );
}

/** Sets a target for a unit inside the jurisdiction; one per unit, group, dose and deadline. Audited. */
export async function createTarget(
  pool: Pool,
  me: Principal,
  request: FastifyRequest,
  input: TargetInput,
): Promise<TargetOut> {
  const units = await unitDirectory(pool);
  const unit = unitInJurisdiction(me, units, input.unitCode, 'unitCode');
  const ageGroup = parseAgeGroup(input.ageGroup);
  if (!ageGroup) throw badInput('Chưa chọn nhóm tuổi', 'ageGroup', 'age_group_required');
  const row = {
    provinceCode: unit.provinceCode,
    unitCode: unit.code,
    ageGroup,
    dose: input.dose,
    targetPermille: permilleOf(input.targetRate),
    deadline: deadlineChecked(input.deadline),
    note: input.note?.trim() || null,
  };
  return inTransaction(pool, async (c) => {
    const existing = await targetByKey(c, row);
    if (existing) throw duplicate(existing, unit.name);
    const created = await insertTarget(c, row, me.accountId);
    await recordAudit(c, request, {
      action: 'create',
      entity: 'vaccination_target',
      entityId: created.id,
      place: { unitCode: unit.code, provinceCode: unit.provinceCode },
      detail: { after: targetOut(units, created) },
    });
    return targetOut(units, created);
  });
}

/** The target with this id if its unit lies inside the jurisdiction, else a 404 (as for none). */
async function targetInside(pool: Pool, me: Principal, units: UnitDirectory, id: string): Promise<TargetRow> {
  const row = await targetById(pool, id);
  if (row) {
    try {
      unitInJurisdiction(me, units, row.unitCode);
      return row;
    } catch {
      // reported as not found below
    }
  }
  throw notFound('Không tìm thấy chỉ tiêu này hoặc chỉ tiêu của đơn vị ngoài địa bàn của bạn');
}

export async function changeTarget(
  pool: Pool,
  me: Principal,
  request: FastifyRequest,
  id: string,
  change: TargetChange,
): Promise<TargetOut> {
  const units = await unitDirectory(pool);
  const before = await targetInside(pool, me, units, id);
  const after = {
    targetPermille: change.targetRate === undefined ? before.targetPermille : permilleOf(change.targetRate),
    deadline: change.deadline === undefined ? before.deadline : deadlineChecked(change.deadline),
    note: change.note === undefined ? before.note : change.note.trim() || null,
  };
  return inTransaction(pool, async (c) => {
    if (after.deadline !== before.deadline) {
      const existing = await targetByKey(c, { ...before, deadline: after.deadline });
      if (existing) throw duplicate(existing, units.get(before.unitCode)?.name ?? before.unitCode);
    }
    const updated = await updateTarget(c, id, after, me.accountId);
    await recordAudit(c, request, {
      action: 'update',
      entity: 'vaccination_target',
      entityId: id,
      place: { unitCode: before.unitCode, provinceCode: before.provinceCode },
      detail: { before: targetOut(units, before), after: targetOut(units, updated) },
    });
    return targetOut(units, updated);
  });
}

export async function removeTarget(
  pool: Pool,
  me: Principal,
  request: FastifyRequest,
  id: string,
): Promise<void> {
  const units = await unitDirectory(pool);
  const before = await targetInside(pool, me, units, id);
  await inTransaction(pool, async (c) => {
    await deleteTarget(c, id);
    await recordAudit(c, request, {
      action: 'delete',
      entity: 'vaccination_target',
      entityId: id,
      place: { unitCode: before.unitCode, provinceCode: before.provinceCode },
      detail: { before: targetOut(units, before) },
    });
  });
}

export interface PopulationTargetOut extends Omit<PopulationTargetRow, 'provinceCode'> {
  unitName: string;
}

function populationOut(units: UnitDirectory, p: PopulationTargetRow): PopulationTargetOut {
  const { provinceCode: _p, ...rest } = p;
  return { ...rest, unitName: units.get(p.unitCode)?.name ?? p.unitCode };
}

/** Official populations set on a unit and the units inside it. */
export async function listPopulationTargets(
  pool: Pool,
  me: Principal,
  q: { unit?: string; ageGroup?: string },
): Promise<{ items: PopulationTargetOut[] }> {
  const units = await unitDirectory(pool);
  const unit = unitInJurisdiction(me, units, q.unit);
  const rows = await populationTargetList(
    pool,
    unit.provinceCode,
    insideUnit(units, unit),
    parseAgeGroup(q.ageGroup),
  );
  return { items: rows.map((p) => populationOut(units, p)) };
}

/** Sets (or replaces) the official population of a unit and group: coverage divides by it from now on. Audited. */
export async function setPopulationTarget(
  pool: Pool,
  me: Principal,
  request: FastifyRequest,
  unitCode: string,
  rawGroup: string,
  input: { population: number; source?: string },
): Promise<PopulationTargetOut> {
  const units = await unitDirectory(pool);
  const unit = unitInJurisdiction(me, units, unitCode, 'unitCode');
  const ageGroup = parseAgeGroup(rawGroup);
  if (!ageGroup) throw badInput('Chưa chọn nhóm tuổi', 'ageGroup', 'age_group_required');
  const source = input.source?.trim() || null;
  return inTransaction(pool, async (c) => {
    const before = await populationTargetOf(c, unit.provinceCode, unit.code, ageGroup);
    const after = await upsertPopulationTarget(
      c,
      {
        provinceCode: unit.provinceCode,
        unitCode: unit.code,
        ageGroup,
        population: input.population,
        source,
      },
      me.accountId,
    );
    await recordAudit(c, request, {
      action: before ? 'update' : 'create',
      entity: 'population_target',
      entityId: `${unit.code}:${ageGroup}`,
      place: { unitCode: unit.code, provinceCode: unit.provinceCode },
      detail: { before: before ? populationOut(units, before) : null, after: populationOut(units, after) },
    });
    return populationOut(units, after);
  });
}

/** Removes the official population: coverage divides by the registry's residents again. Audited. */
export async function removePopulationTarget(
  pool: Pool,
  me: Principal,
  request: FastifyRequest,
  unitCode: string,
  rawGroup: string,
): Promise<void> {
  const units = await unitDirectory(pool);
  const unit = unitInJurisdiction(me, units, unitCode, 'unitCode');
  const ageGroup = parseAgeGroup(rawGroup);
  if (!ageGroup) throw badInput('Chưa chọn nhóm tuổi', 'ageGroup', 'age_group_required');
  await inTransaction(pool, async (c) => {
    const before = await populationTargetOf(c, unit.provinceCode, unit.code, ageGroup);
    if (!before) throw notFound(`${unit.name} chưa có dân số chính thức cho nhóm tuổi này`);
    await deletePopulationTarget(c, unit.provinceCode, unit.code, ageGroup);
    await recordAudit(c, request, {
      action: 'delete',
      entity: 'population_target',
      entityId: `${unit.code}:${ageGroup}`,
      place: { unitCode: unit.code, provinceCode: unit.provinceCode },
      detail: { before: populationOut(units, before) },
    });
  });
}
