import { pinyin } from 'pinyin-pro';

const HAN = /^[\u3400-\u9fff]+$/u;
/** A query that may be pinyin: Latin letters with optional spaces or apostrophes (she'bao ka). */
const PINYIN_QUERY = /^[a-z][a-z' ]*$/;

export const isHan = (text: string): boolean => HAN.test(text);

/** Toneless syllables, one per character, ü written v (as people type it): 绿色 → lv·se. */
export function syllablesOf(text: string): string[] {
  return pinyin(text, { toneType: 'none', type: 'array', v: true });
}

/** The letters of a query if it could be pinyin (2+ letters once spaces go), else null. */
export function pinyinLetters(normalizedQuery: string): string | null {
  if (!PINYIN_QUERY.test(normalizedQuery)) return null;
  const letters = normalizedQuery.replace(/[' ]/g, '');
  return letters.length >= 2 ? letters : null;
}

/** Words of the dictionary with their pinyin, best (most frequent) first. */
export interface PinyinWord {
  word: string;
  syllables: readonly string[];
  score: number;
}

/** Readings kept per pinyin key: a key shared by more words than this is too ambiguous to use them all. */
const PER_KEY = 3;
/** Longest full-pinyin key tried when segmenting a run of letters (社会保障卡 = shehuibaozhangka, 16). */
const MAX_SEGMENT_LETTERS = 24;

/**
 * Full pinyin (shebaoka) and initials (sbk) → the library's words. Built from a bounded vocabulary
 * (title terms and curated words), so it stays small at any library size.
 */
export class PinyinDictionary {
  private readonly full = new Map<string, number[]>();
  private readonly initials = new Map<string, number[]>();
  private readonly words: string[] = [];

  /** `words` must come best first: earlier words win a shared key. */
  constructor(words: Iterable<PinyinWord>) {
    for (const { word, syllables } of words) {
      if (!isHan(word) || syllables.length !== word.length) continue;
      const id = this.words.push(word) - 1;
      add(this.full, syllables.join(''), id);
      if (word.length >= 2) add(this.initials, syllables.map((s) => s[0]).join(''), id);
    }
  }

  get size(): number {
    return this.words.length;
  }

  /** Words whose full pinyin is exactly these letters, best first. */
  byFull(letters: string): string[] {
    return (this.full.get(letters) ?? []).map((id) => this.words[id]);
  }

  byInitials(letters: string): string[] {
    return (this.initials.get(letters) ?? []).map((id) => this.words[id]);
  }

  /**
   * Chinese readings of a pinyin query, best first (at most 3): the whole run as one word, then as a
   * sequence of words (shebaokabanli → 社保卡办理), then as initials (sbk → 社保卡).
   */
  read(normalizedQuery: string): string[] {
    const letters = pinyinLetters(normalizedQuery);
    if (!letters) return [];
    const out = new Set<string>(this.byFull(letters));
    const segmented = this.segment(letters) ?? this.segmentGroups(normalizedQuery);
    if (segmented) out.add(segmented);
    if (letters.length <= 8) for (const w of this.byInitials(letters)) out.add(w);
    return [...out].slice(0, PER_KEY);
  }

  /** Greedy longest-match of the letters into dictionary words; null unless every letter is used. */
  private segment(letters: string): string | null {
    let out = '';
    for (let i = 0; i < letters.length; ) {
      let step = 0;
      for (let len = Math.min(MAX_SEGMENT_LETTERS, letters.length - i); len >= 2 && !step; len--) {
        const word = this.full.get(letters.slice(i, i + len));
        if (word) {
          out += this.words[word[0]];
          step = len;
        }
      }
      if (!step) return null;
      i += step;
    }
    return out;
  }

  /** Each space-separated group read on its own (full pinyin, else initials): "gjj tiqu" → 公积金提取. */
  private segmentGroups(normalizedQuery: string): string | null {
    const groups = normalizedQuery.split(/[\s']+/).filter(Boolean);
    if (groups.length < 2) return null;
    let out = '';
    for (const g of groups) {
      const word = this.byFull(g)[0] ?? this.segment(g) ?? this.byInitials(g)[0];
      if (!word) return null;
      out += word;
    }
    return out;
  }
}

function add(map: Map<string, number[]>, key: string, id: number): void {
  const ids = map.get(key);
  if (!ids) map.set(key, [id]);
  else if (ids.length < PER_KEY) ids.push(id);
}
