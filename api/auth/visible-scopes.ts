import { grantsAllow, type Action, type Principal } from '../../library/accounts';
import type { Queryable } from '../../library/store';
import { siteTree } from './request-context';

/** What a listing may show a caller: everything (null), or the entries of these sites and regions. */
export interface VisibleScopes {
  siteCodes: string[];
  regionCodes: string[];
}

/**
 * The sites and regions whose entries `principal` may `action` (roles.ts' scope rule, through
 * grantsAllow): null with a platform-wide grant. A listing filtered by this shows exactly the entries
 * the caller could open one by one (GET /v1/faqs/:id authorizes on the entry's site).
 */
export async function visibleScopes(db: Queryable, principal: Principal, action: Action): Promise<VisibleScopes | null> {
  const tree = await siteTree(db);
  if (grantsAllow(tree, principal.grants, action, null)) return null;
  const sites = tree.ids.filter((id) => grantsAllow(tree, principal.grants, action, id)).map((id) => tree.getById(id)!);
  return {
    siteCodes: sites.map((s) => s.code),
    regionCodes: sites.flatMap((s) => (s.region_code ? [s.region_code] : [])),
  };
}
