// The console's one way to the API: HTTP with the login session as `Authorization: Bearer zs_…`
// (api/auth/credentials.ts). The token lives in sessionStorage: one tab, gone when the browser closes.
const TOKEN_KEY = 'zhiwen.console.token';

/** An error the API answered: `{ error: { code, message, details? } }` (api/error-handler.ts). */
export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly details?: Record<string, unknown>) {
    super(message);
  }
}

export type Query = Record<string, string | number | boolean | null | undefined | Array<string | number>>;

export interface Api {
  get<T>(path: string, query?: Query): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
  put<T>(path: string, body?: unknown): Promise<T>;
  patch<T>(path: string, body?: unknown): Promise<T>;
  del<T>(path: string): Promise<T>;
  /** Sends a raw body (a CSV or XLSX file) with its content type. */
  upload<T>(path: string, body: Blob | string, contentType: string): Promise<T>;
  /** GETs a file (an export) as a Blob with the filename the API suggested. */
  download(path: string, query?: Query): Promise<{ blob: Blob; filename: string }>;
  /** The signed-in session's token, or null. */
  token(): string | null;
  setToken(token: string | null): void;
}

export function queryString(query: Query = {}): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) v.forEach((x) => p.append(k, String(x)));
    else p.set(k, String(v));
  }
  const s = p.toString();
  return s ? `?${s}` : '';
}

/**
 * `onUnauthorized` runs when the API answers 401 (session expired, logged out elsewhere): the shell
 * shows the login page again. `base` is the API's origin ('' = the page's own, as served at /console).
 */
export function createApi(onUnauthorized: (err: ApiError) => void, base = ''): Api {
  let token: string | null = sessionStorage.getItem(TOKEN_KEY);

  async function send(method: string, path: string, body?: BodyInit, contentType?: string): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    if (contentType) headers['content-type'] = contentType;
    let res: Response;
    try {
      res = await fetch(base + path, { method, headers, body });
    } catch {
      throw new ApiError(0, 'NETWORK', '无法连接服务，请检查网络后重试');
    }
    if (res.ok) return res;
    const parsed = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string; details?: Record<string, unknown> } } | null;
    const err = new ApiError(res.status, parsed?.error?.code ?? `HTTP_${res.status}`, parsed?.error?.message ?? `请求失败（${res.status}）`, parsed?.error?.details);
    if (res.status === 401 && path !== '/v1/auth/login') onUnauthorized(err);
    throw err;
  }
  const json = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await send(method, path, body === undefined ? undefined : JSON.stringify(body), body === undefined ? undefined : 'application/json');
    return (res.status === 204 ? null : await res.json()) as T;
  };
  return {
    get: (path, query) => json('GET', path + queryString(query)),
    post: (path, body) => json('POST', path, body ?? {}),
    put: (path, body) => json('PUT', path, body ?? {}),
    patch: (path, body) => json('PATCH', path, body ?? {}),
    del: (path) => json('DELETE', path),
    upload: async (path, body, contentType) => (await send('POST', path, body, contentType)).json(),
    async download(path, query) {
      const res = await send('GET', path + queryString(query));
      const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'download';
      return { blob: await res.blob(), filename: name };
    },
    token: () => token,
    setToken(t) {
      token = t;
      if (t) sessionStorage.setItem(TOKEN_KEY, t);
      else sessionStorage.removeItem(TOKEN_KEY);
    },
  };
}

/** Saves a Blob as a file through a temporary link. */
export function saveFile(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
