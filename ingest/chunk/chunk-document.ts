/**
 * Structure-aware chunking for retrieval. Units (articles, paragraphs) are packed into chunks of
 * at most maxChars within one section; a unit that fits is never split; a longer one is split at
 * sentence ends (。！？；), then at clause marks, never inside a 文号, a number, a date or a 《title》.
 * Consecutive chunks of one section overlap by up to overlapChars, starting at a clause boundary.
 */
import { findChineseDates } from '../normalize';
import { findDocNumbers } from '../metadata';
import { readSections } from './structure';
import type { Span } from './structure';

export interface ChunkOptions {
  /** Longest chunk text, overlap included. Default 400; at least 50. */
  maxChars?: number;
  /** Text repeated from the previous chunk of the same section. Default 60; 0 ≤ overlap < maxChars / 2. */
  overlapChars?: number;
}

export interface Chunk {
  /** 0-based position in the document. */
  ordinal: number;
  /** body.slice(start, end). */
  text: string;
  /** Heading path of the section, outermost first, joined with " > "; null before any heading. */
  heading: string | null;
  start: number;
  end: number;
}

const SENTENCE_END = /[。！？；!?;][”’」』）)]*/gu;
const CLAUSE_END = /[，、,：:\s]/gu;

function resolveOptions(options: ChunkOptions): Required<ChunkOptions> {
  const maxChars = options.maxChars ?? 400;
  const overlapChars = options.overlapChars ?? 60;
  if (!Number.isInteger(maxChars) || maxChars < 50) {
    throw new RangeError(`chunk maxChars must be an integer ≥ 50, got ${maxChars}`);
  }
  if (!Number.isInteger(overlapChars) || overlapChars < 0 || overlapChars >= maxChars / 2) {
    throw new RangeError(
      `chunk overlapChars must be an integer in [0, maxChars/2), got ${overlapChars} with maxChars ${maxChars}`,
    );
  }
  return { maxChars, overlapChars };
}

/** Spans a cut must not fall inside: 文号, dates, numbers, short 《titles》. */
function protectedSpans(text: string): Span[] {
  const spans: Span[] = [
    ...findDocNumbers(text),
    ...findChineseDates(text),
    ...[...text.matchAll(/[0-9][0-9.,:：%％\-/]*[0-9%％]|《[^《》\n]{1,60}》/gu)].map((m) => ({
      start: m.index,
      end: m.index + m[0].length,
    })),
  ];
  return spans.sort((a, b) => a.start - b.start);
}

/** Moves `pos` out of any protected span: back to its start if that stays after `floor`, else to its end. */
function safe(pos: number, spans: Span[], floor: number): number {
  for (const s of spans) {
    if (s.start >= pos) break;
    if (pos < s.end) return s.start > floor ? s.start : s.end;
  }
  return pos;
}

/** Ends of matches of `re` in text[from, to) that are not inside a protected span. */
function boundaries(text: string, re: RegExp, from: number, to: number, spans: Span[]): number[] {
  return [...text.slice(from, to).matchAll(re)]
    .map((m) => from + m.index + m[0].length)
    .filter((pos) => !spans.some((s) => s.start < pos && pos < s.end));
}

/** Splits [start, end) into pieces ≤ limit at sentence ends, then clause marks, then safe hard cuts. */
function splitLong(text: string, unit: Span, limit: number, spans: Span[]): Span[] {
  const pieces: Span[] = [];
  let from = unit.start;
  while (unit.end - from > limit) {
    const window = from + limit;
    const cut =
      boundaries(text, SENTENCE_END, from, window, spans).pop() ??
      boundaries(text, CLAUSE_END, from + Math.floor(limit / 2), window, spans).pop() ??
      safe(window, spans, from);
    pieces.push({ start: from, end: cut });
    from = cut;
  }
  pieces.push({ start: from, end: unit.end });
  return pieces;
}

/**
 * Where the overlap into the previous chunk starts: the earliest sentence or clause boundary in the
 * last overlapChars before `natural` (not the boundary right at it, which would make no overlap).
 */
function overlapStart(text: string, natural: number, overlap: number, floor: number, spans: Span[]): number {
  if (overlap === 0) return natural;
  const from = Math.max(floor, natural - overlap);
  const candidates = [
    ...boundaries(text, SENTENCE_END, from, natural - 1, spans),
    ...boundaries(text, CLAUSE_END, from, natural - 1, spans),
  ].filter((pos) => pos < natural - 1);
  const pos = candidates.length > 0 ? Math.min(...candidates) : safe(from, spans, floor);
  return pos > natural ? natural : pos;
}

function trimmed(text: string, span: Span): Span {
  let { start, end } = span;
  while (start < end && /\s/u.test(text[start])) start++;
  while (end > start && /\s/u.test(text[end - 1])) end--;
  return { start, end };
}

export function chunkDocument(doc: { title: string; body: string }, options: ChunkOptions = {}): Chunk[] {
  const { maxChars, overlapChars } = resolveOptions(options);
  const text = doc.body;
  const spans = protectedSpans(text);
  const chunks: Chunk[] = [];

  for (const section of readSections(text, maxChars)) {
    const heading = section.headings.length > 0 ? section.headings.join(' > ') : null;
    // Pieces already fit a chunk that carries an overlap.
    const pieces = section.units.flatMap((u) => splitLong(text, u, maxChars - overlapChars, spans));
    let current: Span | null = null;
    let previousEnd: number | null = null;
    const emit = (): void => {
      if (current === null) return;
      const span = trimmed(text, current);
      chunks.push({ ordinal: chunks.length, text: text.slice(span.start, span.end), heading, ...span });
      previousEnd = current.end;
      current = null;
    };
    for (const piece of pieces) {
      if (current !== null && piece.end - current.start <= maxChars) {
        current.end = piece.end;
        continue;
      }
      emit();
      const floor = section.units[0].start;
      const start =
        previousEnd === null ? piece.start : overlapStart(text, piece.start, overlapChars, floor, spans);
      current = { start, end: piece.end };
    }
    emit();
  }
  return chunks;
}
