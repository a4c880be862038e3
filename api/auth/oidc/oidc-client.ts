import * as oidc from 'openid-client';
import type { OidcIdentity } from '../../../library/accounts';
import { ZhiwenError, zhiwenError } from '../../../library/errors';
import { isLoopbackHttp, type OidcSettings } from './oidc-settings';

/** What a started sign-in must remember until its callback. */
export interface StartedLogin {
  url: URL;
  state: string;
  nonce: string;
  codeVerifier: string;
}

/**
 * The relying party (openid-client): authorization code with PKCE (S256), a state and a nonce per
 * sign-in, the ID token's signature, issuer, audience, expiry and nonce checked by openid-client.
 * The provider's metadata is discovered on first use and kept; a failed discovery is retried next time.
 */
export class OidcClient {
  private config?: Promise<oidc.Configuration>;

  constructor(readonly settings: OidcSettings) {}

  private configuration(): Promise<oidc.Configuration> {
    const { issuer, clientId, clientSecret } = this.settings;
    this.config ??= oidc
      .discovery(new URL(issuer), clientId, undefined, oidc.ClientSecretBasic(clientSecret), {
        execute: isLoopbackHttp(issuer) ? [oidc.allowInsecureRequests] : [],
        timeout: 10,
      })
      .catch((err: unknown) => {
        this.config = undefined;
        throw zhiwenError('OIDC_PROVIDER_UNAVAILABLE', issuer, err instanceof Error ? err.message : String(err));
      });
    return this.config;
  }

  /** The provider's authorization URL for a new sign-in, with its state, nonce and PKCE verifier. */
  async start(): Promise<StartedLogin> {
    const config = await this.configuration();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: this.settings.redirectUrl, scope: 'openid profile', response_type: 'code',
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier), code_challenge_method: 'S256', state, nonce,
    });
    return { url, state, nonce, codeVerifier };
  }

  /**
   * Exchanges the callback's code and verifies the ID token; `query` is the callback's query string.
   * Any failure (the provider's error, a wrong state or nonce, a bad token) is OIDC_LOGIN_INVALID.
   */
  async finish(query: string, expected: { state: string; nonce: string; codeVerifier: string }): Promise<OidcIdentity> {
    const config = await this.configuration();
    const current = new URL(this.settings.redirectUrl);
    current.search = query;
    try {
      const tokens = await oidc.authorizationCodeGrant(config, current, {
        pkceCodeVerifier: expected.codeVerifier, expectedState: expected.state, expectedNonce: expected.nonce, idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (!claims?.sub) throw new Error('the ID token names no subject');
      return {
        subject: claims.sub,
        preferredUsername: typeof claims.preferred_username === 'string' ? claims.preferred_username : undefined,
        name: typeof claims.name === 'string' ? claims.name : undefined,
      };
    } catch (err) {
      if (err instanceof ZhiwenError) throw err;
      throw new ZhiwenError('OIDC_LOGIN_INVALID', `the unified identity sign-in was refused (${reasonOf(err)}); start again`);
    }
  }
}

/** The provider's error, or what openid-client found wrong (with its cause: which claim, e.g. the nonce). */
function reasonOf(err: unknown): string {
  if (err instanceof oidc.AuthorizationResponseError) return `the provider answered ${err.error}${err.error_description ? `: ${err.error_description}` : ''}`;
  if (!(err instanceof Error)) return String(err);
  return err.cause instanceof Error && err.cause.message !== err.message ? `${err.message}: ${err.cause.message}` : err.message;
}
