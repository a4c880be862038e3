import { analyze, STOPWORDS } from '../../library/analyzer';
import { pinKey, STARTER_SYNONYMS, type CurationSource } from '../curation';
import type { WeightedTerm } from '../lexical';
import { docNumberOnly, docNumbersIn, lockedPositions } from './doc-number-query';
import { isFiller } from './filler';
import { isHan, pinyinLetters } from './pinyin';
import type { CorrectionChange } from './spelling';
import { answerable, MIN_COVERAGE, QueryContent, type LibraryProbe } from './strictness';
import { SynonymTable } from './synonyms';
import { understandQuery, type UnderstoodQuery } from './understand';
import { Vocabulary, type ObservedDocument, type VocabularyOptions, type VocabularySnapshot } from './vocabulary';
import { MAX_QUERY_TERMS, PINYIN_MAX_DOCUMENT_FREQUENCY, WEIGHTS } from './weights';

export interface QueryUnderstandingOptions {
  /** false: search with the plain analysis only (baselines); default true. */
  enabled?: boolean;
  /**
   * After library changes, rebuild the vocabulary and suggestions at most this often, ms. Default 600,000
   * (10 minutes): a rebuild costs ~3.5 s of CPU per 100k titles (issue 5 report), yielding between steps.
   * New documents are searchable at once either way; only their pinyin, corrections and suggestions wait.
   * 0 = on every sync (tests).
   */
  rebuildIntervalMs?: number;
  /**
   * Matching strictness: a query none of whose best documents covers this share of its informative
   * characters gets no results (strictness.ts), `short` for queries of up to 6 such characters, `long`
   * otherwise. Default MIN_COVERAGE ({ short: 0.6, long: 0.15 }, measured there); 0 turns a bound off.
   * Only applied when the search passes a LibraryProbe to searchWithCorrection.
   */
  minCoverage?: { short: number; long: number };
  vocabulary?: VocabularyOptions;
}

/** What search runs for one query. */
export interface QueryPlan {
  /** The cleaned query; its `terms` are the final weighted terms. */
  query: UnderstoodQuery;
  terms: WeightedTerm[];
  /** Words added to the query (synonyms, official words, Chinese read from pinyin), for display. */
  expansions: string[];
  /**
   * A likely intended query ("您是不是要找…") with its own terms. `replaces`: the corrected stretches are at
   * least half the query and each fix changes only characters in no indexed word of two or more characters
   * (失业保险筋: 筋), or the whole stretch sounds exactly like a word (住房公基金), so the query as typed can
   * only match stray characters where it was corrected and the corrected query is searched instead (条列 → 条例).
   */
  correction?: { query: string; terms: WeightedTerm[]; replaces: boolean; content: QueryContent };
  /** The characters the terms stand for (matching strictness); null for pinyin queries, which are not checked. */
  content: QueryContent | null;
  /**
   * The canonical 文号 key when the query asks for that 文号 and nothing else: answered by the documents
   * bearing it, "not found" when none does.
   */
  docNumberOnly: string | null;
  /** Chinese readings of a pinyin query, best first. */
  readings: string[];
  /** External ids editors pinned for this query, in order. */
  pinned: string[];
}

interface Outcome {
  total: number;
  hits: ReadonlyArray<{ docSlot: number }>;
}

/** Why a search came back empty on purpose: the 文号 asked for is not in the library, or nothing matched the query's important words. */
export type Unmatched = 'docNumber' | 'terms';

/**
 * Query understanding over the library's own vocabulary: colloquial filler dropped, long questions cut
 * to their most informative terms, synonyms and official words added, pinyin read as Chinese, quoted
 * programme names and out-of-vocabulary words matched by the tokens the index holds, and corrections.
 * The analyzer itself is never changed at run time, so query tokens always match stored tokens.
 */
export class QueryUnderstanding {
  readonly vocabulary: Vocabulary;
  private table: SynonymTable;
  private lastRebuild = 0;
  private rebuilding: Promise<VocabularySnapshot> | null = null;
  private readonly listeners: Array<(snapshot: VocabularySnapshot) => void | Promise<void>> = [];
  private readonly options: Required<Omit<QueryUnderstandingOptions, 'vocabulary'>>;

