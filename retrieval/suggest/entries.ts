import { indexForm } from '../../library/analyzer';
import type { CurationSource } from '../curation';
import type { VocabularySnapshot } from '../query';
import { KeyKind, PrefixIndex, type PrefixKey } from './prefix-index';

/** Keys (and typed prefixes) are cut to this many characters: enough to tell suggestions apart, bounded memory. */
export const MAX_KEY_CHARS = 20;

export type SuggestionKind = 'hot' | 'query' | 'term' | 'title';

/** Suggestions of one index, by entry number. */
export interface EntryTable {
  texts: string[];
  kinds: SuggestionKind[];
  /** Site code (curated entries) or null = every site. */
  siteCodes: Array<string | null>;
  /** Site id (title entries), −1 = every site. */
  siteIds: number[];
  scores: number[];
}

/** The typed form of a text: index form, letters and digits only, capped. */
export function suggestKey(text: string): string {
  return keyForm(indexForm(text));
}

/** The key of a text already in index form (vocabulary words, titles, curated words): no folding again. */
function keyForm(text: string): string {
  return text.replace(/[^\p{L}\p{N}]/gu, '').slice(0, MAX_KEY_CHARS);
}

const HAN = /[\u3400-\u9fff]/u;

/** The text (in index form) itself, its full pinyin and (for two or more characters) its initials. */
export function keysFor(text: string, entry: number, syllables: (t: string) => string[]): PrefixKey[] {
  const key = keyForm(text);
  if (!key) return [];
  const keys: PrefixKey[] = [{ key, entry, kind: KeyKind.Text }];
  if (!HAN.test(key)) return keys;
  const sounds = syllables(key); // lower-case letters per Han character; letters and digits pass through
  keys.push({ key: sounds.join('').slice(0, MAX_KEY_CHARS), entry, kind: KeyKind.Pinyin });
  if (sounds.length >= 2) keys.push({ key: sounds.map((s) => s[0] ?? '').join('').slice(0, MAX_KEY_CHARS), entry, kind: KeyKind.Initials });
  return keys;
}

function table(): EntryTable {
  return { texts: [], kinds: [], siteCodes: [], siteIds: [], scores: [] };
}

/**
 * Scores (integers) order suggestions across kinds: editors' hot words first (by their weight), then
 * popular queries (by count), then library terms (by vocabulary score), then titles (by copies). A
 * product choice, not a ranking measured on gold data: people expect curated and popular first.
 */
const BASE = { hot: 40_000_000, query: 30_000_000, term: 20_000_000, title: 10_000_000 } as const;

export interface LibraryIndexOptions {
  /** Vocabulary terms offered (best first). Default 50,000. */
  maxTerms?: number;
}

/** Terms and titles of the library: rebuilt when the vocabulary is. */
export async function buildLibraryIndex(snapshot: VocabularySnapshot, options: LibraryIndexOptions = {}): Promise<{ index: PrefixIndex; entries: EntryTable }> {
  const entries = table();
  const keys: PrefixKey[] = [];
  const seen = new Set<string>();
  const add = (text: string, kind: SuggestionKind, siteId: number, score: number) => {
    if (seen.has(text)) return;
    seen.add(text);
    const entry = entries.texts.length;
    entries.texts.push(text);
    entries.kinds.push(kind);
    entries.siteCodes.push(null);
    entries.siteIds.push(siteId);
    entries.scores.push(score);
    for (const k of keysFor(text, entry, snapshot.syllables)) keys.push(k);
  };
  const maxTerms = options.maxTerms ?? 50_000;
  for (let i = 0, n = 0; i < snapshot.words.length && n < maxTerms; i++) {
    if (snapshot.words[i].length < 2) continue;
    add(snapshot.words[i], 'term', -1, BASE.term + Math.round(100 * snapshot.wordScores[i]));
    n++;
  }
  for (let i = 0; i < snapshot.titles.length; i++) {
    const t = snapshot.titles[i];
    add(t.text, 'title', t.siteId, BASE.title + Math.min(t.count, 999_999));
    if (i % 5000 === 4999) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return { index: await PrefixIndex.build(keys, entries.scores), entries };
}

/** Hot words and popular queries: small, rebuilt whenever curation changes. */
export function buildCuratedIndex(curation: CurationSource, syllables: (t: string) => string[]): { index: PrefixIndex; entries: EntryTable } {
  const entries = table();
  const keys: PrefixKey[] = [];
  const add = (text: string, kind: SuggestionKind, site: string | null, score: number) => {
    const entry = entries.texts.length;
    entries.texts.push(text);
    entries.kinds.push(kind);
    entries.siteCodes.push(site);
    entries.siteIds.push(-1);
    entries.scores.push(score);
    for (const k of keysFor(text, entry, syllables)) keys.push(k);
  };
  for (const h of curation.activeHotWords()) add(h.word, 'hot', h.site, BASE.hot + h.weight);
  for (const p of curation.popularQueries()) add(p.query, 'query', p.site, BASE.query + Math.min(p.count, 999_999));
  return { index: PrefixIndex.of(keys, entries.scores), entries };
}
