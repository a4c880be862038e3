import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { env, pipeline, type FeatureExtractionPipeline } from '@huggingface/transformers';
import { ZhiwenError } from '../errors';
import { BGE_ZH_QUERY_INSTRUCTION, MODEL_ID_PATTERN, type EmbedKind, type Embedder } from './embedder';

export interface TransformersEmbedderOptions {
  /** Hub id (e.g. "BAAI/bge-small-zh-v1.5", downloaded once to the cache) or a local model folder. */
  model: string;
  /** Texts per forward pass; default 16, range 1–256. Larger batches are faster until memory runs out. */
  batchSize?: number;
  /** Prepended to queries, never to passages; default bge-zh's instruction; '' for none. */
  queryInstruction?: string;
  /** Pooling of the last hidden state; default 'cls' (bge); 'mean' for sentence-transformers models. */
  pooling?: 'cls' | 'mean';
  /** Weights: 'fp32' (onnx/model.onnx, default), 'q8' (model_quantized.onnx), 'fp16'. */
  dtype?: 'fp32' | 'q8' | 'fp16';
}

function isLocalFolder(model: string): boolean {
  if (path.isAbsolute(model) || model.startsWith('.')) return true;
  return existsSync(model) && statSync(model).isDirectory();
}

/**
 * Loads a transformers.js feature-extraction model on the CPU (onnxruntime-node). A local folder
 * turns remote downloads off (`env.allowRemoteModels = false`): nothing is fetched behind your back.
 */
export async function createTransformersEmbedder(options: TransformersEmbedderOptions): Promise<Embedder> {
  const batchSize = options.batchSize ?? 16;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 256) {
    throw new ZhiwenError(
      'BAD_EMBED_OPTION',
      `embedding batchSize must be an integer from 1 to 256, got ${batchSize}`,
    );
  }
  const instruction = options.queryInstruction ?? BGE_ZH_QUERY_INSTRUCTION;
  const pooling = options.pooling ?? 'cls';
  let modelName = options.model;
  let id = options.model;
  if (isLocalFolder(options.model)) {
    const folder = path.resolve(options.model);
    env.allowRemoteModels = false;
    env.allowLocalModels = true;
    env.localModelPath = `${path.dirname(folder)}${path.sep}`;
    modelName = path.basename(folder);
    id = modelName;
  }
  if (!MODEL_ID_PATTERN.test(id)) {
    throw new ZhiwenError(
      'BAD_EMBED_OPTION',
      `embedding model id "${id}" may use letters, digits and . _ / : @ + - only`,
    );
  }
  let extractor: FeatureExtractionPipeline;
  try {
    // Typed through a narrow signature: pipeline()'s own overloads are too large for the checker.
    const load = pipeline as unknown as (
      task: 'feature-extraction',
      model: string,
      o: { dtype: string },
    ) => Promise<FeatureExtractionPipeline>;
    extractor = await load('feature-extraction', modelName, { dtype: options.dtype ?? 'fp32' });
  } catch (err) {
    throw new ZhiwenError(
      'EMBED_MODEL_UNAVAILABLE',
      `cannot load the embedding model "${options.model}": ${(err as Error).message}. ` +
        'Give ZHIWEN_EMBED_MODEL a hub id, or a folder holding config.json, tokenizer.json and onnx/model.onnx.',
    );
  }

  async function run(texts: string[]): Promise<Float32Array[]> {
    const output = await extractor(texts, { pooling, normalize: true });
    const [n, d] = output.dims as number[];
    const data = output.data as Float32Array;
    return Array.from({ length: n }, (_, i) => data.slice(i * d, (i + 1) * d));
  }

  const dimensions = (await run(['维度']))[0].length;
  return {
    id,
    dimensions,
    async embed(texts: string[], { kind }: { kind: EmbedKind }): Promise<Float32Array[]> {
      const inputs = kind === 'query' && instruction ? texts.map((t) => instruction + t) : texts;
      // Similar lengths share a batch, so little compute goes to padding; results return in order.
      const order = inputs.map((_, i) => i).sort((a, b) => inputs[a].length - inputs[b].length);
      const out: Float32Array[] = new Array(inputs.length);
      for (let start = 0; start < order.length; start += batchSize) {
        const slice = order.slice(start, start + batchSize);
        const vectors = await run(slice.map((i) => inputs[i]));
        slice.forEach((i, j) => (out[i] = vectors[j]));
      }
      return out;
    },
    async close() {
      await extractor.dispose();
    },
  };
}
