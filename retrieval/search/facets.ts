import type { MatchSet } from '../lexical';
import type { DocAttributes } from './doc-attributes';
import type { SiteDirectory } from '../../library/sites';
import type { FacetValue, SearchResponse } from './types';

/** Values shown per facet; the widget shows at most this many chips. */
const FACET_SIZE = 10;
/**
 * Above this many matching documents, facets count an even sample of about this many and scale up
 * (a broad question matches most of a 1M-chunk library: counting all of it was ~7 ms a query).
 * Values too rare to reach the sample cannot make the top ten of such a match set anyway.
 */
export const FACET_SAMPLE = 50_000;

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
export function computeFacets(
  matched: MatchSet, attrs: DocAttributes, sites: SiteDirectory,
): { facets: SearchResponse['facets']; estimated: boolean } {
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
  const scale = matched.sample(FACET_SAMPLE, (s) => {
    infoType[cInfo[s]]++;
    validity[cValidity[s]]++;
    topic[cTopic[s]]++;
    issuer[cIssuer[s]]++;
    site[cSite[s]]++;
    year[yearIds[s]]++;
  });
  const top = (counts: Int32Array, name: (id: number) => string | undefined) =>
    topValues(counts, name).map((v) => ({ value: v.value, count: Math.round(v.count * scale) }));
  return {
    facets: {
      infoType: top(infoType, (id) => attrs.infoTypes.names[id]),
      site: top(site, (id) => sites.getById(id)?.code),
      year: top(year, (id) => String(id)),
      validity: top(validity, (id) => attrs.validities.names[id]),
      topic: top(topic, (id) => attrs.topics.names[id]),
      issuer: top(issuer, (id) => attrs.issuers.names[id]),
    },
    estimated: scale !== 1,
  };
}
