import type { PoolClient } from '../db/pool.ts';
import { forgetAccount } from './principal-cache.ts';

/**
 * Ends the sessions and revokes the API tokens of an account, in the caller's transaction: after
 * a password reset or change, or when the account is disabled, nothing signed in before may go on.
 * `keepSessionHash` keeps the one session that made the change (a change of one's own password).
 */
export async function endSessionsAndTokens(
  client: PoolClient,
  accountId: string,
  opts: { keepSessionHash?: string } = {},
): Promise<{ sessionsEnded: number; tokensRevoked: number }> {
  const sessions = await client.query(
    'DELETE FROM sessions WHERE account_id = $1 AND token_hash IS DISTINCT FROM $2',
    [accountId, opts.keepSessionHash ?? null],
  );
  const tokens = await client.query(
    'UPDATE api_tokens SET revoked_at = now() WHERE account_id = $1 AND revoked_at IS NULL',
    [accountId],
  );
  await forgetAccount(client, accountId);
  return { sessionsEnded: sessions.rowCount ?? 0, tokensRevoked: tokens.rowCount ?? 0 };
}
