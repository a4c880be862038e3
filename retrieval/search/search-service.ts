import { indexForm } from '../../library/analyzer';
import { readIndexFeed, type DisplayDocument, type IndexFeedDocument } from '../../library/documents';
import { documentUrl } from '../documents';
import type { Embedder } from '../../library/embeddings';
import { ZhiwenError } from '../../library/errors';
import type { Db } from '../../library/store';
import type { CurationSource } from '../curation';
import { HybridRanker, type HybridOptions } from '../hybrid';
import { LexicalIndex, type LexicalHit, type LexicalIndexOptions, type WeightedTerm } from '../lexical';
import { QueryUnderstanding, type QueryUnderstandingOptions } from '../query';
import { narrowedBy, SuggestService } from '../suggest';
import { DisplayCache } from './display-cache';
import { FollowLoop, type FollowLoopStatus } from './follow-loop';
import { DocAttributes } from './doc-attributes';
import { RepostGroups } from './repost-groups';
import { REPOST_SITES_SHOWN, repostsOf } from './reposts';
import { computeFacets } from './facets';
import { ACCEPT_ALL, buildAcceptFilter } from './filters';
import { documentPrior, isCurrent } from './signals';
import { SiteDirectory } from './sites';
import { highlight, makeSnippet } from './snippet';
import type { SearchRequest, SearchResponse, SearchResult } from './types';

export const MAX_LIMIT = 50;
const EMPTY_FACETS: SearchResponse['facets'] = { infoType: [], site: [], year: [], validity: [], topic: [], issuer: [] };
const MAX_OFFSET = 1000;
/** Lexical candidates fused with the vector ranking in hybrid search. */
const HYBRID_POOL = 100;
/** Shortest title that counts as named inside a query (4 characters: 信访条例). */
const MIN_CONTAINED_TITLE = 4;
/** Longest title looked for inside a query; longer titles are matched by the exact-title pin. */
const MAX_TITLE_CHARS = 60;
/**
 * Score multiplier per unit of query covered by a contained title. Chosen on the dev gold sets
 * (unified library): see evals/README.md ("ranking constants").
 */
const CONTAINED_TITLE_BOOST = 2;

/** A replica's place in the change feed (SearchService.feedStatus). */
export interface FeedStatus extends FollowLoopStatus {
  appliedSeq: number;
  caughtUpAt: number | null;
}

export interface SearchServiceOptions extends LexicalIndexOptions {
  /** How often replicas look for library changes, ms. Default 1000 (new documents searchable in ~1 s). */
  followIntervalMs?: number;
  /** Multiplier per unit of query covered by a title named inside it; 0 turns it off. Default 2. */
  containedTitleBoost?: number;
  /** Editors' curation (synonyms, pinned results, hot words, query log); omitted = starter synonyms, no log. */
  curation?: CurationSource;
  /** Query understanding (expansions, pinyin, corrections, vocabulary); `{ enabled: false }` for baselines. */
  understanding?: QueryUnderstandingOptions;
  /**
   * Query embedder (library/embeddings `openEmbedder`). Set, and not `none`: hybrid search, the query's
   * nearest chunks fused with the lexical ranking (retrieval/hybrid). Omitted: lexical only, no model call.
   * The library's vectors must be this model's: check with `checkEmbeddingStamp` before serving.
   */
  embedder?: Embedder;
  /** Fusion settings for hybrid search (RRF k, weights, vector candidates); ignored without an embedder. */
  hybrid?: HybridOptions;
}

/**
 * Multi-valued key → document ids (文号 keys, normalised titles). Most keys name one document, so
 * a key holds a bare id until a second arrives (a Set per title cost ~100 bytes × 4 keys × 1M titles).
 */
