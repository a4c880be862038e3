import { arrayOf, bodyOf, int, nullableStr, num, obj, str } from './common';

const rateOrNull = { type: ['number', 'null'], description: 'a fraction 0–1; null where nothing was counted' } as const;

/** The counts and rates of library/analytics' UsageFigures. */
const figures = {
  searches: int, zeroResultSearches: int, zeroResultRate: rateOrNull,
  asks: int, answered: int, answerRate: rateOrNull, faqHits: int, faqHitRate: rateOrNull,
  suggestions: int, declines: int, declineRate: rateOrNull, helpful: int, unhelpful: int, satisfaction: rateOrNull,
};

export const USAGE_REPORT = obj({
  window: obj({ from: str, to: str, days: int }),
  totals: obj(figures),
  daily: arrayOf(obj({ day: str, ...figures })),
  bySite: arrayOf(obj({ site: nullableStr, name: nullableStr, regionCode: nullableStr, ...figures })),
  byRegion: arrayOf(obj({ regionCode: nullableStr, name: nullableStr, ...figures })),
});

export const TOP_QUERIES = obj({
  queries: arrayOf(obj({ query: str, searches: int, zeroResultSearches: int, zeroResultRate: num, sites: int, lastSearchedAt: str })),
});

export const ANALYTICS_CSV = bodyOf({ 'text/csv': 'one analytics table as CSV (UTF-8 with BOM)' });
