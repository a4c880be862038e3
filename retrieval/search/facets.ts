import type { DocAttributes } from './doc-attributes';
import type { SiteDirectory } from './sites';
import type { FacetValue, SearchResponse } from './types';

/** Values shown per facet; the widget shows at most this many chips. */
const FACET_SIZE = 10;

/** Values of one dimension, best first: counts[id] per id, 0 = none. */
function topValues(counts: Int32Array, name: (id: number) => string | undefined): FacetValue[] {
  const values: FacetValue[] = [];
  for (let id = 1; id < counts.length; id++) {
    if (counts[id] === 0) continue;
    const value = name(id);
    if (value) values.push({ value, count: counts[id] });
  }
  return values.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value)).slice(0, FACET_SIZE);
}

/**
 * Counts of every matching document by each filter dimension. A broad query matches most of the
 * library, so the per-document step is a bare typed-array increment per dimension (a Map update
 * per document cost ~9 ms a query at 100k chunks; a counter object ~60 ns a document).
 */
export function computeFacets(slots: ArrayLike<number>, attrs: DocAttributes, sites: SiteDirectory): SearchResponse['facets'] {
  const infoType = new Int32Array(attrs.infoTypes.names.length);
  const validity = new Int32Array(attrs.validities.names.length);
  const topic = new Int32Array(attrs.topics.names.length);
  const issuer = new Int32Array(attrs.issuers.names.length);
  const site = new Int32Array(attrs.maxSiteId + 1);
  const year = new Int32Array(attrs.maxYear + 1);
  const yearIds = attrs.year;
  const cInfo = attrs.infoType;
  const cValidity = attrs.validity;
  const cTopic = attrs.topic;
  const cIssuer = attrs.issuer;
  const cSite = attrs.siteId;
  for (let i = 0; i < slots.length; i++) {
    const s = slots[i];
    infoType[cInfo[s]]++;
    validity[cValidity[s]]++;
    topic[cTopic[s]]++;
    issuer[cIssuer[s]]++;
    site[cSite[s]]++;
    year[yearIds[s]]++;
  }
  return {
    infoType: topValues(infoType, (id) => attrs.infoTypes.names[id]),
    site: topValues(site, (id) => sites.getById(id)?.code),
    year: topValues(year, (id) => String(id)),
    validity: topValues(validity, (id) => attrs.validities.names[id]),
    topic: topValues(topic, (id) => attrs.topics.names[id]),
    issuer: topValues(issuer, (id) => attrs.issuers.names[id]),
  };
}
