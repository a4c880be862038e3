/**
 * How much each kind of query term counts (WeightedTerm.weight multiplies the term's BM25 score).
 * The user's own words weigh 1; anything we add weighs less, so a document with the user's exact
 * words wins over one that only has our guess, while documents that only use the official word are
 * still found.
 *
 * Chosen on a quick check (issue 5 report; not yet in evals/): each gold set indexed on its own in memory,
 * R@10 / MRR@10. Consultation (744 citizen message titles → replies): plain analysis 0.794 / 0.672; with
 * understanding 0.806 / 0.688. Synonym weight 0 / 0.2 / 0.3 / 0.4 / 0.6 / 1.0 → MRR 0.688 / 0.687 / 0.688 /
 * 0.687 / 0.684 / 0.680 and R@10 0.801 / 0.805 / 0.806 / 0.805 / 0.805 / 0.800; ncp policy QA (339 q):
 * MRR 0.898 / 0.896 / 0.896 / 0.896 / 0.894 / 0.890 (R@10 0.985 throughout). Sub-words 0 / 0.3 / 0.5 →
 * consultation MRR 0.670 / 0.679 / 0.684 (at synonym 0.6).
 */
export const WEIGHTS = {
  /** The user's own words. */
  user: 1,
  /** The best Chinese reading of a pinyin query: what the user meant, but we may have read it wrong.
   * Pinyin weights are not measured (no gold set has pinyin queries); they only order readings. */
  pinyin: 0.9,
  /** Other readings of a pinyin query (sbk: 社保卡 and 失败卡…): a fallback, never ahead of the best one. */
  pinyinAlternative: 0.4,
  /** Synonyms and official words for colloquial ones: 0.3 had the best consultation R@10 (see above). */
  synonym: 0.3,
  /** Indexed sub-words of a query word the index does not hold (三码 → 三·码): 0.5 beat 0 and 0.3. */
  subword: 0.5,
} as const;

/** Long questions keep at most this many terms, the most informative (rarest) first. */
export const MAX_QUERY_TERMS = 12;

/** A pinyin-looking query is read as Chinese when its Latin words occur in at most this many documents. */
export const PINYIN_MAX_DOCUMENT_FREQUENCY = 2;
