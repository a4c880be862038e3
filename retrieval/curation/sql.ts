import { NotFoundError } from '../../library/errors';
import { requireSiteId } from '../../library/sites';
import type { Queryable } from '../../library/store';

/** Every editor write bumps the version in its own transaction: replicas reload when they see it change. */
export async function bumpVersion(tx: Queryable): Promise<void> {
  await tx.query('UPDATE curation_state SET version = version + 1 WHERE id = 1');
}

export async function readVersion(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ version: string | number }>('SELECT version FROM curation_state WHERE id = 1');
  return Number(rows[0]?.version ?? 0);
}

/** The id of a site by code (null for the platform), or UNKNOWN_SITE: library/sites `requireSiteId`, inside the write's transaction. */
export const resolveSite = requireSiteId;

export function notFound(kind: string, id: number): NotFoundError {
  return new NotFoundError(`no ${kind} with id ${id}`);
}

/** PostgreSQL unique_violation, from either driver. */
export function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: string }).code === '23505';
}

export const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());
