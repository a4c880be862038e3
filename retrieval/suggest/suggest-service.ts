import { ZhiwenError, zhiwenError } from '../../library/errors';
import { blankControlChars } from '../../library/rules';
import type { CurationSource } from '../curation';
import type { QueryPlan, QueryUnderstanding } from '../query';
import { buildCuratedIndex, buildLibraryIndex, MAX_KEY_CHARS, suggestKey, type EntryTable, type SuggestionKind } from './entries';
import { PrefixIndex, type KeyKind, type PrefixMatch } from './prefix-index';
import { relatedSearches } from './related';

export const MAX_SUGGEST_LIMIT = 20;

export interface SuggestRequest {
  /** What has been typed so far; empty = hot searches. Only the first 20 letters or characters count. */
  q?: string;
  /** Site code of the search box: its own hot words, queries and titles come first. */
  site?: string;
  limit?: number;
}

export interface Suggestion {
  text: string;
  kind: SuggestionKind;
  /** How the typed text matched: the characters, the full pinyin, or the initials. */
  matchedBy: 'prefix' | 'pinyin' | 'initials' | 'hot';
}

export interface SuggestResponse {
  query: string;
  suggestions: Suggestion[];
  /** Related searches for the query (popular queries and titles sharing its terms). */
  related: string[];
  /** Hot searches for the site (always given when the query is empty). */
  hot: string[];
  /** When nothing matched: likely intended queries, what the whole platform offers, hot topics. */
  noMatch?: { corrections: string[]; broaderScope?: { scope: 'platform'; suggestions: string[] }; hotTopics: string[] };
  tookMs: number;
}

/** The helper block of a search that found nothing. */
export interface NoResultsHelp {
  /** The 文号 the query asked for (canonical form) when no document bears it: "未找到文号 …". */
  docNumberNotFound?: string;
  suggestions: string[];
  /** The same query over the whole platform without filters, when that finds something. */
  broaderScope?: { scope: 'platform'; total: number };
  hotTopics: string[];
}

const MATCHED_BY = ['prefix', 'pinyin', 'initials'] as const satisfies Record<KeyKind, string>;
const EMPTY = { index: PrefixIndex.of([], []), entries: { texts: [], kinds: [], siteCodes: [], siteIds: [], scores: [] } as EntryTable };

/**
 * Autocomplete (characters, full pinyin and initials), hot searches, related searches and no-match help,
 * all from in-memory prefix indexes rebuilt off the request path: one for the library's terms and titles
 * (when the vocabulary is rebuilt), one for hot words and popular queries (when curation changes).
 */
export class SuggestService {
  private library = EMPTY;
  private curated = EMPTY;

  constructor(
    private readonly understanding: QueryUnderstanding,
    private readonly siteId: (code: string) => number | undefined,
    private readonly curation?: CurationSource,
  ) {
    understanding.onRebuilt(async (snapshot) => {
      this.library = await buildLibraryIndex(snapshot);
      this.rebuildCurated();
    });
    curation?.onChange(() => this.rebuildCurated());
    this.rebuildCurated();
  }

  private rebuildCurated(): void {
    if (this.curation) this.curated = buildCuratedIndex(this.curation, this.understanding.snapshot.syllables);
  }

