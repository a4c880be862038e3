import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { promisify } from 'node:util';
import { brotliDecompress, gunzip, inflate, inflateRaw } from 'node:zlib';
import { BlockedAddressError, checkUrlHost, guardedLookup, NO_ALLOWANCE, type HostAllowance } from './address-guard';

export interface FetchOptions {
  userAgent: string;
  /** Whole request, body included, in ms. */
  timeoutMs: number;
  /** Largest body accepted, in bytes. */
  maxBytes: number;
  /**
   * Hosts and ranges the operator allows although they are internal (loopback, private, link-local…);
   * default none: every internal address is refused.
   */
  allowance?: HostAllowance;
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

/** A fetch that could not finish: it timed out, the body was too large, the network failed, or the address is refused. */
export class FetchFailure extends Error {
  constructor(
    readonly url: string,
    message: string,
  ) {
    super(message);
    this.name = 'FetchFailure';
  }
}

/** The URL's host is, or resolves to, an address the crawler does not connect to (see address-guard). */
export class RefusedAddress extends FetchFailure {
  constructor(url: string, cause: BlockedAddressError) {
    super(url, cause.message);
    this.name = 'RefusedAddress';
  }
}

const ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const DECODERS: Record<string, (input: Buffer, o: { maxOutputLength: number }) => Promise<Buffer>> = {
  gzip: promisify(gunzip),
  'x-gzip': promisify(gunzip),
  br: promisify(brotliDecompress),
  // "deflate" should be zlib-wrapped, but some servers send it raw: the first byte tells which.
  deflate: (input, o) => ((input[0] & 0x0f) === 8 ? promisify(inflate)(input, o) : promisify(inflateRaw)(input, o)),
};

/**
 * GET with a timeout and a size cap (on the decoded body too); redirects are returned, not followed, so
 * the caller checks their scope and every hop is fetched, and checked, again. Internal addresses are
 * refused (RefusedAddress) unless `options.allowance` lets them through: an IP literal before the
 * request, a DNS name inside the socket's lookup, which is the address actually connected to.
 */
export async function fetchPage(url: string, options: FetchOptions): Promise<FetchedResponse> {
  const target = new URL(url);
  const allowance = options.allowance ?? NO_ALLOWANCE;
  try {
    checkUrlHost(target, allowance);
  } catch (err) {
    throw err instanceof BlockedAddressError ? new RefusedAddress(url, err) : err;
  }
  const signal = AbortSignal.timeout(options.timeoutMs);
  try {
    const res = await send(target, options, allowance, signal);
    const headers = Object.fromEntries(
      Object.entries(res.headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(', ') : (v ?? '')]),
    );
    const base = { url, status: res.statusCode ?? 0, headers, contentType: headers['content-type'] ?? null };
    if (base.status >= 300 && base.status < 400 && headers.location) {
      res.destroy();
      return { ...base, bytes: new Uint8Array(0), location: new URL(headers.location, url).toString() };
    }
    const declared = Number(headers['content-length']);
    if (Number.isFinite(declared) && declared > options.maxBytes) {
      res.destroy();
      throw new FetchFailure(url, `larger than the ${options.maxBytes}-byte cap (Content-Length ${declared}): skipped`);
    }
    const raw = await readCapped(res, options.maxBytes, url, signal);
    return { ...base, bytes: await decode(raw, headers['content-encoding'], options.maxBytes, url) };
  } catch (err) {
    if (err instanceof FetchFailure) throw err;
    if (err instanceof BlockedAddressError) throw new RefusedAddress(url, err);
    throw new FetchFailure(url, describeFetchError(err, options, signal));
  }
}

function send(target: URL, options: FetchOptions, allowance: HostAllowance, signal: AbortSignal): Promise<IncomingMessage> {
  const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(target, {
      method: 'GET',
      signal,
      lookup: guardedLookup(allowance),
      // No pooled sockets: a kept-alive connection skips the lookup, and so the address check.
      agent: false,
      headers: { 'user-agent': options.userAgent, accept: ACCEPT, 'accept-encoding': 'gzip, deflate, br' },
    });
    req.on('response', resolve);
    req.on('error', reject);
    req.end();
  });
}

async function readCapped(res: IncomingMessage, maxBytes: number, url: string, signal: AbortSignal): Promise<Buffer> {
  // The request's signal ends the socket; a body that stalls after the headers needs it too.
  const onAbort = () => res.destroy(signal.reason as Error);
  signal.addEventListener('abort', onAbort, { once: true });
  const parts: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of res as AsyncIterable<Buffer>) {
      total += chunk.byteLength;
      if (total > maxBytes) {
        res.destroy();
        throw new FetchFailure(url, `larger than the ${maxBytes}-byte cap: skipped`);
      }
      parts.push(chunk);
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
  if (signal.aborted) throw signal.reason;
  return Buffer.concat(parts, total);
}

/** Undoes Content-Encoding (last applied first), capping the decoded size as well: a small gzip can expand hugely. */
async function decode(raw: Buffer, encoding: string | undefined, maxBytes: number, url: string): Promise<Uint8Array> {
  const codings = (encoding ?? '').toLowerCase().split(',').map((c) => c.trim()).filter((c) => c && c !== 'identity');
  let body = raw;
  for (const coding of codings.reverse()) {
    const decoder = DECODERS[coding];
    if (!decoder) throw new FetchFailure(url, `Content-Encoding "${coding}" is not supported: skipped`);
    try {
      body = await decoder(body, { maxOutputLength: maxBytes });
    } catch (err) {
      if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
        throw new FetchFailure(url, `larger than the ${maxBytes}-byte cap once decoded: skipped`);
      throw new FetchFailure(url, `body not valid ${coding}: ${(err as Error).message}`);
    }
  }
  return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
}

function describeFetchError(err: unknown, options: FetchOptions, signal: AbortSignal): string {
  const e = err as Error & { code?: string; cause?: { code?: string; message?: string } };
  if (signal.aborted || e?.name === 'TimeoutError' || e?.name === 'AbortError')
    return `no complete answer within ${options.timeoutMs} ms: timed out`;
  const cause = e?.code ?? e?.cause?.code ?? e?.cause?.message;
  return `request failed: ${e?.message ?? String(err)}${cause && !e?.message?.includes(cause) ? ` (${cause})` : ''}`;
}
