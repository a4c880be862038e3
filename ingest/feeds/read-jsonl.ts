import { inputLimitsFromEnv, limitVariable, maxRecordBytes, type InputLimits } from '../limits';
import { readLines } from './read-lines';

export interface JsonlLine {
  lineNumber: number;
  /** The parsed value, or undefined when the line cannot be read (see `error`). */
  value?: unknown;
  error?: string;
}

/**
 * Deepest nesting of arrays and objects a record may have. Records are flat (a few lists of
 * strings); a line nesting 100,000 levels parses, then overflows the stack wherever it is copied.
 */
export const MAX_JSON_DEPTH = 64;

/** Nesting depth of a parsed JSON value, walked with an explicit stack (stops past `limit`). */
export function jsonDepth(value: unknown, limit = MAX_JSON_DEPTH): number {
  let max = 0;
  const todo: Array<[unknown, number]> = [[value, 0]];
  while (todo.length > 0) {
    const [v, depth] = todo.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth + 1 > max) max = depth + 1;
    if (max > limit) return max;
    for (const child of Array.isArray(v) ? v : Object.values(v)) todo.push([child, depth + 1]);
  }
  return max;
}

/**
 * Streams a JSONL file line by line. A line that is not valid JSON, not valid UTF-8/GBK (the byte
 * offset is named), too long (over the record limit derived from `limits.maxDocumentChars`; it is
 * never buffered whole) or nested too deep yields an error entry; the rest of the file still reads.
 */
export async function* readJsonl(file: string, limits: InputLimits = inputLimitsFromEnv()): AsyncGenerator<JsonlLine> {
  const lines = readLines(file, { maxLineBytes: maxRecordBytes(limits), limitHint: limitVariable('maxDocumentChars') });
  for await (const line of lines) {
    const { lineNumber } = line;
    if (line.text === undefined) {
      yield { lineNumber, error: line.error ?? 'unreadable line' };
      continue;
    }
    if (!line.text.trim()) continue;
    let value: unknown;
    try {
      value = JSON.parse(line.text) as unknown;
    } catch (err) {
      yield { lineNumber, error: `not valid JSON (${(err as Error).message})` };
      continue;
    }
    if (jsonDepth(value) > MAX_JSON_DEPTH) {
      yield { lineNumber, error: `the record nests arrays or objects more than ${MAX_JSON_DEPTH} levels deep: flatten it` };
      continue;
    }
    yield { lineNumber, value };
  }
}
