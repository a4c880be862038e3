import type { SiteDirectory } from '../../library/sites';
import type { FacetValue, SearchResponse } from '../search/types';

/** Values shown per facet, as the embedded backend (retrieval/search/facets.ts). */
const FACET_SIZE = 10;
/** Buckets each shard returns before the top ten are cut: wide enough that re-sorting by clusters rarely misses one. */
const SHARD_SIZE = 50;

type FacetName = keyof SearchResponse['facets'];
const FIELDS: Record<FacetName, string> = {
  infoType: 'infoType', site: 'siteId', year: 'year', validity: 'validity', topic: 'topic', issuer: 'issuer',
};

export interface FacetBuckets {
  buckets: Array<{ key: string | number; clusters: { value: number } }>;
}

/**
 * Aggregations beside the text query: per facet, its values with the number of repost clusters
 * among the matching documents (one per cluster, as the embedded backend counts results as shown).
 */
export function facetAggregations(): Record<FacetName, object> {
  const aggs = {} as Record<FacetName, object>;
  for (const [name, field] of Object.entries(FIELDS) as Array<[FacetName, string]>) {
    aggs[name] = {
      terms: { field, size: FACET_SIZE * 2, shard_size: SHARD_SIZE },
      aggs: { clusters: { cardinality: { field: 'collapseKey' } } },
    };
  }
  return aggs;
}

/** The aggregation answer as the search response's facets: site ids become site codes. */
export function facetsFrom(aggs: Partial<Record<FacetName, FacetBuckets>> | undefined, sites: SiteDirectory): SearchResponse['facets'] {
  const values = (name: FacetName, label: (key: string | number) => string | undefined): FacetValue[] =>
    (aggs?.[name]?.buckets ?? [])
      .flatMap((b) => {
        const value = label(b.key);
        return value ? [{ value, count: b.clusters.value }] : [];
      })
      .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value))
      .slice(0, FACET_SIZE);
  const text = (key: string | number) => String(key);
  return {
    infoType: values('infoType', text),
    site: values('site', (id) => sites.getById(Number(id))?.code),
    year: values('year', text),
    validity: values('validity', text),
    topic: values('topic', text),
    issuer: values('issuer', text),
  };
}
