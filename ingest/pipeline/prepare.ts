import { createHash } from 'node:crypto';
import { analyze, docNumberKey } from '../../library/analyzer';
import type { PreparedDocument } from '../../library/documents';
import type { DocumentInput } from '../../library/model/document';
import { splitIntoChunks } from './simple-chunker';

/** Derives everything the library stores beside the document: tokens, chunks, 文号 key, content hash. */
export function prepareDocument(doc: DocumentInput): PreparedDocument {
  const title = doc.title.trim();
  const body = doc.body.replace(/\r\n?/g, '\n').trim();
  const normalized: DocumentInput = { ...doc, title, body };
  const chunks = splitIntoChunks(body).map((c, ordinal) => ({
    ordinal,
    heading: c.heading,
    text: c.text,
    tokens: analyze(c.heading ? `${c.heading}\n${c.text}` : c.text),
  }));
  return {
    ...normalized,
    titleTokens: analyze(title),
    docNumberKey: docNumberKey(doc.docNumber),
    contentHash: createHash('sha256').update(JSON.stringify(normalized)).digest('hex'),
    chunks,
  };
}
