import { describe, expect, it } from 'vitest';
import type { IndexFeedDocument } from '../../library/documents';
import { MatchSet } from '../lexical';
import { DocAttributes } from './doc-attributes';
import { computeFacets, FACET_SAMPLE } from './facets';
import { SiteDirectory } from '../../library/sites';

const INFO_TYPES = ['政策文件', '政策解读', '通知公告', '办事指南'];

function attributes(n: number): DocAttributes {
  const attrs = new DocAttributes();
  for (let slot = 0; slot < n; slot++) {
    // Uneven shares: 政策文件 is ~40% of the documents, 办事指南 ~10%.
    const r = (slot * 2654435761) % 100;
    const infoType = INFO_TYPES[r < 40 ? 0 : r < 70 ? 1 : r < 90 ? 2 : 3];
    attrs.set(slot, {
      siteId: 1, infoType, validity: slot % 10 === 0 ? '废止' : '有效', topic: null, issuer: null,
      publishedAt: `${2000 + (slot % 20)}-01-01`,
    } as IndexFeedDocument);
  }
  return attrs;
}

/** Slots 0..n-1 matched. */
function firstSlots(n: number): MatchSet {
  const set = MatchSet.empty();
  for (let s = 0; s < n; s++) set.add(s);
  return set;
}

describe('facets', () => {
  it('counts every matching document exactly up to the sample size', () => {
    const attrs = attributes(1000);
    const { facets, estimated } = computeFacets(firstSlots(1000), attrs, new SiteDirectory());
    expect(estimated).toBe(false);
    const exact = new Map<string, number>();
    for (let s = 0; s < 1000; s++) {
      const name = attrs.infoTypes.names[attrs.infoType[s]];
      exact.set(name, (exact.get(name) ?? 0) + 1);
    }
    expect(Object.fromEntries(facets.infoType.map((v) => [v.value, v.count]))).toEqual(Object.fromEntries(exact));
    expect(facets.validity).toEqual([{ value: '有效', count: 900 }, { value: '废止', count: 100 }]);
  });

  it('estimates from an even sample when more documents match, within a percent or two, and says so', () => {
    const n = 4 * FACET_SAMPLE + 123;
    const attrs = attributes(n);
    const { facets, estimated } = computeFacets(firstSlots(n), attrs, new SiteDirectory());
    expect(estimated).toBe(true);
    const exact = new Map<string, number>();
    for (let s = 0; s < n; s++) {
      const name = attrs.infoTypes.names[attrs.infoType[s]];
      exact.set(name, (exact.get(name) ?? 0) + 1);
    }
    expect(facets.infoType.map((v) => v.value)).toEqual([...exact].sort((a, b) => b[1] - a[1]).map(([k]) => k));
    for (const v of facets.infoType) expect(Math.abs(v.count - exact.get(v.value)!) / exact.get(v.value)!).toBeLessThan(0.02);
    expect(facets.year).toHaveLength(10);
  });
});
