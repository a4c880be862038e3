import { zhiwenError } from '../../library/errors';
import type { SiteDirectory } from '../../library/sites';
import type { WeightedTerm } from '../lexical';
import type { RetrievalRequest } from '../search/retrieval';

/**
 * The request's scope and filters as OpenSearch filter clauses, resolved through the site directory
 * exactly as the embedded backend's buildAcceptFilter does (retrieval/search/filters.ts): a scope or a
 * region becomes the set of site ids it covers, so both backends agree on what "region" means.
 */
export function filterClauses(request: RetrievalRequest, sites: SiteDirectory): object[] {
  const filters: object[] = [];
  const siteIds = (ids: Set<number>) => filters.push({ terms: { siteId: [...ids] } });
  const scope = request.scope ?? (request.site ? 'site' : 'platform');
  if (scope !== 'platform') {
    if (!request.site) throw zhiwenError('SCOPE_NEEDS_SITE', scope);
    const site = sites.require(request.site);
    if (scope === 'site') filters.push({ term: { siteId: site.id } });
    else {
      if (!site.region_code) throw zhiwenError('SITE_HAS_NO_REGION', site.code);
      siteIds(sites.idsInRegion(site.region_code));
    }
  }
  if (request.region) siteIds(sites.idsInRegion(request.region));
  if (request.siteLevel) siteIds(sites.idsAtLevel(request.siteLevel));
  for (const field of ['infoType', 'topic', 'issuer'] as const) {
    const value = request[field];
    if (value) filters.push({ term: { [field]: value } });
  }
  if (request.year) filters.push({ term: { year: request.year } });
  if (request.validity === 'current') filters.push({ term: { current: true } });
  return filters;
}

/**
 * BM25 over the title (× titleWeight, as the embedded index weighs it) and the best chunk (nested,
 * max), each term at its plan weight, times the document's prior (validity). The inner hit is the
 * best chunk: the passage to show.
 */
export function textQuery(
  terms: readonly WeightedTerm[], filters: object[], exclude: readonly string[], titleWeight: number, titleBoosts: object[] = [],
): object {
  const chunkTerms = terms.map(({ term, weight }) => ({ term: { 'chunks.tokens': { value: term, boost: weight } } }));
  const bool = {
    filter: filters,
    must_not: exclude.length ? [{ terms: { externalId: exclude } }] : [],
    should: [
      ...terms.map(({ term, weight }) => ({ term: { title: { value: term, boost: weight * titleWeight } } })),
      {
        nested: {
          path: 'chunks', score_mode: 'max',
          query: { bool: { should: chunkTerms } },
          inner_hits: { size: 1, _source: ['chunks.id'] },
        },
      },
    ],
    minimum_should_match: 1,
  };
  const text = titleBoosts.length ? { function_score: { query: { bool }, functions: titleBoosts, score_mode: 'max', boost_mode: 'multiply' } } : { bool };
  return { function_score: { query: text, field_value_factor: { field: 'prior', missing: 1 }, boost_mode: 'multiply' } };
}

/** Longest title looked for inside a query, as the embedded backend (retrieval/search/pipeline/title-boosts.ts). */
const MAX_TITLE_CHARS = 60;

/**
 * The contained-title boost of the embedded backend (retrieval/search/pipeline/title-boosts.ts) as
 * score functions: a document one of whose title keys is a substring of the query (at least
 * MIN_TITLE_KEY characters) scores × (1 + boost × its share of the query), the longest such title
 * counting (score_mode max). One function per substring length: its weight is that length's share.
 */
export function containedTitleFunctions(title: string, boost: number, minKey: number): object[] {
  if (title.length < minKey || boost === 0) return [];
  const functions: object[] = [];
  // Substrings by UTF-16 units, as the embedded backend slices the query.
  for (let len = minKey; len <= Math.min(title.length, MAX_TITLE_CHARS); len++) {
    const keys = new Set<string>();
    for (let start = 0; start + len <= title.length; start++) keys.add(title.slice(start, start + len));
    functions.push({ filter: { terms: { titleKeys: [...keys] } }, weight: 1 + (boost * len) / title.length });
  }
  return functions;
}

/** Documents whose title is the query (the exact-title pin), within the same filters. */
export function exactTitleQuery(titleKey: string, filters: object[], exclude: readonly string[]): object {
  return {
    bool: {
      filter: [...filters, { term: { titleKeys: titleKey } }],
      must_not: exclude.length ? [{ terms: { externalId: exclude } }] : [],
    },
  };
}
