import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { accountForOidc, OIDC_LOGIN_MINUTES, openSession, savePendingOidcLogin, takePendingOidcLogin, type Actor } from '../../../library/accounts';
import { ZhiwenError, zhiwenError } from '../../../library/errors';
import type { Db } from '../../../library/store';
import { LOGIN } from '../../schemas/auth';
import { ERROR_RESPONSES, responds } from '../../schemas/common';
import { originOf } from '../request-context';
import type { OidcClient } from './oidc-client';

const tags = ['auth'];
/** Binds a sign-in to the browser that started it (a callback link sent to someone else fails: login CSRF). */
const BROWSER_COOKIE = 'zhiwen_oidc';

function cookieOf(request: FastifyRequest, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=') || undefined;
  }
  return undefined;
}

function setBrowserCookie(reply: FastifyReply, value: string, secure: boolean, maxAge: number): void {
  reply.header('set-cookie', `${BROWSER_COOKIE}=${value}; Path=/v1/auth/oidc; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`);
}

/** Where to send the browser after sign-in: a path on this server only (never another site: the token rides along). */
const RETURN_TO = { type: 'string', maxLength: 500, pattern: '^/(?![/\\\\])[^\\u0000-\\u001f#]*$' };

/**
 * GET /v1/auth/oidc/login redirects to the unified identity; GET /v1/auth/oidc/callback exchanges
 * the code, maps the subject to an account (library/accounts accountForOidc) and opens a Zhiwen
 * session exactly as password sign-in does. With `returnTo` the browser is sent there with the token
 * in the URL fragment (`#token=…&expiresAt=…`, never sent to a server); without it the answer is
 * the sign-in's JSON. Without settings both answer OIDC_NOT_CONFIGURED.
 */
export function registerOidcRoutes(app: FastifyInstance, db: Db, client: OidcClient | undefined): void {
  const secure = client ? new URL(client.settings.redirectUrl).protocol === 'https:' : true;
  const configured = (): OidcClient => {
    if (!client) throw zhiwenError('OIDC_NOT_CONFIGURED');
    return client;
  };

  app.get<{ Querystring: { returnTo?: string } }>('/v1/auth/oidc/login', {
    schema: {
      summary: 'Sign in through the unified identity (统一身份认证): redirects to the provider', tags,
      querystring: { type: 'object', additionalProperties: false, properties: { returnTo: RETURN_TO } },
      response: { 302: { type: 'null', description: 'to the provider\'s authorization endpoint' }, ...ERROR_RESPONSES },
    },
  }, async (request, reply) => {
    const started = await configured().start();
    const browser = randomBytes(32).toString('base64url');
    await savePendingOidcLogin(db, started.state, browser, { nonce: started.nonce, codeVerifier: started.codeVerifier, returnTo: request.query.returnTo ?? null });
    setBrowserCookie(reply, browser, secure, OIDC_LOGIN_MINUTES * 60);
    return reply.header('cache-control', 'no-store').redirect(started.url.href, 302);
  });

  app.get<{ Querystring: Record<string, string> }>('/v1/auth/oidc/callback', {
    schema: {
      summary: 'The provider sends the browser back here: the code is exchanged and a Zhiwen session opened', tags,
      querystring: { type: 'object', additionalProperties: { type: 'string', maxLength: 4096 }, properties: { state: { type: 'string', maxLength: 512 } } },
      response: { 303: { type: 'null', description: 'to returnTo, with #token=…&expiresAt=…' }, ...responds(LOGIN) },
    },
  }, async (request, reply) => {
    const oidc = configured();
    const state = request.query.state;
    const pending = state ? await takePendingOidcLogin(db, state, cookieOf(request, BROWSER_COOKIE)) : null;
    setBrowserCookie(reply, '', secure, 0);
    reply.header('cache-control', 'no-store');
    if (!pending) {
      throw new ZhiwenError('OIDC_LOGIN_INVALID', 'this sign-in is unknown, already used, older than 10 minutes, or was started in another browser; start again at GET /v1/auth/oidc/login');
    }
    const query = request.raw.url?.split('?')[1] ?? '';
    const identity = await oidc.finish(query, { state: state!, ...pending });
    const origin = originOf(request);
    const account = await accountForOidc(db, identity, {
      createUnknown: oidc.settings.createUnknownAccounts,
      actor: { kind: 'system', id: null, name: 'oidc just-in-time', address: origin.address, userAgent: origin.userAgent },
    });
    const actor: Actor = { kind: 'account', id: account.id, name: account.username, address: origin.address, userAgent: origin.userAgent };
    const session = await openSession(db, account.id, actor, 'oidc');
    if (!pending.returnTo) return session;
    const fragment = new URLSearchParams({ token: session.token, expiresAt: session.expiresAt });
    return reply.redirect(`${pending.returnTo}#${fragment.toString()}`, 303);
  });
}
