import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { decodeHtml } from '../decode';
import type { JsonlLine } from './read-jsonl';

/**
 * Reads a CSV (or, for .tsv, tab-separated) feed with a header row. Exports from Chinese
 * systems come in UTF-8 (with or without BOM) or GBK: the bytes are sniffed like a page's.
 * A malformed record (a stray quote) is reported with its line; the rest of the file still reads.
 */
export async function* readCsv(file: string): AsyncGenerator<JsonlLine> {
  const bytes = await readFile(file);
  const text = decodeHtml(bytes).text;
  const errors: JsonlLine[] = [];
  let rows: Array<{ record: Record<string, string>; info: { lines: number } }>;
  try {
    rows = parse(text, {
      columns: (header: string[]) => header.map((h) => h.trim()),
      bom: true,
      delimiter: /\.tsv$/iu.test(file) ? '\t' : ',',
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
      skip_records_with_error: true,
      on_skip: (err: { lines?: number; message: string } | undefined) => {
        if (err) errors.push({ lineNumber: err.lines ?? 0, error: `not valid CSV (${err.message})` });
        return undefined;
      },
    }) as Array<{ record: Record<string, string>; info: { lines: number } }>;
  } catch (err) {
    yield { lineNumber: 1, error: `not valid CSV (${(err as Error).message}); check the header row and the delimiter` };
    return;
  }
  const all: JsonlLine[] = [...rows.map((r) => ({ lineNumber: r.info.lines, value: r.record as unknown })), ...errors];
  all.sort((a, b) => a.lineNumber - b.lineNumber);
  yield* all;
}

/** The header row of a CSV file, for telling feed kinds apart. */
export async function readCsvHeader(file: string): Promise<string[]> {
  const bytes = await readFile(file);
  const text = decodeHtml(bytes.subarray(0, 65536)).text;
  const firstLine = text.replace(/^\uFEFF/u, '').split(/\r?\n/u)[0] ?? '';
  const delimiter = /\.tsv$/iu.test(file) ? '\t' : ',';
  return firstLine.split(delimiter).map((h) => h.replace(/^"|"$/gu, '').trim());
}
