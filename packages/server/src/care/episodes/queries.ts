import type { Principal } from '../../auth/principal.ts';
import type { Pool, PoolClient } from '../../db/pool.ts';
import { queryOne, type SQL, sql } from '../../db/sql.ts';
import { AppError } from '../../http/errors.ts';

/** An episode as the pages and the other care modules read it (one row, no personal data beyond the name). */
export interface EpisodeRow {
  id: string;
  provinceCode: string;
  personId: string;
  personName: string;
  birthDate: string;
  sex: string;
  phone: string | null;
  /** The person's residence when the episode began (the health station in charge). */
  unitCode: string;
  unitName: string | null;
  reason: 'case' | 'contact' | 'arrival' | 'other';
  caseId: string | null;
  contactId: string | null;
  status: 'active' | 'ended';
  place: 'home' | 'facility';
  facilityId: string | null;
  facilityName: string | null;
  facilityKind: string | null;
  tierCode: string | null;
  commitmentSigner: string | null;
  commitmentOn: string | null;
  supervisingTeam: string | null;
  startOn: string;
  plannedEndOn: string | null;
  policyCode: string | null;
  endedOn: string | null;
  endReason: string | null;
  releaseCriterion: string | null;
  eligibility: unknown;
  hasLink: boolean;
  lastEntryAt: string | null;
  createdAt: string;
}

export const EPISODE_COLUMNS = sql`e.id, e.province_code AS "provinceCode", e.person_id AS "personId",
  p.full_name AS "personName", p.birth_date AS "birthDate", p.sex, p.phone,
  e.unit_code AS "unitCode", u.name AS "unitName", e.reason, e.case_id AS "caseId", e.contact_id AS "contactId",
  e.status, e.place, e.facility_id AS "facilityId", f.name AS "facilityName", f.kind AS "facilityKind",
  f.tier_code AS "tierCode", e.commitment_signer AS "commitmentSigner", e.commitment_on AS "commitmentOn",
  e.supervising_team AS "supervisingTeam", e.start_on AS "startOn", e.planned_end_on AS "plannedEndOn",
  e.policy_code AS "policyCode", e.ended_on AS "endedOn", e.end_reason AS "endReason",
  e.release_criterion AS "releaseCriterion", e.eligibility, e.link_hash IS NOT NULL AS "hasLink",
  e.last_entry_at AS "lastEntryAt", e.created_at AS "createdAt"`;

export const EPISODE_FROM = sql`care_episodes e
  JOIN persons p ON p.id = e.person_id AND p.province_code = e.province_code
  LEFT JOIN units u ON u.tree = (SELECT value FROM settings WHERE key = 'unit_tree') AND u.code = e.unit_code
  LEFT JOIN facilities f ON f.id = e.facility_id AND f.province_code = e.province_code`;

/**
 * SQL condition: the episode `e` is inside the caller's jurisdiction — the person's residence
 * (e.unit_code) is, or the facility the person is in now is (its managers see who is in its beds).
 */
export function episodeCovered(me: Principal, e = 'e'): SQL {
  const alias = sql.raw(e);
  return sql`(${me.scope.covers(sql`${alias}.unit_code`, sql`${alias}.province_code`)} OR (
    ${alias}.facility_id IS NOT NULL AND EXISTS (
      SELECT 1 FROM facilities fc WHERE fc.id = ${alias}.facility_id AND fc.province_code = ${alias}.province_code
         AND ${me.scope.covers(sql`fc.unit_code`, sql`fc.province_code`)})))`;
}

export const EPISODE_NOT_FOUND = 'Không tìm thấy đợt cách ly này trong địa bàn của bạn';

/**
 * The episode with this id inside the caller's jurisdiction (person's residence or current
 * facility), with the person's name and birth date, place, facility, start, planned end and status;
 * a 404 otherwise (outside is reported like missing). `lock`: FOR UPDATE of the episode row.
 */
export async function episodeInScope(
  db: Pool | PoolClient,
  me: Principal,
  id: string,
  opts: { lock?: boolean } = {},
): Promise<EpisodeRow> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) {
    throw new AppError(404, 'episode_not_found', EPISODE_NOT_FOUND, 'id');
  }
  const row = await queryOne<EpisodeRow>(
    db,
    sql`SELECT ${EPISODE_COLUMNS} FROM ${EPISODE_FROM}
         WHERE e.id = ${id} AND ${episodeCovered(me)}
         ${opts.lock ? sql`FOR UPDATE OF e` : sql``}`,
  );
  if (!row) throw new AppError(404, 'episode_not_found', EPISODE_NOT_FOUND, 'id');
  return row;
}
