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

/** A news dateline: 新华社北京2月9日电（记者 安蓓）, 本报讯（记者 …）. */
const DATELINE = /^[\u4e00-\u9fff]{0,12}(?:\d{1,2}月\d{1,2}日电|讯)\s*[（(][^（()）]{0,30}[)）]\s*/u;

/**
 * An opening sentence that repeats the document's title and its dateline ("北京：以安全作为… 新华社
 * 北京2月12日电（记者 丁静）记者12日…") quotes them as if they answered: the answer starts after them.
 * Kept whole when nothing would be left.
 */
export function withoutDocumentOpening(sentence: string, title: string): string {
  let rest = sentence;
  const t = title.trim();
  if (t.length >= 6 && rest.startsWith(t)) rest = rest.slice(t.length).trimStart();
  rest = rest.replace(DATELINE, '');
  return rest.length >= 10 ? rest : sentence;
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
    const quoted = input.extract.sentences.map((s, i) => (i === 0 ? withoutDocumentOpening(s.text, doc.title) : s.text));
    const sentences = clip(quoted, this.maxAnswerChars)
      .map((text, i) => ({ text: withMarkers(i === 0 ? `${note}${text}` : text, [1]), cites: [1] }));
    for (const s of sentences) input.onSentence?.(s);
    return { sentences, citations: [citationOf(doc, 1, input.publicBase)], generator: 'extractive' };
  }
}
