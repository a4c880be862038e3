import { indexForm } from '../../library/analyzer';
import { agencyCodeOf, agencyCodesIn } from './doc-number-query';
import { isHan, PinyinDictionary, syllablesOf, type PinyinWord } from './pinyin';
import { Corrector } from './spelling';
import { quotedNames, suggestionText } from './titles';

export interface VocabularyOptions {
  /** Words in the pinyin dictionary and the corrector, most frequent first. Default 100,000 (~15 MiB). */
  maxWords?: number;
  /** Title suggestions kept at each rebuild. Default 100,000. */
  maxTitles?: number;
  /** Distinct titles counted while following the library (memory bound at any size). Default 400,000. */
  maxTrackedTitles?: number;
  /** Quoted names (“…”, 《…》) kept. Default 50,000. */
  maxPhrases?: number;
  /** Words in the edit-distance index. Default 30,000. */
  maxEditWords?: number;
  /** Distinct body words (3–8 characters) remembered as candidates for the vocabulary. Default 300,000. */
  maxBodyTerms?: number;
  /** A body word enters the vocabulary when at least this many chunks hold it. Default 3. */
  minBodyFrequency?: number;
}

export interface ObservedDocument {
  title: string;
  titleTokens: readonly string[];
  siteId: number;
  status: string;
  /** The document's own 文号 key, when it has one: its 代字 (国办发) is never "corrected". */
  docNumberKey?: string | null;
  /** Body tokens: frequent compound words (合同法, 保险金) join the words the corrector reads. */
  chunks?: ReadonlyArray<{ tokens: readonly string[] }>;
}

/** A title offered by autocomplete; siteId −1 when several sites published it. */
export interface TitleEntry {
  text: string;
  count: number;
  siteId: number;
}

export interface VocabularySnapshot {
  builtAt: number;
  /** Vocabulary words (title terms, quoted names, curated words), best first. */
  words: readonly string[];
  /** Their scores (log title count + half log document frequency; curated words get +2). */
  wordScores: readonly number[];
  pinyin: PinyinDictionary;
  corrector: Corrector;
  /** Quoted names → the tokens the library's documents hold for them (query-time phrase recognition). */
  phrases: ReadonlyMap<string, readonly string[]>;
  longestPhrase: number;
  titles: readonly TitleEntry[];
  /** 发文机关代字 and issuers of the library's 文号 (国办发, 京人社就字): never corrected. */
  agencyCodes: ReadonlySet<string>;
  /** Term → indexes into `titles` of (at most 8) titles containing it, best first: related searches. */
  related: ReadonlyMap<string, readonly number[]>;
  /** Pinyin of any text, from the words' readings (polyphones right in context), character by character otherwise. */
  syllables(text: string): string[];
}

const RELATED_PER_TERM = 8;
const MAX_WORD_CHARS = 12;
/** Body words shorter than this are left out: two-character words are title terms already or too ambiguous to correct to. */
const MIN_BODY_WORD = 3;
const MAX_BODY_WORD = 8;
/** Agency codes remembered (one per distinct 文号 prefix; a national library has a few thousand). */
const MAX_AGENCY_CODES = 50_000;
/** Work done between yields to the event loop while rebuilding, so searches keep flowing. */
const SLICE = 2000;
const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The library's own vocabulary, grown from titles as documents are indexed: title terms with how many
 * titles use them, quoted programme names, and suggestion texts. `rebuild` turns it into the bounded
 * structures that pinyin, corrections and suggestions read (swapped in whole when ready).
 */
export class Vocabulary {
  private readonly terms = new Map<string, number>();
  private readonly titleStats = new Map<string, { count: number; siteId: number }>();
  private readonly phraseStats = new Map<string, { count: number; tokens: readonly string[] }>();
  private readonly readings = new Map<string, string[]>();
  /**
   * Body words seen (bounded). Never counted down: a withdrawn document's words stay candidates, and the
   * rebuild keeps only those the index still holds in minBodyFrequency chunks.
   */
  private readonly bodyTerms = new Set<string>();
  private readonly agencyCodes = new Set<string>();
  private readonly options: Required<VocabularyOptions>;
  snapshot: VocabularySnapshot;
  /** Documents observed since the last rebuild. */
  pending = 0;

  constructor(options: VocabularyOptions = {}) {
    this.options = {
      maxWords: 100_000, maxTitles: 100_000, maxTrackedTitles: 400_000, maxPhrases: 50_000, maxEditWords: 30_000,
      maxBodyTerms: 300_000, minBodyFrequency: 3, ...options,
    };
    this.snapshot = this.assemble([], [], new Map(), new Map(), new Segmenter(this.readings));
  }

