import type { WeightedTerm } from '../lexical';

/**
 * Matching strictness: a query whose important words nothing in the library matches gets no results,
 * not a page of documents that share one word with it (今天天气怎么样 found 132 documents about 天气).
 *
 * The query's content is the characters of its informative words (the longest tokens; filler and
 * stopwords are not content). A document covers a word's characters when it holds the word, or one of
 * the word's stand-ins: an expansion (养老金 for 退休金), or, for a word the index lacks, all of its
 * indexed parts together (三·码 for 三码; 今天天气 needs 今天, 天天 and 天气 in one document, so a
 * document that merely mentions 天气 does not cover it). The query is answerable when one of its
 * best-ranked documents covers enough of the content (MIN_COVERAGE).
 */

/** The query's informative words, where they stand, and what a document must hold to cover each. */
export class QueryContent {
  private readonly units: Array<{ positions: number[]; alternatives: string[][] }> = [];
  private readonly content = new Set<number>();

  constructor(private readonly text: string) {}

  /** `word` (as it occurs in the text) is covered by a document holding every term of `requires`. */
  add(word: string, requires: readonly string[] = [word]): void {
    if (requires.length === 0) return;
    const positions: number[] = [];
    for (let at = this.text.indexOf(word); at >= 0; at = this.text.indexOf(word, at + 1)) {
      for (let k = at; k < at + word.length; k++) positions.push(k);
    }
    if (positions.length === 0) return;
    for (const p of positions) this.content.add(p);
    const key = positions.join(',');
    const unit = this.units.find((u) => u.positions.join(',') === key);
    if (unit) unit.alternatives.push([...requires]);
    else this.units.push({ positions, alternatives: [[...requires]] });
  }

  /** Characters of content (0: nothing informative, e.g. a query of filler only). */
  get size(): number {
    return this.content.size;
  }

  /** Share of the content covered by a document that holds the terms `holds` says it does. */
  coverage(holds: (term: string) => boolean): number {
    return this.content.size === 0 ? 1 : this.covered(holds, Infinity) / this.content.size;
  }

  /**
   * Whether such a document covers at least `share` of the content. Stops as soon as it does, so the
   * later words' `holds` (a search each, in answerable) are never asked.
   */
  reaches(holds: (term: string) => boolean, share: number): boolean {
    return this.content.size === 0 || this.covered(holds, share * this.content.size) >= share * this.content.size;
  }

  private covered(holds: (term: string) => boolean, enough: number): number {
    const covered = new Set<number>();
    for (const unit of this.units) {
      if (unit.alternatives.some((terms) => terms.every(holds))) for (const p of unit.positions) covered.add(p);
      if (covered.size >= enough) break;
    }
    return covered.size;
  }
}

/** Documents holding a term, by index slot (the lexical index's MatchSet of a one-term search). */
export interface TermMatches {
  has(slot: number): boolean;
}

/** What strictness asks of the library: the best documents for some terms, which hold a term, whether a 文号 is held. */
export interface LibraryProbe {
  topSlots(terms: WeightedTerm[], limit: number): number[];
  termMatches(term: string): TermMatches;
  hasDocNumber(key: string): boolean;
}

/**
 * The probe over a lexical index: `search` runs a query with the request's filters (a one-term query's
 * match set tells which documents hold the term), `documentsWithDocNumber` lists the documents bearing
 * a 文号 key that the search may show.
 */
export function libraryProbe(
  search: (terms: WeightedTerm[], limit: number) => { hits: ReadonlyArray<{ docSlot: number }>; matched: TermMatches },
  documentsWithDocNumber: (key: string) => Iterable<unknown>,
): LibraryProbe {
  return {
    topSlots: (terms, limit) => search(terms, limit).hits.map((h) => h.docSlot),
    termMatches: (term) => search([{ term, weight: 1 }], 1).matched,
    hasDocNumber: (key) => !documentsWithDocNumber(key)[Symbol.iterator]().next().done,
  };
}

/**
 * How much of its content one of a query's TOP_CHECKED best documents must cover. A short query (at most
 * SHORT_QUERY_CHARS characters of content: 今天天气, 社保卡丢了) is about every word it has; a citizen's
 * longer question names places and details no reply repeats, so it only needs some match at all.
 * Measured on the dev gold sets, unified library (best coverage among the top 10, per query): no
 * policy or consultation query with ≤ 6 content characters has less than 0.6; among longer ones the
 * lowest is 0.17 (呼吁拓宽A3区望岳南路段) and 6 of 1,083 are below 0.3. A single threshold of 0.6 sent
 * 325 of 744 consultation queries to zero results (nDCG@10 0.674 → 0.436), 0.5 sent 177.
 * Off-topic probes: 今天天气怎么样 0.00, 周杰伦的新歌 0.00, 社保卡丢了 0.75 (kept).
 */
export const MIN_COVERAGE = { short: 0.6, long: 0.15 } as const;
export const SHORT_QUERY_CHARS = 6;
/** Best-ranked documents checked: BM25 puts the documents holding most of the query first. */
export const TOP_CHECKED = 10;

/**
 * True when one of the TOP_CHECKED best documents for `terms` covers `minCoverage` of the content.
 * `ranked` is the search's own ranking (best first, `total` matched in all): read when it is deep enough.
 */
export function answerable(
  content: QueryContent,
  terms: WeightedTerm[],
  ranked: { hits: ReadonlyArray<{ docSlot: number }>; total: number },
  probe: LibraryProbe,
  minCoverage: { short: number; long: number },
): boolean {
  const threshold = content.size <= SHORT_QUERY_CHARS ? minCoverage.short : minCoverage.long;
  if (threshold <= 0 || content.size === 0) return true;
  const deepEnough = ranked.hits.length >= Math.min(TOP_CHECKED, ranked.total);
  const slots = deepEnough ? ranked.hits.slice(0, TOP_CHECKED).map((h) => h.docSlot) : probe.topSlots(terms, TOP_CHECKED);
  const sets = new Map<string, TermMatches>();
  const matches = (term: string) => {
    let set = sets.get(term);
    if (!set) sets.set(term, (set = probe.termMatches(term)));
    return set;
  };
  return slots.some((slot) => content.reaches((term) => matches(term).has(slot), threshold));
}