class KeyedIds {
  private readonly map = new Map<string, number | Set<number>>();
  add(key: string | null, id: number): void {
    if (!key) return;
    const held = this.map.get(key);
    if (held === undefined) this.map.set(key, id);
    else if (typeof held === 'number') {
      if (held !== id) this.map.set(key, new Set([held, id]));
    } else held.add(id);
  }
  delete(key: string | null, id: number): void {
    if (!key) return;
    const held = this.map.get(key);
    if (held === id) this.map.delete(key);
    else if (typeof held === 'object') {
      held.delete(id);
      if (held.size === 1) this.map.set(key, held.values().next().value as number);
    }
  }
  get(key: string): Iterable<number> {
    const held = this.map.get(key);
    return held === undefined ? [] : typeof held === 'number' ? [held] : held;
  }
}

/**
 * Search over the library: an in-memory BM25 index fed from the library's change sequence, with
 * filters, facets, exact 文号 and title matching, and snippets. Several API replicas each hold one.
 */
export class SearchService {
  readonly index: LexicalIndex;
  readonly attributes = new DocAttributes();
  /** Repost clusters by slot: one result per cluster (retrieval/search/repost-groups.ts). */
  readonly reposts = new RepostGroups();
  readonly sites = new SiteDirectory();
  readonly understanding: QueryUnderstanding;
  readonly suggestions: SuggestService;
  /** The vector half of hybrid search; null (lexical only) without an embedding model. */
  readonly hybrid: HybridRanker | null;
  private readonly docNumbers = new KeyedIds();
  private readonly titles = new KeyedIds();
  /**
   * What each indexed document's keys were made from, by index slot (to take them back when it
   * changes): columns, where a Map of small objects cost ~100 bytes a document (measured at 1M chunks:
   * committed heap after the load 205 → 185 MiB).
   */
  private readonly externalIdAt: Array<string | undefined> = [];
  private readonly titleAt: Array<string | undefined> = [];
  private readonly docNumberKeyAt: Array<string | null | undefined> = [];
  private readonly idByExternal = new Map<string, number>();
  private readonly display: DisplayCache;
  private lastSeq = 0;
  /** When a sync last reached the end of the change feed (ms since the epoch), for /healthz's lag check. */
  private caughtUpAt: number | null = null;
  private follower: FollowLoop | null = null;
  private syncing: Promise<number> | null = null;

  constructor(
    private readonly db: Db,
    private readonly options: SearchServiceOptions = {},
  ) {
    this.index = new LexicalIndex(options);
    this.display = new DisplayCache(db);
    const df = (term: string) => {
      const { title, body } = this.index.documentFrequency(term);
      return title + body;
    };
    this.understanding = new QueryUnderstanding(df, options.curation, options.understanding);
    this.suggestions = new SuggestService(this.understanding, (code) => this.sites.get(code)?.id, options.curation);
    this.hybrid = options.embedder?.dimensions
      ? new HybridRanker(db, options.embedder, { slotOf: (id) => this.index.slotOf(id), prior: (slot) => this.index.priorAt(slot) }, options.hybrid)
      : null;
  }

  /** Applies every library change since the last sync; returns how many documents changed. */
  sync(): Promise<number> {
    // One sync at a time: a timer tick during a long first load must not apply changes twice.
    this.syncing ??= this.runSync().finally(() => (this.syncing = null));
    return this.syncing;
  }

  /** Keeps following the library, retrying with backoff while the database is down; returns a function that stops. */
  follow(): () => void {
    this.follower ??= new FollowLoop('search index sync', () => this.sync(), this.options.followIntervalMs ?? 1000);
    return this.follower.start();
  }

  /** Where this replica stands in the change feed: the last change applied, when it last caught up, failures. */
  get feedStatus(): FeedStatus {
    const loop = this.follower?.status ?? { failures: 0, lastError: null };
    return { appliedSeq: this.lastSeq, caughtUpAt: this.caughtUpAt, ...loop };
  }

  private async runSync(): Promise<number> {
    let changed = 0;
    await this.sites.reload(this.db);
    for (;;) {
      const batch = await readIndexFeed(this.db, this.lastSeq);
      if (batch.length === 0) break;
      for (const doc of batch) this.apply(doc);
      changed += batch.length;
      this.lastSeq = batch.at(-1)!.changeSeq;
    }
    this.caughtUpAt = Date.now();
    await this.understanding.afterSync();
    if (changed > 1000) this.index.settle();
    return changed;
  }

