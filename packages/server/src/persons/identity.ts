import type { PoolClient } from '../db/pool.ts';

/**
 * National uniqueness of identity numbers (CCCD, CMND, passport). The numbers live in a table of
 * their own keyed by the number (on Citus: distributed by it), written in the person's
 * transaction; a unique index on persons could only be unique within one province.
 */

/**
 * Claims `idNumber` for the person; false when another person holds it. Two transactions claiming
 * the same number at once: the second waits for the first and then sees its claim.
 */
export async function claimIdentityNumber(
  c: PoolClient,
  idNumber: string,
  personId: string,
  provinceCode: string,
): Promise<boolean> {
  const { rowCount } = await c.query(
    `INSERT INTO identity_numbers (id_number, person_id, province_code) VALUES ($1, $2, $3)
     ON CONFLICT (id_number) DO UPDATE SET province_code = EXCLUDED.province_code
      WHERE identity_numbers.person_id = EXCLUDED.person_id`,
    [idNumber, personId, provinceCode],
  );
  return rowCount === 1;
}

/** Gives a number back when its person no longer carries it. */
export async function releaseIdentityNumber(
  c: PoolClient,
  idNumber: string,
  personId: string,
): Promise<void> {
  await c.query('DELETE FROM identity_numbers WHERE id_number = $1 AND person_id = $2', [idNumber, personId]);
}
