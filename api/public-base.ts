import type { FastifyRequest } from 'fastify';
import { ZhiwenError } from '../library/errors';

/**
 * The API's public origin, which document links are made absolute with (retrieval/documents
 * `documentUrl`): the widget runs on other sites' pages, where a root-relative /d/12 would open on
 * the wrong host. Configured (ZHIWEN_PUBLIC_URL) when the service sits behind a proxy or a path
 * prefix; otherwise read from each request's protocol and Host.
 */
export type PublicBase = (request: FastifyRequest) => string;

/** A host[:port] as Fastify reads it from Host (or X-Forwarded-Host with trustProxy). */
const HOST = /^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * Validates `configured` once (an http(s) URL, e.g. https://zhiwen.example or https://www.gov.cn/zhiwen)
 * and returns the function routes call per request. Without it: protocol://host of the request;
 * a request with no usable Host gets '' (root-relative links).
 */
export function publicBaseFrom(configured: string | undefined): PublicBase {
  if (configured) {
    let url: URL;
    try {
      url = new URL(configured);
    } catch {
      url = new URL('invalid:');
    }
    if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.search || url.hash) {
      throw new ZhiwenError('BAD_PUBLIC_URL', `ZHIWEN_PUBLIC_URL must be an http(s) URL without query, like https://zhiwen.example; got "${configured}"`);
    }
    const fixed = `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
    return () => fixed;
  }
  return (request) => (HOST.test(request.host) ? `${request.protocol}://${request.host.toLowerCase()}` : '');
}