  private apply(doc: IndexFeedDocument): void {
    const previousSlot = this.index.slotOf(doc.id);
    const previousTitle = previousSlot === undefined ? undefined : this.titleAt[previousSlot];
    this.understanding.observe(doc, previousTitle === undefined ? undefined : { title: previousTitle });
    this.display.forget(doc.id);
    if (previousSlot !== undefined) {
      this.docNumbers.delete(this.docNumberKeyAt[previousSlot] ?? null, doc.id);
      for (const key of titleKeys(previousTitle ?? '')) this.titles.delete(key, doc.id);
      this.idByExternal.delete(this.externalIdAt[previousSlot]!);
      this.reposts.forget(previousSlot);
      // The old slot is dead from here on: its strings can go.
      this.externalIdAt[previousSlot] = this.titleAt[previousSlot] = this.docNumberKeyAt[previousSlot] = undefined;
    }
    if (doc.status !== 'active') {
      this.index.remove(doc.id);
      return;
    }
    const slot = this.index.upsert({ ...doc, prior: documentPrior(doc) });
    this.attributes.set(slot, doc);
    this.reposts.set(slot, doc);
    this.docNumbers.add(doc.docNumberKey, doc.id);
    for (const key of titleKeys(doc.title)) this.titles.add(key, doc.id);
    this.externalIdAt[slot] = doc.externalId;
    this.titleAt[slot] = doc.title;
    this.docNumberKeyAt[slot] = doc.docNumberKey;
    this.idByExternal.set(doc.externalId, doc.id);
  }

  async search(request: SearchRequest): Promise<SearchResponse> {
    const started = performance.now();
    const limit = request.limit ?? 10;
    const offset = request.offset ?? 0;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
      throw new ZhiwenError('BAD_LIMIT', `limit must be an integer from 1 to ${MAX_LIMIT}, got ${limit}`);
    }
    if (!Number.isInteger(offset) || offset < 0 || offset > MAX_OFFSET) {
      throw new ZhiwenError('BAD_OFFSET', `offset must be an integer from 0 to ${MAX_OFFSET}, got ${offset}`);
    }
    const plan = this.understanding.plan(request.q ?? '', request.site);
    const query = plan.query;
    if (!query.original) throw new ZhiwenError('EMPTY_QUERY', 'q is empty: type a word or a question to search for');
    const excluded = new Set((request.exclude ?? []).map((e) => this.idByExternal.get(e)).filter((x) => x !== undefined));
    const baseAccept = buildAcceptFilter(request, this.attributes, this.sites);
    // Unfiltered (the common case): no per-document call while walking postings (~5 ms a query at 100k).
    const unfiltered = excluded.size === 0 && baseAccept === ACCEPT_ALL;
    const accept = unfiltered ? ACCEPT_ALL : (slot: number) => !excluded.has(this.index.docIdAt(slot)) && baseAccept(slot);
    // Hybrid: the query's nearest chunks are fetched while BM25 runs below (never rejects).
    const nearest = this.hybrid?.nearest(query.original);

