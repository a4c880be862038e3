import type { PassageDocument } from '../../library/consultation';
import type { GroundedGenerator, PromptPassage } from '../llm';
import { citationOf } from './citations';
import type { QueryTerm } from './extractive';
import type { AnswerGenerator, GeneratedAnswer, GenerationInput } from './generator';
import { countOccurrences, documentSentences } from './sentences';

/** Characters of one document shown to the LLM: room for a few paragraphs, 4 passages ≈ 2k tokens. */
const PASSAGE_CHARS = 900;

/**
 * One passage per document for the LLM, numbered from 1: its chunk holding the most query weight,
 * grown with the chunks after and before it up to PASSAGE_CHARS (an answer often runs on).
 */
export function llmPassages(terms: readonly QueryTerm[], docs: readonly PassageDocument[], count: number) {
  const prompt: PromptPassage[] = [];
  const byNumber = new Map<number, PassageDocument>();
  for (const doc of docs.slice(0, count)) {
    const held = doc.chunks.map((c) => {
      const folded = documentSentences([c]).map((s) => s.folded).join('');
      return terms.reduce((s, t) => s + (countOccurrences(folded, t.term) > 0 ? t.idf : 0), 0);
    });
    const best = held.indexOf(Math.max(...held));
    let lo = best;
    let hi = best;
    let length = doc.chunks[best]?.text.length ?? 0;
    for (let grew = true; grew; ) {
      grew = false;
      for (const next of [hi + 1, lo - 1]) {
        const c = doc.chunks[next];
        if (!c || length + c.text.length > PASSAGE_CHARS) continue;
        length += c.text.length;
        if (next > hi) hi = next;
        else lo = next;
        grew = true;
      }
    }
    const n = prompt.length + 1;
    const c = citationOf(doc, n);
    const text = doc.chunks.slice(lo, hi + 1).map((x) => x.text).join('\n').slice(0, PASSAGE_CHARS);
    prompt.push({ n, title: doc.title, source: [c.issuer, c.docNumber, c.date, c.validity].filter(Boolean).join('，'), text });
    byNumber.set(n, doc);
  }
  return { prompt, docs: byNumber };
}

/**
 * The grounded LLM writes from numbered passages; each sentence is checked before anyone sees it
 * (retrieval/llm). When the model fails or writes nothing supported, the fallback (the extractive
 * generator) answers, and `llm.fallback` says why.
 */
export class GroundedLlmGenerator implements AnswerGenerator {
  readonly name = 'llm' as const;

  constructor(
    private readonly llm: GroundedGenerator,
    private readonly fallback: AnswerGenerator,
    private readonly idf: (term: string) => number,
    /** Passages (one per document) shown to the LLM. */
    private readonly passageCount = 4,
  ) {}

  async generate(input: GenerationInput): Promise<GeneratedAnswer> {
    const passages = llmPassages(input.query.terms, input.retrieved.map((r) => r.doc), this.passageCount);
    let fallback: string;
    let dropped: NonNullable<GeneratedAnswer['llm']>['dropped'] = [];
    try {
      const out = await this.llm.generate(input.question, passages.prompt, this.idf, {
        stream: !!input.onSentence,
        history: input.history,
        onSentence: input.onSentence ? (s) => input.onSentence!({ text: s.text, cites: s.cites }) : undefined,
      });
      dropped = out.sentences.filter((s) => !s.kept).map((s) => ({ text: s.text, reason: s.reason, support: s.support }));
      if (out.kept.length > 0) {
        const used = [...new Set(out.kept.flatMap((s) => s.cites))].sort((a, b) => a - b);
        return {
          sentences: out.kept.map((s) => ({ text: s.text, cites: s.cites })),
          citations: used.map((n) => citationOf(passages.docs.get(n)!, n, input.publicBase)),
          generator: 'llm', llm: { dropped },
        };
      }
      fallback = 'the LLM wrote no sentence that cites a passage supporting it';
    } catch (err) {
      fallback = `the LLM failed: ${(err as Error).message}`;
    }
    return { ...(await this.fallback.generate(input)), llm: { dropped, fallback } };
  }
}
