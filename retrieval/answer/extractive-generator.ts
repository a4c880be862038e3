import { citationOf, withMarkers } from './citations';
import { EXTRACTIVE_DEFAULTS } from './extractive';
import type { AnswerGenerator, GeneratedAnswer, GenerationInput } from './generator';
import { documentJurisdiction, jurisdictionNote } from './jurisdiction';

/** Keeps an answer within `max` characters (a run-on "sentence" of a feed without punctuation). */
function clip(sentences: readonly string[], max: number): string[] {
  const out: string[] = [];
  let used = 0;
  for (const s of sentences) {
    if (used + s.length <= max) out.push(s);
    else if (out.length === 0) out.push(`${s.slice(0, max - 1)}…`);
    used += s.length;
  }
  return out;
}

/**
 * Quotes the extractive pick (at most two sentences), citing its one document, opened with whose
 * rule it is when the document is local and the question did not name its place (jurisdiction.ts).
 */
export class ExtractiveGenerator implements AnswerGenerator {
  readonly name = 'extractive' as const;

  constructor(private readonly maxAnswerChars = EXTRACTIVE_DEFAULTS.maxAnswerChars) {}

  async generate(input: GenerationInput): Promise<GeneratedAnswer> {
    const doc = input.retrieved[input.extract.docIndex].doc;
    const place = documentJurisdiction({ issuer: doc.issuer, title: doc.title, text: doc.chunks.map((c) => c.text).join('\n') });
    const note = jurisdictionNote(place, input.question);
    const sentences = clip(input.extract.sentences.map((s) => s.text), this.maxAnswerChars)
      .map((text, i) => ({ text: withMarkers(i === 0 ? `${note}${text}` : text, [1]), cites: [1] }));
    for (const s of sentences) input.onSentence?.(s);
    return { sentences, citations: [citationOf(doc, 1, input.publicBase)], generator: 'extractive' };
  }
}
