/**
 * What every planned file's items pass through, whatever their reader: a thrown error becomes a
 * rejection of that input (a run always finishes), a document over the size limit is rejected,
 * and an id seen before in the same run is rejected naming where it was first seen.
 */
import { describeBytes, limitVariable, type InputLimits } from '../limits';
import type { FeedItem } from './feed-item';

/**
 * Ids accepted so far in one run (one `zhiwen ingest`, one enqueue): the second record with an id
 * would silently overwrite the first, so it is rejected instead (nothing stored is lost).
 */
export class RunIds {
  private readonly firstSeen = new Map<string, { source: string; lineNumber?: number }>();

  /** Null when `key` is new (it is then claimed by `where`), else where it was first seen. */
  claim(key: string, where: { source: string; lineNumber?: number }): { source: string; lineNumber?: number } | null {
    const first = this.firstSeen.get(key);
    if (first) return first;
    this.firstSeen.set(key, { source: where.source, lineNumber: where.lineNumber });
    return null;
  }
}

/** The reason for an error no reader expected (a bug or an input beyond what the readers handle). */
export function unexpectedReason(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof RangeError && /call stack/iu.test(message)) {
    return 'the input is nested too deeply to read (maximum call stack size exceeded): it is broken or hostile; export it again';
  }
  return `cannot read it (${message}): report it with the file`;
}

function textLength(item: FeedItem): number {
  if (item.document) return item.document.body.length + item.document.title.length;
  if (item.qa) return item.qa.question.length + item.qa.answer.length;
  return 0;
}

function duplicateReason(id: string, first: { source: string; lineNumber?: number }, item: FeedItem): string {
  const line = first.lineNumber !== undefined ? `line ${first.lineNumber}` : null;
  const where = first.source === item.source ? `${line ?? 'an earlier record'} of this file` : [first.source, line].filter(Boolean).join(' ');
  return `duplicate id "${id}": ${where} already gave it in this run, and the first is kept (give every record its own id)`;
}

/** Checks one item: size within `limits`, id not yet taken in `ids`. */
export function checkItem(item: FeedItem, limits: InputLimits, ids: RunIds): FeedItem {
  if (item.error || (!item.document && !item.qa)) return item;
  const chars = textLength(item);
  if (chars > limits.maxDocumentChars) {
    return {
      source: item.source, lineNumber: item.lineNumber, id: item.id,
      error: `the text is ${chars.toLocaleString('en-US')} characters, over the limit of ` +
        `${limits.maxDocumentChars.toLocaleString('en-US')} (${limitVariable('maxDocumentChars')}): split the document`,
    };
  }
  const id = item.document?.externalId ?? item.qa?.recordId ?? item.id;
  if (id === undefined) return item;
  const first = ids.claim(`${item.qa ? 'qa' : 'document'}\n${id}`, item);
  if (!first) return item;
  return { source: item.source, lineNumber: item.lineNumber, id, error: duplicateReason(id, first, item) };
}

/** The reason a page or attachment file is too big to read. */
export function oversizeFileReason(bytes: number, limits: InputLimits): string {
  return `the file is ${describeBytes(bytes)}, over the limit of ${describeBytes(limits.maxAttachmentBytes)} ` +
    `(${limitVariable('maxAttachmentBytes')}): it was not read; split it or raise the limit`;
}
