import { noneEmbedder, type Embedder } from './embedder';
import { createTransformersEmbedder, type TransformersEmbedderOptions } from './transformers-embedder';

/**
 * The configured embedder: `none` when no model is named (ZHIWEN_EMBED_MODEL unset or "none"),
 * otherwise a transformers.js model from a hub id or a local folder.
 */
export async function openEmbedder(
  model: string | undefined,
  options: Omit<TransformersEmbedderOptions, 'model'> = {},
): Promise<Embedder> {
  if (!model || model === 'none') return noneEmbedder;
  return createTransformersEmbedder({ ...options, model });
}
