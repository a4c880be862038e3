/** Which reader a file gets, and the readers themselves (each yields FeedItems). */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { attachmentToFeedItem } from './attachment-file';
import { documentFromValue } from './document-record';
import type { FeedItem } from './feed-item';
import { DOCUMENT_FIELDS, GUIDE_FIELDS, QA_FIELDS, hasFields, renameFields } from './field-names';
import { guideFromValue } from './guide-record';
import { pageToFeedItem } from './html-page';
import { qaFromValue } from './qa-record';
import { readCsv, readCsvHeader } from './read-csv';
import { readJsonl } from './read-jsonl';
import { checkItem, oversizeFileReason, RunIds, unexpectedReason } from './read-guards';
import { inputLimitsFromEnv, type InputLimits } from '../limits';

import type { FeedKind } from './feed-kinds';

export { FEED_KINDS, type FeedKind } from './feed-kinds';

export interface PlannedFile {
  path: string;
  /** The path the user gave (the file itself, or the folder it was found in): summaries group by it. */
  input: string;
  kind: FeedKind;
  format: 'jsonl' | 'csv' | 'file';
  /** Path inside the ingested folder (or the file name): ids of pages and attachments derive from it. */
  relativePath: string;
  /** Site code for what names none. */
  defaultSite: string;
  /** URL and site from a folder's manifest. */
  hint?: { url?: string | null; site?: string | null };
}

const PAGE_EXT = new Set(['.html', '.htm', '.shtml', '.xhtml']);
const IMAGE_EXT = new Set(['.png', '.jpg', '.jpeg']);
const ATTACHMENT_EXT = new Set(['.pdf', '.docx', '.doc', '.wps', '.rtf', '.ofd', '.xls', '.xlsx', '.et', '.ppt', '.pptx', '.dps']);
const FEED_EXT: Record<string, 'jsonl' | 'csv'> = { '.jsonl': 'jsonl', '.ndjson': 'jsonl', '.csv': 'csv', '.tsv': 'csv' };

/** The kind of feed a first record (or a header turned into one) looks like, or null. */
export function feedKindOf(record: Record<string, unknown>): 'documents' | 'qa' | 'guides' | null {
  if (hasFields(record, QA_FIELDS, ['question', 'answer'])) return 'qa';
  if (hasFields(record, GUIDE_FIELDS, ['title']) &&
      ['materials', 'process', 'conditions', 'basis'].some((f) => hasFields(record, GUIDE_FIELDS, [f]))) return 'guides';
  if (hasFields(record, DOCUMENT_FIELDS, ['title', 'text'])) return 'documents';
  return null;
}

async function firstRecord(file: string, format: 'jsonl' | 'csv'): Promise<Record<string, unknown> | null> {
  if (format === 'csv') return Object.fromEntries((await readCsvHeader(file)).map((h) => [h, '']));
  for await (const line of readJsonl(file)) {
    if (line.value && typeof line.value === 'object' && !Array.isArray(line.value)) return line.value as Record<string, unknown>;
  }
  return null;
}

export interface PlanFileOptions {
  /** The path the user gave. */
  input: string;
  inFolder: boolean;
  kind?: FeedKind;
  /** Site code given by the user (wins over file and folder names). */
  site?: string;
  /** The folder's name, default site of its pages and attachments. */
  folderSite?: string;
  relativePath: string;
  hint?: PlannedFile['hint'];
}

