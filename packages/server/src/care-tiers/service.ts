import { CARE_TIER_CODE, isFixedCarePlace } from '@tuyendau/domain';
import type { FastifyRequest } from 'fastify';
import { recordAudit } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import { inTransaction, type Pool } from '../db/pool.ts';
import { AppError, badInput, forbidden } from '../http/errors.ts';
import {
  type CareTier,
  careTierOf,
  careTiersOf,
  NATIONAL_DEFAULT,
  provinceExists,
  upsertCareTier,
} from './queries.ts';

/**
 * The province whose tiers a request reads: the one asked for, else the caller's own; a national
 * account asking for none reads the national defaults.
 */
async function provinceOf(pool: Pool, me: Principal, asked: string | undefined): Promise<string> {
  const code = asked?.trim() || me.unit?.provinceCode || NATIONAL_DEFAULT;
  if (code !== NATIONAL_DEFAULT && !(await provinceExists(pool, code))) {
    throw new AppError(404, 'province_not_found', `Không có tỉnh/thành phố mã ${code}`, 'province');
  }
  return code;
}

/** Reference data any account reads: the tiers in force in a province, retired ones included. */
export async function careTiers(
  pool: Pool,
  me: Principal,
  province: string | undefined,
): Promise<{ provinceCode: string; items: CareTier[] }> {
  const provinceCode = await provinceOf(pool, me, province);
  return { provinceCode, items: await careTiersOf(pool, provinceCode) };
}

export interface CareTierChange {
  name?: string;
  tier?: number;
  active?: boolean;
}

/**
 * Adds, renames, re-ranks or retires a tier of one province (its own row; a national default is
 * overridden, not changed). A province administrator changes only their own province; a national
 * one any province and the national defaults. Audited with the row before and after.
 */
export async function saveCareTier(
  pool: Pool,
  me: Principal,
  request: FastifyRequest,
  code: string,
  province: string | undefined,
  change: CareTierChange,
): Promise<CareTier> {
  if (!me.national && me.unit?.level !== 'province') {
    throw forbidden('Chỉ quản trị viên cấp tỉnh được sửa danh mục tầng điều trị của tỉnh');
  }
  const provinceCode = await provinceOf(pool, me, province);
  if (!me.national && provinceCode !== me.unit?.provinceCode) {
    throw forbidden('Bạn chỉ được sửa danh mục tầng điều trị của tỉnh mình');
  }
  if (isFixedCarePlace(code)) {
    throw badInput(
      'Tại nhà và cách ly tập trung không phải tầng điều trị, không sửa được',
      'code',
      'fixed_care_place',
    );
  }
  if (!CARE_TIER_CODE.test(code)) {
    throw badInput(
      'Mã tầng điều trị chỉ gồm chữ thường không dấu, chữ số và dấu gạch dưới, bắt đầu bằng chữ (tối đa 30 ký tự)',
      'code',
      'care_tier_code',
    );
  }
  const name = change.name?.trim();
  if (change.name !== undefined && !name)
    throw badInput('Chưa nhập tên tầng điều trị', 'name', 'name_required');
  return inTransaction(pool, async (c) => {
    // Serialises two changes of the same province's list.
    await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`care_tiers:${provinceCode}`]);
    const before = await careTierOf(c, provinceCode, code);
    if (!before && (name === undefined || change.tier === undefined)) {
      throw badInput(
        'Tầng điều trị mới cần có tên và cấp (tầng)',
        name === undefined ? 'name' : 'tier',
        'care_tier_new',
      );
    }
    const after = {
      code,
      name: name ?? before!.name,
      tier: change.tier ?? before!.tier,
      active: change.active ?? before?.active ?? true,
    };
    await upsertCareTier(c, provinceCode, after);
    await recordAudit(c, request, {
      action: before ? 'update' : 'create',
      entity: 'care_tier',
      entityId: `${provinceCode}:${code}`,
      place: { unitCode: null, provinceCode },
      detail: { before: before ?? null, after },
    });
    return (await careTierOf(c, provinceCode, code))!;
  });
}
