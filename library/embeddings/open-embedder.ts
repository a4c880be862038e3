import { noneEmbedder, type Embedder } from './embedder';
import type { TransformersEmbedderOptions } from './transformers-embedder';

/**
 * The configured embedder: `none` when no model is named (ZHIWEN_EMBED_MODEL unset or "none"),
 * otherwise a transformers.js model from a hub id or a local folder. transformers.js (onnxruntime) is
 * loaded only then: importing this folder costs a lexical-only API process nothing (it would add
 * ~0.3 s and ~33 MiB).
 */
export async function openEmbedder(
  model: string | undefined,
  options: Omit<TransformersEmbedderOptions, 'model'> = {},
): Promise<Embedder> {
  if (!model || model === 'none') return noneEmbedder;
  const { createTransformersEmbedder } = await import('./transformers-embedder');
  return createTransformersEmbedder({ ...options, model });
}
