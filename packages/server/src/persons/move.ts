import type { FastifyRequest } from 'fastify';
import { recordAudit } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import { COUNTRY, Scope } from '../auth/scope.ts';
import type { PoolClient } from '../db/pool.ts';
import { queryOne, sql } from '../db/sql.ts';
import { AppError, badInput } from '../http/errors.ts';
import { todayInVietnam } from '../http/time.ts';
import { type PersonRow, personInScope } from './queries.ts';
import { householdFits, residenceInside } from './service.ts';

/**
 * A person's own records, which live in the person's province and follow them when they move:
 * each is copied with the same ids into the new province, then deleted from the old one (the
 * distribution column is never updated). Listed parents before children.
 */
const PERSON_RECORDS: { table: string; of: string }[] = [
  { table: 'cases', of: 'person_id = $1' },
  {
    table: 'case_events',
    of: 'case_id IN (SELECT id FROM cases WHERE person_id = $1 AND province_code = $2)',
  },
  { table: 'lab_tests', of: 'person_id = $1' },
  { table: 'contacts', of: 'person_id = $1' },
  { table: 'vaccine_doses', of: 'person_id = $1' },
  { table: 'door_marks', of: 'person_id = $1' },
  { table: 'person_reviews', of: 'person_id = $1' },
  // Isolation and home care (issue 10): past episodes with their places, monitoring, warnings,
  // certificates, and the person's hotline requests (a person in a facility's bed does not move).
  { table: 'care_episodes', of: 'person_id = $1' },
  {
    table: 'care_stays',
    of: 'episode_id IN (SELECT id FROM care_episodes WHERE person_id = $1 AND province_code = $2)',
  },
  {
    table: 'monitoring_entries',
    of: 'episode_id IN (SELECT id FROM care_episodes WHERE person_id = $1 AND province_code = $2)',
  },
  { table: 'care_alerts', of: 'person_id = $1' },
  { table: 'recovery_certificates', of: 'person_id = $1' },
  { table: 'hotline_requests', of: 'person_id = $1' },
];

const columnsCache = new Map<string, string[]>();

async function columnsOf(c: PoolClient, table: string): Promise<string[]> {
  let columns = columnsCache.get(table);
  if (!columns) {
    const { rows } = await c.query<{ name: string }>(
      `SELECT attname AS name FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped
        ORDER BY attnum`,
      [table],
    );
    columns = rows.map((r) => r.name);
    columnsCache.set(table, columns);
  }
  return columns;
}

/** Copies the rows of `table` selected by `of` ($1 person, $2 old province) into province $3. */
async function copyRows(c: PoolClient, table: string, of: string, params: string[]): Promise<number> {
  const columns = await columnsOf(c, table);
  const values = columns.map((col) => (col === 'province_code' ? '$3' : `x.${col}`));
  const { rowCount } = await c.query(
    `INSERT INTO ${table} (${columns.join(', ')}) OVERRIDING SYSTEM VALUE
     SELECT ${values.join(', ')} FROM ${table} x WHERE x.province_code = $2 AND x.${of}`,
    params,
  );
  return rowCount ?? 0;
}

/**
 * Moves a person's residence to any commune of the country (a person who moves away leaves the
 * caller's jurisdiction; the caller must see them now). Within a province the residence changes in
 * place; to another province the person is deleted there and inserted here with the same id, with
 * their cases, tests and contact records, in one transaction. `person_moves` keeps the history;
 * the records keep the unit where each happened.
 */