  /**
   * Body words as observe() would have collected them from these tokens in this order (a replica
   * restored from a snapshot passes its index's body terms, which hold no chunk text).
   */
  seedBodyTerms(tokens: Iterable<string>): void {
    for (const t of tokens) {
      if (this.bodyTerms.size >= this.options.maxBodyTerms) return;
      if (t.length >= MIN_BODY_WORD && t.length <= MAX_BODY_WORD && isHan(t)) this.bodyTerms.add(t);
    }
  }

  /** Counts a document's title in (and its previous version's out). */
  observe(doc: ObservedDocument, previous?: { title: string; titleTokens?: readonly string[] }): void {
    if (previous) this.count(previous.title, previous.titleTokens, -1, -1);
    if (doc.status === 'active') {
      this.count(doc.title, doc.titleTokens, doc.siteId, 1);
      this.remember(doc);
    }
    this.pending++;
  }

  /** The document's agency codes (its own 文号, those in its title) and its body's compound words. */
  private remember(doc: ObservedDocument): void {
    const codes = [...agencyCodesIn(doc.title), ...(doc.docNumberKey ? [agencyCodeOf(doc.docNumberKey)] : [])];
    for (const code of codes) if (code && this.agencyCodes.size < MAX_AGENCY_CODES) this.agencyCodes.add(code);
    for (const chunk of doc.chunks ?? []) {
      for (const t of chunk.tokens) {
        if (this.bodyTerms.size >= this.options.maxBodyTerms) return;
        if (t.length >= MIN_BODY_WORD && t.length <= MAX_BODY_WORD && isHan(t)) this.bodyTerms.add(t);
      }
    }
  }

  private count(title: string, tokens: readonly string[] | undefined, siteId: number, delta: 1 | -1): void {
    for (const t of new Set(tokens ?? [])) {
      if (t.length > MAX_WORD_CHARS || !isHan(t)) continue;
      const n = (this.terms.get(t) ?? 0) + delta;
      if (n > 0) this.terms.set(t, n);
      else this.terms.delete(t);
    }
    const text = suggestionText(title);
    if (text) {
      const stat = this.titleStats.get(text);
      if (stat) {
        stat.count += delta;
        if (delta > 0 && stat.siteId !== siteId) stat.siteId = -1;
        if (stat.count <= 0) this.titleStats.delete(text);
      } else if (delta > 0 && this.titleStats.size < this.options.maxTrackedTitles) {
        this.titleStats.set(text, { count: 1, siteId });
      }
    }
    for (const name of quotedNames(title)) {
      const stat = this.phraseStats.get(name);
      if (stat) {
        stat.count += delta;
        if (stat.count <= 0) this.phraseStats.delete(name);
      } else if (delta > 0 && this.phraseStats.size < this.options.maxPhrases) {
        // The tokens this document holds inside the name: the query finds them even where jieba cuts it otherwise.
        this.phraseStats.set(name, { count: 1, tokens: (tokens ?? []).filter((t) => name.includes(t)) });
      }
    }
  }

