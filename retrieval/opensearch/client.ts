import { zhiwenError } from '../../library/errors';

/**
 * The slice of OpenSearch's REST API the backend uses, over fetch: JSON requests and the bulk API.
 * Kept this small on purpose (STYLE: depend on the smallest slice of a driver); the official client
 * `@opensearch-project/opensearch` can replace it behind the same two methods.
 */
export interface OpenSearchClient {
  /** One JSON request; resolves to the parsed body, throws SEARCH_BACKEND_FAILED on a status outside `ok`. */
  request<T = unknown>(method: string, path: string, body?: unknown, ok?: readonly number[]): Promise<{ status: number; body: T }>;
  /** The bulk API: NDJSON lines in, the per-item results out. */
  bulk(lines: readonly unknown[]): Promise<BulkResponse>;
  /** Several searches in one request (`/<index>/_msearch`): header and body lines in, one response per search out. */
  msearch<T = unknown>(index: string, lines: readonly unknown[]): Promise<{ responses: T[] }>;
}

export interface BulkItem {
  status: number;
  error?: { type: string; reason: string };
}

export interface BulkResponse {
  errors: boolean;
  items: Array<Record<string, BulkItem>>;
}

/** A client for the node at `url` (e.g. http://127.0.0.1:9200). */
export function openSearchClient(url: string, options: { timeoutMs?: number } = {}): OpenSearchClient {
  const base = url.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 30_000;
  const send = async <T>(method: string, path: string, body: string | undefined, type: string, ok: readonly number[]) => {
    let res: Response;
    try {
      res = await fetch(base + path, {
        method, body, headers: body === undefined ? {} : { 'content-type': type }, signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      throw zhiwenError('SEARCH_BACKEND_UNAVAILABLE', base, (err as Error).message);
    }
    const text = await res.text();
    if (res.status >= 300 && !ok.includes(res.status)) throw zhiwenError('SEARCH_BACKEND_FAILED', `${method} ${path}`, res.status, text.slice(0, 300));
    return { status: res.status, body: (text ? JSON.parse(text) : {}) as T };
  };
  return {
    request: (method, path, body, ok = []) => send(method, path, body === undefined ? undefined : JSON.stringify(body), 'application/json', ok),
    bulk: async (lines) => (await send<BulkResponse>('POST', '/_bulk', ndjson(lines), 'application/x-ndjson', [])).body,
    msearch: async <T>(index: string, lines: readonly unknown[]) =>
      (await send<{ responses: T[] }>('POST', `/${encodeURIComponent(index)}/_msearch`, ndjson(lines), 'application/x-ndjson', [])).body,
  };
}

const ndjson = (lines: readonly unknown[]): string => lines.map((l) => JSON.stringify(l)).join('\n') + '\n';

/** True when a node answers at `url` within `timeoutMs` (tests skip without one). */
export async function openSearchReachable(url: string, timeoutMs = 1500): Promise<boolean> {
  try {
    const res = await fetch(`${url.replace(/\/+$/, '')}/_cluster/health`, { signal: AbortSignal.timeout(timeoutMs) });
    return res.ok;
  } catch {
    return false;
  }
}
