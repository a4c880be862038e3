import { createHmac, randomBytes } from 'node:crypto';
import { clientNetwork } from '../../library/rules/client-network';
import type { Queryable } from '../../library/store';

const KEY_NAME = 'privacy.client_hash_key';

/** Turns a client address into a stable pseudonym of its network (an IPv6 /64 counts once), its address not kept. */
export type ClientHasher = (address: string) => string;

/**
 * The library's client-hash key (32 random bytes in `library_meta`, made once, shared by every replica
 * so distinct clients are counted alike everywhere and across days). HMAC rather than a plain hash:
 * without the key an IPv4 hash is reversed by trying all 2^32 addresses.
 */
export async function openClientHasher(db: Queryable): Promise<ClientHasher> {
  await db.query(
    `INSERT INTO library_meta (key, value) VALUES ($1, to_jsonb($2::text)) ON CONFLICT (key) DO NOTHING`,
    [KEY_NAME, randomBytes(32).toString('base64')],
  );
  const { rows } = await db.query<{ value: string }>('SELECT value #>> \'{}\' AS value FROM library_meta WHERE key = $1', [KEY_NAME]);
  const key = Buffer.from(rows[0].value, 'base64');
  return (address) => createHmac('sha256', key).update(clientNetwork(address)).digest('base64url').slice(0, 22);
}

/** The retention job: raw client addresses older than `hours` are removed from the query log; returns how many. */
export async function purgeClientAddresses(db: Queryable, hours: number): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `WITH gone AS (UPDATE query_log SET client_address = NULL
                    WHERE client_address IS NOT NULL AND created_at < now() - make_interval(secs => $1::float8 * 3600) RETURNING 1)
     SELECT count(*)::int AS n FROM gone`,
    [hours],
  );
  return rows[0].n;
}
