import type { Principal } from '../../auth/principal.ts';
import { ACTIVE_TREE } from '../../auth/scope.ts';
import type { Pool, PoolClient } from '../../db/pool.ts';
import { query, queryOne, sql } from '../../db/sql.ts';

/** A certificate with the names the paper prints (its station and district). */
export interface CertificateRow {
  id: string;
  provinceCode: string;
  unitCode: string;
  /** Phường Tân Phong */
  unitName: string | null;
  /** Tân Phong: the place in "Tân Phong, ngày …". */
  unitShortName: string | null;
  districtName: string | null;
  episodeId: string;
  personId: string;
  number: string;
  issuedOn: string;
  signerName: string | null;
  holderName: string;
  holderBirthYear: number;
  isolationFrom: string;
  isolationTo: string;
  criterion: string;
  verifyCode: string;
  revokedAt: string | null;
  revokedReason: string | null;
}

const COLUMNS = sql`r.id, r.province_code AS "provinceCode", r.unit_code AS "unitCode", u.name AS "unitName",
  u.short_name AS "unitShortName", d.name AS "districtName", r.episode_id AS "episodeId", r.person_id AS "personId",
  r.number, r.issued_on AS "issuedOn", r.signer_name AS "signerName", r.holder_name AS "holderName",
  r.holder_birth_year AS "holderBirthYear", r.isolation_from AS "isolationFrom", r.isolation_to AS "isolationTo",
  r.criterion, r.verify_code AS "verifyCode", r.revoked_at AS "revokedAt", r.revoked_reason AS "revokedReason"`;

const FROM = sql`recovery_certificates r
  LEFT JOIN units u ON u.tree = ${ACTIVE_TREE} AND u.code = r.unit_code
  LEFT JOIN units d ON d.tree = ${ACTIVE_TREE} AND d.code = u.district_code`;

/** A certificate inside the jurisdiction (the station's commune). */
export async function certificateInScope(
  db: Pool | PoolClient,
  me: Principal,
  id: string,
): Promise<CertificateRow | undefined> {
  return queryOne<CertificateRow>(
    db,
    sql`SELECT ${COLUMNS} FROM ${FROM}
         WHERE r.id = ${id} AND ${me.scope.covers(sql`r.unit_code`, sql`r.province_code`)}`,
  );
}

/** The certificates of an episode, the valid one first, then the revoked ones, newest first. */
export async function certificatesOfEpisode(
  db: Pool | PoolClient,
  episode: { id: string; provinceCode: string },
): Promise<CertificateRow[]> {
  return query<CertificateRow>(
    db,
    sql`SELECT ${COLUMNS} FROM ${FROM}
         WHERE r.episode_id = ${episode.id} AND r.province_code = ${episode.provinceCode}
         ORDER BY r.revoked_at IS NOT NULL, r.issued_on DESC, r.id`,
  );
}

/** The certificate a verify code names: one shard (its province) and one index entry. */
export async function certificateByCode(
  db: Pool,
  code: string,
  provinceCode: string,
): Promise<CertificateRow | undefined> {
  return queryOne<CertificateRow>(
    db,
    sql`SELECT ${COLUMNS} FROM ${FROM} WHERE r.verify_code = ${code} AND r.province_code = ${provinceCode}`,
    'certificate_by_code',
  );
}

/**
 * The next number of a station's register for a year. Under a transaction-scoped advisory lock on
 * (station, year), so two certificates issued at once never take the same number.
 */
export async function nextSequence(
  client: PoolClient,
  station: { unitCode: string; provinceCode: string },
  year: number,
): Promise<number> {
  await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
    `recovery_certificates:${station.provinceCode}:${station.unitCode}:${year}`,
  ]);
  const row = await queryOne<{ seq: number }>(
    client,
    sql`SELECT COALESCE(max(split_part(number, '/', 1)::int), 0) + 1 AS seq
          FROM recovery_certificates
         WHERE unit_code = ${station.unitCode} AND province_code = ${station.provinceCode}
           AND issued_on >= make_date(${year}::int, 1, 1) AND issued_on < make_date(${year}::int + 1, 1, 1)`,
  );
  return row!.seq;
}

export interface NewCertificate {
  provinceCode: string;
  unitCode: string;
  episodeId: string;
  personId: string;
  number: string;
  issuedOn: string;
  issuedBy: string;
  signerName: string;
  holderName: string;
  holderBirthYear: number;
  isolationFrom: string;
  isolationTo: string;
  criterion: string;
  verifyCode: string;
}

export async function insertCertificate(client: PoolClient, c: NewCertificate): Promise<string> {
  const row = await queryOne<{ id: string }>(
    client,
    sql`INSERT INTO recovery_certificates (province_code, unit_code, episode_id, person_id, number, issued_on,
                                           issued_by, signer_name, holder_name, holder_birth_year, isolation_from,
                                           isolation_to, criterion, verify_code)
        VALUES (${c.provinceCode}, ${c.unitCode}, ${c.episodeId}, ${c.personId}, ${c.number}, ${c.issuedOn},
                ${c.issuedBy}, ${c.signerName}, ${c.holderName}, ${c.holderBirthYear}, ${c.isolationFrom},
                ${c.isolationTo}, ${c.criterion}, ${c.verifyCode})
        RETURNING id`,
  );
  return row!.id;
}
