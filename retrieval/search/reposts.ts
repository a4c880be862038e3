import type { DisplayDocument, DisplayRow } from '../../library/documents';
import type { Reposts } from './types';

/** Other copies listed with a result (their rows are fetched with the page's); `count` stays exact past it. */
export const REPOST_SITES_SHOWN = 10;

/**
 * The other copies of a result's repost cluster ("另有 N 个网站转载"): `otherIds` are the cluster's
 * other live documents in the index, canonical first; the first REPOST_SITES_SHOWN are listed from
 * their display rows (a copy withdrawn since the last sync has none). Undefined when there are none.
 */
export function repostsOf(
  otherIds: readonly number[],
  rows: ReadonlyMap<number, DisplayRow>,
  siteName: (doc: DisplayDocument) => string,
  urlOf: (doc: DisplayDocument) => string,
): Reposts | undefined {
  if (otherIds.length === 0) return undefined;
  const listed = otherIds.slice(0, REPOST_SITES_SHOWN).flatMap((id) => rows.get(id)?.doc ?? []);
  return {
    count: otherIds.length,
    sites: listed.map((d) => ({ code: d.siteCode, name: siteName(d), url: urlOf(d) })),
  };
}
