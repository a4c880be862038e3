/**
 * Sentence splitting for extractive answers and citation checks: a sentence ends at 。！？!? or a
 * line break; the terminator stays with its sentence; blank pieces are dropped. Semicolons do not
 * end a sentence: splitting there too moved the policy-answer span containment further from
 * BASELINES.md (best sentence 0.454 instead of 0.472, reference 0.466).
 */
const SENTENCE = /[^。！？!?\n]+[。！？!?]*|[。！？!?]+/gu;

export function splitSentences(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(SENTENCE)) {
    const s = m[0].trim();
    if (s) out.push(s);
  }
  return out;
}

/** Whitespace removed, as the answer-span and character-F1 checks compare text. */
export function normalizeSpan(text: string): string {
  return text.replace(/\s+/gu, '');
}
