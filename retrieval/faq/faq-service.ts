import { readFaqFeed, type FaqEntry } from '../../library/consultation';
import type { Embedder } from '../../library/embeddings';
import type { Queryable } from '../../library/store';
import { regionPrefix } from '../search';
import { FAQ_TIERS, SUGGEST_SCORE_RATIO } from './confidence';
import { FaqIndex, type FaqIndexOptions, type FaqMatch } from './faq-index';
import { FaqVectors } from './faq-vectors';

/** Where a question comes from: the site's code and its 行政区划代码 (for region-scoped entries). */
export interface AskingSite {
  code: string;
  regionCode: string | null;
}

export interface FaqServiceOptions extends FaqIndexOptions {
  /** Today's date (YYYY-MM-DD) for effective/expiry checks; default: the date in China (UTC+8). */
  today?: () => string;
  /**
   * IDF-weighted token Jaccard from which an entry counts as a near duplicate of a new question.
   * 0.6 maximised F1 on half of the LCQMC + AFQMC pairs (same meaning or not); held-out half:
   * precision 0.73, recall 0.70, F1 0.715 (plain token Jaccard at its best, 0.6 too: F1 0.709).
   */
  duplicateSimilarity?: number;
  /** The words that stand for a question's own (the search's synonym table); omitted = none. */
  synonymsOf?: (question: string) => string[];
  /**
   * The embedding model (the search's): entries' phrasings are embedded as they sync and
   * `decideHybrid` fuses vectors with the lexical match. Omitted, null or 'none' = lexical only.
   */
  embedder?: Embedder | null;
}

export type FaqTier = 'high' | 'medium' | 'low';

export interface FaqDecision {
  tier: FaqTier;
  /** Matches in scope, best first (for high: the entry to answer with; medium: the suggestions). */
  matches: Array<FaqMatch & { entry: FaqEntry }>;
}

/** China has one time zone: an entry takes effect on the Chinese calendar day. */
const chinaToday = (): string => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/**
 * The knowledge base in memory for matching: every non-retired entry (drafts too, for duplicate
 * warnings and hit tests), following the table's change sequence like SearchService follows documents.
 */
export class FaqService {
  readonly index: FaqIndex;
  private readonly entries = new Map<number, FaqEntry>();
  private lastSeq = 0;
  private syncing: Promise<number> | null = null;
  private loaded: Promise<unknown> | null = null;
  private readonly today: () => string;
  private readonly duplicateSimilarity: number;
  private readonly synonymsOf: (question: string) => string[];
  private readonly vectors: FaqVectors | null;

  constructor(
    private readonly db: Queryable,
    options: FaqServiceOptions = {},
  ) {
    this.index = new FaqIndex(options);
    this.today = options.today ?? chinaToday;
    this.duplicateSimilarity = options.duplicateSimilarity ?? 0.6;
    this.synonymsOf = options.synonymsOf ?? (() => []);
    this.vectors = options.embedder && options.embedder.dimensions > 0 ? new FaqVectors(options.embedder) : null;
  }

  /** Resolves once the entries synced so far are embedded (immediately without a model). */
  async vectorsReady(): Promise<void> {
    await this.vectors?.settled();
  }

  /** Whether questions are matched by vectors too (an embedding model is configured). */
  get hybrid(): boolean {
    return this.vectors !== null;
  }

  /** Applies every entry change since the last sync; returns how many entries changed. */
  sync(): Promise<number> {
    this.syncing ??= this.runSync().finally(() => (this.syncing = null));
    return this.syncing;
  }

  /** Resolves once the index holds the table (the first sync); later calls return at once. */
  ready(): Promise<unknown> {
    this.loaded ??= this.sync().catch((err: unknown) => {
      this.loaded = null;
      throw err;
    });
    return this.loaded;
  }