  /**
   * Rebuilds the snapshot from the counts. `documentFrequency` ranks words by use in the whole library;
   * `curatedWords` (synonyms, hot words) always enter. Yields to the event loop as it goes.
   */
  async rebuild(documentFrequency: (term: string) => number, curatedWords: readonly string[]): Promise<VocabularySnapshot> {
    this.pending = 0;
    const scores = new Map<string, number>();
    for (const [term, titles] of this.terms) scores.set(term, Math.log1p(titles) + 0.5 * Math.log1p(documentFrequency(term)));
    for (const [name, { count }] of this.phraseStats) scores.set(name, Math.max(scores.get(name) ?? 0, 1 + Math.log1p(count)));
    for (const raw of curatedWords) {
      const word = indexForm(raw).trim();
      if (isHan(word) && word.length <= MAX_WORD_CHARS) scores.set(word, Math.max(scores.get(word) ?? 0, 2 + 0.5 * Math.log1p(documentFrequency(word))));
    }
    const ranked = [...scores].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, this.options.maxWords);
    const words: PinyinWord[] = [];
    for (let i = 0; i < ranked.length; i++) {
      const [word, score] = ranked[i];
      let syllables = this.readings.get(word);
      if (!syllables) this.readings.set(word, (syllables = syllablesOf(word)));
      words.push({ word, syllables, score });
      if (i % SLICE === SLICE - 1) await pause();
    }
    const keep = new Set(ranked.map(([w]) => w));
    for (const w of this.readings.keys()) if (!keep.has(w)) this.readings.delete(w);
    const spelling = await this.withBodyWords(words, keep, documentFrequency);
    // Most copies first, then in the order the library first showed them: a bucket per count, no sort of
    // the (possibly hundreds of thousands of) titles, which would block the event loop.
    const buckets = new Map<number, TitleEntry[]>();
    for (const [text, { count, siteId }] of this.titleStats) {
      const bucket = buckets.get(count);
      if (bucket) bucket.push({ text, count, siteId });
      else buckets.set(count, [{ text, count, siteId }]);
    }
    const titles: TitleEntry[] = [];
    for (const count of [...buckets.keys()].sort((a, b) => b - a)) {
      for (const entry of buckets.get(count)!) if (titles.length < this.options.maxTitles) titles.push(entry);
    }
    await pause();
    const segmenter = new Segmenter(this.readings);
    const related = new Map<string, number[]>();
    for (let index = 0; index < titles.length; index++) {
      for (const term of segmenter.contained(titles[index].text)) {
        const list = related.get(term);
        if (!list) related.set(term, [index]);
        else if (list.length < RELATED_PER_TERM && list.at(-1) !== index) list.push(index);
      }
      if (index % SLICE === SLICE - 1) await pause();
    }
    const phrases = new Map([...this.phraseStats].filter(([, s]) => s.tokens.length > 0).map(([name, s]) => [name, s.tokens]));
    this.snapshot = this.assemble(words, titles, phrases, related, segmenter, spelling);
    return this.snapshot;
  }

  /**
   * The corrector's words: the vocabulary and the body words the index still holds in minBodyFrequency
   * chunks, best first. Body words rank below title words of the same frequency (half weight, no title
   * count) and serve spelling only: as pinyin readings or suggestions they were noise (gjj → 国际局).
   */
  private async withBodyWords(words: PinyinWord[], known: ReadonlySet<string>, documentFrequency: (term: string) => number): Promise<PinyinWord[]> {
    const body: PinyinWord[] = [];
    let seen = 0;
    for (const word of this.bodyTerms) {
      const df = known.has(word) ? 0 : documentFrequency(word);
      if (df >= this.options.minBodyFrequency) body.push({ word, syllables: syllablesOf(word), score: 0.5 * Math.log1p(df) });
      if (++seen % SLICE === 0) await pause();
    }
    if (body.length === 0) return words;
    return [...words, ...body].sort((a, b) => b.score - a.score || a.word.localeCompare(b.word)).slice(0, this.options.maxWords);
  }

  private assemble(
    words: PinyinWord[],
    titles: TitleEntry[],
    phrases: Map<string, readonly string[]>,
    related: Map<string, number[]>,
    segmenter: Segmenter,
    spelling: PinyinWord[] = words,
  ): VocabularySnapshot {
    return {
      builtAt: Date.now(),
      words: words.map((w) => w.word),
      wordScores: words.map((w) => w.score),
      pinyin: new PinyinDictionary(words),
      corrector: new Corrector(spelling, { maxEditWords: this.options.maxEditWords }),
      phrases,
      longestPhrase: Math.max(0, ...[...phrases.keys()].map((p) => p.length)),
      titles,
      agencyCodes: new Set(this.agencyCodes),
      related,
      syllables: (text) => segmenter.reading(text),
    };
  }
}

/**
 * Greedy longest match of a text into known words (others one character at a time), and the pinyin
 * that follows from it. A set of the words' prefixes stops each match as soon as no word can continue,
 * so a lookup costs about as many probes as the word it finds is long.
 */
class Segmenter {
  private readonly prefixes = new Set<string>();

  constructor(private readonly readings: ReadonlyMap<string, string[]>) {
    for (const w of readings.keys()) for (let len = 2; len < w.length; len++) this.prefixes.add(w.slice(0, len));
  }

  /** Lengths (2+) of the known words starting at `i`, shortest first. */
  private wordsAt(text: string, i: number): number[] {
    const found: number[] = [];
    for (let len = 2; i + len <= text.length; len++) {
      const piece = text.slice(i, i + len);
      if (this.readings.has(piece)) found.push(len);
      if (!this.prefixes.has(piece)) break;
    }
    return found;
  }

  split(text: string): string[] {
    const out: string[] = [];
    for (let i = 0; i < text.length; ) {
      const len = this.wordsAt(text, i).at(-1) ?? 1;
      out.push(text.slice(i, i + len));
      i += len;
    }
    return out;
  }

  /** Every known word of two or more characters inside the text (overlaps included), each once. */
  contained(text: string): Set<string> {
    const out = new Set<string>();
    for (let i = 0; i < text.length; i++) for (const len of this.wordsAt(text, i)) out.add(text.slice(i, i + len));
    return out;
  }

  reading(text: string): string[] {
    const out: string[] = [];
    for (const piece of this.split(text)) {
      const known = this.readings.get(piece);
      if (known && known.length === piece.length) out.push(...known);
      else for (const ch of piece) out.push(charReading(ch));
    }
    return out;
  }
}

const charReadings = new Map<string, string>();

function charReading(ch: string): string {
  let r = charReadings.get(ch);
  if (r === undefined) {
    r = isHan(ch) ? (syllablesOf(ch)[0] ?? ch) : ch;
    if (charReadings.size < 30_000) charReadings.set(ch, r);
  }
  return r;
}
