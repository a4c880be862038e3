import type { Queryable } from '../store/db';

/** Who did something: a person's account, a machine's service token, the CLI on the host, or Zhiwen itself. */
export interface Actor {
  kind: 'account' | 'service' | 'system' | 'cli';
  id: number | null;
  name: string;
  role?: string | null;
  address?: string | null;
  userAgent?: string | null;
}

export interface AuditEvent {
  /** Dotted verb, e.g. faq.approve, synonym.delete, account.create. */
  action: string;
  targetKind: string;
  targetId?: string | number | null;
  siteId?: number | null;
  before?: unknown;
  after?: unknown;
}

export interface AuditEntry extends Required<Omit<AuditEvent, 'targetId'>> {
  id: number;
  at: string;
  targetId: string | null;
  actor: Actor;
}

/** How long entries are kept at least (the seeds: six months); the table refuses earlier deletes. */
export const AUDIT_RETENTION_DAYS = 180;

/**
 * Appends one entry. Pass the transaction that makes the change, so a change and its record commit
 * together or not at all.
 */
export async function recordAudit(db: Queryable, actor: Actor, event: AuditEvent): Promise<void> {
  await db.query(
    `INSERT INTO audit_log (actor_kind, actor_id, actor_name, actor_role, action, target_kind, target_id, site_id, before, after, address, user_agent)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [
      actor.kind, actor.id, actor.name, actor.role ?? null, event.action, event.targetKind,
      event.targetId === undefined || event.targetId === null ? null : String(event.targetId), event.siteId ?? null,
      event.before === undefined ? null : JSON.stringify(event.before), event.after === undefined ? null : JSON.stringify(event.after),
      actor.address ?? null, actor.userAgent ?? null,
    ],
  );
}

export interface AuditQuery {
  since?: Date;
  until?: Date;
  action?: string;
  targetKind?: string;
  targetId?: string;
  actorName?: string;
  /** Only these sites' entries (an auditor scoped to sites); undefined: all. */
  siteIds?: number[];
  limit?: number;
  /** Entries with a smaller id (paging back through time). */
  beforeId?: number;
}

interface AuditRow {
  id: string; at: Date; actor_kind: Actor['kind']; actor_id: number | null; actor_name: string; actor_role: string | null;
  action: string; target_kind: string; target_id: string | null; site_id: number | null; before: unknown; after: unknown;
  address: string | null; user_agent: string | null;
}

/** Newest first. */
export async function listAudit(db: Queryable, q: AuditQuery = {}): Promise<AuditEntry[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, value: unknown) => {
    params.push(value);
    where.push(clause.replace('?', `$${params.length}`));
  };
  if (q.since) add('at >= ?', q.since);
  if (q.until) add('at < ?', q.until);
  if (q.action) add('action = ?', q.action);
  if (q.targetKind) add('target_kind = ?', q.targetKind);
  if (q.targetId) add('target_id = ?', q.targetId);
  if (q.actorName) add('actor_name = ?', q.actorName);
  if (q.siteIds) add('site_id = ANY(?::int[])', q.siteIds);
  if (q.beforeId) add('id < ?', q.beforeId);
  params.push(Math.min(Math.max(q.limit ?? 100, 1), 1000));
  const { rows } = await db.query<AuditRow>(
    `SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT $${params.length}`,
    params,
  );
  return rows.map((r) => ({
    id: Number(r.id), at: new Date(r.at).toISOString(), action: r.action, targetKind: r.target_kind, targetId: r.target_id,
    siteId: r.site_id, before: r.before, after: r.after,
    actor: { kind: r.actor_kind, id: r.actor_id, name: r.actor_name, role: r.actor_role, address: r.address, userAgent: r.user_agent },
  }));
}

/** Entries as CSV (RFC 4180), for auditors' exports. */
export function auditCsv(entries: readonly AuditEntry[]): string {
  const cell = (v: unknown) => {
    const s = v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const header = ['id', 'at', 'actor_kind', 'actor_name', 'actor_role', 'action', 'target_kind', 'target_id', 'site_id', 'before', 'after', 'address', 'user_agent'];
  const lines = entries.map((e) =>
    [e.id, e.at, e.actor.kind, e.actor.name, e.actor.role, e.action, e.targetKind, e.targetId, e.siteId, e.before, e.after, e.actor.address, e.actor.userAgent].map(cell).join(','),
  );
  return [header.join(','), ...lines].join('\r\n') + '\r\n';
}

/** The retention job: deletes entries older than `days` (never fewer than AUDIT_RETENTION_DAYS). */
export async function purgeAudit(db: Queryable, days = AUDIT_RETENTION_DAYS): Promise<number> {
  const keep = Math.max(days, AUDIT_RETENTION_DAYS);
  const { rows } = await db.query<{ n: number }>(
    `WITH gone AS (DELETE FROM audit_log WHERE at < now() - make_interval(days => $1) RETURNING 1) SELECT count(*)::int AS n FROM gone`,
    [keep],
  );
  return rows[0].n;
}
