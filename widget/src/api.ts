import type { ErrorResponse } from './types';

/** A failed call, with the message a citizen should read (Chinese, says what to do). */
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

/** What to tell a citizen for a failed call. */
export function citizenMessage(status: number, code: string): string {
  if (code === 'EMPTY_QUERY') return '请输入要搜索的内容。';
  // The site key's refusals (api/site-keys): the page's setup is wrong, not the reader's input.
  if (code === 'ORIGIN_NOT_ALLOWED') return '本网站未获授权使用此搜索服务（站点密钥不允许当前网址），请联系网站管理员。';
  if (code === 'SITE_KEY_REQUIRED') return '搜索框缺少站点密钥（site-key），暂时无法使用，请联系网站管理员。';
  if (code === 'SITE_KEY_INVALID') return '搜索框的站点密钥无效或已停用，请联系网站管理员更新设置。';
  if (code === 'SITE_KEY_SCOPE') return '搜索框的设置超出了站点密钥允许的范围，请联系网站管理员。';
  if (code === 'CITIZEN_TOKEN_INVALID') return '您的登录状态已过期，请刷新页面或重新登录后再试。';
  if (status === 0) return '网络连接失败，请检查网络后重试。';
  if (status === -1) return '服务响应超时，请稍后重试。';
  if (status === 429) return '访问过于频繁，请稍等一分钟后再试。';
  if (status === 404) return '未找到该服务或站点，请联系网站管理员检查搜索框的设置。';
  if (status === 413) return '输入的内容太长，请精简后重试。';
  if (status >= 400 && status < 500) return '请求有误，请修改输入内容后重试。';
  if (code === 'BAD_RESPONSE') return '服务返回了无法识别的内容，请稍后重试。';
  return '服务暂时不可用，请稍后重试。';
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

  constructor(base: string, private readonly credentials: ClientCredentials = {}) {
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
      if (timeout.signal.aborted) throw new ApiError(-1, 'TIMEOUT', citizenMessage(-1, 'TIMEOUT'));
      throw new ApiError(0, 'NETWORK', citizenMessage(0, 'NETWORK'));
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
      throw new ApiError(res.status, code, citizenMessage(res.status, code));
    }
    return res;
  }

  async json<T>(path: string, o: RequestOptions = {}): Promise<T> {
    const res = await this.request(path, o);
    try {
      return (await res.json()) as T;
    } catch (err) {
      if (o.signal?.aborted) throw err;
      throw new ApiError(res.status, 'BAD_RESPONSE', citizenMessage(res.status, 'BAD_RESPONSE'));
    }
  }
}

export const isAbort = (err: unknown): boolean => err instanceof DOMException && err.name === 'AbortError';
