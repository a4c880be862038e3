import type { DocAttributes } from './doc-attributes';
import type { SiteDirectory } from './sites';
import type { FacetValue, SearchResponse } from './types';

/** Values shown per facet; the widget shows at most this many chips. */
const FACET_SIZE = 10;

function top(counts: Map<string, number>): FacetValue[] {
  return [...counts]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value))
    .slice(0, FACET_SIZE);
}

/** Counts of every matching document by each filter dimension. */
export function computeFacets(slots: readonly number[], attrs: DocAttributes, sites: SiteDirectory): SearchResponse['facets'] {
  const dims = {
    infoType: new Map<string, number>(),
    site: new Map<string, number>(),
    year: new Map<string, number>(),
    validity: new Map<string, number>(),
    topic: new Map<string, number>(),
    issuer: new Map<string, number>(),
  };
  const bump = (m: Map<string, number>, k: string | undefined) => {
    if (k) m.set(k, (m.get(k) ?? 0) + 1);
  };
  for (const slot of slots) {
    bump(dims.infoType, attrs.infoTypes.names[attrs.infoType[slot]]);
    bump(dims.site, sites.getById(attrs.siteId[slot])?.code);
    bump(dims.year, attrs.year[slot] ? String(attrs.year[slot]) : undefined);
    bump(dims.validity, attrs.validities.names[attrs.validity[slot]]);
    bump(dims.topic, attrs.topics.names[attrs.topic[slot]]);
    bump(dims.issuer, attrs.issuers.names[attrs.issuer[slot]]);
  }
  return {
    infoType: top(dims.infoType),
    site: top(dims.site),
    year: top(dims.year),
    validity: top(dims.validity),
    topic: top(dims.topic),
    issuer: top(dims.issuer),
  };
}