  suggest(request: SuggestRequest): SuggestResponse {
    const started = performance.now();
    const limit = request.limit ?? 10;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_SUGGEST_LIMIT) {
      throw new ZhiwenError('BAD_LIMIT', `limit must be an integer from 1 to ${MAX_SUGGEST_LIMIT}, got ${limit}`);
    }
    const site = request.site || undefined;
    const siteId = site === undefined ? undefined : this.siteId(site);
    if (site !== undefined && siteId === undefined) {
      throw zhiwenError('UNKNOWN_SITE', site);
    }
    const q = blankControlChars(request.q ?? '').trim().slice(0, 100);
    const hot = this.hot(site, limit);
    const done = (r: Omit<SuggestResponse, 'tookMs' | 'query' | 'hot'>): SuggestResponse => ({
      query: q, ...r, hot, tookMs: Math.round((performance.now() - started) * 100) / 100,
    });
    const key = this.typedKey(q);
    if (!key) return done({ suggestions: hot.map((text) => ({ text, kind: 'hot', matchedBy: 'hot' })), related: [] });
    const suggestions = this.complete(key, limit, site, siteId);
    const related = relatedSearches(q, this.understanding, this.curation, { site, siteId, limit: 6 });
    if (suggestions.length > 0) return done({ suggestions, related });
    const platform = site ? this.complete(key, limit).map((s) => s.text) : [];
    return done({
      suggestions,
      related,
      noMatch: {
        corrections: this.corrections(q),
        ...(platform.length ? { broaderScope: { scope: 'platform' as const, suggestions: platform } } : {}),
        hotTopics: hot,
      },
    });
  }

  /** Hot searches: the site's hot words, the platform's, then popular queries; the library's top titles when none. */
  hot(site: string | undefined, limit: number): string[] {
    const words = this.curation?.hotWords(site) ?? [];
    const popular = (this.curation?.popularQueries() ?? []).filter((p) => p.site === null || p.site === site).map((p) => p.query);
    const out = [...new Set([...words, ...popular])];
    if (out.length < limit) for (const t of this.understanding.snapshot.titles.slice(0, limit)) if (!out.includes(t.text)) out.push(t.text);
    return out.slice(0, limit);
  }

  /** The help block for a search that found nothing. */
  noResults(plan: QueryPlan, site: string | undefined, platformTotal: number | undefined): NoResultsHelp {
    const typed = this.typedKey(plan.query.normalized);
    const siteId = site ? this.siteId(site) : undefined;
    const suggestions = [
      ...(plan.correction ? [plan.correction.query] : []),
      ...plan.readings,
      ...(typed ? this.complete(typed, 5, site, siteId).map((s) => s.text) : []),
      ...relatedSearches(plan.query.original, this.understanding, this.curation, { site, siteId, limit: 5 }),
    ];
    return {
      ...(plan.docNumberOnly ? { docNumberNotFound: plan.docNumberOnly } : {}),
      suggestions: [...new Set(suggestions)].filter((s) => s !== plan.query.normalized).slice(0, 8),
      ...(platformTotal ? { broaderScope: { scope: 'platform' as const, total: platformTotal } } : {}),
      hotTopics: this.hot(site, 8),
    };
  }

  /** Prefix key of typed text; Chinese followed by Latin letters (社保k) is matched as pinyin (shebaok). */
  private typedKey(q: string): string {
    const key = suggestKey(q);
    if (/[\u3400-\u9fff]/u.test(key) && /[a-z]$/.test(key)) {
      return this.understanding.snapshot.syllables(key).join('').replace(/[^a-z0-9]/g, '').slice(0, MAX_KEY_CHARS);
    }
    return key;
  }

  private complete(key: string, limit: number, site?: string, siteId?: number): Suggestion[] {
    const fromCurated = this.curated.index.search(key, limit, (e) => {
      const code = this.curated.entries.siteCodes[e];
      return code === null || code === site;
    });
    const fromLibrary = this.library.index.search(key, limit + fromCurated.length, siteId === undefined ? undefined : (e) => {
      const id = this.library.entries.siteIds[e];
      return id === -1 || id === siteId;
    });
    const out: Suggestion[] = [];
    const seen = new Set<string>();
    const take = (matches: PrefixMatch[], table: EntryTable) => {
      for (const { entry, kind } of matches) {
        const text = table.texts[entry];
        if (seen.has(text) || out.length >= limit) continue;
        seen.add(text);
        out.push({ text, kind: table.kinds[entry], matchedBy: MATCHED_BY[kind] });
      }
    };
    take(fromCurated, this.curated.entries);
    take(fromLibrary, this.library.entries);
    return out;
  }

  private corrections(q: string): string[] {
    const plan = this.understanding.plan(q);
    return [...new Set([...(plan.correction ? [plan.correction.query] : []), ...plan.readings])].slice(0, 3);
  }
}
