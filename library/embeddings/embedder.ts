/** Whether a text is a search query (gets the model's query instruction) or a stored passage. */
export type EmbedKind = 'query' | 'passage';

/**
 * Turns texts into vectors. Two implementations pass one contract test: `none` (lexical only, the
 * default: zero dimensions, nothing stored) and a transformers.js model.
 */
export interface Embedder {
  /** Model id stamped on every stored vector: the hub id, or the folder name of a local model; "none". */
  readonly id: string;
  /** Vector length; 0 for `none`. */
  readonly dimensions: number;
  /** One vector per text, in order; L2-normalised when dimensions > 0. */
  embed(texts: string[], options: { kind: EmbedKind }): Promise<Float32Array[]>;
  close(): Promise<void>;
}

/** Lexical only: no model, no vectors. */
export const noneEmbedder: Embedder = {
  id: 'none',
  dimensions: 0,
  async embed(texts) {
    return texts.map(() => new Float32Array(0));
  },
  async close() {},
};

/** bge-small-zh-v1.5's instruction for short queries against passages (its model card). */
export const BGE_ZH_QUERY_INSTRUCTION = '为这个句子生成表示以用于检索相关文章：';

/** Model ids are written into SQL (index predicates): only these characters are accepted. */
export const MODEL_ID_PATTERN = /^[A-Za-z0-9._/:@+-]{1,200}$/;