  constructor(
    private readonly documentFrequency: (term: string) => number,
    readonly curation?: CurationSource,
    options: QueryUnderstandingOptions = {},
  ) {
    this.options = {
      enabled: options.enabled ?? true,
      rebuildIntervalMs: options.rebuildIntervalMs ?? 600_000,
      minCoverage: options.minCoverage ?? MIN_COVERAGE,
    };
    this.vocabulary = new Vocabulary(options.vocabulary);
    this.table = new SynonymTable(curation ? curation.synonyms() : STARTER_SYNONYMS);
    let words = curation ? curatedSignature(curation) : '';
    curation?.onChange(() => {
      this.table = new SynonymTable(curation.synonyms());
      // New curated words enter pinyin and suggestions at the next vocabulary rebuild.
      const next = curatedSignature(curation);
      if (next !== words) this.vocabulary.pending++;
      words = next;
    });
  }

  get snapshot(): VocabularySnapshot {
    return this.vocabulary.snapshot;
  }

  get synonyms(): SynonymTable {
    return this.table;
  }

  /** Called for every document the index applies (with the version it replaces). */
  observe(doc: ObservedDocument, previous?: { title: string }): void {
    if (this.options.enabled) this.vocabulary.observe(doc, previous);
  }

  /**
   * Called after each sync: rebuilds the vocabulary when documents changed and the interval has passed.
   * The first build is awaited (the service starts complete); later ones run in the background, so the
   * library keeps being followed meanwhile.
   */
  async afterSync(): Promise<void> {
    if (!this.options.enabled || this.vocabulary.pending === 0 || this.rebuilding) return;
    if (!this.lastRebuild) {
      await this.rebuild();
      return;
    }
    if (Date.now() - this.lastRebuild < this.options.rebuildIntervalMs) return;
    this.rebuild().catch((err: Error) => console.error(`vocabulary rebuild failed: ${err.message}`));
  }

  /** Rebuilds the vocabulary (and, through listeners, the suggestion index) now; one at a time. */
  rebuild(): Promise<VocabularySnapshot> {
    this.rebuilding ??= this.runRebuild().finally(() => (this.rebuilding = null));
    return this.rebuilding;
  }

  private async runRebuild(): Promise<VocabularySnapshot> {
    const curated = [...this.table.words(), ...(this.curation?.curatedWords() ?? [])];
    const snapshot = await this.vocabulary.rebuild(this.documentFrequency, curated);
    this.lastRebuild = Date.now();
    // Listeners (the suggestion index) finish before the sync that triggered the rebuild resolves.
    await Promise.all(this.listeners.map(async (listener) => {
      try {
        await listener(snapshot);
      } catch (err) {
        console.error(`vocabulary rebuild listener failed: ${(err as Error).message}`);
      }
    }));
    return snapshot;
  }

  onRebuilt(listener: (snapshot: VocabularySnapshot) => void | Promise<void>): void {
    this.listeners.push(listener);
  }

  plan(raw: string, site?: string): QueryPlan {
    const base = understandQuery(raw);
    const pinned = this.curation && base.original ? this.curation.pinned(pinKey(base.original), site) : [];
    if (!this.options.enabled || !base.original) {
      return { query: base, terms: base.terms, expansions: [], readings: [], pinned, content: null, docNumberOnly: null };
    }
    const docNumbers = docNumbersIn(base.normalized);
    const onlyDocNumber = docNumberOnly(base.normalized, docNumbers);
    const own = this.termsFor(base.normalized);
    const terms = new Map(own.terms);
    const expansions = new Set(own.expansions);
    let readings: string[] = [];
    if (pinyinLetters(base.normalized) && base.terms.every((t) => this.documentFrequency(t.term) <= PINYIN_MAX_DOCUMENT_FREQUENCY)) {
      readings = this.snapshot.pinyin.read(base.normalized);
      readings.forEach((reading, k) => {
        const weight = k === 0 ? WEIGHTS.pinyin : WEIGHTS.pinyinAlternative;
        const read = this.termsFor(reading);
        for (const [term, w] of read.terms) terms.set(term, Math.max(terms.get(term) ?? 0, w * weight));
        for (const e of [reading, ...read.expansions]) expansions.add(e);
      });
      if (readings[0] && this.curation) pinned.push(...this.curation.pinned(pinKey(readings[0]), site).filter((id) => !pinned.includes(id)));
    }
    const final = [...terms].map(([term, weight]) => ({ term, weight }));
    const plan: QueryPlan = {
      query: { ...base, terms: final }, terms: final, expansions: [...expansions], readings, pinned,
      content: readings.length ? null : own.content, docNumberOnly: onlyDocNumber,
    };
    if (readings.length === 0 && /[\u3400-\u9fff]/u.test(base.normalized)) {
      const locked = lockedPositions(base.normalized, docNumbers, this.snapshot.agencyCodes);
      plan.correction = this.correction(base.normalized, base.original, locked);
    }
    return plan;
  }

