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
export function textQuery(terms: readonly WeightedTerm[], filters: object[], exclude: readonly string[], titleWeight: number): object {
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
  return { function_score: { query: { bool }, field_value_factor: { field: 'prior', missing: 1 }, boost_mode: 'multiply' } };
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