export async function planFile(file: string, options: PlanFileOptions): Promise<PlannedFile | { error: string }> {
  const ext = path.extname(file).toLowerCase();
  const stem = path.basename(file, path.extname(file));
  const base = { path: file, input: options.input, relativePath: options.relativePath, hint: options.hint };
  const feedSite = options.site ?? stem;
  const fileSite = options.site ?? options.folderSite ?? stem;
  const feedFormat = FEED_EXT[ext];
  if (options.kind === 'pages' || options.kind === 'attachments') {
    return { ...base, kind: options.kind, format: 'file', defaultSite: fileSite };
  }
  if (options.kind) {
    if (!feedFormat) return { error: `--kind ${options.kind} reads .jsonl or .csv feeds, not "${ext || 'no extension'}"` };
    return { ...base, kind: options.kind, format: feedFormat, defaultSite: feedSite };
  }
  if (feedFormat) {
    const first = await firstRecord(file, feedFormat);
    const kind = first ? feedKindOf(first) : null;
    if (kind) return { ...base, kind, format: feedFormat, defaultSite: feedSite };
    if (options.inFolder) {
      return { error: 'not a feed: its first record has neither title and text, question and answer, nor a guide\'s fields' };
    }
    return { ...base, kind: 'documents', format: feedFormat, defaultSite: feedSite };
  }
  if (PAGE_EXT.has(ext)) return { ...base, kind: 'pages', format: 'file', defaultSite: fileSite };
  // Plain text and images beside saved pages are notes and page assets; named on their own, they are the attachment.
  if (ATTACHMENT_EXT.has(ext) || (!options.inFolder && (ext === '.txt' || IMAGE_EXT.has(ext)))) {
    return { ...base, kind: 'attachments', format: 'file', defaultSite: fileSite };
  }
  if (options.inFolder) {
    return { error: ext === '.txt'
      ? 'plain text beside saved pages (a gold or note file): not ingested; pass it by name to ingest it'
      : `not a page, feed or attachment ("${ext || 'no extension'}")` };
  }
  return { error: `unsupported file type "${ext || 'no extension'}": give .jsonl/.csv feeds, .html pages or PDF/DOCX attachments, or force a reader with --kind` };
}

export interface ReadOptions {
  /** Size limits; default: from the ZHIWEN_MAX_* environment variables (see ingest/limits). */
  limits?: InputLimits;
  /** Ids accepted so far in this run, shared across its files; default: this file's own. */
  ids?: RunIds;
}

/**
 * The items of one planned file, in order. Never throws for a bad input: an unreadable file, an
 * oversized one, a record over the limits or a duplicate id comes back as an item with its error.
 */
export async function* readPlannedFile(file: PlannedFile, options: ReadOptions = {}): AsyncGenerator<FeedItem> {
  const limits = options.limits ?? inputLimitsFromEnv();
  const ids = options.ids ?? new RunIds();
  let lastLine: number | undefined;
  try {
    for await (const item of readItems(file, limits)) {
      lastLine = item.lineNumber ?? lastLine;
      yield checkItem(item, limits, ids);
    }
  } catch (err) {
    const after = lastLine !== undefined ? ` (after line ${lastLine}; the rest of the file is not read)` : '';
    yield { source: file.path, lineNumber: lastLine, error: `${unexpectedReason(err)}${after}` };
  }
}

async function* readItems(file: PlannedFile, limits: InputLimits): AsyncGenerator<FeedItem> {
  if (file.format === 'file') {
    const size = (await stat(file.path)).size;
    if (size > limits.maxAttachmentBytes) {
      yield { source: file.path, error: oversizeFileReason(size, limits) };
      return;
    }
    const bytes = await readFile(file.path);
    if (file.kind === 'pages') {
      yield pageToFeedItem(bytes, file.path, { relativePath: file.relativePath, defaultSite: file.defaultSite, hint: file.hint });
    } else {
      yield await attachmentToFeedItem(bytes, file.path, { relativePath: file.relativePath, defaultSite: file.defaultSite, limits });
    }
    return;
  }
  const lines = file.format === 'csv' ? readCsv(file.path, limits) : readJsonl(file.path, limits);
  for await (const line of lines) {
    const where = { source: file.path, lineNumber: line.lineNumber };
    if (line.error) {
      yield { ...where, error: line.error };
      continue;
    }
    try {
      yield valueToItem(file.kind, line.value, file.defaultSite, where);
    } catch (err) {
      yield { ...where, error: unexpectedReason(err) };
    }
  }
}

function valueToItem(kind: FeedKind, value: unknown, defaultSite: string, where: { source: string; lineNumber: number }): FeedItem {
  if (kind === 'qa') return qaFromValue(value, defaultSite, where);
  if (kind === 'guides') return guideFromValue(value, defaultSite, where);
  const renamed = value && typeof value === 'object' && !Array.isArray(value)
    ? renameFields(value as Record<string, unknown>, DOCUMENT_FIELDS)
    : value;
  return documentFromValue(renamed, defaultSite, where);
}