  /**
   * Runs the plan, and its correction when it has one: the corrected results replace the answer (applied)
   * when the query as typed finds nothing or can match only stray characters where it was corrected;
   * otherwise the correction is offered ("您是不是要找…") when it finds at least as many documents.
   * With a `probe`, strictness applies: a query for a 文号 the library lacks, or one whose best documents
   * cover too little of it (strictness.ts), finds nothing, and `unmatched` says which.
   */
  searchWithCorrection<R extends Outcome>(
    plan: QueryPlan,
    run: (terms: WeightedTerm[]) => R,
    probe?: LibraryProbe,
  ): R & { terms: WeightedTerm[]; correction?: { query: string; applied: boolean }; unmatched?: Unmatched } {
    if (probe && plan.docNumberOnly && !probe.hasDocNumber(plan.docNumberOnly)) {
      return { ...run([]), terms: plan.terms, unmatched: 'docNumber' as const };
    }
    let gated = false;
    const strict = (outcome: R, terms: WeightedTerm[], content: QueryContent | null): R => {
      // A 文号 the library holds is answered by its documents (pinned first): nothing to check.
      if (!probe || !content || outcome.total === 0 || plan.docNumberOnly) return outcome;
      if (answerable(content, terms, outcome, probe, this.options.minCoverage)) return outcome;
      gated = true;
      return run([]);
    };
    const first = strict(run(plan.terms), plan.terms, plan.content);
    const unmatched = () => (gated ? { unmatched: 'terms' as const } : {});
    if (!plan.correction) return { ...first, terms: plan.terms, ...(first.total === 0 ? unmatched() : {}) };
    const second = strict(run(plan.correction.terms), plan.correction.terms, plan.correction.content);
    if ((first.total === 0 || plan.correction.replaces) && second.total > 0) {
      return { ...second, terms: plan.correction.terms, correction: { query: plan.correction.query, applied: true } };
    }
    const offer = first.total > 0 && second.total >= first.total;
    return {
      ...first, terms: plan.terms,
      ...(offer ? { correction: { query: plan.correction.query, applied: false } } : {}),
      ...(first.total === 0 ? unmatched() : {}),
    };
  }

  /**
   * A corrected query, when a stretch that is no known word (nor stopword or filler) sounds like, or is one
   * edit from, a word of the vocabulary, and the stretch holds a token the index lacks (so the original
   * cannot match it; a stretch made of indexed words is left alone).
   */
  private correction(normalized: string, original: string, locked: Uint8Array): QueryPlan['correction'] {
    const df = this.documentFrequency;
    const fixed = this.snapshot.corrector.correct(normalized, (s) => df(s) > 0 || STOPWORDS.has(s) || isFiller(s), (i) => locked[i] === 1);
    // Worth offering when the query as typed cannot match the stretch: a token the index lacks, or a
    // stretch that is no word but sounds exactly like one (公基金) or is one character off a long one.
    const unmatchable = (c: CorrectionChange) => c.acrossWords || c.kind === 'shape' || analyze(c.from).some((t) => df(t) === 0);
    if (!fixed || !fixed.changes.some(unmatchable)) return undefined;
    // Searched instead only when the corrected stretches are most of the query: an unknown name inside a
    // longer question (白鹤社区 in a complaint) is offered a correction but keeps its own results.
    const han = (normalized.match(/[\u3400-\u9fff]/gu) ?? []).length;
    const changed = fixed.changes.reduce((n, c) => n + c.from.length, 0);
    const replaces = 2 * changed >= han && fixed.changes.every((c) => c.acrossWords || changesNoIndexedWord(c, df));
    // Shown as the user typed it (case, spacing) where the corrected stretches appear verbatim.
    const shown = fixed.changes.every((c) => original.includes(c.from))
      ? fixed.changes.reduce((text, c) => text.replace(c.from, c.to), original)
      : fixed.text;
    const corrected = this.termsFor(fixed.text);
    return { query: shown, terms: [...corrected.terms].map(([term, weight]) => ({ term, weight })), replaces, content: corrected.content };
  }

