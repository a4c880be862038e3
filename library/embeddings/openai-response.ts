import { ZhiwenError } from '../errors';

const badResponse = (endpoint: string, what: string) =>
  new ZhiwenError(
    'EMBED_BAD_RESPONSE',
    `embedding server ${endpoint} answered ${what}: is ZHIWEN_EMBED_URL an OpenAI-compatible embeddings server?`,
  );

/** A float array or base64 of little-endian float32s (`encoding_format: "base64"` servers). */
function toVector(raw: unknown): Float32Array | null {
  if (Array.isArray(raw)) {
    const v = Float32Array.from(raw as number[]);
    return v.every(Number.isFinite) && raw.every((x) => typeof x === 'number') ? v : null;
  }
  if (typeof raw === 'string') {
    const bytes = Buffer.from(raw, 'base64');
    if (bytes.length % 4 !== 0) return null;
    return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
  }
  return null;
}

/** L2-normalised copy (the Embedder contract), so cosine = dot product whatever the server does. */
function normalise(v: Float32Array): Float32Array {
  let norm = 0;
  for (const x of v) norm += x * x;
  norm = Math.sqrt(norm);
  if (norm === 0) return v;
  return v.map((x) => x / norm);
}

/**
 * The vectors of an OpenAI embeddings reply (`{ data: [{ index, embedding }] }`), in input order
 * (by `index`; servers may answer out of order), each normalised. Anything else fails naming what came.
 */
export function parseEmbeddingsResponse(body: unknown, expected: number, endpoint: string): Float32Array[] {
  const data = (body as { data?: unknown } | null)?.data;
  if (!Array.isArray(data)) throw badResponse(endpoint, `without a "data" array (${JSON.stringify(body).slice(0, 200)})`);
  if (data.length !== expected) throw badResponse(endpoint, `${data.length} embeddings for ${expected} inputs`);
  const out: Float32Array[] = new Array(expected);
  data.forEach((item: { index?: unknown; embedding?: unknown }, i) => {
    const index = typeof item?.index === 'number' ? item.index : i;
    const vector = toVector(item?.embedding);
    if (!vector || vector.length === 0) throw badResponse(endpoint, `an embedding that is not a list of numbers at index ${index}`);
    if (!Number.isInteger(index) || index < 0 || index >= expected || out[index]) {
      throw badResponse(endpoint, `a missing or repeated index ${String(index)}`);
    }
    out[index] = normalise(vector);
  });
  return out;
}
