import { MESSAGES, type Messages } from './i18n';
import type { ErrorResponse } from './types';

/** A failed call, with the message a citizen should read (in the widget's language, says what to do). */
export class ApiError extends Error {
  constructor(
    /** HTTP status; 0 = the network failed (offline, CORS, DNS), -1 = timed out. */
    readonly status: number,
    /** The API's error code (EMPTY_QUERY, NOT_FOUND, …) or NETWORK / TIMEOUT / BAD_RESPONSE. */
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** What to tell a citizen for a failed call, in the widget's language (says what to do). */
export function citizenMessage(status: number, code: string, m: Messages = MESSAGES['zh-Hans']): string {
  if (code === 'EMPTY_QUERY') return m.errEmptyQuery;
  // The site key's refusals (api/site-keys): the page's setup is wrong, not the reader's input.
  if (code === 'ORIGIN_NOT_ALLOWED') return m.errOriginNotAllowed;
  if (code === 'SITE_KEY_REQUIRED') return m.errSiteKeyRequired;
  if (code === 'SITE_KEY_INVALID') return m.errSiteKeyInvalid;
  if (code === 'SITE_KEY_SCOPE') return m.errSiteKeyScope;
  if (code === 'CITIZEN_TOKEN_INVALID') return m.errCitizenToken;
  if (status === 0) return m.errNetwork;
  if (status === -1) return m.errTimeout;
  if (status === 429) return m.errRateLimited;
  if (status === 404) return m.errNotFound;
  if (status === 413) return m.errTooLong;
  if (status >= 400 && status < 500) return m.errBadRequest;
  if (code === 'BAD_RESPONSE') return m.errBadResponse;
  return m.errUnavailable;
}

export interface RequestOptions {
  method?: 'GET' | 'POST';
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  accept?: string;
  signal?: AbortSignal;
  /** Abort after this many ms; default 15000. */
  timeoutMs?: number;
}

/** What the host page gave the widget to send with its calls. */
export interface ClientCredentials {
  /** The site's public key (site-key attribute): sent as X-Zhiwen-Key on every call. */
  siteKey?: string;
  /** The signed-in citizen's token from the site's backend (citizen-token attribute): sent with questions and feedback (POST). */
  citizenToken?: string;
}

/** The API's base URL (ending in /) and fetch with the widget's error handling. */
export class ApiClient {
  readonly base: string;

  constructor(
    base: string,
    private readonly credentials: ClientCredentials = {},
    /** The catalogue its error messages come from (the widget's language). */
    readonly messages: Messages = MESSAGES['zh-Hans'],
  ) {
    this.base = base.endsWith('/') ? base : `${base}/`;
  }

  private headers(o: RequestOptions): Record<string, string> {
    const { siteKey, citizenToken } = this.credentials;
    return {
      accept: o.accept ?? 'application/json',
      ...(o.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(siteKey ? { 'x-zhiwen-key': siteKey } : {}),
      ...(citizenToken && o.method === 'POST' ? { 'x-zhiwen-citizen': citizenToken } : {}),
    };
  }

  url(path: string, query: RequestOptions['query'] = {}): string {
    const url = new URL(path.replace(/^\//, ''), this.base);
    for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') url.searchParams.set(k, String(v));
    return url.href;
  }

  /** The raw response of a successful (2xx) call; throws ApiError otherwise. The caller's abort rethrows as AbortError. */
  async request(path: string, o: RequestOptions = {}): Promise<Response> {
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), o.timeoutMs ?? 15_000);
    const onAbort = () => timeout.abort();
    o.signal?.addEventListener('abort', onAbort);
    let res: Response;
    try {
      res = await fetch(this.url(path, o.query), {
        method: o.method ?? 'GET',
        headers: this.headers(o),
        body: o.body === undefined ? undefined : JSON.stringify(o.body),
        signal: timeout.signal,
        credentials: 'omit',
        mode: 'cors',
      });
    } catch (err) {
      if (o.signal?.aborted) throw err;
      if (timeout.signal.aborted) throw new ApiError(-1, 'TIMEOUT', citizenMessage(-1, 'TIMEOUT', this.messages));
      throw new ApiError(0, 'NETWORK', citizenMessage(0, 'NETWORK', this.messages));
    } finally {
      clearTimeout(timer);
      o.signal?.removeEventListener('abort', onAbort);
    }
    if (!res.ok) {
      let code = `HTTP_${res.status}`;
      try {
        const body = (await res.json()) as Partial<ErrorResponse>;
        code = body.error?.code ?? code;
      } catch {
        // Not our JSON (a proxy's error page): the status says enough.
      }
      throw new ApiError(res.status, code, citizenMessage(res.status, code, this.messages));
    }
    return res;
  }

  async json<T>(path: string, o: RequestOptions = {}): Promise<T> {
    const res = await this.request(path, o);
    try {
      return (await res.json()) as T;
    } catch (err) {
      if (o.signal?.aborted) throw err;
      throw new ApiError(res.status, 'BAD_RESPONSE', citizenMessage(res.status, 'BAD_RESPONSE', this.messages));
    }
  }
}

export const isAbort = (err: unknown): boolean => err instanceof DOMException && err.name === 'AbortError';
