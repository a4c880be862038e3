import { noneEmbedder, type Embedder } from './embedder';
import { endpointOptionsFromEnv } from './endpoint-settings';
import type { TransformersEmbedderOptions } from './transformers-embedder';

export interface OpenEmbedderOptions extends Omit<TransformersEmbedderOptions, 'model'> {
  /**
   * Where ZHIWEN_EMBED_URL and its companions are read (endpoint-settings.ts); default process.env.
   * With ZHIWEN_EMBED_URL set, `model` is the model name that server serves.
   */
  env?: NodeJS.ProcessEnv;
}

/**
 * The configured embedder: `none` when no model is named (ZHIWEN_EMBED_MODEL unset or "none"); an
 * OpenAI-compatible embeddings server when ZHIWEN_EMBED_URL is set; otherwise a transformers.js model
 * from a hub id or a local folder. transformers.js (onnxruntime) is loaded only then: importing this
 * folder costs a lexical-only API process nothing (it would add ~0.3 s and ~33 MiB).
 */
export async function openEmbedder(model: string | undefined, options: OpenEmbedderOptions = {}): Promise<Embedder> {
  if (!model || model === 'none') return noneEmbedder;
  const { env = process.env, ...transformers } = options;
  const endpoint = endpointOptionsFromEnv({ ...env, ZHIWEN_EMBED_MODEL: model });
  if (endpoint) {
    const { createOpenAIEmbedder } = await import('./openai-embedder');
    return createOpenAIEmbedder({ ...endpoint, batchSize: endpoint.batchSize ?? options.batchSize });
  }
  const { createTransformersEmbedder } = await import('./transformers-embedder');
  return createTransformersEmbedder({ ...transformers, model });
}
