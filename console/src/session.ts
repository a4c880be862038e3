// Who is signed in, as GET /v1/auth/me says, and what the navigation may offer them.
// The API decides every request (api/auth/route-actions.ts); this only hides what would be refused.

/** Actions as in library/accounts/roles.ts (the API lists the ones a principal holds in `actions`). */
export type Action =
  | 'editorial.read' | 'editorial.write' | 'editorial.review' | 'site.manage'
  | 'platform.manage' | 'ingest.write' | 'monitor.read' | 'audit.read';

export interface Grant {
  role: string;
  /** null: the whole platform. */
  siteId: number | null;
  siteCode: string | null;
  siteName: string | null;
  /** What this grant allows, on its scope. */
  actions: Action[];
}

export interface Me {
  kind: 'account' | 'service' | 'anonymous';
  name: string;
  credential: string;
  grants: Grant[];
}

export interface Site {
  code: string;
  name: string;
  level: string;
  regionCode: string | null;
}

/** Whether any grant allows the action (on some scope; pass siteId null to ask for platform-wide). */
export function can(me: Me, action: Action, siteId?: number | null): boolean {
  return me.grants.some((g) => g.actions.includes(action) && (siteId === undefined || g.siteId === null || g.siteId === siteId));
}

export const ROLE_NAMES: Record<string, string> = {
  platform_admin: '平台管理员', site_admin: '网站管理员', editor: '编辑', reviewer: '审核员', auditor: '审计员',
  ingest: '采集服务', monitor: '监控服务',
};
