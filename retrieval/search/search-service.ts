import { indexForm } from '../../library/analyzer';
import { fetchChunkTexts, fetchDisplayDocuments, readIndexFeed, type IndexFeedDocument } from '../../library/documents';
import { ZhiwenError } from '../../library/errors';
import type { Db } from '../../library/store';
import { LexicalIndex, type LexicalHit, type LexicalIndexOptions } from '../lexical';
import { understandQuery } from '../query';
import { DocAttributes } from './doc-attributes';
import { computeFacets } from './facets';
import { buildAcceptFilter } from './filters';
import { documentPrior, isCurrent } from './signals';
import { SiteDirectory } from './sites';
import { highlight, makeSnippet } from './snippet';
import type { SearchRequest, SearchResponse, SearchResult } from './types';

export const MAX_LIMIT = 50;
const MAX_OFFSET = 1000;

export interface SearchServiceOptions extends LexicalIndexOptions {
  /** How often replicas look for library changes, ms. Default 1000 (new documents searchable in ~1 s). */
  followIntervalMs?: number;
}

/** Multi-valued key → document ids (文号 keys, normalised titles). */
class KeyedIds {
  private readonly map = new Map<string, Set<number>>();
  add(key: string | null, id: number): void {
    if (!key) return;
    const set = this.map.get(key) ?? new Set<number>();
    set.add(id);
    this.map.set(key, set);
  }
  delete(key: string | null, id: number): void {
    if (key) this.map.get(key)?.delete(id);
  }
  get(key: string): ReadonlySet<number> {
    return this.map.get(key) ?? new Set();
  }
}

/**
 * Search over the library: an in-memory BM25 index fed from the library's change sequence, with
 * filters, facets, exact 文号 and title matching, and snippets. Several API replicas each hold one.
 */
export class SearchService {
  readonly index: LexicalIndex;
  readonly attributes = new DocAttributes();
  readonly sites = new SiteDirectory();
  private readonly docNumbers = new KeyedIds();
  private readonly titles = new KeyedIds();
  private readonly known = new Map<number, { externalId: string; docNumberKey: string | null; title: string }>();
  private readonly idByExternal = new Map<string, number>();
  private lastSeq = 0;
  private syncing: Promise<number> | null = null;

  constructor(
    private readonly db: Db,
    private readonly options: SearchServiceOptions = {},
  ) {
    this.index = new LexicalIndex(options);
  }

  /** Applies every library change since the last sync; returns how many documents changed. */
  sync(): Promise<number> {
    // One sync at a time: a timer tick during a long first load must not apply changes twice.
    this.syncing ??= this.runSync().finally(() => (this.syncing = null));
    return this.syncing;
  }

  /** Keeps following the library; returns a function that stops. */
  follow(): () => void {
    const timer = setInterval(() => {
      this.sync().catch((err: Error) => console.error(`search index sync failed: ${err.message}`));
    }, this.options.followIntervalMs ?? 1000);
    timer.unref();
    return () => clearInterval(timer);
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
    if (changed > 1000) this.index.compact();
    return changed;
  }

  private apply(doc: IndexFeedDocument): void {
    const previous = this.known.get(doc.id);
    if (previous) {
      this.docNumbers.delete(previous.docNumberKey, doc.id);
      this.titles.delete(normalizeTitle(previous.title), doc.id);
      this.idByExternal.delete(previous.externalId);
      this.known.delete(doc.id);
    }
    if (doc.status !== 'active') {
      this.index.remove(doc.id);
      return;
    }
    const slot = this.index.upsert({ ...doc, prior: documentPrior(doc) });
    this.attributes.set(slot, doc);
    this.docNumbers.add(doc.docNumberKey, doc.id);
    this.titles.add(normalizeTitle(doc.title), doc.id);
    this.known.set(doc.id, { externalId: doc.externalId, docNumberKey: doc.docNumberKey, title: doc.title });
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
    const query = understandQuery(request.q ?? '');
    if (!query.original) throw new ZhiwenError('EMPTY_QUERY', 'q is empty: type a word or a question to search for');
    const excluded = new Set((request.exclude ?? []).map((e) => this.idByExternal.get(e)).filter((x) => x !== undefined));
    const baseAccept = buildAcceptFilter(request, this.attributes, this.sites);
    const accept = (slot: number) => !excluded.has(this.index.docIdAt(slot)) && baseAccept(slot);

    const { hits, total, matched } = this.index.search({ terms: query.terms, limit: offset + limit, accept });
    const pinned = this.pinnedHits(query.docNumberKeys, normalizeTitle(query.normalized), accept, hits);
    const pinnedIds = new Set(pinned.map((p) => p.hit.docId));
    const ranked = [...pinned, ...hits.filter((h) => !pinnedIds.has(h.docId)).map((hit) => ({ hit, by: undefined }))];
    const page = ranked.slice(offset, offset + limit);
    const extraMatches = pinned.filter((p) => !matched.includes(p.hit.docSlot)).map((p) => p.hit.docSlot);
    const results = await this.render(page, query.terms.map((t) => t.term));
    return {
      query: query.original,
      total: total + extraMatches.length,
      offset,
      limit,
      results,
      facets: computeFacets([...matched, ...extraMatches], this.attributes, this.sites),
      truncated: query.truncated,
      tookMs: Math.round((performance.now() - started) * 100) / 100,
    };
  }

  /** Documents that must come first: the 文号 the user typed, then an exact title match. */
  private pinnedHits(
    docNumberKeys: string[],
    title: string,
    accept: (slot: number) => boolean,
    hits: LexicalHit[],
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
      group.sort((a, b) => b.score - a.score);
      out.push(...group.map((hit) => ({ hit, by })));
    };
    for (const key of docNumberKeys) add(this.docNumbers.get(key), 'docNumber');
    if (title) add(this.titles.get(title), 'exactTitle');
    return out;
  }

  private async render(page: Array<{ hit: LexicalHit; by?: string }>, terms: string[]): Promise<SearchResult[]> {
    const docs = await fetchDisplayDocuments(this.db, page.map((p) => p.hit.docId));
    const chunks = await fetchChunkTexts(this.db, page.map((p) => p.hit.bestChunkId).filter((id) => id >= 0));
    return page.flatMap(({ hit, by }) => {
      const d = docs.get(hit.docId);
      if (!d) return []; // withdrawn between index and fetch
      return [{
        id: d.externalId,
        title: d.title,
        titleHtml: highlight(d.title, terms),
        url: d.url,
        site: { code: d.siteCode, name: d.siteName },
        infoType: d.infoType,
        issuer: d.issuer,
        docNumber: d.docNumber,
        publishedAt: d.publishedAt,
        validity: d.validity,
        current: isCurrent(d.validity),
        snippet: makeSnippet(chunks.get(hit.bestChunkId) ?? d.lead, terms),
        score: Math.round(hit.score * 1000) / 1000,
        ...(by ? { matchedBy: by } : {}),
      }];
    });
  }
}

/** Titles compare in index form without spaces or 《》 quotes. */
function normalizeTitle(title: string): string {
  return indexForm(title).replace(/[\s《》“”"]/g, '');
}
