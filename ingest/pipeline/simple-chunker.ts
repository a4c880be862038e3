/** Target chunk size in characters: about one screen of a policy text, and 512 model tokens. */
const MAX_CHARS = 400;

/**
 * Paragraph-packing chunker: consecutive paragraphs are packed up to MAX_CHARS; a longer paragraph is
 * cut at sentence ends. The structure-aware chunker (ingest/chunk) replaces it where available.
 */
export function splitIntoChunks(body: string): Array<{ heading: string | null; text: string }> {
  const pieces: string[] = [];
  for (const paragraph of body.split(/\n+/).map((p) => p.trim()).filter(Boolean)) {
    if (paragraph.length <= MAX_CHARS) pieces.push(paragraph);
    else pieces.push(...splitSentences(paragraph));
  }
  const chunks: Array<{ heading: string | null; text: string }> = [];
  let current = '';
  for (const piece of pieces) {
    if (current && current.length + piece.length + 1 > MAX_CHARS) {
      chunks.push({ heading: null, text: current });
      current = '';
    }
    current = current ? `${current}\n${piece}` : piece;
  }
  if (current) chunks.push({ heading: null, text: current });
  return chunks;
}

function splitSentences(paragraph: string): string[] {
  const sentences = paragraph.match(/[^。！？；!?;]+[。！？；!?;]*/g) ?? [paragraph];
  const out: string[] = [];
  let current = '';
  for (const s of sentences) {
    if (current && current.length + s.length > MAX_CHARS) {
      out.push(current);
      current = '';
    }
    current += s;
    while (current.length > MAX_CHARS * 1.5) {
      out.push(current.slice(0, MAX_CHARS));
      current = current.slice(MAX_CHARS);
    }
  }
  if (current) out.push(current);
  return out;
}