export async function movePerson(
  c: PoolClient,
  me: Principal,
  request: FastifyRequest,
  id: string,
  target: { unitCode: string; householdId?: string | null; movedOn?: string | null },
): Promise<PersonRow> {
  const person = await personInScope(c, me, id, true);
  if (!person) {
    throw new AppError(
      404,
      'person_not_found',
      'Không tìm thấy người này hoặc người này ở ngoài địa bàn của bạn',
    );
  }
  const movedOn = target.movedOn ?? todayInVietnam();
  if (movedOn > todayInVietnam()) throw badInput('Ngày chuyển đi không được ở sau ngày hôm nay', 'movedOn');
  const anywhere = new Scope(COUNTRY);
  const unit = await residenceInside(c, anywhere, target.unitCode);
  if (unit.code === person.unitCode)
    throw badInput('Người này đã cư trú ở đơn vị này', 'unitCode', 'same_unit');
  await householdFits(c, anywhere, target.householdId ?? null, unit.code);
  const from = { unitCode: person.unitCode, provinceCode: person.provinceCode };
  const to = { unitCode: unit.code, provinceCode: unit.provinceCode };
  if (to.provinceCode === from.provinceCode) {
    await c.query(
      'UPDATE persons SET unit_code = $2, household_id = $3, updated_at = now(), updated_by = $4 WHERE id = $1',
      [id, to.unitCode, target.householdId ?? null, me.accountId],
    );
  } else {
    // A bed in this province's facility is this province's: discharge or transfer first.
    const inBed = await queryOne<{ id: string }>(
      c,
      sql`SELECT id FROM care_episodes WHERE person_id = ${id} AND province_code = ${from.provinceCode}
           AND status = 'active' AND place = 'facility'`,
    );
    if (inBed) {
      throw new AppError(
        409,
        'episode_in_facility',
        'Người này đang cách ly, điều trị tại một cơ sở của tỉnh: cho ra viện hoặc chuyển về nhà trước khi chuyển sang tỉnh khác',
        'unitCode',
      );
    }
    const params = [id, from.provinceCode, to.provinceCode];
    // The person first (their records reference them), with the new residence and household.
    const columns = await columnsOf(c, 'persons');
    const values = columns.map((col) =>
      col === 'province_code'
        ? '$3'
        : col === 'unit_code'
          ? '$4'
          : col === 'household_id'
            ? '$5'
            : `x.${col}`,
    );
    await c.query(
      `INSERT INTO persons (${columns.join(', ')})
       SELECT ${values.join(', ')} FROM persons x WHERE x.id = $1 AND x.province_code = $2`,
      [...params, to.unitCode, target.householdId ?? null],
    );
    for (const { table, of } of PERSON_RECORDS) await copyRows(c, table, of, params);
    // An isolation at home goes on at the new residence, in the care of its station (whose board
    // shows its open warnings); its phone link named the old province and is given again there.
    await c.query(
      `UPDATE care_episodes SET unit_code = $2, link_hash = NULL, updated_at = now()
        WHERE person_id = $1 AND province_code = $3 AND status = 'active'`,
      [id, to.unitCode, to.provinceCode],
    );
    await c.query(
      `UPDATE care_alerts SET unit_code = $2 WHERE person_id = $1 AND province_code = $3 AND status = 'open'`,
      [id, to.unitCode, to.provinceCode],
    );
    // Contacts elsewhere that point at the moved cases follow them (not a distribution column).
    await c.query(
      `UPDATE contacts SET case_province_code = $3
        WHERE case_province_code = $2 AND case_id IN (SELECT id FROM cases WHERE person_id = $1 AND province_code = $3)`,
      params,
    );
    for (const { table, of } of [...PERSON_RECORDS].reverse()) {
      await c.query(`DELETE FROM ${table} x WHERE x.province_code = $2 AND x.${of}`, params.slice(0, 2));
    }
    await c.query('DELETE FROM persons WHERE id = $1 AND province_code = $2', params.slice(0, 2));
    await c.query(
      'UPDATE identity_numbers SET province_code = $3 WHERE person_id = $1 AND province_code = $2',
      params,
    );
  }
  const move = await queryOne<{ id: string }>(
    c,
    sql`INSERT INTO person_moves (province_code, person_id, unit_code, from_province_code, from_unit_code, moved_on,
                                  created_by)
        VALUES (${to.provinceCode}, ${id}, ${to.unitCode}, ${from.provinceCode}, ${from.unitCode}, ${movedOn},
                ${me.accountId})
        RETURNING id`,
  );
  // Both places keep the event: the one the person left and the one they joined.
  for (const place of [from, to]) {
    await recordAudit(c, request, {
      action: 'move',
      entity: 'person',
      entityId: id,
      place,
      detail: { from, to, movedOn, moveId: move!.id },
    });
  }
  const moved = await personInScope(c, { ...me, scope: anywhere }, id);
  return moved!;
}
