import { STOPWORDS } from '../../library/analyzer';
import { isHan, syllablesOf, type PinyinWord } from './pinyin';

/** Longest stretch of a query checked as one possibly mistyped word (characters). */
const MAX_WORD = 8;
/** Missing- or extra-character fixes only produce words this long: shorter ones are too easily confused. */
const MIN_EDIT_WORD = 4;
/**
 * One-character substitutions (形近 slips: 失业保验金) only produce words this long. There is no glyph
 * table here, so shape cannot be told from chance: the four other characters must pin the word down.
 */
const MIN_SUBSTITUTION_WORD = 5;
/** Near-homophone (fuzzy pinyin) fixes only produce words this long. */
const MIN_FUZZY_WORD = 3;
/** Words kept per sound or deletion key. */
const PER_KEY = 4;
/**
 * A same-sound fix may replace characters of known words only in stretches this long: two syllables
 * agree by chance (市长/市场), three rarely do. On the dev gold sets (1,135 policy and consultation
 * questions, unified library) it applies no correction and leaves nDCG@10 unchanged.
 */
const MIN_ACROSS_WORD = 3;

export interface CorrectorOptions {
  /** Words (best first) that feed the missing/extra-character index; each costs ≈5 keys. Default 30,000. */
  maxEditWords?: number;
}

/**
 * How a stretch was corrected: 'sound' the same pinyin (公鸡金 → 公积金, also across words the index holds:
 * 住房公基金 → 住房公积金), 'nearSound' fuzzy pinyin (zh/z, n/l, -ng/-n), 'edit' a character missing or
 * repeated, 'shape' one character replaced by another where the other four or more spell a vocabulary
 * word (形近: 失业保验金 → 失业保险金).
 */
export type CorrectionKind = 'sound' | 'nearSound' | 'edit' | 'shape';

export interface CorrectionChange {
  from: string;
  to: string;
  kind: CorrectionKind;
  /** The stretch held words the index knows, and the fix replaced one of their characters (sound only). */
  acrossWords: boolean;
}

export interface Correction {
  text: string;
  changes: CorrectionChange[];
}

/** Sounds people confuse when typing pinyin (zh/z, ch/c, sh/s, n/l, -ng/-n): 福利 and 胡利 do not, 申请 and 身清 do. */
export function fuzzySyllable(s: string): string {
  return s.replace(/^([zcs])h/, '$1').replace(/^n(?=[aeiouv])/, 'l').replace(/([aei])ng$/, '$1n');
}

/**
 * "您是不是要找…": replaces a stretch of a query that is no known word with a word of the library's
 * vocabulary that sounds the same (社保咔 → 社保卡, 公积今 → 公积金; the usual slip of pinyin input),
 * sounds nearly the same (zh/z, n/l, -ng/-n), or lacks or repeats one character (公积提取 → 公积金提取).
 * Arbitrary one-character substitutions are tried only in words of MIN_SUBSTITUTION_WORD characters or more and
 * only on a character that is in no known word: over short words they mostly turn one real name into
 * another (泉州市 → 郑州市). Characters inside known words are changed only by a same-sound fix of a
 * whole stretch of MIN_ACROSS_WORD characters or more that is itself no word (公基金 → 公积金: 基金 is a
 * word, 公基金 is not, and three syllables agree); a fix never cuts a known word, and locked characters
 * (文号, agency codes) are never changed, so a query made of real words is left alone.
 */
export class Corrector {
  private readonly ids = new Map<string, number>();
  private readonly words: string[] = [];
  private readonly bySound = new Map<string, number[]>();
  private readonly byFuzzySound = new Map<string, number[]>();
  private readonly deletions = new Map<string, number[]>();

  /** `words` best first. */
  constructor(words: Iterable<PinyinWord>, options: CorrectorOptions = {}) {
    const maxEdit = options.maxEditWords ?? 30_000;
    let editWords = 0;
    for (const { word, syllables } of words) {
      if (!isHan(word) || word.length < 2 || word.length > MAX_WORD || syllables.length !== word.length) continue;
      const id = this.words.push(word) - 1;
      this.ids.set(word, id);
      push(this.bySound, syllables.join(' '), id);
      if (word.length >= MIN_FUZZY_WORD) push(this.byFuzzySound, syllables.map(fuzzySyllable).join(' '), id);
      if (word.length >= MIN_EDIT_WORD && editWords++ < maxEdit) {
        for (let j = 0; j < word.length; j++) push(this.deletions, word.slice(0, j) + word.slice(j + 1), id);
      }
    }
  }

  has(word: string): boolean {
    return this.ids.has(word);
  }

  /**
   * The corrected query, or null when nothing needs correcting. `isKnown` says whether a stretch is a
   * real word (the vocabulary or any indexed term); known stretches are skipped whole.
   */
  correct(text: string, isKnown: (s: string) => boolean, locked?: (offset: number) => boolean): Correction | null {
    const changes: Correction['changes'] = [];
    const out = text.replace(/[\u3400-\u9fff]{2,}/gu, (run, offset: number) => {
      const lockedHere = new Uint8Array(run.length);
      if (locked) for (let i = 0; i < run.length; i++) lockedHere[i] = locked(offset + i) ? 1 : 0;
      if (lockedHere.every((c) => c === 1)) return run;
      return this.correctRun(run, (s) => this.ids.has(s) || isKnown(s), lockedHere, changes);
    });
    return changes.length ? { text: out, changes } : null;
  }

