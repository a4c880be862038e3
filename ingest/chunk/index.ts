/** Structure-aware chunking (章/节/条 and 一、/（一） headings, sentence splits, overlap) for retrieval. */
export { chunkDocument } from './chunk-document';
export type { Chunk, ChunkOptions } from './chunk-document';
export { readSections } from './structure';
export type { Section, Span } from './structure';
