export interface FetchOptions {
  userAgent: string;
  /** Whole request, body included, in ms. */
  timeoutMs: number;
  /** Largest body accepted, in bytes. */
  maxBytes: number;
}

/** One HTTP response: a page, an error page, or a redirect (then `location` is set and `bytes` empty). */
export interface FetchedResponse {
  url: string;
  status: number;
  /** Response headers, names in lower case. `content-type` carries the charset for decoding. */
  headers: Record<string, string>;
  contentType: string | null;
  bytes: Uint8Array;
  /** Absolute target of a 3xx redirect. */
  location?: string;
}

/** A fetch that could not finish: it timed out, the body was too large, or the network failed. */
export class FetchFailure extends Error {
  constructor(
    readonly url: string,
    message: string,
  ) {
    super(message);
    this.name = 'FetchFailure';
  }
}

/** GET with a timeout and a size cap; redirects are returned, not followed, so the caller checks their scope. */
export async function fetchPage(url: string, options: FetchOptions): Promise<FetchedResponse> {
  const signal = AbortSignal.timeout(options.timeoutMs);
  let res: Response;
  try {
    res = await fetch(url, {
      redirect: 'manual',
      signal,
      headers: {
        'user-agent': options.userAgent,
        accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
      },
    });
  } catch (err) {
    throw new FetchFailure(url, describeFetchError(err, options));
  }
  const headers = Object.fromEntries([...res.headers].map(([k, v]) => [k.toLowerCase(), v]));
  const base = { url, status: res.status, headers, contentType: headers['content-type'] ?? null };
  if (res.status >= 300 && res.status < 400 && headers.location) {
    await res.body?.cancel().catch(() => undefined);
    return { ...base, bytes: new Uint8Array(0), location: new URL(headers.location, url).toString() };
  }
  const declared = Number(headers['content-length']);
  if (Number.isFinite(declared) && declared > options.maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    throw new FetchFailure(
      url,
      `larger than the ${options.maxBytes}-byte cap (Content-Length ${declared}): skipped`,
    );
  }
  try {
    return { ...base, bytes: await readCapped(res, options.maxBytes, url) };
  } catch (err) {
    if (err instanceof FetchFailure) throw err;
    throw new FetchFailure(url, describeFetchError(err, options));
  }
}

async function readCapped(res: Response, maxBytes: number, url: string): Promise<Uint8Array> {
  if (!res.body) return new Uint8Array(0);
  const reader = res.body.getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new FetchFailure(url, `larger than the ${maxBytes}-byte cap: skipped`);
    }
    parts.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.byteLength;
  }
  return out;
}

function describeFetchError(err: unknown, options: FetchOptions): string {
  const e = err as Error & { cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError')
    return `no complete answer within ${options.timeoutMs} ms: timed out`;
  const cause = e?.cause?.code ?? e?.cause?.message;
  return `request failed: ${e?.message ?? String(err)}${cause ? ` (${cause})` : ''}`;
}