  private correctRun(run: string, known: (s: string) => boolean, locked: Uint8Array, changes: Correction['changes']): string {
    const sounds = syllablesOf(run);
    if (sounds.length !== run.length) return run;
    // Characters inside a known word of the run are right as typed; so are function words (有, 的) and locked ones.
    const covered = Uint8Array.from(locked);
    const spans: Array<[number, number]> = [];
    for (let i = 0; i < run.length; i++) {
      if (STOPWORDS.has(run[i])) covered[i] = 1;
      for (let len = 2; len <= Math.min(MAX_WORD, run.length - i); len++) {
        if (known(run.slice(i, i + len))) {
          covered.fill(1, i, i + len);
          spans.push([i, i + len]);
        }
      }
    }
    if (covered.every((c) => c === 1)) return run;
    const cutsKnownWord = (a: number, b: number) => spans.some(([s, e]) => (s < a && e > a) || (s < b && e > b));
    let out = '';
    for (let i = 0; i < run.length; ) {
      let step = 1;
      let piece = run[i];
      for (let len = Math.min(MAX_WORD, run.length - i); len >= 2; len--) {
        const stretch = run.slice(i, i + len);
        if (known(stretch)) {
          step = len;
          piece = stretch;
          break;
        }
        if (cutsKnownWord(i, i + len)) continue;
        const change = this.fixOf(stretch, sounds.slice(i, i + len), covered.subarray(i, i + len), locked.subarray(i, i + len));
        if (change) {
          changes.push(change);
          step = len;
          piece = change.to;
          break;
        }
      }
      out += piece;
      i += step;
    }
    return out;
  }

  /** The first fix that applies to a stretch that is no known word, most certain kind first; null when none does. */
  private fixOf(stretch: string, sounds: string[], covered: Uint8Array, locked: Uint8Array): CorrectionChange | null {
    const same = this.homophone(stretch, sounds, false);
    if (same && changesOnlyUnknown(stretch, same, covered)) return { from: stretch, to: same, kind: 'sound', acrossWords: false };
    const edit = this.missingOrExtra(stretch);
    if (edit && changesOnlyUnknown(stretch, edit, covered)) return { from: stretch, to: edit, kind: 'edit', acrossWords: false };
    const near = this.homophone(stretch, sounds, true);
    if (near && changesOnlyUnknown(stretch, near, covered)) return { from: stretch, to: near, kind: 'nearSound', acrossWords: false };
    const shape = this.substitution(stretch);
    if (shape && changesOnlyUnknown(stretch, shape, covered)) return { from: stretch, to: shape, kind: 'shape', acrossWords: false };
    // Across known words: the whole stretch sounds exactly like a word (住房公基金, 劳动和同法) and no locked character changes.
    if (same && stretch.length >= MIN_ACROSS_WORD && changesOnlyUnknown(stretch, same, locked)) return { from: stretch, to: same, kind: 'sound', acrossWords: true };
    return null;
  }

  /** A word of MIN_SUBSTITUTION_WORD+ characters that differs from the stretch in exactly one position (形近 slips). */
  private substitution(stretch: string): string | null {
    if (stretch.length < MIN_SUBSTITUTION_WORD) return null;
    let best = -1;
    for (let j = 0; j < stretch.length; j++) {
      for (const id of this.deletions.get(stretch.slice(0, j) + stretch.slice(j + 1)) ?? []) {
        const word = this.words[id];
        if (word.length === stretch.length && word !== stretch && word.slice(0, j) === stretch.slice(0, j) && (best < 0 || id < best)) best = id;
      }
    }
    return best >= 0 ? this.words[best] : null;
  }

  /** A word that sounds the same (or, fuzzy, nearly) and differs in few characters (1 in 2–4, 2 in 5+). */
  private homophone(stretch: string, sounds: string[], fuzzy: boolean): string | null {
    if (fuzzy && stretch.length < MIN_FUZZY_WORD) return null;
    const key = (fuzzy ? sounds.map(fuzzySyllable) : sounds).join(' ');
    const allowed = stretch.length >= 5 ? 2 : 1;
    for (const id of (fuzzy ? this.byFuzzySound : this.bySound).get(key) ?? []) {
      const word = this.words[id];
      if (word.length !== stretch.length || word === stretch) continue;
      let differ = 0;
      for (let k = 0; k < word.length; k++) if (word[k] !== stretch[k]) differ++;
      if (differ <= allowed) return word;
    }
    return null;
  }

  /** A word with one character more (the user missed it) or less (the user typed it twice or by slip). */
  private missingOrExtra(stretch: string): string | null {
    let best = -1;
    const consider = (id: number | undefined) => {
      if (id !== undefined && (best < 0 || id < best)) best = id;
    };
    if (stretch.length + 1 >= MIN_EDIT_WORD) for (const id of this.deletions.get(stretch) ?? []) consider(id);
    if (stretch.length - 1 >= MIN_EDIT_WORD) {
      for (let j = 0; j < stretch.length; j++) consider(this.ids.get(stretch.slice(0, j) + stretch.slice(j + 1)));
    }
    return best >= 0 ? this.words[best] : null;
  }
}

/**
 * A fix may change only characters outside known words: a same-length fix its differing characters, a
 * shorter one the character it drops; a longer one (a missing character) needs an unknown character nearby.
 */
function changesOnlyUnknown(stretch: string, fix: string, covered: Uint8Array): boolean {
  if (fix.length < stretch.length) {
    for (let j = 0; j < stretch.length; j++) if (covered[j] === 0 && stretch.slice(0, j) + stretch.slice(j + 1) === fix) return true;
    return false;
  }
  if (fix.length > stretch.length) return covered.some((c) => c === 0);
  for (let k = 0; k < stretch.length; k++) if (stretch[k] !== fix[k] && covered[k]) return false;
  return true;
}

function push(map: Map<string, number[]>, key: string, id: number): void {
  const ids = map.get(key);
  if (!ids) map.set(key, [id]);
  else if (ids.length < PER_KEY) ids.push(id);
}
