import type { SiteRow } from '../documents/sites';
import { regionPrefix } from '../sites/site-directory';

/** What a principal may do; routes name one action each (api/ maps routes to actions). */
export const ACTIONS = [
  /** Read the editorial side: entries, queues, unanswered questions, curation rules. */
  'editorial.read',
  /** Draft and edit consultation entries, synonyms, hot words and pins (never publish). */
  'editorial.write',
  /** Approve, reject, publish and retire entries (never one's own). */
  'editorial.review',
  /** Manage a site's keys, its people and its quarantine. */
  'site.manage',
  /** Register sites, run ingest, watch queues, manage accounts platform-wide. */
  'platform.manage',
  /** Store documents (pipelines' service tokens). */
  'ingest.write',
  /** Read health, queues and usage figures (monitoring). */
  'monitor.read',
  /** Read and export the audit log. */
  'audit.read',
] as const;
export type Action = (typeof ACTIONS)[number];

export const ROLES = ['platform_admin', 'site_admin', 'editor', 'reviewer', 'auditor'] as const;
export type Role = (typeof ROLES)[number];
/** Service tokens act as a role too; two roles exist only for machines. */
export const SERVICE_ROLES = ['ingest', 'monitor', 'site_admin', 'editor', 'reviewer', 'auditor'] as const;
export type ServiceRole = (typeof SERVICE_ROLES)[number];

/**
 * 权限分离: the editor drafts, the reviewer approves, the auditor only reads, and no role both writes
 * and audits except the platform admin, who answers for the platform as a whole.
 */
const ALLOWED: Record<Role | ServiceRole, readonly Action[]> = {
  platform_admin: ACTIONS,
  site_admin: ['site.manage', 'editorial.read', 'monitor.read'],
  editor: ['editorial.read', 'editorial.write'],
  reviewer: ['editorial.read', 'editorial.review'],
  auditor: ['audit.read', 'editorial.read', 'monitor.read'],
  ingest: ['ingest.write'],
  monitor: ['monitor.read'],
};

export function roleAllows(role: Role | ServiceRole, action: Action): boolean {
  return ALLOWED[role].includes(action);
}

/** A role on a scope: the whole platform (siteId null) or one site with the sites below it. */
export interface Grant {
  role: Role | ServiceRole;
  siteId: number | null;
}

/** The sites a grant's scope reaches, looked up by id (a SiteDirectory, or a map in tests). */
export interface SiteTree {
  getById(id: number): SiteRow | undefined;
}

/**
 * Whether a grant on `scopeSiteId` reaches `siteId`: the site itself, any site below it in the
 * registry's parent chain, and — for a province or city — any site inside its region
 * (a city's editor edits that city and its counties). A platform grant reaches every site.
 */
export function scopeCovers(tree: SiteTree, scopeSiteId: number | null, siteId: number | null): boolean {
  if (scopeSiteId === null) return true;
  if (siteId === null) return false; // a platform-wide target needs a platform grant
  const scope = tree.getById(scopeSiteId);
  if (!scope) return false;
  const seen = new Set<number>();
  for (let s = tree.getById(siteId); s && !seen.has(s.id); s = s.parent_id === null ? undefined : tree.getById(s.parent_id)) {
    if (s.id === scope.id) return true;
    seen.add(s.id);
  }
  const target = tree.getById(siteId);
  if (!target?.region_code || !scope.region_code || !['province', 'city'].includes(scope.level)) return false;
  return target.region_code.startsWith(regionPrefix(scope.region_code));
}

/** Whether any of the grants allows `action` on `siteId` (null: a platform-wide action). */
export function grantsAllow(tree: SiteTree, grants: readonly Grant[], action: Action, siteId: number | null): boolean {
  return grants.some((g) => roleAllows(g.role, action) && scopeCovers(tree, g.siteId, siteId));
}
