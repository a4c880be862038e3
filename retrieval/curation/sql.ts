import { NotFoundError, ZhiwenError } from '../../library/errors';
import type { Queryable } from '../../library/store';

/** Every editor write bumps the version in its own transaction: replicas reload when they see it change. */
export async function bumpVersion(tx: Queryable): Promise<void> {
  await tx.query('UPDATE curation_state SET version = version + 1 WHERE id = 1');
}

export async function readVersion(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ version: string | number }>('SELECT version FROM curation_state WHERE id = 1');
  return Number(rows[0]?.version ?? 0);
}

/** The id of a site by code (null for the platform), or a 404 saying where to find valid codes. */
export async function resolveSite(tx: Queryable, code: string | null | undefined): Promise<number | null> {
  if (code === null || code === undefined || code === '') return null;
  const { rows } = await tx.query<{ id: number }>('SELECT id FROM sites WHERE code = $1', [code]);
  if (!rows[0]) throw new ZhiwenError('UNKNOWN_SITE', `no site with code "${code}"; list sites at GET /v1/sites, or omit site for the whole platform`, 404);
  return rows[0].id;
}

export function notFound(kind: string, id: number, listPath: string): NotFoundError {
  return new NotFoundError(`no ${kind} with id ${id}; list them with GET ${listPath}`);
}

/** PostgreSQL unique_violation, from either driver. */
export function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: string }).code === '23505';
}

export const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());
