import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

export interface JsonlLine {
  lineNumber: number;
  /** The parsed value, or undefined when the line is not valid JSON. */
  value?: unknown;
  error?: string;
}

/** Streams a JSONL file line by line; a malformed line yields an error entry, never stops the file. */
export async function* readJsonl(file: string): AsyncGenerator<JsonlLine> {
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let lineNumber = 0;
  for await (const raw of lines) {
    lineNumber++;
    const line = lineNumber === 1 ? raw.replace(/^\uFEFF/, '') : raw;
    if (!line.trim()) continue;
    try {
      yield { lineNumber, value: JSON.parse(line) as unknown };
    } catch (err) {
      yield { lineNumber, error: `not valid JSON (${(err as Error).message})` };
    }
  }
}
