import { analyze } from '../../library/analyzer';

/**
 * Share of a sentence's IDF weight that a cited passage must hold for the sentence to count as
 * supported. On the policy QA gold (339 official answer spans, policy library, 900-character passages):
 * a span is supported by its own document at 0.6 in 99.7 % of questions and by the best-ranked wrong
 * document in 18.3 % (0.5: 100 % / 22.1 %; 0.8: 99.1 % / 14.5 %). Official spans are verbatim; an
 * LLM paraphrases, so the threshold sits below the 0.8 the evals' citation check uses.
 */
export const SUPPORT_THRESHOLD = 0.6;

export interface CheckedSentence {
  /** The sentence as written, markers included. */
  text: string;
  /** Citation numbers it carries that point at a passage. */
  cites: number[];
  /** Best share of its IDF weight held by one cited passage (0–1). */
  support: number;
  kept: boolean;
  reason?: 'no-citation' | 'unsupported';
}

const MARKER = /\[\^?(\d{1,2})\]/g;
/** A sentence: up to 。！？!? or a line break, then any citation markers that follow the terminator. */
const SENTENCE = /[^。！？!?\n]+(?:[。！？!?]+(?:\s*\[\^?\d{1,2}\])*|$|(?=\n))|[。！？!?]+/gu;

export function splitCitedSentences(text: string): string[] {
  return [...text.matchAll(SENTENCE)].map((m) => m[0].trim()).filter((s) => /[\p{L}\p{N}]/u.test(s.replace(MARKER, '')));
}

/** A passage's tokens once, for checking many sentences against it. */
export function passageTokens(text: string): Set<string> {
  return new Set(analyze(text));
}

/**
 * Keeps sentences that cite a passage and that the passage supports by token overlap; drops the rest
 * with the reason (an LLM's uncited or unsupported sentence never reaches a citizen).
 */
export function checkSentences(
  sentences: readonly string[], passages: ReadonlyMap<number, Set<string>>, idf: (token: string) => number,
): CheckedSentence[] {
  return sentences.map((text) => {
    const cites = [...new Set([...text.matchAll(MARKER)].map((m) => Number(m[1])).filter((n) => passages.has(n)))];
    if (cites.length === 0) return { text, cites, support: 0, kept: false, reason: 'no-citation' as const };
    const tokens = [...new Set(analyze(text.replace(MARKER, '')))];
    const total = tokens.reduce((s, t) => s + idf(t), 0);
    let support = total === 0 ? 1 : 0;
    for (const n of cites) {
      const p = passages.get(n)!;
      const held = tokens.reduce((s, t) => s + (p.has(t) ? idf(t) : 0), 0);
      if (total > 0) support = Math.max(support, held / total);
    }
    const kept = support >= SUPPORT_THRESHOLD;
    return { text, cites, support: Math.round(support * 1000) / 1000, kept, ...(kept ? {} : { reason: 'unsupported' as const }) };
  });
}