  /** Weighted terms of one text: its informative words, quoted names, sub-words and synonyms. */
  private termsFor(text: string): { terms: Map<string, number>; expansions: string[]; content: QueryContent } {
    const df = this.documentFrequency;
    const tokens = [...new Set(analyze(text))];
    let kept = tokens.filter((t) => !isFiller(t));
    if (kept.length === 0) kept = tokens;
    if (kept.length > MAX_QUERY_TERMS) {
      const rank = (t: string) => df(t) || Number.MAX_SAFE_INTEGER; // unknown words last: they match nothing
      kept = [...kept].sort((a, b) => rank(a) - rank(b)).slice(0, MAX_QUERY_TERMS);
    }
    const terms = new Map<string, number>();
    const content = new QueryContent(text);
    const set = (term: string, weight: number) => terms.set(term, Math.max(terms.get(term) ?? 0, weight));
    for (const t of kept) set(t, WEIGHTS.user);
    for (const t of kept) {
      const longest = !isFiller(t) && !kept.some((o) => o.length > t.length && o.includes(t));
      if (df(t) > 0 || !isHan(t) || t.length < 2) {
        if (longest) content.add(t);
        continue;
      }
      const parts = indexedParts(t, df);
      for (const sub of parts) set(sub, WEIGHTS.subword);
      if (longest) content.add(t, parts.length ? parts : [t]);
    }
    for (const [name, tokens] of this.phrasesIn(text)) {
      for (const t of tokens) set(t, WEIGHTS.user);
      content.add(name, tokens);
    }
    const expansions: string[] = [];
    for (const match of this.table.match(text)) {
      for (const word of match.expansions) {
        if (text.includes(word)) continue;
        expansions.push(word);
        const tokens = this.table.tokensOf(word);
        for (const t of tokens) set(t, WEIGHTS.synonym);
        content.add(match.phrase, tokens);
      }
    }
    return { terms, expansions, content };
  }

  /** The library's quoted names that occur in the text, with their tokens (longest first, no overlaps). */
  private phrasesIn(text: string): Array<[string, readonly string[]]> {
    const { phrases, longestPhrase } = this.snapshot;
    const found: Array<[string, readonly string[]]> = [];
    if (longestPhrase === 0) return found;
    for (let i = 0; i < text.length; i++) {
      for (let len = Math.min(longestPhrase, text.length - i); len >= 2; len--) {
        const name = text.slice(i, i + len);
        const tokens = phrases.get(name);
        if (tokens) {
          found.push([name, tokens]);
          i += len - 1;
          break;
        }
      }
    }
    return found;
  }
}

function curatedSignature(curation: CurationSource): string {
  return [...curation.curatedWords()].sort().join('\u0000');
}

/**
 * Whether a fix changes only characters that are in no indexed word of the stretch (失业保险筋: 筋), so
 * the query as typed could match only stray characters there. A fix that adds or drops a character
 * needs every word of the stretch to be unindexed.
 */
function changesNoIndexedWord(change: CorrectionChange, df: (t: string) => number): boolean {
  const words = analyze(change.from).filter((t) => t.length >= 2 && df(t) > 0);
  if (change.from.length !== change.to.length) return words.length === 0;
  const inWord = new Uint8Array(change.from.length);
  for (const w of words) for (let at = change.from.indexOf(w); at >= 0; at = change.from.indexOf(w, at + 1)) inWord.fill(1, at, at + w.length);
  for (let k = 0; k < change.from.length; k++) if (change.from[k] !== change.to[k] && inWord[k]) return false;
  return true;
}

/** Indexed pieces of a word the index lacks: its bigrams that are indexed, else its indexed characters. */
function indexedParts(word: string, df: (t: string) => number): string[] {
  const bigrams: string[] = [];
  if (word.length >= 3) for (let i = 0; i + 2 <= word.length; i++) if (df(word.slice(i, i + 2)) > 0) bigrams.push(word.slice(i, i + 2));
  if (bigrams.length) return bigrams;
  return [...word].filter((ch) => df(ch) > 0);
}
