/**
 * Streams the lines of a feed file as decoded text, holding at most one line (up to `maxLineBytes`)
 * in memory: past the limit the line's bytes are dropped as they arrive and the line comes back as
 * a rejection. Decoding (UTF-8 or GBK, sniffed per file) is the decode folder's LineDecoder.
 */
import { createReadStream } from 'node:fs';
import { LineDecoder } from '../decode';
import { describeBytes } from '../limits';

export interface RawLine {
  /** 1-based. */
  lineNumber: number;
  /** Where the line starts in the file (bytes). */
  byteOffset: number;
  /** The decoded line (no newline), or undefined when `error` says why it cannot be read. */
  text?: string;
  error?: string;
}

export interface ReadLinesOptions {
  /** Longer lines are rejected without being buffered. */
  maxLineBytes: number;
  /** Names the knob in the rejection (e.g. "ZHIWEN_MAX_DOCUMENT_CHARS"). */
  limitHint?: string;
}

export async function* readLines(file: string, options: ReadLinesOptions): AsyncGenerator<RawLine> {
  const decoder = new LineDecoder();
  let parts: Buffer[] = [];
  let length = 0;
  let overflow = false;
  let lineNumber = 0;
  let lineStart = 0;
  let position = 0;
  const finish = (): RawLine => {
    lineNumber++;
    const where = { lineNumber, byteOffset: lineStart };
    if (overflow) {
      return {
        ...where,
        error: `line is longer than ${describeBytes(options.maxLineBytes)}` +
          `${options.limitHint ? ` (raise ${options.limitHint} to take it)` : ''}: split the record or shorten its text`,
      };
    }
    const bytes = parts.length === 1 ? parts[0] : Buffer.concat(parts, length);
    const decoded = decoder.decode(bytes, lineStart);
    return 'text' in decoded ? { ...where, text: decoded.text } : { ...where, error: decoded.error };
  };
  const append = (piece: Buffer): void => {
    if (overflow || piece.length === 0) return;
    if (length + piece.length > options.maxLineBytes) {
      overflow = true;
      parts = [];
      length = 0;
      return;
    }
    parts.push(piece);
    length += piece.length;
  };
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    let from = 0;
    for (let nl = chunk.indexOf(10); nl !== -1; nl = chunk.indexOf(10, from)) {
      append(chunk.subarray(from, nl));
      yield finish();
      position += nl + 1 - from;
      from = nl + 1;
      lineStart = position;
      parts = [];
      length = 0;
      overflow = false;
    }
    // Copy: the stream may reuse its buffer for the next chunk.
    append(Buffer.from(chunk.subarray(from)));
    position += chunk.length - from;
  }
  if (length > 0 || overflow) yield finish();
}
