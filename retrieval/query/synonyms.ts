import { analyze, indexForm } from '../../library/analyzer';
import type { SynonymRule } from '../curation';

export interface SynonymMatch {
  /** The words of the query that matched a rule. */
  phrase: string;
  /** Words to add for it. */
  expansions: string[];
}

/**
 * The tokens of a text that are not part of a longer token of the same text: 住房公积金 → 住房·公积金
 * (not 公积·积金). Expansions add only these, so an added word does not also add its fragments.
 */
export function maximalTokens(text: string): string[] {
  const tokens = [...new Set(analyze(text))];
  return tokens.filter((t) => !tokens.some((o) => o !== t && o.length > t.length && o.includes(t)));
}

/** Synonym rules compiled for matching inside a query (the whole table is rebuilt when editors change it). */
export class SynonymTable {
  private readonly map = new Map<string, string[]>();
  private readonly tokenCache = new Map<string, string[]>();
  private maxLength = 0;

  constructor(rules: readonly SynonymRule[]) {
    const add = (from: string, to: readonly string[]) => {
      const key = indexForm(from).trim();
      const list = new Set(this.map.get(key) ?? []);
      for (const t of to) if (indexForm(t).trim() !== key) list.add(indexForm(t).trim());
      if (!key || list.size === 0) return;
      this.map.set(key, [...list]);
      this.maxLength = Math.max(this.maxLength, key.length);
    };
    for (const rule of rules) {
      add(rule.term, rule.expansions);
      if (rule.mode === 'equivalent') {
        for (const word of rule.expansions) add(word, [rule.term, ...rule.expansions.filter((w) => w !== word)]);
      }
    }
  }

  get size(): number {
    return this.map.size;
  }

  /** Every word the rules name (terms and expansions): curated vocabulary for pinyin and suggestions. */
  words(): string[] {
    const all = new Set<string>();
    for (const [term, expansions] of this.map) {
      all.add(term);
      for (const e of expansions) all.add(e);
    }
    return [...all];
  }

  /**
   * Rules whose term occurs in the text, longest first and without overlaps, left to right: in 社保卡
   * the rule for 社保卡 applies, not the one for 社保. Cost: text length × longest term, both capped.
   */
  match(text: string): SynonymMatch[] {
    const found: SynonymMatch[] = [];
    for (let i = 0; i < text.length; ) {
      let step = 1;
      for (let len = Math.min(this.maxLength, text.length - i); len >= 1; len--) {
        const expansions = this.map.get(text.slice(i, i + len));
        if (expansions) {
          found.push({ phrase: text.slice(i, i + len), expansions });
          step = len;
          break;
        }
      }
      i += step;
    }
    return found;
  }

  /** The maximal tokens of an expansion word, analysed once per table. */
  tokensOf(word: string): string[] {
    let tokens = this.tokenCache.get(word);
    if (!tokens) this.tokenCache.set(word, (tokens = maximalTokens(word)));
    return tokens;
  }
}

/** Every word the table offers for the phrases of `text` (for matchers that take words, not a plan). */
export function synonymWords(table: SynonymTable, text: string): string[] {
  return [...new Set(table.match(text).flatMap((m) => m.expansions))];
}