  follow(intervalMs = 1000): () => void {
    const timer = setInterval(() => {
      this.sync().catch((err: Error) => console.error(`FAQ index sync failed: ${err.message}`));
    }, intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  }

  private async runSync(): Promise<number> {
    let changed = 0;
    for (;;) {
      const batch = await readFaqFeed(this.db, this.lastSeq);
      if (batch.length === 0) return changed;
      const embed: Array<{ id: number; phrasings: string[] }> = [];
      for (const e of batch) {
        if (e.status === 'retired') {
          this.entries.delete(e.id);
          this.index.remove(e.id);
          this.vectors?.remove(e.id);
        } else {
          this.entries.set(e.id, e);
          this.index.upsert({ id: e.id, phrasings: [e.question, ...e.alternatives], answer: e.answerText });
          embed.push({ id: e.id, phrasings: [e.question, ...e.alternatives] });
        }
      }
      // Queued, not awaited: the lexical match serves while the model embeds (faq-vectors.ts).
      this.vectors?.upsert(embed);
      changed += batch.length;
      this.lastSeq = batch.at(-1)!.changeSeq;
    }
  }

  get(id: number): FaqEntry | undefined {
    return this.entries.get(id);
  }

  /** Published, in effect today, and meant for the asking site (no site: platform-wide entries only). */
  isAnswerable(entry: FaqEntry, site: AskingSite | null, today = this.today()): boolean {
    if (entry.status !== 'published') return false;
    if (entry.effectiveFrom && entry.effectiveFrom > today) return false;
    if (entry.expiresOn && entry.expiresOn <= today) return false;
    if (entry.scope === 'platform') return true;
    if (!site) return false;
    if (entry.scope === 'site') return entry.siteCode === site.code;
    return !!site.regionCode && !!entry.regionCode && site.regionCode.startsWith(regionPrefix(entry.regionCode));
  }

  /** Answerable entries for a question, with the tier the answer takes. */
  decide(question: string, site: AskingSite | null): FaqDecision {
    const today = this.today();
    const matches = this.withEntries(
      this.index.match(question, { limit: 3, accept: (id) => this.isAnswerable(this.entries.get(id)!, site, today), alsoWords: this.synonymsOf(question) }),
    );
    return tierOf(matches);
  }

  /**
   * As `decide`, with the lexical matches fused with the question's nearest entries when a model is
   * configured (FAQ_FUSION). The tier still comes from the (lexical) confidence of the fused top,
   * so an entry found by vectors alone is never answered verbatim. Without a model, or when it
   * fails (logged), the lexical decision.
   */
  async decideHybrid(question: string, site: AskingSite | null): Promise<FaqDecision> {
    if (!this.vectors) return this.decide(question, site);
    const today = this.today();
    const accept = (id: number) => this.isAnswerable(this.entries.get(id)!, site, today);
    const lexical = this.index.match(question, { limit: HYBRID_LEXICAL_CANDIDATES, accept, alsoWords: this.synonymsOf(question) });
    let fused: FaqMatch[];
    try {
      fused = await this.vectors.fuse(question, lexical, (id) => this.entries.has(id) && accept(id), (id) => this.entries.get(id)?.question ?? '', 3);
    } catch (err) {
      console.error(`FAQ vectors: question matched lexically only: ${(err as Error).message}`);
      return this.decide(question, site);
    }
    return tierOf(this.withEntries(fused));
  }

  /** Hit test (命中测试): every non-retired entry that matches, answerable or not, with scores. */
  hitTest(question: string, site: AskingSite | null, limit = 10): Array<FaqMatch & { entry: FaqEntry; answerable: boolean }> {
    const today = this.today();
    return this.withEntries(this.index.match(question, { limit, alsoWords: this.synonymsOf(question) })).map((m) => ({ ...m, answerable: this.isAnswerable(m.entry, site, today) }));
  }

  /**
   * Existing entries (any status but retired) that a new question nearly duplicates: the best
   * phrasing's IDF-weighted token Jaccard with the question reaches `duplicateSimilarity`.
   */
  nearDuplicates(question: string, excludeId?: number): Array<{ id: number; question: string; status: string; similarity: number }> {
    return this.withEntries(this.index.match(question, { limit: 10, accept: (id) => id !== excludeId }))
      .map((m) => ({ id: m.id, question: m.entry.question, status: m.entry.status, similarity: round(this.index.similarity(question, m.id)) }))
      .filter((d) => d.similarity >= this.duplicateSimilarity)
      .sort((a, b) => b.similarity - a.similarity);
  }

  private withEntries(matches: FaqMatch[]): Array<FaqMatch & { entry: FaqEntry }> {
    return matches.flatMap((m) => {
      const entry = this.entries.get(m.id);
      return entry ? [{ ...m, entry }] : [];
    });
  }
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

/** Lexical candidates fused with the vector side (as createHybridFaqMatcher). */
const HYBRID_LEXICAL_CANDIDATES = 100;

/** The tier of the best match: high answers with it, medium suggests the close ones, low none. */
function tierOf(matches: Array<FaqMatch & { entry: FaqEntry }>): FaqDecision {
  const top = matches[0];
  if (!top || top.confidence < FAQ_TIERS.medium) return { tier: 'low', matches };
  if (top.confidence >= FAQ_TIERS.high) return { tier: 'high', matches: [top] };
  return { tier: 'medium', matches: matches.filter((m) => m.score >= SUGGEST_SCORE_RATIO * top.score) };
}
