/** The HTTP part of the bench: each endpoint under load, with the server's memory sampled. */
import { runLoad } from './load';
import type { LoadResult } from './load';
import { sampleRss } from './rss';
import type { RssSummary } from './rss';

/** Endpoint templates; {q} is replaced by a URL-encoded real query. The lead may adjust the params. */
export const DEFAULT_ENDPOINTS: Record<string, string> = {
  search: '/v1/search?q={q}',
  suggest: '/v1/suggest?q={q}',
  ask: '/v1/ask?q={q}',
};

export interface HttpBenchOptions {
  baseUrl: string;
  queries: string[];
  endpoints?: Record<string, string>;
  concurrency: number;
  durationMs: number;
  maxRequests?: number;
  /** Server process to sample RSS from (when the harness started it). */
  serverPid?: number;
}

export interface HttpBenchResult {
  endpoint: string;
  template: string;
  concurrency: number;
  load: LoadResult;
  serverRss: RssSummary | null;
}

export async function benchHttp(o: HttpBenchOptions): Promise<HttpBenchResult[]> {
  const out: HttpBenchResult[] = [];
  for (const [endpoint, template] of Object.entries(o.endpoints ?? DEFAULT_ENDPOINTS)) {
    // For suggest, a prefix of each query is what a user has typed so far.
    const paths = o.queries.map((q) => template.replace('{q}', encodeURIComponent(endpoint === 'suggest' ? [...q].slice(0, 4).join('') : q)));
    const sampler = o.serverPid ? sampleRss(o.serverPid) : null;
    const load = await runLoad({ baseUrl: o.baseUrl, paths, concurrency: o.concurrency, durationMs: o.durationMs, maxRequests: o.maxRequests });
    out.push({ endpoint, template, concurrency: o.concurrency, load, serverRss: sampler ? await sampler.stop() : null });
  }
  return out;
}
