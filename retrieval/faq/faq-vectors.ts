import type { Embedder } from '../../library/embeddings';
import { fuseScored, type FusionSettings } from '../hybrid';
import type { FaqMatch } from './faq-index';
import { FAQ_FUSION, nearestEntries } from './hybrid-faq-matcher';
import { faqEntryText, faqQueryText } from './vector-texts';

/**
 * The vector side of FaqService: each entry's phrasings embedded as passages, kept in step with the
 * entries as they sync, and the lexical matches fused with the question's nearest entries by
 * FAQ_FUSION (the blend createHybridFaqMatcher measured: consultation top-1 0.876 → 0.919).
 * Confidence stays the lexical one: an entry found by vectors alone gets 0, so it can head the list
 * but never reaches the "answer verbatim" tier on vectors alone.
 */
export class FaqVectors {
  private readonly phrasings = new Map<number, Float32Array[]>();

  constructor(
    private readonly embedder: Embedder,
    private readonly fusion: FusionSettings = FAQ_FUSION,
  ) {}

  /** The embedding work queued so far, one call after another (a CPU model serves one at a time). */
  private pending: Promise<void> = Promise.resolve();

  /**
   * Queues the embedding of entries' phrasings (each entry's replace what it had) and returns at
   * once: the lexical match serves meanwhile, so a large knowledge base never holds up a start.
   * A failure is logged and leaves those entries to the lexical match.
   */
  upsert(entries: ReadonlyArray<{ id: number; phrasings: readonly string[] }>): void {
    const texts = entries.flatMap((e) => e.phrasings.map((question) => faqEntryText({ question })));
    if (texts.length === 0) return;
    const queuedAt = entries.map((e) => this.bump(e.id));
    this.pending = this.pending.then(async () => {
      try {
        const vectors = await this.embedder.embed(texts, { kind: 'passage' });
        let at = 0;
        entries.forEach((e, i) => {
          // A newer change to the entry (an edit, a retirement) makes these vectors stale.
          if (this.changes.get(e.id) === queuedAt[i]) this.phrasings.set(e.id, vectors.slice(at, at + e.phrasings.length));
          at += e.phrasings.length;
        });
      } catch (err) {
        console.error(`FAQ vectors (${this.embedder.id}): ${entries.length} entries not embedded, matched lexically only: ${(err as Error).message}`);
      }
    });
  }

  /** Resolves once everything queued so far is embedded (or has failed). */
  settled(): Promise<void> {
    return this.pending;
  }

  /** Changes seen per entry id: vectors queued before the latest change are dropped. */
  private readonly changes = new Map<number, number>();

  private bump(id: number): number {
    const n = (this.changes.get(id) ?? 0) + 1;
    this.changes.set(id, n);
    return n;
  }

  remove(id: number): void {
    this.phrasings.delete(id);
    this.bump(id);
  }

  get size(): number {
    return this.phrasings.size;
  }

  /**
   * The lexical matches fused with the nearest accepted entries, best first, `limit` of them. An
   * entry known only to the vectors comes with confidence 0 and no lexical features.
   */
  async fuse(question: string, lexical: readonly FaqMatch[], accept: (id: number) => boolean, phrasingOf: (id: number) => string, limit: number): Promise<FaqMatch[]> {
    if (!question.trim() || this.phrasings.size === 0) return lexical.slice(0, limit);
    const [query] = await this.embedder.embed([faqQueryText(question)], { kind: 'query' });
    const flat = [...this.phrasings].filter(([id]) => accept(id)).flatMap(([entry, vs]) => vs.map((vector) => ({ entry, vector })));
    const byId = new Map(lexical.map((m) => [m.id, m]));
    return fuseScored(lexical, nearestEntries(query, flat), this.fusion)
      .slice(0, limit)
      .map((f) => ({
        ...(byId.get(f.id) ?? { id: f.id, confidence: 0, features: { topScore: 0, margin: 0, coverage: 0 }, phrasing: phrasingOf(f.id) }),
        score: f.score,
      }));
  }
}