    // A title named inside the query lifts its document (applied inside the ranking, so the page is exact).
    const boosts = this.containedTitleBoosts(normalizeTitle(query.normalized));
    // Hybrid fuses a wider lexical pool with the vector ranking; lexical only needs the page.
    const pool = nearest ? Math.max(offset + limit, HYBRID_POOL) : offset + limit;
    const lexical = this.understanding.searchWithCorrection(plan, (terms) =>
      this.index.search({ terms, limit: pool, accept: unfiltered ? undefined : accept, boosts, collapse: this.reposts.collapse }),
    );
    const { terms, correction } = lexical;
    const ordered = lexical.hits;
    const { matched, hits: fused } = nearest && this.hybrid
      ? this.hybrid.fuse(lexical, ordered, await nearest, accept)
      : { matched: lexical.matched, hits: ordered };
    const hits = fused.slice(0, offset + limit);
    const pinned = this.pinnedHits(query.docNumberKeys, normalizeTitle(query.normalized), accept, hits, plan.pinned);
    const pinnedIds = new Set(pinned.map((p) => p.hit.docId));
    // One result per repost cluster (the lexical pool holds distinct clusters; pins and vector hits may repeat one).
    const ranked = this.reposts.dedupe([...pinned, ...fused.filter((h) => !pinnedIds.has(h.docId)).map((hit) => ({ hit, by: undefined }))]);
    const page = ranked.slice(offset, offset + limit);
    // Pinned documents count as matches even when none of the query's words is in them.
    for (const p of pinned) matched.add(p.hit.docSlot);
    // Totals and facets count results as shown: one per repost cluster, under the copy the page shows.
    this.reposts.collapseMatches(matched, ranked.slice(0, offset + limit));
    const results = await this.render(page, terms.map((t) => t.term), request.publicBase);
    const found = matched.count;
    const response: SearchResponse = {
      query: query.original,
      total: found,
      offset,
      limit,
      results,
      ...(request.internal ? { facets: EMPTY_FACETS } : facetsOf(computeFacets(matched, this.attributes, this.sites))),
      truncated: query.truncated,
      ...(correction ? { correction } : {}),
      ...(plan.expansions.length ? { expansions: plan.expansions } : {}),
      ...(found === 0 ? { noResults: this.suggestions.noResults(plan, request.site, narrowedBy(request).length ? this.platformTotal(terms) : undefined) } : {}),
      tookMs: Math.round((performance.now() - started) * 100) / 100,
    };
    if (offset === 0 && !request.internal) {
      this.options.curation?.logQuery({
        query: query.original, normalized: query.normalized, site: request.site ?? null, resultCount: found,
        correctedTo: correction?.applied ? correction.query : null, tookMs: response.tookMs,
      });
    }
    return response;
  }

  /**
   * A document whose whole title appears inside the query (上海市实施《中华人民共和国食品安全法》办法 names
   * 中华人民共和国食品安全法) is what the query is about: its score grows with the share of the query
   * its title covers. Titles shorter than MIN_CONTAINED_TITLE characters are too generic to count.
   * Returns score multipliers by document slot.
   */
  private containedTitleBoosts(query: string): Map<number, number> | undefined {
    if (query.length < MIN_CONTAINED_TITLE || this.options.containedTitleBoost === 0) return undefined;
    const boost = this.options.containedTitleBoost ?? CONTAINED_TITLE_BOOST;
    const coverage = new Map<number, number>();
    const longest = Math.min(query.length, MAX_TITLE_CHARS);
    for (let start = 0; start + MIN_CONTAINED_TITLE <= query.length; start++) {
      for (let len = MIN_CONTAINED_TITLE; len <= longest && start + len <= query.length; len++) {
        for (const id of this.titles.get(query.slice(start, start + len))) {
          const slot = this.index.slotOf(id);
          if (slot !== undefined) coverage.set(slot, Math.max(coverage.get(slot) ?? 0, len / query.length));
        }
      }
    }
    if (coverage.size === 0) return undefined;
    return new Map([...coverage].map(([slot, share]) => [slot, 1 + boost * share]));
  }

  /** What a platform-wide search for `terms` would count (one per repost cluster), for the no-results help. */
  private platformTotal(terms: WeightedTerm[]): number {
    const { matched } = this.index.search({ terms, limit: 1 });
    this.reposts.collapseMatches(matched, []);
    return matched.count;
  }

  /** Documents that must come first: editors' pins (best bets), the 文号 the user typed, then an exact title match. */
  private pinnedHits(
    docNumberKeys: string[],
    title: string,
    accept: (slot: number) => boolean,
    hits: LexicalHit[],
    editorPins: readonly string[] = [],
  ): Array<{ hit: LexicalHit; by: string }> {
    const byId = new Map(hits.map((h) => [h.docId, h]));
    const out: Array<{ hit: LexicalHit; by: string }> = [];
    const seen = new Set<number>();
    const add = (ids: Iterable<number>, by: string) => {
      const group: LexicalHit[] = [];
      for (const id of ids) {
        const slot = this.index.slotOf(id);
        if (slot === undefined || seen.has(id) || !accept(slot)) continue;
        seen.add(id);
        group.push(byId.get(id) ?? { docSlot: slot, docId: id, score: 0, titleScore: 0, bodyScore: 0, bestChunkId: -1 });
      }
      if (by !== 'pinned') group.sort((a, b) => b.score - a.score); // editors' pins keep their order
      out.push(...group.map((hit) => ({ hit, by })));
    };
    add(editorPins.flatMap((e) => this.idByExternal.get(e) ?? []), 'pinned');
    for (const key of docNumberKeys) add(this.docNumbers.get(key), 'docNumber');
    if (title) add(this.titles.get(title), 'exactTitle');
    return out;
  }

  private async render(page: Array<{ hit: LexicalHit; by?: string }>, terms: string[], publicBase?: string): Promise<SearchResult[]> {
    const others = page.map((p) => this.reposts.othersOf(p.hit.docSlot).map((s) => this.index.docIdAt(s)));
    const rows = await this.display.rows([
      ...page.map((p) => ({ docId: p.hit.docId, chunkId: p.hit.bestChunkId })),
      ...others.flatMap((ids) => ids.slice(0, REPOST_SITES_SHOWN)).map((docId) => ({ docId, chunkId: -1 })),
    ]);
    const siteName = (d: DisplayDocument) => this.sites.get(d.siteCode)?.name ?? d.siteName;
    return page.flatMap(({ hit, by }, i) => {
      const row = rows.get(hit.docId);
      if (!row) return []; // withdrawn between index and fetch
      const d = row.doc;
      const reposts = repostsOf(others[i], rows, siteName, (o) => documentUrl(o, publicBase));
      return [{
        id: d.externalId,
        title: d.title,
        titleHtml: highlight(d.title, terms),
        url: documentUrl(d, publicBase),
        // The site's name as of the last sync: a cached row keeps the name it was first read with.
        site: { code: d.siteCode, name: siteName(d) },
        infoType: d.infoType,
        issuer: d.issuer,
        docNumber: d.docNumber,
        publishedAt: d.publishedAt,
        validity: d.validity,
        current: isCurrent(d.validity),
        snippet: makeSnippet(row.passage, terms),
        score: Math.round(hit.score * 1000) / 1000,
        ...(by ? { matchedBy: by } : {}),
        ...(reposts ? { reposts } : {}),
      }];
    });
  }
}

function facetsOf({ facets, estimated }: ReturnType<typeof computeFacets>): Pick<SearchResponse, 'facets' | 'facetsEstimated'> {
  return estimated ? { facets, facetsEstimated: true } : { facets };
}

/** Titles compare in index form without spaces or 《》 quotes. */
function normalizeTitle(title: string): string {
  return indexForm(title).replace(/[\s《》“”"]/g, '');
}

/** A national law is cited with or without the state's name: 专利法 = 中华人民共和国专利法. */
const STATE_NAME = /^中华人民共和国/u;

/** Parts of one code are titled "<code>·<part>" (中华人民共和国民法典·物权编): each is found by the code's name. */
const PART_SEPARATOR = /[·・•]/u;

/** The keys a title is found by: its normalised form, without the state's name, and its code's name. */
function titleKeys(title: string): string[] {
  const key = normalizeTitle(title);
  const keys = new Set([key]);
  const base = key.split(PART_SEPARATOR)[0];
  for (const k of [base, key.replace(STATE_NAME, ''), base.replace(STATE_NAME, '')]) {
    if (k.length >= MIN_CONTAINED_TITLE) keys.add(k);
  }
  return [...keys];
}
