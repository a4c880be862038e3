import { zhiwenError } from '../../library/errors';
import type { DocAttributes } from './doc-attributes';
import type { SiteDirectory } from '../../library/sites';
import type { RetrievalRequest } from './retrieval';
import { isCurrent } from './signals';

/** The filter of an unfiltered request; callers compare with it to skip per-document calls. */
export const ACCEPT_ALL = (_slot: number): boolean => true;

/** Builds the per-document acceptance test of a request's scope and filters, resolving names once. */
export function buildAcceptFilter(
  request: RetrievalRequest,
  attrs: DocAttributes,
  sites: SiteDirectory,
): (slot: number) => boolean {
  const tests: Array<(slot: number) => boolean> = [];
  const scope = request.scope ?? (request.site ? 'site' : 'platform');
  if (scope !== 'platform') {
    if (!request.site) throw zhiwenError('SCOPE_NEEDS_SITE', scope);
    const site = sites.require(request.site);
    if (scope === 'site') tests.push((slot) => attrs.siteId[slot] === site.id);
    else {
      if (!site.region_code) throw zhiwenError('SITE_HAS_NO_REGION', site.code);
      const ids = sites.idsInRegion(site.region_code);
      tests.push((slot) => ids.has(attrs.siteId[slot]));
    }
  }
  if (request.region) {
    const ids = sites.idsInRegion(request.region);
    tests.push((slot) => ids.has(attrs.siteId[slot]));
  }
  if (request.siteLevel) {
    const ids = sites.idsAtLevel(request.siteLevel);
    tests.push((slot) => ids.has(attrs.siteId[slot]));
  }
  const interned = (value: string | undefined, table: { lookup(n: string): number | undefined }, column: ArrayLike<number>) => {
    if (!value) return;
    const id = table.lookup(value) ?? -1; // unknown value: matches nothing, which is the honest answer
    tests.push((slot) => column[slot] === id);
  };
  interned(request.infoType, attrs.infoTypes, attrs.infoType);
  interned(request.topic, attrs.topics, attrs.topic);
  interned(request.issuer, attrs.issuers, attrs.issuer);
  if (request.year) tests.push((slot) => attrs.year[slot] === request.year);
  if (request.validity === 'current') tests.push((slot) => isCurrent(attrs.validities.names[attrs.validity[slot]]));
  if (tests.length === 0) return ACCEPT_ALL;
  return (slot) => tests.every((t) => t(slot));
}
