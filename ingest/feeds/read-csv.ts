/**
 * Reads a CSV (or, for .tsv, tab-separated) feed with a header row. Exports from Chinese systems
 * come in UTF-8 (with or without BOM) or GBK: the line reader sniffs the file's charset and names
 * the byte where a line breaks it.
 *
 * Records are assembled from physical lines first (a quoted field may span lines), then each is
 * parsed on its own with csv-parse. A broken quote therefore costs one row, not the rest of the
 * file: when a record that spans lines does not parse, has more fields than the header, never
 * closes, or grows past the record limit, its first line is rejected (naming the row) and reading
 * starts again at the line after it.
 */
import { open } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { decodeHtml } from '../decode';
import { inputLimitsFromEnv, limitVariable, maxRecordBytes, type InputLimits } from '../limits';
import type { JsonlLine } from './read-jsonl';
import { readLines, type RawLine } from './read-lines';

const delimiterOf = (file: string): string => (/\.tsv$/iu.test(file) ? '\t' : ',');

/** Quotes in a line: an odd count flips whether a quoted field is open ("" escapes come in pairs). */
function quoteCount(text: string): number {
  let n = 0;
  for (let i = text.indexOf('"'); i !== -1; i = text.indexOf('"', i + 1)) n++;
  return n;
}

type Parsed = { fields: string[] } | { error: string };

function parseRecord(text: string, delimiter: string): Parsed {
  try {
    const rows = parse(text, { delimiter, relax_column_count: true }) as string[][];
    if (rows.length !== 1) return { error: `holds ${rows.length} records where one was expected` };
    return { fields: rows[0] };
  } catch (err) {
    return { error: (err as Error).message.replace(/ at line \d+/u, '') };
  }
}

export async function* readCsv(file: string, limits: InputLimits = inputLimitsFromEnv()): AsyncGenerator<JsonlLine> {
  const delimiter = delimiterOf(file);
  const maxBytes = maxRecordBytes(limits);
  const source = readLines(file, { maxLineBytes: maxBytes, limitHint: limitVariable('maxDocumentChars') })[Symbol.asyncIterator]();
  /** Lines taken back after a broken record, read again before the file's next ones. */
  const replay: RawLine[] = [];
  const next = async (): Promise<RawLine | null> => {
    if (replay.length > 0) return replay.shift()!;
    const r = await source.next();
    return r.done ? null : r.value;
  };
  let header: string[] | null = null;
  let row = 0;
  let open: RawLine[] = [];
  let openBytes = 0;
  let quotes = 0;
  /** The record in `open` is broken: reject its first line, read the others again. */
  const resync = (reason: string): JsonlLine => {
    const first = open[0];
    replay.unshift(...open.slice(1));
    open = [];
    openBytes = 0;
    quotes = 0;
    return { lineNumber: first.lineNumber, error: `row ${row} (line ${first.lineNumber}): ${reason}; the rows after it were read on their own` };
  };
  for (let line = await next(); line !== null || open.length > 0; line = await next()) {
    if (line === null) {
      yield resync('a quoted field opens here and never closes (an unterminated quote)');
      continue;
    }
    if (line.text === undefined) {
      if (open.length > 0) {
        // The line cannot be part of the open record: that record is broken too.
        replay.unshift(line);
        yield resync('a quoted field opens here and runs into an unreadable line');
        continue;
      }
      if (header !== null) row++;
      yield { lineNumber: line.lineNumber, error: header === null ? `the header row: ${line.error}` : `row ${row} (line ${line.lineNumber}): ${line.error}` };
      if (header === null) return;
      continue;
    }
    if (open.length === 0) {
      if (!line.text.trim()) continue;
      if (header !== null) row++;
    }
    open.push(line);
    openBytes += line.text.length;
    quotes += quoteCount(line.text);
    if (quotes % 2 === 1) {
      if (openBytes > maxBytes) yield resync(`a quoted field opens here and runs past the record limit (${limitVariable('maxDocumentChars')})`);
      continue;
    }
    const text = open.map((l) => l.text).join('\n');
    const parsed = parseRecord(text, delimiter);
    if (header === null) {
      if ('error' in parsed) {
        yield { lineNumber: open[0].lineNumber, error: `not valid CSV in the header row (${parsed.error}); check the header row and the delimiter` };
        return;
      }
      header = parsed.fields.map((h) => h.replace(/^\uFEFF/u, '').trim());
      open = [];
      openBytes = 0;
      continue;
    }
    if (open.length > 1 && ('error' in parsed || parsed.fields.length > header.length)) {
      yield resync('error' in parsed
        ? `not valid CSV (${parsed.error}): a quote opens a field that is never closed properly`
        : `a quoted field spans ${open.length} lines and swallows rows (${parsed.fields.length} fields, the header has ${header.length}): check the quotes on this row`);
      continue;
    }
    const lineNumber = open[0].lineNumber;
    open = [];
    openBytes = 0;
    if ('error' in parsed) {
      yield { lineNumber, error: `row ${row} (line ${lineNumber}): not valid CSV (${parsed.error})` };
      continue;
    }
    const record: Record<string, string> = {};
    header.forEach((name, i) => {
      if (name && !(name in record)) record[name] = parsed.fields[i] ?? '';
    });
    yield { lineNumber, value: record };
  }
}

/** The header row of a CSV file, for telling feed kinds apart. */
export async function readCsvHeader(file: string): Promise<string[]> {
  const handle = await open(file);
  let bytes: Uint8Array;
  try {
    const { buffer, bytesRead } = await handle.read({ buffer: Buffer.alloc(65536), position: 0 });
    bytes = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  const text = decodeHtml(bytes).text;
  const firstLine = text.replace(/^\uFEFF/u, '').split(/\r?\n/u)[0] ?? '';
  return firstLine.split(delimiterOf(file)).map((h) => h.replace(/^"|"$/gu, '').trim());
}
